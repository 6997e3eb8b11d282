/*
** fuzz_segment.c: segmentation in every input mode. The first byte picks
** the format (text, Markdown, HTML), how invalid UTF-8 is read (error or
** replace), how lines are unwrapped, the language and the encoding set
** (none, windows-1252, KOI8-R, UTF-16LE, Shift_JIS, GBK, EUC-JP, UTF-16BE;
** a byte-order mark or an HTML declaration in the text wins); the rest is
** the document.
*/
#include "fuzz.h"

static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_MARKDOWN,
                                        PRECIS_FORMAT_HTML};
static const char *const languages[] = {"auto", "none"};
/* single-byte, UTF-16 and multi-byte encodings (a declaration in the text wins) */
static const char *const encodings[] = {NULL, "windows-1252", "koi8-r", "utf-16le",
                                         "shift_jis", "gbk", "euc-jp", "utf-16be"};

/* one summarizer per setting, made once: a summarizer is immutable */
static precis_summarizer *made[256];

static const precis_summarizer *summarizer(unsigned b) {
  precis_options *o = NULL;
  precis_error err;
  if (made[b]) return made[b];
  if (precis_options_new(&o, &err) != PRECIS_OK) fz_fail("options", err.message);
  precis_options_set_format(o, formats[b % 3]);
  precis_options_set_utf8_mode(o, (b / 3) % 2 ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT);
  if (precis_options_set_param(o, "input.unwrap", (double)((int)((b / 6) % 3) - 1), &err) !=
          PRECIS_OK ||
      precis_options_set_language(o, languages[(b / 18) % 2], &err) != PRECIS_OK ||
      precis_options_set_encoding(o, encodings[(b / 36) % 8], &err) != PRECIS_OK ||
      precis_summarizer_new(o, &made[b], &err) != PRECIS_OK)
    fz_fail("summarizer", err.message);
  precis_options_free(o);
  return made[b];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned b;
  precis_text doc;
  t_request q;
  char *text;
  if (size < 1) return 0;
  b = data[0] % 144;
  text = fz_copy(data + 1, size - 1);
  doc.data = text;
  doc.len = size - 1;
  doc.name = "fuzz";
  memset(&q, 0, sizeof q);
  q.docs = &doc;
  q.ndocs = 1;
  q.format = formats[b % 3];
  q.utf8 = (b / 3) % 2 ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT;
  q.scored = 0;
  fz_run(summarizer(b), &q);
  free(text);
  return 0;
}
