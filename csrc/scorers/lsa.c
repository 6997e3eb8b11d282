/*
** lsa.c: latent semantic analysis after Steinberger & Jezek (2004): the
** term-by-sentence tf-idf matrix A is factored (A = U S V'), and a
** sentence scores by its length in the space of the strongest topics,
** sqrt(sum_k s_k^2 v_ik^2). The top singular vectors come from subspace
** iteration on A'A, applied through the sparse sentence vectors (never
** forming a dense matrix), then a Rayleigh-Ritz step with Jacobi's
** eigenvalue method on the small projected matrix. Fixed starting vectors
** and iteration counts keep it deterministic.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define LSA_MAX_DIMS 10
#define LSA_ITER 40
#define JACOBI_SWEEPS 50

/* Y = A'A X for the d columns of X at once (n x d, column-major), through
** Z = A X (d values per term, side by side): one pass over the sparse
** vectors serves every column, where a pass per column made d passes over
** data that outgrow the caches on large inputs. Each value is summed in
** the same order as column by column. */
static inline void gram_d(const precisI_run *run, const double *X, double *Y, double *Z,
                          const size_t d) {
  size_t i, k, a, n = run->ncand;
  double x[LSA_MAX_DIMS];
  memset(Z, 0, run->nterms * d * sizeof *Z);
  for (i = 0; i < n; i++) {
    for (a = 0; a < d; a++) x[a] = X[a * n + i];
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      double *z = Z + (size_t)run->vec[k].term * d, w = run->vec[k].w;
      for (a = 0; a < d; a++) z[a] += w * x[a];
    }
  }
  for (i = 0; i < n; i++) {
    double y[LSA_MAX_DIMS];
    for (a = 0; a < d; a++) y[a] = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      const double *z = Z + (size_t)run->vec[k].term * d;
      double w = run->vec[k].w;
      for (a = 0; a < d; a++) y[a] += w * z[a];
    }
    for (a = 0; a < d; a++) Y[a * n + i] = y[a];
  }
}

/* every input of more than a few sentences has all the dimensions: with
** d known the compiler unrolls the loops over them and pairs their
** values in vector registers (each one still summed alone, in order) */
static void gram(const precisI_run *run, const double *X, double *Y, double *Z, size_t d) {
  if (d == LSA_MAX_DIMS) gram_d(run, X, Y, Z, LSA_MAX_DIMS);
  else gram_d(run, X, Y, Z, d);
}

/* modified Gram-Schmidt on the d columns of V (n x d, column-major);
** a column that vanishes is left as zeros. Each pass that takes one
** column's share out also sums the next dot product (or the norm) from the
** values it leaves: the same sums in the same order, in half the passes. */
static void orthonormalise(double *V, size_t n, size_t d) {
  size_t a, b, i;
  for (a = 0; a < d; a++) {
    double *va = V + a * n, norm = 0, dot = 0;
    if (a == 0) {
      for (i = 0; i < n; i++) norm += va[i] * va[i];
    } else {
      for (i = 0; i < n; i++) dot += va[i] * V[i];
    }
    for (b = 0; b < a; b++) {
      const double *vb = V + b * n, *vn = V + (b + 1) * n;
      double next = 0;
      if (b + 1 < a) {
        for (i = 0; i < n; i++) {
          va[i] -= dot * vb[i];
          next += va[i] * vn[i];
        }
        dot = next;
      } else {
        for (i = 0; i < n; i++) {
          va[i] -= dot * vb[i];
          norm += va[i] * va[i];
        }
      }
    }
    norm = sqrt(norm);
    for (i = 0; i < n; i++) va[i] = norm > 1e-12 ? va[i] / norm : 0;
  }
}

/* Jacobi eigenvalues of the symmetric d x d matrix H (row-major, destroyed);
** eigenvectors in the columns of Q */
static void jacobi(double *H, double *Q, size_t d) {
  size_t p, q, r, sweep;
  for (p = 0; p < d; p++) for (q = 0; q < d; q++) Q[p * d + q] = p == q;
  for (sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
    double off = 0;
    for (p = 0; p < d; p++) for (q = p + 1; q < d; q++) off += H[p * d + q] * H[p * d + q];
    if (off < 1e-22) break;
    for (p = 0; p < d; p++)
      for (q = p + 1; q < d; q++) {
        double apq = H[p * d + q], theta, t, c, s;
        if (fabs(apq) < 1e-300) continue;
        theta = (H[q * d + q] - H[p * d + p]) / (2 * apq);
        t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
        c = 1 / sqrt(t * t + 1);
        s = t * c;
        for (r = 0; r < d; r++) { /* H = J' H J */
          double hrp = H[r * d + p], hrq = H[r * d + q];
          H[r * d + p] = c * hrp - s * hrq;
          H[r * d + q] = s * hrp + c * hrq;
        }
        for (r = 0; r < d; r++) {
          double hpr = H[p * d + r], hqr = H[q * d + r];
          H[p * d + r] = c * hpr - s * hqr;
          H[q * d + r] = s * hpr + c * hqr;
        }
        for (r = 0; r < d; r++) {
          double qrp = Q[r * d + p], qrq = Q[r * d + q];
          Q[r * d + p] = c * qrp - s * qrq;
          Q[r * d + q] = s * qrp + c * qrq;
        }
      }
  }
}

precis_status precisI_score_lsa(precisI_run *run, double *v) {
  size_t n = run->ncand, d = n < LSA_MAX_DIMS ? n : LSA_MAX_DIMS, i, a, b, it, keep;
  double *V = precisI_alloc(n * d, sizeof *V), *W = precisI_alloc(n * d, sizeof *W);
  double *z = precisI_alloc(run->nterms * d, sizeof *z);
  double H[LSA_MAX_DIMS * LSA_MAX_DIMS], Q[LSA_MAX_DIMS * LSA_MAX_DIMS];
  double lambda[LSA_MAX_DIMS], top = 0;
  size_t order[LSA_MAX_DIMS];
  if (!V || !W || !z) { free(V); free(W); free(z); return PRECIS_ENOMEM; }
  for (a = 0; a < d; a++) /* fixed, well-spread starting vectors */
    for (i = 0; i < n; i++) V[a * n + i] = a == 0 ? 1.0 : cos((double)(a * (i + 1)) * 1.3);
  orthonormalise(V, n, d);
  for (it = 0; it < LSA_ITER; it++) {
    double *x;
    gram(run, V, W, z, d);
    x = V; V = W; W = x; /* the product is the next basis */
    orthonormalise(V, n, d);
  }
  gram(run, V, W, z, d);
  for (a = 0; a < d; a++) /* H = V' (A'A) V */
    for (b = 0; b < d; b++) {
      double s = 0;
      for (i = 0; i < n; i++) s += V[a * n + i] * W[b * n + i];
      H[a * d + b] = s;
    }
  jacobi(H, Q, d);
  for (a = 0; a < d; a++) { lambda[a] = H[a * d + a] > 0 ? H[a * d + a] : 0; order[a] = a; }
  for (a = 1; a < d; a++) /* strongest topic first; insertion sort is stable */
    for (b = a; b > 0 && lambda[order[b]] > lambda[order[b - 1]]; b--) {
      size_t t = order[b]; order[b] = order[b - 1]; order[b - 1] = t;
    }
  if (d) top = sqrt(lambda[order[0]]);
  keep = (size_t)run->s->opt.lsa_dims;
  if (keep == 0) /* the topics at least half as strong as the first */
    for (keep = 0; keep < d && sqrt(lambda[order[keep]]) >= top / 2 && top > 0; keep++) {}
  if (keep > d) keep = d;
  for (i = 0; i < n; i++) {
    double s = 0;
    for (a = 0; a < keep; a++) {
      size_t col = order[a];
      double x = 0;
      for (b = 0; b < d; b++) x += V[b * n + i] * Q[b * d + col]; /* (V Q)_i,col */
      s += lambda[col] * x * x;
    }
    v[i] = sqrt(s);
  }
  free(V);
  free(W);
  free(z);
  return PRECIS_OK;
}
