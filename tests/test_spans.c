/*
** test_spans.c: every unit's span is its own source. For every HTML and
** Markdown page in the repository, and for documents of random HTML and
** Markdown (nesting, entities, comments, CDATA, scripts, malformed tags,
** tables, NULs, CR LF, bad bytes read as U+FFFD), each unit must lie in
** the caller's bytes (0 <= start <= end <= len), units must come in
** order without overlapping, and every visible character of the unit's
** text must be found in its span in order, the first where the span
** starts and the last where it ends (as itself, as a character
** reference, or, for U+FFFD, as the byte it replaced).
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

/* ---------------------------------------------------------------------
** The check
** --------------------------------------------------------------------- */

static size_t utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static uint32_t decode(const char *s, size_t n, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t k = utf8_len(u[0]);
  uint32_t cp = k == 1 ? u[0] : k == 2 ? u[0] & 0x1F : k == 3 ? u[0] & 0x0F : u[0] & 0x07;
  size_t i;
  if (k > n) k = n;
  for (i = 1; i < k; i++) cp = (cp << 6) | (u[i] & 0x3F);
  *len = k;
  return cp;
}

/* white space, and combining marks (a reference may stand for a letter
** and a mark: "&NotEqualTilde;"), which the check passes over */
static int is_space(uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x20D0 && cp <= 0x20FF) || cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x85 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

static int alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The bytes at s[p] that stand for the character c (cn bytes, code
** point cp): itself, a character reference ("&...", the rest of which the
** search skips), or, for U+FFFD, any one byte; 0 when they do not.
** *loose is set when the match may be followed by the rest of a
** reference or of a replaced sequence. */
static size_t match_at(const char *s, size_t n, size_t p, const char *c, size_t cn,
                       uint32_t cp, int *loose) {
  *loose = 0;
  if (s[p] == '&' && p + 1 < n && (alnum(s[p + 1]) || s[p + 1] == '#')) {
    *loose = 1;
    return 1;
  }
  if (p + cn <= n && memcmp(s + p, c, cn) == 0) return cn;
  if (cp == 0xFFFD) {
    *loose = 1;
    return 1;
  }
  return 0;
}

/* Checks the units of r against text; returns NULL, or what is wrong
** (in msg). */
static const char *check_units(const char *text, size_t len, const precis_result *r,
                               char *msg, size_t cap) {
  size_t i, prev_end = 0;
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u;
    size_t plen, k, p, q, m = 0, last = 0, lastn = 0;
    const char *plain, *t = text, *dec;
    size_t a, b, dlen = 0;
    int loose = 0, any = 0;
    precis_result_get(r, i, &u);
    if (!(u.start <= u.end && u.end <= len)) {
      snprintf(msg, cap, "unit %zu has span %zu..%zu in %zu bytes", i, u.start, u.end, len);
      return msg;
    }
    if (u.start < prev_end) {
      snprintf(msg, cap, "unit %zu (%zu..%zu) starts before unit %zu ends (%zu)", i,
               u.start, u.end, i - 1, prev_end);
      return msg;
    }
    prev_end = u.end;
    /* a document in another encoding: its bytes there, read as UTF-8 */
    a = u.start;
    b = u.end;
    if ((dec = precis_result_decoded(r, i, &dlen)) != NULL) {
      t = dec;
      a = 0;
      b = dlen;
    }
    plain = precis_result_text(r, i, &plen);
    if (plain == NULL) {
      plain = t + a;
      plen = b - a;
    }
    for (k = 0; k < plen; k += lastn) { /* the last visible character */
      uint32_t cp = decode(plain + k, plen - k, &lastn);
      if (!is_space(cp)) { last = k; any = 1; }
    }
    if (!any) continue;
    p = a;
    for (k = 0; k < plen;) {
      size_t cn;
      uint32_t cp = decode(plain + k, plen - k, &cn);
      if (is_space(cp)) { k += cn; continue; }
      if (k == last) break;
      if (p == a) { /* the span starts with the first character */
        q = p;
        m = p < b ? match_at(t, b, p, plain + k, cn, cp, &loose) : 0;
      } else {
        for (q = p; q < b; q++)
          if ((m = match_at(t, b, q, plain + k, cn, cp, &loose)) > 0) break;
      }
      if (m == 0 || q >= b) {
        snprintf(msg, cap, "unit %zu [%.*s]: the character at %zu of [%.*s] is %s", i,
                 (int)(b - a), t + a, k, (int)plen, plain,
                 p == a ? "not where the span starts" : "not in the span");
        return msg;
      }
      p = q + m;
      k += cn;
    }
    { /* the span ends with the last character */
      uint32_t cp = decode(plain + last, plen - last, &lastn);
      int ok = 0;
      for (q = b; q > p || (q == p && q == a);) {
        size_t e;
        q--;
        if ((m = match_at(t, b, q, plain + last, lastn, cp, &loose)) == 0) continue;
        if (p == a && q != a) continue; /* one character: from the start */
        e = q + m;
        if (loose)
          while (e < b && (alnum(t[e]) || t[e] == ';' || t[e] == '#' ||
                               ((unsigned char)t[e] & 0xC0) == 0x80))
            e++;
        if (e == b) { ok = 1; break; }
        if (q == 0) break;
      }
      if (!ok) {
        snprintf(msg, cap, "unit %zu [%.*s] does not end with the last character of [%.*s]",
                 i, (int)(b - a), t + a, (int)plen, plain);
        return msg;
      }
    }
  }
  return NULL;
}

/* Segments one document and checks its units; returns 0 when precis
** refused it (invalid UTF-8 in strict mode). */
static int check_doc(const char *what, const char *text, size_t len, precis_format fmt,
                     precis_utf8_mode mode) {
  precis_options *o = NULL;
  precis_summarizer *s = NULL;
  precis_result *r = NULL;
  precis_error err;
  precis_text doc;
  precis_status st;
  char msg[1024];
  const char *bad;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_format(o, fmt);
  precis_options_set_utf8_mode(o, mode);
  ck_assert_int_eq(precis_summarizer_new(o, &s, &err), PRECIS_OK);
  precis_options_free(o);
  doc.data = text;
  doc.len = len;
  doc.name = what;
  st = precis_segment(s, &doc, 1, &r, &err);
  if (st == PRECIS_EUTF8 && mode == PRECIS_UTF8_STRICT) {
    precis_summarizer_free(s);
    return 0;
  }
  ck_assert_msg(st == PRECIS_OK, "%s: %s", what, err.message);
  if ((bad = check_units(text, len, r, msg, sizeof msg)) != NULL) {
    const char *dump = getenv("PRECIS_SPANS_DUMP"); /* a folder for failing inputs */
    char path[1024];
    FILE *f;
    if (snprintf(path, sizeof path, "%.400s/%.400s", dump ? dump : "", what) < 0) path[0] = 0;
    f = dump && strchr(what, '/') == NULL ? fopen(path, "wb") : NULL;
    if (f) {
      fwrite(text, 1, len, f);
      fclose(f);
    }
  }
  ck_assert_msg(bad == NULL, "%s: %s", what, bad);
  precis_result_free(r);
  precis_summarizer_free(s);
  return 1;
}

/* ---------------------------------------------------------------------
** Every page of the repository
** --------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static size_t check_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t done = 0;
  if (d == NULL) return 0;
  while ((e = readdir(d)) != NULL) {
    char path[512];
    precis_format fmt;
    char *buf;
    size_t n;
    if (ends_with(e->d_name, ".html") || ends_with(e->d_name, ".htm"))
      fmt = PRECIS_FORMAT_HTML;
    else if (ends_with(e->d_name, ".md"))
      fmt = PRECIS_FORMAT_MARKDOWN;
    else
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    buf = t_read(path, &n);
    check_doc(path, buf, n, fmt, PRECIS_UTF8_REPLACE);
    free(buf);
    done++;
  }
  closedir(d);
  return done;
}

START_TEST(spans_fixtures) {
  size_t n = check_dir("spec/fixtures/formats") + check_dir("eval/web") +
             check_dir("eval/html");
  ck_assert_uint_ge(n, 4);
}
END_TEST

/* ---------------------------------------------------------------------
** Random documents
** --------------------------------------------------------------------- */

/* PRECIS_SPANS_CASES=N runs N documents of each kind instead of 1500,
** PRECIS_SPANS_SEED=S other documents */
static size_t cases(void) {
  const char *v = getenv("PRECIS_SPANS_CASES");
  return v && atol(v) > 0 ? (size_t)atol(v) : 1500;
}

static uint64_t seed(uint64_t s) {
  const char *v = getenv("PRECIS_SPANS_SEED");
  return v ? s ^ (uint64_t)atol(v) * 0x9E3779B97F4A7C15ULL : s;
}

typedef struct rng { uint64_t s; } rng;

static uint32_t next(rng *r) {
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static const char *pick(rng *r, const char *const *list, size_t n) {
  return list[next(r) % n];
}

typedef struct buf { char *p; size_t n, cap; } buf;

static void put(buf *b, const char *s, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2;
    b->p = realloc(b->p, b->cap);
    ck_assert_ptr_nonnull(b->p);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static const char *const words[] = {
  "The", "harbour", "bridge", "closes.", "Crews", "will", "replace", "it!", "Why?",
  "U.S.", "Dr.", "3.5", "caf\xC3\xA9", "na\xC3\xAFve", "Stra\xC3\x9F" "e.",
  "\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82", "\xE2\x80\x9CQuote.\xE2\x80\x9D", "(aside)", "-",
  "\xE2\x80\x94", "end.", "ferry", "Monday,", "2024.", "x", "\xF0\x9F\x98\x80", "a.m.",
};
static const char *const entities[] = {
  "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&eacute;", "&copy", "&copy;",
  "&#233;", "&#xE9;", "&#x1F600;", "&#128;", "&#0;", "&#xD800;", "&#x110000;", "&notit;",
  "&ampx", "&NotEqualTilde;", "&", "&;", "&#;", "&#x;", "&AMP;", "&amp", "&Aacute",
  "&#9;", "&#10;", "&hellip;", "&bogus;", "&lt", "&#65",
};
static const char *const html_bits[] = {
  "<p>", "</p>", "<div>", "</div>", "<div class=\"caption\">", "<span>", "</span>",
  "<b>", "</b>", "<i>", "</i>", "<a href=\"/x\">", "</a>", "<em>", "</em>",
  "<h1>", "</h1>", "<h2>", "</h2>", "<ul>", "<li>", "</li>", "</ul>", "<ol><li>",
  "<br>", "<br/>", "<hr>", "<img src=\"a.png\" alt=\"An image.\">", "<wbr>",
  "<div hidden>", "<p aria-hidden=\"true\">", "<span style=\"display:none\">",
  "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "</tr>", "<caption>",
  "<select><option>Opt.", "</select>", "<svg><text>Svg text.</text></svg>",
  "<math><mi>x</mi></math>", "<template>Template.</template>", "<isindex>",
  "<noscript>No script.</noscript>", "<head>", "<body>", "</body>", "</html>",
  "<frameset>", "<title>A title</title>", "<pre>\nPre text.</pre>",
  "<textarea>\nText &amp; area.</textarea>", "<script>if (a<b) s=\"</p>\";</script>",
  "<style>p{content:\"x.\"}</style>", "<!-- a comment. -->", "<!-->", "<!--->",
  "<![CDATA[ cdata. ]]>", "<?xml version=\"1.0\"?>", "<!DOCTYPE html>", "</>",
  "<div", "< p>", "</ div>", "<a href=\"x>y\">", "<p class='a\"b'>", "<3", "a<b",
  "</rl>", "<xyz>", "</xyz>", "<b><p>", "</b>", "<a><a>", "<nav>Menu.</nav>",
  "<footer>Foot.</footer>", "<form>", "</form>", "<figcaption>Cap.</figcaption>",
  "<blockquote>", "</blockquote>", "<dl><dt>Term.<dd>Def.</dl>", "<button>Go.</button>",
  "<font size=2>", "<nobr>", "<listing>\nListing.</listing>", "<plaintext>",
};
static const char *const spaces[] = { " ", " ", " ", "\n", "\r\n", "\r", "\t", "\f", "" };
static const char *const controls[] = {
  "\0", "\x01", "\x7F", "\xC2\x80", "\xEF\xBF\xBE", "\xEF\xBF\xBD", "\x0B",
};
static const char *const invalid[] = {
  "\xFF", "\xC0\x80", "\xED\xA0\x80", "\xE2\x82", "\x80", "\xF4\x90\x80\x80", "\xC3",
};

static void gen_html(rng *r, buf *b, int bad) {
  size_t k, n = 1 + next(r) % 80;
  if (next(r) % 50 == 0) { /* deep */
    size_t d = 200 + next(r) % 200;
    for (k = 0; k < d; k++) puts_(b, next(r) % 4 ? "<div>" : "<b>");
    puts_(b, "Deep text here. And more.");
    for (k = 0; k < d / 2; k++) puts_(b, "</div>");
  }
  for (k = 0; k < n; k++) {
    uint32_t x = next(r) % 100;
    if (x < 40) puts_(b, pick(r, words, N_ELEMS(words)));
    else if (x < 55) puts_(b, pick(r, entities, N_ELEMS(entities)));
    else if (x < 82) {
      const char *t = pick(r, html_bits, N_ELEMS(html_bits));
      if (strcmp(t, "<plaintext>") == 0 && next(r) % 4) continue;
      puts_(b, t);
    } else if (x < 85) {
      const char *c = pick(r, controls, N_ELEMS(controls));
      put(b, c, c[0] ? strlen(c) : 1);
    } else if (x < 88 && bad) {
      puts_(b, pick(r, invalid, N_ELEMS(invalid)));
    } else {
      puts_(b, pick(r, spaces, N_ELEMS(spaces)));
    }
    if (next(r) % 3) puts_(b, " ");
  }
}

static const char *const md_starts[] = {
  "# ", "## ", "### ", "> ", "- ", "1. ", "* ", "    ", "", "", "", "",
  "```\ncode. block.\n```\n", "| a | b |\n|---|---|\n| c. | d. |\n", "---\n",
  "Setext heading\n===\n", "[ref]: http://x.org\n", "<div>\nHTML block.\n</div>\n\n",
  "+ ", "2) ", ">> ", "- [ ] ",
};
static const char *const md_inline[] = {
  "**bold.**", "*it*", "_it_", "`code.`", "[link text](http://x.org)", "![img alt](x.png)",
  "<span>inline html</span>", "\\*", "\\", "<http://auto.link>", "~~struck~~",
  "&amp;", "&#233;", "&copy;", "&bogus;", "&#0;", "&nbsp;", "[ref]", "*unclosed",
  "**", "`", "<!-- c -->", "\n", "\n\n", "  \n", "\\\n", "\r\n",
};

static void gen_md(rng *r, buf *b, int bad) {
  size_t k, n = 1 + next(r) % 30;
  for (k = 0; k < n; k++) {
    size_t w, nw = next(r) % 12;
    puts_(b, pick(r, md_starts, N_ELEMS(md_starts)));
    for (w = 0; w < nw; w++) {
      uint32_t x = next(r) % 100;
      if (x < 60) puts_(b, pick(r, words, N_ELEMS(words)));
      else if (x < 90) puts_(b, pick(r, md_inline, N_ELEMS(md_inline)));
      else if (x < 94) {
        const char *c = pick(r, controls, N_ELEMS(controls));
        put(b, c, c[0] ? strlen(c) : 1);
      } else if (bad) {
        puts_(b, pick(r, invalid, N_ELEMS(invalid)));
      }
      puts_(b, next(r) % 5 ? " " : "");
    }
    puts_(b, next(r) % 3 ? "\n" : "\n\n");
  }
}

START_TEST(spans_random_html) {
  rng r;
  size_t i;
  buf b = {NULL, 0, 0};
  r.s = seed(0x9E3779B97F4A7C15ULL);
  for (i = 0; i < cases(); i++) {
    char what[64];
    int bad = i % 3 == 0;
    b.n = 0;
    gen_html(&r, &b, bad);
    snprintf(what, sizeof what, "random html %zu", i);
    check_doc(what, b.p, b.n, PRECIS_FORMAT_HTML,
              bad ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT);
  }
  free(b.p);
}
END_TEST

START_TEST(spans_random_markdown) {
  rng r;
  size_t i;
  buf b = {NULL, 0, 0};
  r.s = seed(0xD1B54A32D192ED03ULL);
  for (i = 0; i < cases(); i++) {
    char what[64];
    int bad = i % 3 == 0;
    b.n = 0;
    gen_md(&r, &b, bad);
    snprintf(what, sizeof what, "random markdown %zu", i);
    check_doc(what, b.p, b.n, PRECIS_FORMAT_MARKDOWN,
              bad ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT);
  }
  free(b.p);
}
END_TEST

/* the fuzzers' reproducers: spans that ran past the end or backwards */
START_TEST(spans_reproducers) {
  static const char a[] = "e</rl>ar. Al";
  static const char b[] = "\x01\xef\xbf\x96\xaa";
  check_doc("e</rl>ar. Al", a, sizeof a - 1, PRECIS_FORMAT_HTML, PRECIS_UTF8_STRICT);
  check_doc("01 ef bf 96 aa", b, sizeof b - 1, PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE);
}
END_TEST

Suite *spans_suite(void) {
  Suite *s = suite_create("spans");
  TCase *tc = tcase_create("spans");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, spans_reproducers);
  tcase_add_test(tc, spans_fixtures);
  tcase_add_test(tc, spans_random_html);
  tcase_add_test(tc, spans_random_markdown);
  suite_add_tcase(s, tc);
  return s;
}
