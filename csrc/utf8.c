/*
** utf8.c: strict UTF-8 validation (RFC 3629), replacement of bad sequences
** by U+FFFD with an offset map back to the caller's bytes, decoding, and
** locale-free character classes from utf8proc's tables.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

/* Length of the valid sequence at s[i] (1..4), or 0 when it is invalid; on
** 0, *sub is the length of its maximal subpart (the bytes to replace, at
** least 1) and *why the reason. */
static size_t seqlen(const unsigned char *s, size_t len, size_t i,
                     size_t *sub, const char **why) {
  unsigned c = s[i];
  size_t n, k;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c < 0x80) return 1;
  if (c < 0xC2) {
    *sub = 1;
    *why = c < 0xC0 ? "unexpected continuation byte" : "overlong encoding";
    return 0;
  }
  if (c < 0xE0) n = 2;
  else if (c < 0xF0) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;       /* overlong */
    else if (c == 0xED) hi = 0x9F;  /* surrogates */
  } else if (c < 0xF5) {
    n = 4;
    if (c == 0xF0) lo = 0x90;       /* overlong */
    else if (c == 0xF4) hi = 0x8F;  /* above U+10FFFF */
  } else {
    *sub = 1;
    *why = "invalid byte";
    return 0;
  }
  for (k = 1; k < n; k++) {
    unsigned b;
    if (i + k >= len) {
      *sub = k;
      *why = "truncated sequence";
      return 0;
    }
    b = s[i + k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
      *sub = k;
      if (k == 1 && b >= 0x80 && b <= 0xBF)
        *why = c == 0xED ? "surrogate code point"
             : c == 0xF4 ? "code point above U+10FFFF" : "overlong encoding";
      else
        *why = "truncated sequence";
      return 0;
    }
  }
  return n;
}

size_t precisI_ascii_span(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  for (; n - i >= 8; i += 8) {
    uint64_t x;
    memcpy(&x, u + i, 8);
    if (x & UINT64_C(0x8080808080808080)) break;
  }
  while (i < n && u[i] < 0x80) i++;
  return i;
}

int precisI_utf8_check(const char *s, size_t len, size_t *bad,
                       const char **why) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, sub;
  while (i < len) {
    size_t n;
    if (u[i] < 0x80) { /* ASCII, most of most texts */
      i += precisI_ascii_span(s + i, len - i);
      continue;
    }
    n = seqlen(u, len, i, &sub, why);
    if (n == 0) {
      *bad = i;
      return 0;
    }
    i += n;
  }
  return 1;
}

void precisI_utf8_position(const char *s, size_t off, size_t *line,
                           size_t *col) {
  size_t i, l = 1, c = 1;
  for (i = 0; i < off; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b == '\n') { l++; c = 1; }
    else if ((b & 0xC0) != 0x80) c++;  /* count lead bytes only */
  }
  *line = l;
  *col = c;
}

size_t precisI_utf8_decode_mb(const char *s, size_t len, size_t i, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s + i;
  size_t avail = len - i;
  if (u[0] < 0x80) { *cp = u[0]; return 1; }
  if (u[0] < 0xE0 && avail >= 2) {
    *cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    return 2;
  }
  if (u[0] < 0xF0 && avail >= 3) {
    *cp = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) |
          (u[2] & 0x3F);
    return 3;
  }
  if (avail >= 4) {
    *cp = ((int32_t)(u[0] & 0x07) << 18) | ((int32_t)(u[1] & 0x3F) << 12) |
          ((int32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    return 4;
  }
  *cp = 0xFFFD; /* unreachable on validated text */
  return 1;
}

precis_status precisI_utf8_clean(const char *s, size_t len,
                                 precis_utf8_mode mode, precisI_source *out,
                                 precis_error *err) {
  const unsigned char *u = (const unsigned char *)s;
  size_t bad, i, o, nbad = 0, sub;
  const char *why = "";
  precisI_segs segs;
  memset(out, 0, sizeof *out);
  if (precisI_utf8_check(s, len, &bad, &why)) {
    out->text = s;
    out->len = len;
    return PRECIS_OK;
  }
  if (mode == PRECIS_UTF8_STRICT) {
    precisI_seterr(err, PRECIS_EUTF8, "invalid UTF-8 (%s)", why);
    if (err) {
      err->offset = bad;
      err->has_offset = 1;
      precisI_utf8_position(s, bad, &err->line, &err->column);
    }
    return PRECIS_EUTF8;
  }
  /* count bad sequences from the first one on, to size the copy */
  for (i = bad; i < len;) {
    size_t n = u[i] < 0x80 ? 1 : seqlen(u, len, i, &sub, &why);
    if (n == 0) { nbad++; i += sub; } else i += n;
  }
  if (nbad > (SIZE_MAX - len) / 3) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  out->owned = precisI_alloc(len + 2 * nbad + 1, 1);
  precisI_segs_init(&segs);
  if (out->owned == NULL || !precisI_vec_reserve(&segs.v, 2 * nbad + 2)) goto oom;
  memcpy(out->owned, s, bad);
  if (!precisI_segs_add(&segs, s, bad, 0, bad)) goto oom;
  for (i = o = bad; i < len;) {
    size_t n = u[i] < 0x80 ? 1 : seqlen(u, len, i, &sub, &why), from = i;
    while (n) { /* a run of valid text */
      memcpy(out->owned + o, s + i, n);
      i += n;
      o += n;
      n = i >= len ? 0 : u[i] < 0x80 ? 1 : seqlen(u, len, i, &sub, &why);
    }
    if (!precisI_segs_add(&segs, s + from, i - from, from, i - from)) goto oom;
    if (i >= len) break;
    memcpy(out->owned + o, "\xEF\xBF\xBD", 3);
    if (!precisI_segs_add(&segs, "\xEF\xBF\xBD", 3, i, sub)) goto oom;
    o += 3;
    i += sub;
  }
  if (!precisI_segs_finish(&segs)) goto oom;
  out->map = segs.v.p;
  out->nmap = segs.v.n;
  out->owned[o] = '\0';
  out->text = out->owned;
  out->len = o;
  return PRECIS_OK;
oom:
  precisI_vec_free(&segs.v);
  precisI_source_free(out);
  return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
}

void precisI_source_free(precisI_source *src) {
  free(src->owned);
  free(src->map);
  free(src->xowned);
  free(src->xmap);
  free(src->eowned);
  free(src->emap);
  precisI_lower_free(src->lower);
  memset(src, 0, sizeof *src);
}

/* ---------------------------------------------------------------------
** Character classes
** --------------------------------------------------------------------- */

int precisI_is_space_u(int32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return 1;
    default: return cp == 0x85 || cp == 0xFEFF || cp == 0x200B;
  }
}

int precisI_is_word_u(int32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
  }
}

int precisI_is_cjk(int32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xFF66 && cp <= 0xFF9F);
}

int precisI_is_upper_u(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
         utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int precisI_is_lower_u(int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int precisI_is_digit_u(int32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int precisI_in_capitals(const char *s, size_t n) {
  size_t i = 0, up = 0;
  while (i < n) {
    int32_t cp;
    i += precisI_utf8_decode(s, n, i, &cp);
    if (precisI_is_lower(cp)) return 0;
    if (precisI_is_upper(cp)) up++;
  }
  return up >= 2;
}

size_t precisI_roman(const char *s, size_t n) {
  size_t k = 0;
  while (k < n && (s[k] == 'i' || s[k] == 'v' || s[k] == 'x' ||
                   s[k] == 'I' || s[k] == 'V' || s[k] == 'X'))
    k++;
  return k;
}

#define FOLD_MAX 256 /* code points */

size_t precisI_utf8_fold(const char *w, size_t n, char *out, size_t cap) {
  /* one more than decomposing may fill: reencoding ends in a NUL */
  utf8proc_int32_t cps[FOLD_MAX + 1];
  const utf8proc_option_t how = UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE;
  utf8proc_ssize_t m;
  if (n == 0 || n > FOLD_MAX * 4) return 0;
  m = utf8proc_decompose((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, cps, FOLD_MAX, how);
  if (m <= 0 || m > FOLD_MAX) return 0;
  m = utf8proc_reencode(cps, m, how); /* composes, then UTF-8 in place */
  if (m <= 0 || (size_t)m > cap) return 0;
  memcpy(out, cps, (size_t)m);
  return (size_t)m;
}
