/*
** test_encoding.c: input in another encoding than UTF-8. A byte-order
** mark, an HTML page's <meta charset>, <meta http-equiv> or XML
** declaration, or the encoding option make precis read the bytes through
** iconv; every unit's offsets must still cut the caller's original bytes,
** and those bytes, decoded on their own, must be the unit's decoded text.
** Input that declares nothing and is not UTF-8 stays an error.
*/
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "suites.h"

/* [in, in + n) converted from `from` to `to` by iconv, malloc'ed, its
** length in *len; fails the test when iconv cannot */
static char *convert(const char *from, const char *to, const char *in, size_t n,
                     size_t *len) {
  iconv_t cd = iconv_open(to, from);
  size_t cap = 4 * n + 16, inl = n, outl = cap;
  char *out = malloc(cap), *pin = (char *)(uintptr_t)in, *pout = out;
  ck_assert_msg(cd != (iconv_t)-1, "iconv knows no %s -> %s", from, to);
  ck_assert_ptr_nonnull(out);
  ck_assert_msg(iconv(cd, &pin, &inl, &pout, &outl) != (size_t)-1,
                "%s -> %s: %s at byte %zu", from, to, strerror(errno), n - inl);
  ck_assert_msg(iconv(cd, NULL, NULL, &pout, &outl) != (size_t)-1, "%s: reset", to);
  iconv_close(cd);
  *len = cap - outl;
  return out;
}

/* UTF-8 text in `to`, after its byte-order mark when `mark` */
static char *encode(const char *to, int mark, const char *utf8, size_t *len) {
  size_t n = strlen(utf8);
  char *in = malloc(n + 4), *out;
  ck_assert_ptr_nonnull(in);
  memcpy(in, "\xEF\xBB\xBF", 3); /* U+FEFF, the mark in every encoding */
  memcpy(in + 3, utf8, n);
  out = convert("UTF-8", to, mark ? in : in + 3, mark ? n + 3 : n, len);
  free(in);
  return out;
}

static precis_summarizer *summarizer(precis_format format, const char *encoding) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_error err;
  ck_assert_int_eq(precis_options_new(&o, &err), PRECIS_OK);
  precis_options_set_format(o, format);
  ck_assert_msg(precis_options_set_encoding(o, encoding, &err) == PRECIS_OK, "%s: %s",
                encoding ? encoding : "NULL", err.message);
  s = t_summarizer(o);
  precis_options_free(o);
  return s;
}

/* Every unit of `r`: its span lies inside the `n` bytes, in order, and
** those bytes decoded from `enc` on their own are its decoded text; for
** plain text its text as read is that text too. Returns the number of
** units checked. */
static size_t check_units(const precis_result *r, const char *bytes, size_t n,
                          const char *enc, precis_format format, const char *title) {
  size_t i, last = 0, count = precis_result_count(r);
  for (i = 0; i < count; i++) {
    precis_sentence u = t_unit(r, i);
    size_t dlen = 0, want_len = 0, plen = 0;
    const char *dec = precis_result_decoded(r, i, &dlen), *plain;
    char *want;
    ck_assert_msg(u.start <= u.end && u.end <= n, "%s: unit %zu at [%zu, %zu) of %zu bytes",
                  title, i, u.start, u.end, n);
    ck_assert_msg(u.start >= last, "%s: unit %zu starts at %zu, before %zu", title, i,
                  u.start, last);
    last = u.start;
    ck_assert_msg(dec != NULL, "%s: unit %zu has no decoded text", title, i);
    want = convert(enc, "UTF-8", bytes + u.start, u.end - u.start, &want_len);
    ck_assert_msg(dlen == want_len && memcmp(dec, want, dlen) == 0,
                  "%s: unit %zu at [%zu, %zu) reads \"%.*s\", its bytes are \"%.*s\"", title,
                  i, u.start, u.end, (int)dlen, dec, (int)want_len, want);
    if (format == PRECIS_FORMAT_TEXT) {
      plain = precis_result_text(r, i, &plen);
      ck_assert_msg(plain != NULL && plen == dlen && memcmp(plain, dec, plen) == 0,
                    "%s: unit %zu read as \"%.*s\"", title, i, (int)plen, plain ? plain : "");
    }
    free(want);
  }
  return count;
}

/* the unit whose text as read starts with `prefix`, or (size_t)-1 */
static size_t find_plain(const precis_result *r, const char *prefix) {
  size_t i, k = strlen(prefix);
  for (i = 0; i < precis_result_count(r); i++) {
    size_t len = 0;
    const char *p = precis_result_text(r, i, &len);
    if (p != NULL && len >= k && memcmp(p, prefix, k) == 0) return i;
  }
  return (size_t)-1;
}

/* ---------------------------------------------------------------------
** Encodings read: declared, marked, or named by the caller
** --------------------------------------------------------------------- */

/* Texts written for these tests, in UTF-8 here, in their encoding when
** the test runs. */
static const char kestrel_fr[] =
  "Le caf\xC3\xA9 du port a rouvert ses portes lundi matin. Les p\xC3\xAA" "cheurs y "
  "prennent un cr\xC3\xA8me avant l'aube. La patronne, \xC3\x82g\xC3\xA9" "e de "
  "soixante ans, conna\xC3\xAEt chacun par son nom.\n";

static const char kestrel_cp1252[] = /* the euro sign, curly quotes, dashes */
  "The market stall sold apples at \xE2\x82\xAC" "2 a kilo on Saturday. "
  "\xE2\x80\x9CWe ran out by noon,\xE2\x80\x9D the grower said \xE2\x80\x94 "
  "and she meant it. Next week\xE2\x80\x99s harvest should be larger, "
  "weather permitting\xE2\x80\xA6 The town council plans a second stall.\n";

static const char kestrel_ru[] =
  "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82 \xD0\xB7\xD0\xB0\xD0\xBA\xD1\x80\xD0\xBE\xD1\x8E"
  "\xD1\x82 \xD0\xB2 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB5 \xD0\xBD\xD0\xB0 "
  "\xD1\x80\xD0\xB5\xD0\xBC\xD0\xBE\xD0\xBD\xD1\x82. \xD0\x9F\xD0\xBE\xD0\xB5\xD0\xB7"
  "\xD0\xB4\xD0\xB0 \xD0\xBF\xD0\xBE\xD0\xB9\xD0\xB4\xD1\x83\xD1\x82 \xD0\xBF\xD0\xBE "
  "\xD1\x81\xD1\x82\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBC\xD1\x83 \xD0\xBF\xD1\x83\xD1\x82"
  "\xD0\xB8. \xD0\xA0\xD0\xB0\xD0\xB1\xD0\xBE\xD1\x82\xD1\x8B \xD0\xB7\xD0\xB0\xD0\xB9"
  "\xD0\xBC\xD1\x83\xD1\x82 \xD1\x82\xD1\x80\xD0\xB8 \xD0\xBD\xD0\xB5\xD0\xB4\xD0\xB5"
  "\xD0\xBB\xD0\xB8.\n";

static const char kestrel_zh[] = /* three sentences, in simplified Chinese */
  "\xE6\xB8\xAF\xE5\x8F\xA3\xE5\xA4\xA7\xE6\xA1\xA5\xE4\xB8\x89\xE6\x9C\x88\xE5\x85"
  "\xB3\xE9\x97\xAD\xE7\xBB\xB4\xE4\xBF\xAE\xE3\x80\x82\xE5\xB8\x82\xE8\xAE\xAE\xE4"
  "\xBC\x9A\xE5\x91\xA8\xE4\xBA\x8C\xE5\xAE\xA3\xE5\xB8\x83\xE4\xBA\x86\xE8\xBF\x99"
  "\xE4\xB8\xAA\xE8\xAE\xA1\xE5\x88\x92\xE3\x80\x82\xE8\xA1\x8C\xE4\xBA\xBA\xE5\x8F"
  "\xAF\xE4\xBB\xA5\xE4\xB9\x98\xE6\xB8\xA1\xE8\xBD\xAE\xE8\xBF\x87\xE6\xB2\xB3\xE3"
  "\x80\x82\n";

static const char kestrel_ja[] = /* the same, in Japanese */
  "\xE6\xB8\xAF\xE3\x81\xAE\xE6\xA9\x8B\xE3\x81\xAF\xE4\xB8\x89\xE6\x9C\x88\xE3\x81"
  "\xAB\xE9\x96\x89\xE9\x8E\x96\xE3\x81\x95\xE3\x82\x8C\xE3\x82\x8B\xE3\x80\x82\xE5"
  "\xB8\x82\xE8\xAD\xB0\xE4\xBC\x9A\xE3\x81\x8C\xE7\x81\xAB\xE6\x9B\x9C\xE6\x97\xA5"
  "\xE3\x81\xAB\xE7\x99\xBA\xE8\xA1\xA8\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82\xE6\xAD"
  "\xA9\xE8\xA1\x8C\xE8\x80\x85\xE3\x81\xAF\xE8\x88\xB9\xE3\x81\xA7\xE6\xB8\xA1\xE3"
  "\x82\x8C\xE3\x82\x8B\xE3\x80\x82\n";

typedef struct enc_case {
  const char *title;
  precis_format format;
  const char *option;   /* the caller's encoding, or NULL */
  const char *head;     /* UTF-8 (ASCII) before the text: a declaration */
  const char *text;     /* UTF-8, written in `iconv` */
  const char *tail;     /* after it */
  const char *iconv;    /* the text's bytes, and each unit's, as iconv names them */
  int mark;             /* a byte-order mark before everything */
  const char *reported; /* precis_result_encoding */
  const char *plain;    /* a unit read as this (UTF-8) must be there */
} enc_case;

#define PAGE(charset_tag) "<!DOCTYPE html>\n<html><head>" charset_tag "<title>Harbour</title></head><body><p>"
#define PAGE_END "</p></body></html>\n"

static const enc_case cases[] = {
  {"latin1 named by the caller", PRECIS_FORMAT_TEXT, "latin1", "", kestrel_fr, "",
   "ISO-8859-1", 0, "windows-1252", "Le caf\xC3\xA9 du port"},
  {"ISO-8859-1 named by the caller", PRECIS_FORMAT_TEXT, "ISO-8859-1", "", kestrel_fr, "",
   "ISO-8859-1", 0, "windows-1252", "Les p\xC3\xAA" "cheurs"},
  {"windows-1252 named by the caller: euro, quotes, dashes", PRECIS_FORMAT_TEXT,
   "windows-1252", "", kestrel_cp1252, "", "WINDOWS-1252", 0, "windows-1252",
   "\xE2\x80\x9CWe ran out by noon,\xE2\x80\x9D the grower said \xE2\x80\x94 and she meant it."},
  {"windows-1252 in <meta charset>", PRECIS_FORMAT_HTML, NULL,
   PAGE("<meta charset=\"windows-1252\">"), kestrel_cp1252, PAGE_END, "WINDOWS-1252", 0,
   "windows-1252", "The market stall sold apples at \xE2\x82\xAC" "2 a kilo"},
  {"iso-8859-1 in <meta http-equiv> read as windows-1252", PRECIS_FORMAT_HTML, NULL,
   PAGE("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"),
   kestrel_cp1252, PAGE_END, "WINDOWS-1252", 0, "windows-1252",
   "Next week\xE2\x80\x99s harvest should be larger"},
  {"koi8-r in an XML declaration", PRECIS_FORMAT_HTML, NULL,
   "<?xml version=\"1.0\" encoding=\"koi8-r\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
   "<head><title>Most</title></head><body><p>", kestrel_ru, PAGE_END, "KOI8-R", 0, "koi8-r",
   "\xD0\x9F\xD0\xBE\xD0\xB5\xD0\xB7\xD0\xB4\xD0\xB0"},
  {"the page's declaration wins over the caller's", PRECIS_FORMAT_HTML, "koi8-r",
   PAGE("<meta charset='windows-1252'>"), kestrel_cp1252, PAGE_END, "WINDOWS-1252", 0,
   "windows-1252", "The town council plans"},
  {"a declaration iconv does not know: the caller's", PRECIS_FORMAT_HTML, "latin1",
   PAGE("<meta charset=\"x-no-such-charset\">"), kestrel_fr, PAGE_END, "ISO-8859-1", 0,
   "windows-1252", "La patronne"},
  {"UTF-16LE after its mark", PRECIS_FORMAT_TEXT, NULL, "", kestrel_cp1252, "",
   "UTF-16LE", 1, "utf-16le", "Next week\xE2\x80\x99s harvest"},
  {"UTF-16BE after its mark", PRECIS_FORMAT_TEXT, NULL, "", kestrel_fr, "",
   "UTF-16BE", 1, "utf-16be", "Les p\xC3\xAA" "cheurs"},
  {"UTF-16LE HTML after its mark, whatever it declares", PRECIS_FORMAT_HTML, "latin1",
   PAGE("<meta charset=\"iso-8859-1\">"), kestrel_ru, PAGE_END, "UTF-16LE", 1,
   "utf-16le", "\xD0\x9F\xD0\xBE\xD0\xB5\xD0\xB7\xD0\xB4\xD0\xB0"},
  {"UTF-32LE after its mark", PRECIS_FORMAT_TEXT, NULL, "", kestrel_zh, "",
   "UTF-32LE", 1, "utf-32le", "\xE8\xA1\x8C\xE4\xBA\xBA"},
  {"UTF-32BE after its mark", PRECIS_FORMAT_TEXT, NULL, "", kestrel_ja, "",
   "UTF-32BE", 1, "utf-32be", "\xE6\xAD\xA9\xE8\xA1\x8C"},
  {"GBK named gb2312 by the caller", PRECIS_FORMAT_TEXT, "gb2312", "", kestrel_zh, "",
   "GBK", 0, "gbk", "\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A"},
  {"Shift_JIS in <meta charset>", PRECIS_FORMAT_HTML, NULL,
   PAGE("<meta charset=\"Shift_JIS\">"), kestrel_ja, PAGE_END, "CP932", 0, "cp932",
   "\xE5\xB8\x82\xE8\xAD\xB0\xE4\xBC\x9A"},
  {"EUC-JP named by the caller", PRECIS_FORMAT_TEXT, "euc-jp", "", kestrel_ja, "",
   "EUC-JP", 0, "euc-jp", "\xE6\xB8\xAF\xE3\x81\xAE\xE6\xA9\x8B"},
};

/* the case's bytes: mark, then head + text + tail in its encoding */
static char *case_bytes(const enc_case *c, size_t *len) {
  size_t hl = strlen(c->head), tl = strlen(c->text), el = strlen(c->tail);
  char *utf8 = malloc(hl + tl + el + 1), *out;
  ck_assert_ptr_nonnull(utf8);
  memcpy(utf8, c->head, hl);
  memcpy(utf8 + hl, c->text, tl);
  memcpy(utf8 + hl + tl, c->tail, el + 1);
  out = encode(c->iconv, c->mark, utf8, len);
  free(utf8);
  return out;
}

START_TEST(enc_read) {
  const enc_case *c = &cases[_i];
  precis_summarizer *s = summarizer(c->format, c->option);
  size_t n, checked;
  char *bytes = case_bytes(c, &n);
  precis_result *r = t_run(s, bytes, n, 0);
  const char *enc = precis_result_encoding(r, 0);
  ck_assert_msg(enc != NULL && strcmp(enc, c->reported) == 0, "%s: read as %s, want %s",
                c->title, enc ? enc : "UTF-8", c->reported);
  ck_assert_msg(find_plain(r, c->plain) != (size_t)-1, "%s: no unit reads \"%s\"", c->title,
                c->plain);
  checked = check_units(r, bytes, n, c->iconv, c->format, c->title);
  ck_assert_msg(checked >= 3, "%s: %zu units", c->title, checked);
  ck_assert_msg(precis_result_selected_count(r) > 0, "%s: no summary", c->title);
  precis_result_free(r);
  /* segmentation alone reads the same */
  r = t_run(s, bytes, n, 1);
  check_units(r, bytes, n, c->iconv, c->format, c->title);
  precis_result_free(r);
  precis_summarizer_free(s);
  free(bytes);
}
END_TEST

/* The exact spans of a windows-1252 page: each sentence cuts the original
** bytes where its first character starts and its last ends. */
START_TEST(enc_cp1252_spans) {
  static const char page[] =
    "<html><head><meta charset=\"windows-1252\"></head><body>"
    "<p>The caf\xE9 opened at nine and served \x93hot\x94 coffee for \x80" "2 a cup. "
    "It closed at noon because the owner went fishing.</p>"
    "<p>Nobody complained about the early closing time that day.</p></body></html>";
  static const struct { const char *source, *decoded; } want[] = {
    {"The caf\xE9 opened at nine and served \x93hot\x94 coffee for \x80" "2 a cup.",
     "The caf\xC3\xA9 opened at nine and served \xE2\x80\x9Chot\xE2\x80\x9D coffee for "
     "\xE2\x82\xAC" "2 a cup."},
    {"It closed at noon because the owner went fishing.",
     "It closed at noon because the owner went fishing."},
    {"Nobody complained about the early closing time that day.",
     "Nobody complained about the early closing time that day."},
  };
  precis_summarizer *s = summarizer(PRECIS_FORMAT_HTML, NULL);
  precis_result *r = t_run(s, page, sizeof page - 1, 0);
  size_t k, i;
  ck_assert_str_eq(precis_result_encoding(r, 0), "windows-1252");
  for (k = 0; k < N_ELEMS(want); k++) {
    const char *at = strstr(page, want[k].source), *dec, *plain;
    size_t dlen = 0, plen = 0;
    precis_sentence u;
    ck_assert_ptr_nonnull(at);
    for (i = 0; i < precis_result_count(r); i++) {
      u = t_unit(r, i);
      if (u.kind == PRECIS_KIND_SENTENCE && u.start == (size_t)(at - page)) break;
    }
    ck_assert_msg(i < precis_result_count(r), "no sentence starts at byte %zu",
                  (size_t)(at - page));
    ck_assert_uint_eq(u.end, (size_t)(at - page) + strlen(want[k].source));
    dec = precis_result_decoded(r, i, &dlen);
    plain = precis_result_text(r, i, &plen);
    ck_assert(dlen == strlen(want[k].decoded) && memcmp(dec, want[k].decoded, dlen) == 0);
    ck_assert(plen == dlen && memcmp(plain, dec, plen) == 0);
  }
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* ---------------------------------------------------------------------
** Input read as UTF-8
** --------------------------------------------------------------------- */

/* A UTF-8 mark: the bytes are their own text, the mark before the first
** sentence. */
START_TEST(enc_utf8_mark) {
  static const char text[] = "\xEF\xBB\xBF" "Le caf\xC3\xA9 a rouvert lundi matin. "
                             "Les p\xC3\xAA" "cheurs y prennent un cr\xC3\xA8me.";
  precis_summarizer *s = summarizer(PRECIS_FORMAT_TEXT, "koi8-r");
  precis_result *r = t_run(s, text, sizeof text - 1, 0);
  precis_sentence u = t_unit(r, 0);
  size_t len;
  ck_assert_ptr_null(precis_result_encoding(r, 0));
  ck_assert_ptr_null(precis_result_decoded(r, 0, &len));
  ck_assert_uint_eq(u.start, 3);
  ck_assert(t_span_is(text, &u, "Le caf\xC3\xA9 a rouvert lundi matin."));
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* Valid UTF-8 beyond ASCII is UTF-8, whatever the page or the caller says;
** ASCII needs no conversion either. */
START_TEST(enc_utf8_wins) {
  static const char page[] =
    "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le caf\xC3\xA9 a rouvert "
    "lundi matin. Les p\xC3\xAA" "cheurs y prennent un cr\xC3\xA8me.</p></body></html>";
  static const char ascii[] = "The bridge will close in March. The ferry runs instead.";
  precis_summarizer *s = summarizer(PRECIS_FORMAT_HTML, "windows-1252");
  precis_result *r = t_run(s, page, sizeof page - 1, 0);
  size_t len;
  ck_assert_ptr_null(precis_result_encoding(r, 0));
  ck_assert(find_plain(r, "Le caf\xC3\xA9 a rouvert") != (size_t)-1);
  precis_result_free(r);
  precis_summarizer_free(s);
  s = summarizer(PRECIS_FORMAT_TEXT, "windows-1252");
  r = t_run(s, ascii, sizeof ascii - 1, 0);
  ck_assert_ptr_null(precis_result_encoding(r, 0));
  ck_assert_ptr_null(precis_result_decoded(r, 0, &len));
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* Not UTF-8 and nothing declared: an error at the first bad byte, and a
** <meta charset> of plain text (not HTML) declares nothing. */
START_TEST(enc_undeclared) {
  static const char text[] = "Le caf\xE9 a rouvert lundi matin. Les p\xEA" "cheurs y vont.";
  static const char meta[] = "<meta charset=\"latin1\"> Le caf\xE9 a rouvert lundi matin.";
  const char *inputs[2];
  size_t lens[2], k;
  precis_summarizer *s = summarizer(PRECIS_FORMAT_TEXT, NULL);
  inputs[0] = text;
  lens[0] = sizeof text - 1;
  inputs[1] = meta;
  lens[1] = sizeof meta - 1;
  for (k = 0; k < 2; k++) {
    precis_text doc = {inputs[k], lens[k], "cafe.txt"};
    precis_result *r = NULL;
    precis_error err;
    ck_assert_int_eq(precis_summarize(s, &doc, 1, &r, &err), PRECIS_EUTF8);
    ck_assert_ptr_null(r);
    ck_assert(err.has_offset);
    ck_assert_uint_eq(err.offset, (size_t)(strchr(inputs[k], '\xE9') - inputs[k]));
    ck_assert_str_eq(err.source, "cafe.txt");
  }
  precis_summarizer_free(s);
}
END_TEST

/* Names: WHATWG's labels, iconv's names, and a clear error for others. */
START_TEST(enc_names) {
  static const char *const known[] = {"utf-8", "UTF8", "latin1", "ISO-8859-1", "us-ascii",
                                      "windows-1252", "cp1252", "koi8-r", "KOI8-U",
                                      "shift_jis", "EUC-JP", "gb2312", "GB18030", "big5",
                                      "euc-kr", "utf-16le", " iso-8859-15 ", NULL, ""};
  static const char *const unknown[] = {"klingon-8", "utf-8//IGNORE", "latin1,utf-8",
                                        "x\ny", "abcdefghijabcdefghijabcdefghijabcdefghijabc"};
  precis_options *o = NULL;
  precis_error err;
  size_t k;
  ck_assert_int_eq(precis_options_new(&o, &err), PRECIS_OK);
  for (k = 0; k < N_ELEMS(known); k++)
    ck_assert_msg(precis_options_set_encoding(o, known[k], &err) == PRECIS_OK, "%s: %s",
                  known[k] ? known[k] : "NULL", err.message);
  for (k = 0; k < N_ELEMS(unknown); k++) {
    char want[128];
    ck_assert_int_eq(precis_options_set_encoding(o, unknown[k], &err), PRECIS_EINVAL);
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    snprintf(want, sizeof want, "unknown encoding '%s'", unknown[k]);
    ck_assert_str_eq(err.message, want);
  }
  ck_assert_int_eq(precis_options_set_encoding(NULL, "latin1", &err), PRECIS_EINVAL);
  precis_options_free(o);
}
END_TEST

/* Bytes the encoding cannot read are U+FFFD, one each, and the units
** around them still cut the original: 0x81 is no character of
** windows-1252, a lone lead byte none of Shift_JIS, a lone surrogate none
** of UTF-16 (two bytes, and the text after it stays in step). */
START_TEST(enc_unreadable) {
  static const char cp1252[] = "The stall sold apples \x81 on Saturday. It rained at noon.";
  static const char sjis[] = "\x89\xCD\x82\xCD\x81\x42\x82\xA0\x82\xA2\x81\x42\x82\x20";
  static const char u16[] = "\xFF\xFE" "T\0h\0e\0 \0e\0n\0d\0.\0 \0" "\x00\xD8"
                            " \0N\0o\0w\0 \0i\0t\0 \0r\0a\0i\0n\0s\0.\0";
  const struct { const char *bytes; size_t n; const char *enc, *iconv_name; } in[] = {
    {cp1252, sizeof cp1252 - 1, "windows-1252", NULL},
    {sjis, sizeof sjis - 1, "shift_jis", NULL},
    {u16, sizeof u16 - 1, NULL, NULL},
  };
  size_t k, i;
  for (k = 0; k < N_ELEMS(in); k++) {
    precis_summarizer *s = summarizer(PRECIS_FORMAT_TEXT, in[k].enc);
    precis_result *r = t_run(s, in[k].bytes, in[k].n, 1);
    size_t fffd = 0, last = 0;
    for (i = 0; i < precis_result_count(r); i++) {
      precis_sentence u = t_unit(r, i);
      size_t dlen = 0, b;
      const char *dec = precis_result_decoded(r, i, &dlen);
      ck_assert_ptr_nonnull(dec);
      ck_assert(u.start >= last && u.end <= in[k].n && u.start <= u.end);
      last = u.end;
      for (b = 0; b + 3 <= dlen; b++) fffd += memcmp(dec + b, "\xEF\xBF\xBD", 3) == 0;
    }
    ck_assert_msg(fffd == 1, "case %zu: %zu U+FFFD", k, fffd);
    ck_assert(find_plain(r, k == 0 ? "It rained" : k == 1 ? "\xE3\x81\x82"
                                                  : "The end. \xEF\xBF\xBD Now it rains.")
              != (size_t)-1);
    precis_result_free(r);
    precis_summarizer_free(s);
  }
}
END_TEST

/* Several documents, each in its own encoding, in one run. */
START_TEST(enc_documents) {
  size_t n0, n1, i;
  char *a = encode("UTF-16LE", 1, kestrel_fr, &n0);
  char *b = encode("ISO-8859-1", 0, kestrel_fr, &n1);
  precis_text docs[3];
  precis_summarizer *s = summarizer(PRECIS_FORMAT_TEXT, "latin1");
  precis_result *r = NULL;
  precis_error err;
  docs[0].data = a; docs[0].len = n0; docs[0].name = "a";
  docs[1].data = b; docs[1].len = n1; docs[1].name = "b";
  docs[2].data = kestrel_fr; docs[2].len = strlen(kestrel_fr); docs[2].name = "c";
  ck_assert_int_eq(precis_summarize(s, docs, 3, &r, &err), PRECIS_OK);
  ck_assert_str_eq(precis_result_encoding(r, 0), "utf-16le");
  ck_assert_str_eq(precis_result_encoding(r, 1), "windows-1252");
  ck_assert_ptr_null(precis_result_encoding(r, 2));
  ck_assert_ptr_null(precis_result_encoding(r, 3));
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    size_t dlen = 0, wl;
    const char *dec = precis_result_decoded(r, i, &dlen);
    char *want;
    if (u.doc == 2) {
      ck_assert_ptr_null(dec);
      continue;
    }
    want = convert(u.doc == 0 ? "UTF-16LE" : "ISO-8859-1", "UTF-8",
                   (u.doc == 0 ? a : b) + u.start, u.end - u.start, &wl);
    ck_assert(dec != NULL && dlen == wl && memcmp(dec, want, wl) == 0);
    free(want);
  }
  ck_assert_ptr_null(precis_result_decoded(r, precis_result_count(r), &i));
  precis_result_free(r);
  precis_summarizer_free(s);
  free(a);
  free(b);
}
END_TEST

/* Out of memory at every allocation of a run that converts, iconv's own
** included: PRECIS_ENOMEM or success, never a crash, and (under the
** sanitizers) nothing leaked. */
START_TEST(enc_out_of_memory) {
  const enc_case *c = &cases[_i];
  size_t n;
  char *bytes = case_bytes(c, &n);
  precis_text doc;
  unsigned long k;
  int ok = 0;
  doc.data = bytes;
  doc.len = n;
  doc.name = c->title;
  for (k = 1; !ok && k < 100000; k++) {
    precis_options *o = NULL;
    precis_summarizer *s = NULL;
    precis_result *r = NULL;
    precis_error err;
    precis_status st;
    t_alloc_fail(k);
    st = precis_options_new(&o, &err);
    if (st == PRECIS_OK) {
      precis_options_set_format(o, c->format);
      st = precis_options_set_encoding(o, c->option, &err);
    }
    if (st == PRECIS_OK) st = precis_summarizer_new(o, &s, &err);
    if (st == PRECIS_OK) st = precis_summarize(s, &doc, 1, &r, &err);
    t_alloc_fail(0);
    ck_assert_msg(st == PRECIS_OK || st == PRECIS_ENOMEM, "%s: allocation %lu failed: %s: %s",
                  c->title, k, precis_status_name(st), err.message);
    if (st == PRECIS_OK) {
      ck_assert_ptr_nonnull(r);
      ck_assert_str_eq(precis_result_encoding(r, 0), c->reported);
      ok = 1;
    }
    precis_result_free(r);
    precis_summarizer_free(s);
    precis_options_free(o);
  }
  ck_assert(ok);
  free(bytes);
}
END_TEST

Suite *encoding_suite(void) {
  Suite *s = suite_create("encoding");
  TCase *tc = tcase_create("read");
  tcase_add_loop_test(tc, enc_read, 0, (int)N_ELEMS(cases));
  tcase_add_test(tc, enc_cp1252_spans);
  tcase_add_test(tc, enc_utf8_mark);
  tcase_add_test(tc, enc_utf8_wins);
  tcase_add_test(tc, enc_undeclared);
  tcase_add_test(tc, enc_names);
  tcase_add_test(tc, enc_unreadable);
  tcase_add_test(tc, enc_documents);
  suite_add_tcase(s, tc);
  tc = tcase_create("oom");
  tcase_set_timeout(tc, 300);
  tcase_add_loop_test(tc, enc_out_of_memory, 3, 4);   /* <meta charset>, windows-1252 */
  tcase_add_loop_test(tc, enc_out_of_memory, 8, 9);   /* UTF-16LE */
  tcase_add_loop_test(tc, enc_out_of_memory, 14, 15); /* Shift_JIS, one character at a time */
  suite_add_tcase(s, tc);
  return s;
}
