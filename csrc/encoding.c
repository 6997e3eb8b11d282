/*
** encoding.c: input in another encoding than UTF-8, read as UTF-8. A
** byte-order mark says UTF-8, UTF-16 or UTF-32 for any input; an HTML
** page may declare its charset (<meta charset>, <meta http-equiv
** content-type>, an XML declaration) in its first 1024 bytes, as browsers
** look for it; otherwise the caller's encoding option applies, and
** without one the input must be UTF-8. The conversion goes through
** glibc's iconv with names only (no locale), one character at a time or
** through a table for single-byte encodings, and keeps a map of runs
** (spans.c) from the UTF-8 text back to the caller's bytes, so that
** every offset in results still points into the original.
**
** Labels are read as the WHATWG Encoding Standard reads them where it
** matters: iso-8859-1 and us-ascii are windows-1252, shift_jis is
** Microsoft's (CP932), gb2312 is GBK, euc-kr is CP949, and a page that
** says utf-16 in a <meta> is UTF-8 (the meta was readable as ASCII).
** Bytes the encoding cannot read become U+FFFD, as in a browser, each
** standing for the bytes it replaced. A declaration that the bytes
** belie (valid UTF-8 with non-ASCII characters, declared as a legacy
** encoding, as servers and templates often get it wrong) is set aside.
*/
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* how far into an HTML page a declaration is looked for (WHATWG) */
#define PRESCAN 1024

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static int space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* [s, s + n) equals the lowercase `word`, case aside */
static int same(const char *s, size_t n, const char *word) {
  size_t k;
  for (k = 0; k < n; k++)
    if (word[k] == '\0' || lower(s[k]) != word[k]) return 0;
  return word[n] == '\0';
}

/* ---------------------------------------------------------------------
** Labels
** --------------------------------------------------------------------- */

static const struct { const char *label, *name; } aliases[] = {
  {"utf-8", "utf-8"}, {"utf8", "utf-8"}, {"unicode-1-1-utf-8", "utf-8"},
  {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"}, {"iso-8859-1", "windows-1252"},
  {"iso8859-1", "windows-1252"}, {"iso_8859-1", "windows-1252"}, {"latin1", "windows-1252"},
  {"l1", "windows-1252"}, {"cp1252", "windows-1252"}, {"windows-1252", "windows-1252"},
  {"x-cp1252", "windows-1252"}, {"ansi_x3.4-1968", "windows-1252"}, {"cp819", "windows-1252"},
  {"iso-8859-9", "windows-1254"}, {"latin5", "windows-1254"}, {"windows-1254", "windows-1254"},
  {"tis-620", "cp874"}, {"iso-8859-11", "cp874"}, {"windows-874", "cp874"},
  {"shift_jis", "cp932"}, {"shift-jis", "cp932"}, {"sjis", "cp932"}, {"x-sjis", "cp932"},
  {"ms_kanji", "cp932"}, {"windows-31j", "cp932"}, {"csshiftjis", "cp932"},
  {"gb2312", "gbk"}, {"gbk", "gbk"}, {"x-gbk", "gbk"}, {"cn-gb", "gbk"}, {"csgb2312", "gbk"},
  {"chinese", "gbk"}, {"euc-kr", "cp949"}, {"ks_c_5601-1987", "cp949"},
  {"windows-949", "cp949"}, {"korean", "cp949"}, {"big5", "big5-hkscs"},
  {"big5-hkscs", "big5-hkscs"}, {"x-x-big5", "big5-hkscs"}, {"cn-big5", "big5-hkscs"},
};

/* The iconv name for an encoding label (trimmed, at most 40 bytes of
** letters, digits and ".:_-"), into out; 0 when it is no label. */
static int resolve(const char *label, size_t n, char *out, size_t cap) {
  size_t k;
  while (n > 0 && space(label[0])) { label++; n--; }
  while (n > 0 && space(label[n - 1])) n--;
  if (n == 0 || n > 40 || n + 1 > cap) return 0;
  for (k = 0; k < n; k++) {
    char c = label[k];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '-' || c == '_' || c == '.' || c == ':'))
      return 0;
  }
  for (k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
    if (same(label, n, aliases[k].label)) {
      strcpy(out, aliases[k].name);
      return 1;
    }
  for (k = 0; k < n; k++) out[k] = lower(label[k]);
  out[n] = '\0';
  return 1;
}

static int is_utf8_name(const char *name) {
  return strcmp(name, "utf-8") == 0;
}

precis_status precisI_encoding_name(const char *label, char *out, size_t cap,
                                    precis_error *err) {
  iconv_t cd;
  if (label == NULL || !resolve(label, strlen(label), out, cap))
    return precisI_seterr(err, PRECIS_EINVAL, "unknown encoding '%.64s'", label ? label : "");
  if (is_utf8_name(out)) return PRECIS_OK;
  cd = iconv_open("UTF-8", out);
  if (cd == (iconv_t)-1)
    return precisI_seterr(err, errno == ENOMEM ? PRECIS_ENOMEM : PRECIS_EINVAL,
                          "unknown encoding '%.64s'", label);
  iconv_close(cd);
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** What the bytes declare
** --------------------------------------------------------------------- */

/* A byte-order mark: its length, and the encoding in name. A UTF-16 mark
** counts when an even number of bytes follows it, a UTF-32 mark when a
** multiple of four does: "\xFF\xFE" before text of another length is
** two bad bytes, not UTF-16. */
static size_t bom(const char *s, size_t n, const char **name) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) { *name = "utf-8"; return 3; }
  if (n >= 4 && n % 4 == 0 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
    *name = "utf-32le";
    return 4;
  }
  if (n >= 4 && n % 4 == 0 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
    *name = "utf-32be";
    return 4;
  }
  if (n >= 2 && n % 2 == 0 && u[0] == 0xFF && u[1] == 0xFE) { *name = "utf-16le"; return 2; }
  if (n >= 2 && n % 2 == 0 && u[0] == 0xFE && u[1] == 0xFF) { *name = "utf-16be"; return 2; }
  return 0;
}

/* An attribute of a tag at s[i] (WHATWG's "get an attribute", simply):
** its name and value, the position after it in *i; 0 at the tag's end. */
static int attribute(const char *s, size_t n, size_t *i, size_t *ns, size_t *nl,
                     size_t *vs, size_t *vl) {
  size_t k = *i;
  while (k < n && (space(s[k]) || s[k] == '/')) k++;
  if (k >= n || s[k] == '>') { *i = k; return 0; }
  *ns = k;
  while (k < n && !space(s[k]) && s[k] != '=' && s[k] != '>' && s[k] != '/') k++;
  *nl = k - *ns;
  while (k < n && space(s[k])) k++;
  *vs = *vl = 0;
  if (k < n && s[k] == '=') {
    k++;
    while (k < n && space(s[k])) k++;
    if (k < n && (s[k] == '"' || s[k] == '\'')) {
      char q = s[k++];
      *vs = k;
      while (k < n && s[k] != q) k++;
      *vl = k - *vs;
      if (k < n) k++;
    } else {
      *vs = k;
      while (k < n && !space(s[k]) && s[k] != '>') k++;
      *vl = k - *vs;
    }
  }
  *i = k;
  return 1;
}

/* "charset=NAME" inside a content-type value: NAME's span */
static int charset_in(const char *v, size_t n, size_t *s, size_t *l) {
  size_t k;
  for (k = 0; k + 7 <= n; k++) {
    size_t e;
    if (!same(v + k, 7, "charset")) continue;
    e = k + 7;
    while (e < n && space(v[e])) e++;
    if (e >= n || v[e] != '=') continue;
    e++;
    while (e < n && space(v[e])) e++;
    if (e < n && (v[e] == '"' || v[e] == '\'')) e++;
    *s = e;
    while (e < n && !space(v[e]) && v[e] != ';' && v[e] != '"' && v[e] != '\'') e++;
    *l = e - *s;
    return *l > 0;
  }
  return 0;
}

/* The charset an HTML page declares in its first 1024 bytes: an XML
** declaration at the start, or a <meta>; its label's span, or 0. */
static int declared(const char *s, size_t n, size_t *ls, size_t *ll) {
  size_t i = 0;
  if (n > PRESCAN) n = PRESCAN;
  if (n >= 5 && same(s, 5, "<?xml")) {
    const char *end = memchr(s, '>', n);
    size_t e = end ? (size_t)(end - s) : n, k;
    for (k = 5; k + 8 <= e; k++)
      if (same(s + k, 8, "encoding")) {
        size_t at = k, ns, nl, vs, vl;
        if (attribute(s, e, &at, &ns, &nl, &vs, &vl) && vl > 0) {
          *ls = vs;
          *ll = vl;
          return 1;
        }
      }
  }
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    if (lt == NULL) return 0;
    i = (size_t)(lt - s);
    if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
      size_t k = i + 2;
      while (k + 3 <= n && memcmp(s + k, "-->", 3) != 0) k++;
      i = k + 3;
      continue;
    }
    if (i + 6 <= n && same(s + i + 1, 4, "meta") && (space(s[i + 5]) || s[i + 5] == '/')) {
      size_t at = i + 5, ns, nl, vs, vl, cs = 0, cl = 0;
      int pragma = 0, got = 0;
      while (attribute(s, n, &at, &ns, &nl, &vs, &vl)) {
        if (same(s + ns, nl, "charset") && vl > 0 && !got) {
          *ls = vs;
          *ll = vl;
          got = 1;
        } else if (same(s + ns, nl, "http-equiv") && same(s + vs, vl, "content-type")) {
          pragma = 1;
        } else if (same(s + ns, nl, "content")) {
          size_t s0, l0;
          if (charset_in(s + vs, vl, &s0, &l0)) { cs = vs + s0; cl = l0; }
        }
      }
      if (got) return 1;
      if (pragma && cl > 0) { *ls = cs; *ll = cl; return 1; }
      i = at;
      continue;
    }
    { /* another tag: past its end */
      const char *gt = memchr(s + i, '>', n - i);
      i = gt ? (size_t)(gt - s) + 1 : n;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------------
** The conversion
** --------------------------------------------------------------------- */

typedef struct conv {
  precisI_vec text;  /* char: the UTF-8 text */
  precisI_segs map;
} conv;

static int emit(conv *c, const char *t, size_t n, size_t orig, size_t olen) {
  if (!precisI_vec_reserve(&c->text, c->text.n + n + 1)) return 0;
  memcpy((char *)c->text.p + c->text.n, t, n);
  c->text.n += n;
  return precisI_segs_add(&c->map, t, n, orig, olen);
}

/* A table of what each byte reads as, when the encoding reads every byte
** alone (a single-byte encoding); 0 when it does not. */
static int byte_table(iconv_t cd, char table[256][4], unsigned char lens[256]) {
  int b;
  for (b = 0; b < 256; b++) {
    char in = (char)b, *pin = &in, *pout = table[b];
    size_t inl = 1, outl = 4;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &pin, &inl, &pout, &outl) == (size_t)-1) {
      if (errno != EILSEQ) return 0; /* EINVAL: a byte that starts more */
      memcpy(table[b], "\xEF\xBF\xBD", 3);
      lens[b] = 3;
      continue;
    }
    if (inl != 0 || outl == 4) return 0; /* a byte that stands for nothing: state */
    lens[b] = (unsigned char)(4 - outl);
  }
  iconv(cd, NULL, NULL, NULL, NULL);
  return 1;
}

/* `unit`: the bytes a byte the encoding cannot read stands with (2 in
** UTF-16, 4 in UTF-32, else 1), so that the rest stays in step */
static precis_status convert(iconv_t cd, const char *s, size_t n, size_t from, size_t unit,
                             conv *c) {
  char tab[256][4];
  unsigned char lens[256];
  size_t i = from;
  if (byte_table(cd, tab, lens)) {
    while (i < n) {
      size_t e = i;
      while (e < n && (unsigned char)s[e] < 0x80 && lens[(unsigned char)s[e]] == 1 &&
             tab[(unsigned char)s[e]][0] == s[e])
        e++;
      if (e > i) { /* ASCII that reads as itself */
        if (!emit(c, s + i, e - i, i, e - i)) return PRECIS_ENOMEM;
        i = e;
        continue;
      }
      if (!emit(c, tab[(unsigned char)s[i]], lens[(unsigned char)s[i]], i, 1))
        return PRECIS_ENOMEM;
      i++;
    }
    return PRECIS_OK;
  }
  /* one character at a time: give iconv more bytes until it reads one */
  while (i < n) {
    size_t k, done = 0;
    for (k = 1; k <= 8 && i + k <= n; k++) {
      char out[32], *pin = (char *)(uintptr_t)(s + i), *pout = out;
      size_t inl = k, outl = sizeof out, r = iconv(cd, &pin, &inl, &pout, &outl);
      size_t used = k - inl, made = sizeof out - outl;
      if (r != (size_t)-1 || (errno == EINVAL && used > 0)) {
        if (used == 0) break; /* cannot be: nothing read, nothing said */
        if (made > 0 && !emit(c, out, made, i, used)) return PRECIS_ENOMEM;
        i += used; /* bytes that stand for nothing (a shift) leave a gap */
        done = 1;
        break;
      }
      if (errno == EINVAL) continue; /* the character goes on */
      break; /* EILSEQ: no character starts here */
    }
    if (!done) { /* a code unit the encoding cannot read */
      size_t w = n - i < unit ? n - i : unit;
      iconv(cd, NULL, NULL, NULL, NULL);
      if (!emit(c, "\xEF\xBF\xBD", 3, i, w)) return PRECIS_ENOMEM;
      i += w;
    }
  }
  return PRECIS_OK;
}

/* iconv from `name` to UTF-8, or (iconv_t)-1 with errno */
static iconv_t open_from(const char *name) { return iconv_open("UTF-8", name); }

/* ASCII bytes read as themselves in this encoding (all but UTF-16, UTF-32
** and the like) */
static int ascii_same(iconv_t cd) {
  int b, ok = 1;
  for (b = 0; b < 128 && ok; b++) {
    char in = (char)b, out[8], *pin = &in, *pout = out;
    size_t inl = 1, outl = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    ok = iconv(cd, &pin, &inl, &pout, &outl) != (size_t)-1 && inl == 0 &&
         outl == sizeof out - 1 && out[0] == (char)b;
  }
  iconv(cd, NULL, NULL, NULL, NULL);
  return ok;
}

precis_status precisI_decode(const precis_summarizer *sz, const char *s, size_t n,
                             precisI_source *src, const char **text, size_t *len,
                             precis_error *err) {
  const char *name = NULL;
  char buf[48];
  size_t from = bom(s, n, &name), ls, ll, bad, k;
  const char *why;
  iconv_t cd = (iconv_t)-1;
  int nomem = 0; /* an iconv_open that ran out: errno is read only after one */
  conv c;
  precis_status st;
  *text = s;
  *len = n;
  src->encoding[0] = '\0';
  if (from > 0) {
    if (is_utf8_name(name)) return PRECIS_OK; /* its mark reads as U+FEFF, white space */
    cd = open_from(name);
    nomem = cd == (iconv_t)-1 && errno == ENOMEM;
  } else { /* no mark: a declaration iconv knows, else the caller's encoding */
    if (sz->opt.format == PRECIS_FORMAT_HTML && declared(s, n, &ls, &ll) &&
        resolve(s + ls, ll, buf, sizeof buf)) {
      name = buf;
      if (same(name, strlen(name), "utf-16") || same(name, strlen(name), "utf-16le") ||
          same(name, strlen(name), "utf-16be"))
        name = "utf-8"; /* the page was readable as ASCII: it is no UTF-16 */
      if (is_utf8_name(name)) return PRECIS_OK;
      if ((cd = open_from(name)) == (iconv_t)-1 && errno == ENOMEM)
        return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    }
    if (cd == (iconv_t)-1 && sz->opt.encoding[0] != '\0') {
      name = sz->opt.encoding;
      cd = open_from(name);
      nomem = cd == (iconv_t)-1 && errno == ENOMEM;
    }
    if (cd == (iconv_t)-1 && !nomem) return PRECIS_OK; /* read as UTF-8 */
    if (cd != (iconv_t)-1 && precisI_utf8_check(s, n, &bad, &why)) {
      /* bytes that are UTF-8, and not only ASCII, are UTF-8 whatever is
      ** said; ASCII that the encoding reads as itself needs no copy */
      for (k = 0; k < n && (unsigned char)s[k] < 0x80; k++) {}
      if (k < n || ascii_same(cd)) {
        iconv_close(cd);
        return PRECIS_OK;
      }
    }
  }
  if (cd == (iconv_t)-1) {
    if (nomem) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    return PRECIS_OK; /* cannot be: iconv knows the names of the marks */
  }
  precisI_vec_init(&c.text, 1);
  precisI_segs_init(&c.map);
  st = convert(cd, s, n, from, /* a mark stands for nothing */
               strncmp(name, "utf-16", 6) == 0 || strncmp(name, "ucs-2", 5) == 0 ? 2
               : strncmp(name, "utf-32", 6) == 0 || strncmp(name, "ucs-4", 5) == 0 ? 4 : 1, &c);
  iconv_close(cd);
  if (st == PRECIS_OK && (!precisI_vec_reserve(&c.text, c.text.n + 1) ||
                          !precisI_segs_finish(&c.map)))
    st = PRECIS_ENOMEM;
  if (st != PRECIS_OK) {
    precisI_vec_free(&c.text);
    precisI_vec_free(&c.map.v);
    return precisI_seterr(err, st, "out of memory");
  }
  ((char *)c.text.p)[c.text.n] = '\0';
  src->eowned = c.text.p;
  src->emap = c.map.v.p;
  src->nemap = c.map.v.n;
  for (k = 0; name[k] != '\0' && k + 1 < sizeof src->encoding; k++) src->encoding[k] = name[k];
  src->encoding[k] = '\0';
  *text = src->eowned;
  *len = c.text.n;
  return PRECIS_OK;
}
