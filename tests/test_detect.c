/*
** test_detect.c: language "auto". Each case is a short paragraph written
** for this test in one language; detection must name that language, and
** English must come back for text too short or too mixed to tell.
*/
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "suites.h"

typedef struct detect_case {
  const char *want;
  const char *text;
} detect_case;

static const detect_case detect_cases[] = {
  {"english", "The harbour bridge will close for repairs in March. The council "
              "said the work would take about eight months."},
  {"german", "Die Brücke am Hafen wird im März für Reparaturen geschlossen. Der "
             "Rat sagte, dass die Arbeiten etwa acht Monate dauern werden."},
  {"french", "Le pont du port sera fermé pour des travaux en mars. Le conseil a "
             "dit que le chantier durerait environ huit mois."},
  {"spanish", "El puente del puerto se cerrará por obras en marzo. El consejo "
              "dijo que los trabajos durarán unos ocho meses."},
  {"italian", "Il ponte del porto sarà chiuso per lavori a marzo. Il consiglio ha "
              "detto che i lavori dureranno circa otto mesi."},
  {"dutch", "De brug bij de haven gaat in maart dicht voor herstel. De raad zei "
            "dat het werk ongeveer acht maanden zal duren."},
  {"danish", "Broen ved havnen lukker for reparationer i marts. Rådet sagde, at "
             "arbejdet vil tage omkring otte måneder. Ingen havde ventet noget "
             "andet, men nogle mener, at det er for længe."},
  {"portuguese", "A ponte do porto vai fechar para obras em março. O conselho "
                 "disse que os trabalhos vão durar cerca de oito meses. Não é "
                 "uma surpresa, mas também não era isso que eles esperavam."},
  {"polish", "Most w porcie zostanie zamknięty w marcu z powodu remontu. Rada "
             "powiedziała, że prace potrwają około ośmiu miesięcy."},
  {"slovak", "Most v prístave bude v marci zatvorený pre opravy. Rada povedala, "
             "že práce budú trvať asi osem mesiacov a potom sa otvorí."},
  {"russian", "Мост в порту закроют на ремонт в марте. Совет сказал, что работы "
              "займут около восьми месяцев."},
  {"bulgarian", "Мостът на пристанището ще бъде затворен за ремонт през март. "
                "Съветът каза, че работата ще продължи около осем месеца."},
  {"kazakh", "Порттағы көпір наурызда жөндеуге жабылады. Кеңес жұмыс шамамен "
             "сегіз айға созылатынын айтты."},
  {"greek", "Η γέφυρα του λιμανιού θα κλείσει για επισκευές τον Μάρτιο. Το "
            "συμβούλιο είπε ότι οι εργασίες θα διαρκέσουν οκτώ μήνες."},
  {"armenian", "Նավահանգստի կամուրջը մարտին կփակվի վերանորոգման համար: "
               "Խորհուրդն ասաց, որ աշխատանքը կտևի մոտ ութ ամիս:"},
  {"arabic", "سيغلق جسر الميناء للإصلاح في شهر مارس. وقال المجلس إن العمل "
             "سيستغرق حوالي ثمانية أشهر."},
  {"persian", "پل بندر در ماه مارس برای تعمیر بسته می‌شود. شورا گفت که کار "
              "حدود هشت ماه طول می‌کشد."},
  {"urdu", "بندرگاہ کا پل مارچ میں مرمت کے لیے بند ہو گا۔ کونسل نے کہا کہ کام "
           "تقریباً آٹھ مہینے لے گا۔"},
  {"hindi", "बंदरगाह का पुल मार्च में मरम्मत के लिए बंद होगा। परिषद ने कहा कि "
            "काम लगभग आठ महीने चलेगा।"},
  {"marathi", "बंदरातील पूल मार्चमध्ये दुरुस्तीसाठी बंद होणार आहे. परिषदेने "
              "सांगितले की हे काम सुमारे आठ महिने चालेल आणि नंतर पूल खुला होईल."},
  {"amharic", "የወደቡ ድልድይ በመጋቢት ለጥገና ይዘጋል። ምክር ቤቱ ስራው ስምንት ወር "
              "ያህል ይወስዳል ብሏል።"},
  {"burmese", "ဆိပ်ကမ်းတံတားကို မတ်လတွင် ပြုပြင်ရန် ပိတ်မည်။ "
              "အလုပ်သည် ရှစ်လခန့် ကြာမည်ဟု ကောင်စီက ပြောသည်။"},
  {"chinese", "港口大桥将于三月关闭维修。市议会表示，工程大约需要八个月。"},
  {"japanese", "港の橋は三月に修理のため閉鎖されます。議会によると、工事は約八か月かかるそうです。"},
  /* one sentence: less evidence, in proportion, and the letters only some
  ** languages write */
  {"danish", "Regeringen vil bygge en ny bro over havnen, og arbejdet begynder "
             "til foråret."},
  {"spanish", "El gobierno quiere construir un nuevo puente sobre el puerto "
              "este año."},
  {"portuguese", "O governo quer construir uma nova ponte sobre o porto este ano."},
  {"italian", "Il governo vuole costruire un nuovo ponte sul porto quest'anno."},
  {"french", "Le gouvernement veut construire un nouveau pont sur le port "
             "cette année."},
  {"hungarian", "A kormány idén új hidat akar építeni a kikötő fölött."},
  {"turkish", "Hükümet bu yıl limanın üzerine yeni bir köprü inşa etmek istiyor."},
  {"lithuanian", "Vyriausybė nori šiais metais pastatyti naują tiltą per uostą."},
  {"basque", "Gobernuak aurten portuaren gainean zubi berri bat eraiki nahi du."},
  {"english", "The government wants to build a new bridge over the harbour "
              "this year."},
  {"english", "JFK Jr.'s book is on sale."},
  /* too little to tell, or nothing to read: English */
  {"english", "Hello."},
  {"english", "OK 2024"},
  {"english", ""},
  {"english", "Paris, Berlin, Madrid"},
};

START_TEST(detect_table) {
  const detect_case *c = &detect_cases[_i];
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_language(o, "auto", NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, c->text, strlen(c->text), 1);
  ck_assert_msg(strcmp(precis_result_language(r), c->want) == 0,
                "case %d: detected %s, want %s", _i,
                precis_result_language(r), c->want);
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* "auto" is the default; a named language is never second-guessed */
START_TEST(detect_default_and_fixed) {
  static const char de[] = "Die Brücke am Hafen wird im März für Reparaturen "
                           "geschlossen, und der Rat sagte, dass es dauert.";
  precis_options *o = NULL;
  precis_summarizer *s = t_summarizer(NULL);
  precis_result *r = t_run(s, de, sizeof de - 1, 1);
  ck_assert_str_eq(precis_result_language(r), "german");
  precis_result_free(r);
  precis_summarizer_free(s);
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_language(o, "fr", NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, de, sizeof de - 1, 1);
  ck_assert_str_eq(precis_result_language(r), "french");
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* Chinese has no spaces: its terms are character pairs and every two
** characters count as a word, so its sentences can be chosen */
START_TEST(detect_chinese_summary) {
  static const char zh[] = "港口大桥将于三月关闭维修。市议会表示，工程大约需要八个月。"
                           "大桥是城市交通的要道。渡轮每十分钟一班。";
  precis_summarizer *s = t_summarizer(NULL);
  precis_result *r = t_run(s, zh, sizeof zh - 1, 0);
  ck_assert_str_eq(precis_result_language(r), "chinese");
  ck_assert_uint_eq(precis_result_count(r), 4);
  ck_assert_uint_eq(t_unit(r, 0).words, 6); /* 12 characters */
  ck_assert_uint_eq(precis_result_selected_count(r), 3);
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* is w in the pack's sorted list of stopwords? */
static int in_list(const precisI_words *l, const char *w) {
  size_t lo = 0, hi = l->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(w, precisI_word(l, mid));
    if (c == 0) return 1;
    if (c < 0) hi = mid; else lo = mid + 1;
  }
  return 0;
}

/* The one table that detection and precisI_lang_is_stop look stopwords up
** in holds exactly the packs' lists: every word of every pack, with the
** bit of each pack that lists it, and the hash it was placed by (a stale
** langdata.c fails here) */
START_TEST(detect_stopword_table) {
  size_t i, k, pairs = 0, listed = 0, wrong = 0;
  const char *first_wrong = NULL;
  for (k = 0; k < precisI_nlangs; k++) listed += precisI_langs[k].stop.n;
  for (i = 0; i < precisI_nstopslots; i++) {
    const precisI_stopslot *e = &precisI_stopslots[i];
    uint32_t h = 2166136261u;
    size_t b;
    const char *w;
    /* plain checks in the loop: an assertion per pair costs a write to
    ** Check's parent process */
    if (e->word == 0) {
      if (precisI_stophash[i] != 0) { wrong++; first_wrong = "(an empty slot's hash)"; }
      continue;
    }
    w = precisI_stopwords[e->word - 1];
    for (b = 0; b < e->len; b++) h = (h ^ (unsigned char)w[b]) * 16777619u;
    if (precisI_stophash[i] != (h ? h : 1) || strlen(w) != e->len) {
      wrong++;
      first_wrong = w;
    }
    for (k = 0; k < precisI_nlangs; k++) {
      int in = in_list(&precisI_langs[k].stop, w);
      if (in != (int)((e->mask >> k) & 1) ||
          in != precisI_lang_is_stop(&precisI_langs[k], w, e->len)) {
        wrong++;
        first_wrong = w;
      }
      pairs += (size_t)in;
    }
  }
  ck_assert_msg(wrong == 0, "%zu wrong entries, e.g. '%s'", wrong, first_wrong);
  ck_assert_uint_eq(pairs, listed);
}
END_TEST

Suite *detect_suite(void) {
  Suite *s = suite_create("detect");
  TCase *tc = tcase_create("languages");
  tcase_add_loop_test(tc, detect_table, 0, (int)N_ELEMS(detect_cases));
  tcase_add_test(tc, detect_default_and_fixed);
  tcase_add_test(tc, detect_chinese_summary);
  tcase_add_test(tc, detect_stopword_table);
  suite_add_tcase(s, tc);
  return s;
}
