"""Temporal expressions in it, pt, nl, pl, ru, uk, tr, ar, zh, ja, ko (tables in
newstrace._temporal_langs), resolved through newstrace.dates."""
from __future__ import annotations

from datetime import date

import pytest

from newstrace import temporal
from newstrace._temporal_langs import TABLES, _tr_upper
from newstrace.dates import annotate, candidate_windows
from newstrace.records import Article
from newstrace.temporal import find_refs


class Opts:
    now = "2026-11-23"


OPTS = Opts()
LANGS = ["it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "zh", "ja", "ko"]

# Publication dates: 2019-01-20 (two days after Friday 18 January 2019), 2019-03-01,
# 2019-01-10, 2019-03-06 (a Wednesday), 2019-02-23.
_WD, _MD, _PM, _WED, _SAT = "2019-01-20", "2019-03-01", "2019-01-10", "2019-03-06", "2019-02-23"
_DAY = ("2019-01-18", "2019-01-18")
_JAN = ("2019-01-01", "2019-01-31")
_LATE_DEC = ("2018-12-21", "2018-12-31")
_Y2018 = ("2018-01-01", "2018-12-31")
_3AGO = ("2019-03-03", "2019-03-03")
_YESTERDAY = ("2019-02-22", "2019-02-22")
_LAST_WEEK = ("2019-02-25", "2019-03-03")
_LAST_WED = ("2019-02-27", "2019-02-27")

# (lang, sentence, surface, kind, publication date, (earliest, latest)); one sentence per
# expression type and language: full date, weekday + day + month, day + month, month +
# year, part of a month, year after a preposition, N units ago, yesterday, last week,
# weekday with a modifier.
CASES = [
    # Italian
    ("it", "L'accordo è stato firmato il 18 gennaio 2019 a Roma.", "18 gennaio 2019",
     "absolute", None, _DAY),
    ("it", "Il premier ha parlato venerdì 18 gennaio con i giornalisti.",
     "venerdì 18 gennaio", "weekday_date", _WD, _DAY),
    ("it", "I colloqui si sono conclusi il 18 gennaio senza un accordo.", "18 gennaio",
     "month_day", _MD, _DAY),
    ("it", "La crisi è cominciata nel gennaio 2019.", "gennaio 2019", "absolute", None, _JAN),
    ("it", "Il presidente ha visitato la base a fine dicembre.", "a fine dicembre", "vague",
     _PM, _LATE_DEC),
    ("it", "La legge è in vigore dal 2018.", "dal 2018", "absolute", None, _Y2018),
    ("it", "È arrivato tre giorni fa.", "tre giorni fa", "relative", _WED, _3AGO),
    ("it", "Il ministro si è dimesso ieri dopo il voto.", "ieri", "relative", _SAT,
     _YESTERDAY),
    ("it", "I combattimenti sono ripresi la settimana scorsa vicino al confine.",
     "la settimana scorsa", "relative", _WED, _LAST_WEEK),
    ("it", "Il comandante ha parlato mercoledì scorso a Baghdad.", "mercoledì scorso",
     "relative", _WED, _LAST_WED),
    # Portuguese
    ("pt", "O acordo foi assinado em 18 de janeiro de 2019 em Lisboa.",
     "18 de janeiro de 2019", "absolute", None, _DAY),
    ("pt", "O presidente falou na sexta-feira, 18 de janeiro, com os jornalistas.",
     "na sexta-feira, 18 de janeiro", "weekday_date", _WD, _DAY),
    ("pt", "As negociações terminaram em 18 de janeiro sem acordo.", "18 de janeiro",
     "month_day", _MD, _DAY),
    ("pt", "A crise começou em janeiro de 2019.", "janeiro de 2019", "absolute", None, _JAN),
    ("pt", "O presidente visitou a base no final de dezembro.", "no final de dezembro",
     "vague", _PM, _LATE_DEC),
    ("pt", "A lei está em vigor desde 2018.", "desde 2018", "absolute", None, _Y2018),
    ("pt", "Ele chegou há três dias.", "há três dias", "relative", _WED, _3AGO),
    ("pt", "O ministro renunciou ontem após a votação.", "ontem", "relative", _SAT,
     _YESTERDAY),
    ("pt", "Os combates recomeçaram na semana passada perto da fronteira.",
     "na semana passada", "relative", _WED, _LAST_WEEK),
    ("pt", "O comandante falou na quarta-feira passada em Bagdá.",
     "na quarta-feira passada", "relative", _WED, _LAST_WED),
    ("pt", "O governo anunciou nesta segunda (4) novas medidas.", "nesta segunda",
     "relative", _WED, ("2019-03-04", "2019-03-04")),
    # Dutch
    ("nl", "Het akkoord werd op 18 januari 2019 in Den Haag ondertekend.",
     "18 januari 2019", "absolute", None, _DAY),
    ("nl", "De premier sprak vrijdag 18 januari met journalisten.", "vrijdag 18 januari",
     "weekday_date", _WD, _DAY),
    ("nl", "De gesprekken eindigden op 18 januari zonder akkoord.", "18 januari",
     "month_day", _MD, _DAY),
    ("nl", "De crisis begon in januari 2019.", "januari 2019", "absolute", None, _JAN),
    ("nl", "De president bezocht de basis eind december.", "eind december", "vague", _PM,
     _LATE_DEC),
    ("nl", "De wet geldt sinds 2018.", "sinds 2018", "absolute", None, _Y2018),
    ("nl", "Hij kwam drie dagen geleden aan.", "drie dagen geleden", "relative", _WED,
     _3AGO),
    ("nl", "De minister trad gisteren af na de stemming.", "gisteren", "relative", _SAT,
     _YESTERDAY),
    ("nl", "De gevechten laaiden vorige week weer op bij de grens.", "vorige week",
     "relative", _WED, _LAST_WEEK),
    ("nl", "De commandant sprak afgelopen woensdag in Bagdad.", "afgelopen woensdag",
     "relative", _WED, _LAST_WED),
    # Polish
    ("pl", "Umowę podpisano 18 stycznia 2019 r. w Warszawie.", "18 stycznia 2019 r.",
     "absolute", None, _DAY),
    ("pl", "Premier rozmawiał z dziennikarzami w piątek, 18 stycznia.",
     "w piątek, 18 stycznia", "weekday_date", _WD, _DAY),
    ("pl", "Rozmowy zakończyły się 18 stycznia bez porozumienia.", "18 stycznia",
     "month_day", _MD, _DAY),
    ("pl", "Kryzys zaczął się w styczniu 2019 roku.", "styczniu 2019 roku", "absolute",
     None, _JAN),
    ("pl", "Prezydent odwiedził bazę pod koniec grudnia.", "pod koniec grudnia", "vague",
     _PM, _LATE_DEC),
    ("pl", "Ustawa obowiązuje od 2018 roku.", "od 2018 roku", "absolute", None, _Y2018),
    ("pl", "Przyjechał trzy dni temu.", "trzy dni temu", "relative", _WED, _3AGO),
    ("pl", "Minister podał się wczoraj do dymisji po głosowaniu.", "wczoraj", "relative",
     _SAT, _YESTERDAY),
    ("pl", "Walki wybuchły ponownie w zeszłym tygodniu przy granicy.",
     "w zeszłym tygodniu", "relative", _WED, _LAST_WEEK),
    ("pl", "Dowódca przemawiał w ubiegłą środę w Bagdadzie.", "w ubiegłą środę",
     "relative", _WED, _LAST_WED),
    # Russian
    ("ru", "Соглашение было подписано 18 января 2019 года в Москве.",
     "18 января 2019 года", "absolute", None, _DAY),
    ("ru", "Премьер-министр выступил перед журналистами в пятницу, 18 января.",
     "в пятницу, 18 января", "weekday_date", _WD, _DAY),
    ("ru", "Переговоры завершились 18 января без соглашения.", "18 января", "month_day",
     _MD, _DAY),
    ("ru", "Кризис начался в январе 2019 года.", "январе 2019 года", "absolute", None, _JAN),
    ("ru", "Президент посетил базу в конце декабря.", "в конце декабря", "vague", _PM,
     _LATE_DEC),
    ("ru", "Закон действует с 2018 года.", "с 2018 года", "absolute", None, _Y2018),
    ("ru", "Он приехал три дня назад.", "три дня назад", "relative", _WED, _3AGO),
    ("ru", "Министр вчера ушёл в отставку после голосования.", "вчера", "relative", _SAT,
     _YESTERDAY),
    ("ru", "Бои возобновились на прошлой неделе у границы.", "на прошлой неделе",
     "relative", _WED, _LAST_WEEK),
    ("ru", "Командующий выступил в прошлую среду в Багдаде.", "в прошлую среду",
     "relative", _WED, _LAST_WED),
    # Ukrainian
    ("uk", "Угоду підписали 18 січня 2019 року в Києві.", "18 січня 2019 року",
     "absolute", None, _DAY),
    ("uk", "Прем'єр-міністр поспілкувався з журналістами у п'ятницю, 18 січня.",
     "у п'ятницю, 18 січня", "weekday_date", _WD, _DAY),
    ("uk", "Переговори завершилися 18 січня без угоди.", "18 січня", "month_day", _MD, _DAY),
    ("uk", "Криза почалася у січні 2019 року.", "січні 2019 року", "absolute", None, _JAN),
    ("uk", "Президент відвідав базу наприкінці грудня.", "наприкінці грудня", "vague", _PM,
     _LATE_DEC),
    ("uk", "Закон діє з 2018 року.", "з 2018 року", "absolute", None, _Y2018),
    ("uk", "Він приїхав три дні тому.", "три дні тому", "relative", _WED, _3AGO),
    ("uk", "Міністр учора подав у відставку після голосування.", "учора", "relative", _SAT,
     _YESTERDAY),
    ("uk", "Бої відновилися минулого тижня біля кордону.", "минулого тижня", "relative",
     _WED, _LAST_WEEK),
    ("uk", "Командувач виступив минулої середи в Багдаді.", "минулої середи", "relative",
     _WED, _LAST_WED),
    # Turkish
    ("tr", "Anlaşma 18 Ocak 2019 tarihinde Ankara'da imzalandı.", "18 Ocak 2019",
     "absolute", None, _DAY),
    ("tr", "Başbakan 18 Ocak Cuma günü gazetecilere konuştu.", "18 Ocak Cuma günü",
     "weekday_date", _WD, _DAY),
    ("tr", "Görüşmeler 18 Ocak'ta anlaşma olmadan sona erdi.", "18 Ocak'ta", "month_day",
     _MD, _DAY),
    ("tr", "Kriz Ocak 2019'da başladı.", "Ocak 2019", "absolute", None, _JAN),
    ("tr", "Cumhurbaşkanı üssü aralık ayının sonunda ziyaret etti.",
     "aralık ayının sonunda", "vague", _PM, _LATE_DEC),
    ("tr", "Yasa 2018'den bu yana yürürlükte.", "2018'den bu yana", "absolute", None,
     _Y2018),
    ("tr", "Üç gün önce geldi.", "Üç gün önce", "relative", _WED, _3AGO),
    ("tr", "Bakan dün oylamanın ardından istifa etti.", "dün", "relative", _SAT, _YESTERDAY),
    ("tr", "Çatışmalar geçen hafta sınır yakınında yeniden başladı.", "geçen hafta",
     "relative", _WED, _LAST_WEEK),
    ("tr", "Komutan geçen çarşamba Bağdat'ta konuştu.", "geçen çarşamba", "relative", _WED,
     _LAST_WED),
    ("tr", "Toplantı 20 Ocak 2022 Perşembe günü yapıldı.", "20 Ocak 2022 Perşembe günü",
     "absolute", None, ("2022-01-20", "2022-01-20")),
    # Arabic
    ("ar", "وقّع الطرفان الاتفاق في 18 يناير 2019 في القاهرة.", "18 يناير 2019",
     "absolute", None, _DAY),
    ("ar", "تحدث رئيس الوزراء إلى الصحفيين يوم الجمعة 18 يناير.", "يوم الجمعة 18 يناير",
     "weekday_date", _WD, _DAY),
    ("ar", "انتهت المحادثات في 18 يناير دون اتفاق.", "18 يناير", "month_day", _MD, _DAY),
    ("ar", "بدأت الأزمة في يناير 2019.", "يناير 2019", "absolute", None, _JAN),
    ("ar", "زار الرئيس القاعدة في أواخر ديسمبر.", "في أواخر ديسمبر", "vague", _PM,
     _LATE_DEC),
    ("ar", "القانون ساري المفعول منذ عام 2018.", "منذ عام 2018", "absolute", None, _Y2018),
    ("ar", "وصل الوفد قبل ثلاثة أيام.", "قبل ثلاثة أيام", "relative", _WED, _3AGO),
    ("ar", "استقال الوزير أمس بعد التصويت.", "أمس", "relative", _SAT, _YESTERDAY),
    ("ar", "تجددت الاشتباكات الأسبوع الماضي قرب الحدود.", "الأسبوع الماضي", "relative",
     _WED, _LAST_WEEK),
    ("ar", "تحدث القائد الأربعاء الماضي في بغداد.", "الأربعاء الماضي", "relative", _WED,
     _LAST_WED),
    ("ar", "وقّع الاتفاق في 18 كانون الثاني/يناير 2019 في دمشق.",
     "18 كانون الثاني/يناير 2019", "absolute", None, _DAY),
    ("ar", "وقّع الاتفاق في ١٨ يناير ٢٠١٩ في القاهرة.", "١٨ يناير ٢٠١٩", "absolute", None,
     _DAY),
    ("ar", "صدر القرار بتاريخ 18 يناير 2019م.", "18 يناير 2019", "absolute", None, _DAY),
    # Chinese
    ("zh", "双方于2019年1月18日在北京签署协议。", "2019年1月18日", "absolute", None, _DAY),
    ("zh", "总理1月18日（星期五）会见了记者。", "1月18日（星期五）", "weekday_date", _WD, _DAY),
    ("zh", "谈判于1月18日结束，未能达成协议。", "1月18日", "month_day", _MD, _DAY),
    ("zh", "危机始于2019年1月。", "2019年1月", "absolute", None, _JAN),
    ("zh", "总统12月下旬视察了基地。", "12月下旬", "vague", _PM, _LATE_DEC),
    ("zh", "该法自2018年起生效。", "2018年", "absolute", None, _Y2018),
    ("zh", "他三天前抵达。", "三天前", "relative", _WED, _3AGO),
    ("zh", "部长昨天在投票后辞职。", "昨天", "relative", _SAT, _YESTERDAY),
    ("zh", "边境附近的战斗上周再次爆发。", "上周", "relative", _WED, _LAST_WEEK),
    ("zh", "指挥官上周三在巴格达发表讲话。", "上周三", "relative", _WED, _LAST_WED),
    # Japanese
    ("ja", "両国は2019年1月18日に東京で協定に署名した。", "2019年1月18日", "absolute", None,
     _DAY),
    ("ja", "首相は1月18日（金）に記者団と話した。", "1月18日（金）", "weekday_date", _WD, _DAY),
    ("ja", "交渉は1月18日に合意なく終わった。", "1月18日", "month_day", _MD, _DAY),
    ("ja", "危機は2019年1月に始まった。", "2019年1月", "absolute", None, _JAN),
    ("ja", "大統領は12月下旬に基地を訪問した。", "12月下旬", "vague", _PM, _LATE_DEC),
    ("ja", "この法律は2018年から施行されている。", "2018年", "absolute", None, _Y2018),
    ("ja", "彼は3日前に到着した。", "3日前", "relative", _WED, _3AGO),
    ("ja", "大臣は昨日、採決の後に辞任した。", "昨日", "relative", _SAT, _YESTERDAY),
    ("ja", "国境付近で先週、戦闘が再開した。", "先週", "relative", _WED, _LAST_WEEK),
    ("ja", "司令官は先週水曜日にバグダッドで演説した。", "先週水曜日", "relative", _WED,
     _LAST_WED),
    ("ja", "協定は２０１９年１月１８日に署名された。", "２０１９年１月１８日", "absolute", None,
     _DAY),
    # Korean
    ("ko", "양국은 2019년 1월 18일 서울에서 협정에 서명했다.", "2019년 1월 18일", "absolute",
     None, _DAY),
    ("ko", "총리는 1월 18일(금) 기자들과 만났다.", "1월 18일(금)", "weekday_date", _WD, _DAY),
    ("ko", "협상은 1월 18일 합의 없이 끝났다.", "1월 18일", "month_day", _MD, _DAY),
    ("ko", "위기는 2019년 1월 시작됐다.", "2019년 1월", "absolute", None, _JAN),
    ("ko", "대통령은 12월 하순 기지를 방문했다.", "12월 하순", "vague", _PM, _LATE_DEC),
    ("ko", "이 법은 2018년부터 시행됐다.", "2018년", "absolute", None, _Y2018),
    ("ko", "그는 3일 전 도착했다.", "3일 전", "relative", _WED, _3AGO),
    ("ko", "장관은 어제 표결 후 사임했다.", "어제", "relative", _SAT, _YESTERDAY),
    ("ko", "지난주 국경 인근에서 교전이 재개됐다.", "지난주", "relative", _WED, _LAST_WEEK),
    ("ko", "사령관은 지난 수요일 바그다드에서 연설했다.", "지난 수요일", "relative", _WED,
     _LAST_WED),
]


def _times(text, lang, published):
    a = annotate(Article(id="t", text=text, lang=lang, published=published,
                         published_source="test"), OPTS)
    return a.times


@pytest.mark.parametrize("lang,text,surface,kind,pub,expected", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_expression_types_per_language(lang, text, surface, kind, pub, expected):
    ts = _times(text, lang, pub)
    assert len(ts) == 1, [(t.text, t.kind) for t in ts]
    t = ts[0]
    assert (t.text, text[t.start:t.end]) == (surface, surface)
    assert t.kind == kind
    assert (t.earliest, t.latest) == expected
    assert t.method.startswith(f"rules:{lang}")


# weekday + day + month in an undated article: the years in which 18 January is a Friday
# within the search horizon (1996-11-23..2026-11-23)
UNDATED = {
    "it": "Il premier ha parlato venerdì 18 gennaio con i giornalisti.",
    "pt": "O presidente falou na sexta-feira, 18 de janeiro, com os jornalistas.",
    "nl": "De premier sprak vrijdag 18 januari met journalisten.",
    "pl": "Premier rozmawiał z dziennikarzami w piątek, 18 stycznia.",
    "ru": "Премьер-министр выступил перед журналистами в пятницу, 18 января.",
    "uk": "Прем'єр-міністр поспілкувався з журналістами у п'ятницю, 18 січня.",
    "tr": "Başbakan 18 Ocak Cuma günü gazetecilere konuştu.",
    "ar": "تحدث رئيس الوزراء إلى الصحفيين يوم الجمعة 18 يناير.",
    "zh": "总理1月18日（星期五）会见了记者。",
    "ja": "首相は1月18日（金）に記者団と話した。",
    "ko": "총리는 1월 18일(금) 기자들과 만났다.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_weekday_date_gives_candidate_years(lang):
    windows, evidence = candidate_windows(Article(id="t", text=UNDATED[lang], lang=lang), OPTS)
    starts = [date.fromordinal(a).isoformat() for a, _b in windows]
    assert starts == ["2002-01-18", "2008-01-18", "2013-01-18", "2019-01-18"]
    assert all(b - a == 14 for a, b in windows)  # dates.WEEKDAY_DATE_MAX_DAYS
    assert any("is a Friday in 2002, 2008, 2013, 2019" in e for e in evidence)


@pytest.mark.parametrize("lang,text", [
    # a relative day and a weekday in apposition fix the weekday of publication
    ("ar", "قال الوزير اليوم الخميس إن الحكومة ستجتمع."),
    ("ar", "قال الوزير أمس الأربعاء إن الحكومة ستجتمع."),
    ("ru", "Министр заявил вчера, в среду, что правительство соберётся."),
    ("it", "Il ministro ha detto ieri, mercoledì, che il governo si riunirà."),
])
def test_relative_day_and_weekday_fix_the_publication_weekday(lang, text):
    windows, _ev = candidate_windows(Article(id="t", text=text, lang=lang), OPTS)
    assert windows and all(a == b and date.fromordinal(a).weekday() == 3 for a, b in windows)


@pytest.mark.parametrize("lang,text", [
    ("it", "Ci vuole fiducia nel domani."),
    ("pt", "Na segunda fase do projeto, o marco histórico foi superado."),
    ("nl", "De morgen was koud en mistig."),
    ("pl", "W 2000 przypadków lekarze nie zdążyli."),
    ("ru", "Окружающая среда страдает; загрязнение окружающей среды растёт."),
    ("ru", "В 2000 случаях врачи не успели."),
    ("uk", "Серед учасників були лікарі з Києва."),
    ("tr", "Şirketin pazar payı arttı; 2000'den fazla kişi katıldı. Cuma namazı kılındı."),
    ("ar", "قال أحد المسؤولين إن الحكومة مارس الضغط في اليوم التالي في مارسيليا."),
    ("ar", "ذكرت قناة روسيا اليوم أن صلاة الجمعة أقيمت."),
    ("zh", "今日头条报道，3个月后工厂复工。"),
    ("ja", "工場は3カ月ぶりに再開した。"),
    ("ko", "오늘날 공장은 3개월 만에 재가동됐다."),
])
def test_common_words_are_not_dates(lang, text):
    assert find_refs(text, lang) == [], [(r.text, r.kind) for r in find_refs(text, lang)]


def test_verb_final_future_cue_after_the_expression():
    fut = find_refs("Konferans 15 Mart'ta düzenlenecek.", "tr")
    past = find_refs("Konferans 15 Mart'ta düzenlendi.", "tr")
    assert fut[0].future and not past[0].future
    assert find_refs("سيعقد المؤتمر في 15 مارس المقبل.", "ar")[0].future
    assert find_refs("会議は３月１５日に開かれる予定だ。", "ja")[0].future
    # the cue of the next sentence does not count
    assert not find_refs("会議は３月１５日に開かれた。次回は来月の予定だ。", "ja")[0].future


@pytest.mark.parametrize("lang,text,month", [
    ("ru", "в январе", 1), ("ru", "18 ЯНВАРЯ", 1), ("uk", "у лютому", 2), ("uk", "у листопаді", 11),
    ("pl", "w lutym", 2), ("pl", "we wrześniu", 9), ("tr", "20 ARALIK", 12),
    ("tr", "20 Şubat", 2), ("ar", "في تشرين الأول", 10), ("ar", "في اكتوبر", 10),
    ("ar", "في جانفي", 1), ("pt", "18 de março", 3), ("it", "a marzo", 3),
    ("nl", "in maart", 3),
])
def test_inflected_and_regional_month_names(lang, text, month):
    refs = find_refs(text, lang)
    assert len(refs) == 1 and refs[0].yearly[0] == month, refs


@pytest.mark.parametrize("lang", LANGS)
def test_every_name_form_is_looked_up(lang):
    """A case-insensitive match must find its table entry in any case (else a date would
    be dropped); Turkish needs its own upper case ("ARALIK", "PAZARTESİ")."""
    t = temporal.LANGS[lang]
    for key in ("months", "weekdays"):
        for name, value in t[key].items():
            forms = {name, name.upper(), name.capitalize()}
            if lang == "tr":
                forms.add(_tr_upper(name))
            for form in forms:
                assert temporal._lookup(t[key], form) == value, (lang, key, form)


def test_tables_are_merged_and_built_lazily():
    assert set(TABLES) <= set(temporal.LANGS)
    assert temporal.LANGS["ru"]["months"]["января"] == 1
    assert temporal.LANGS["ar"]["months"]["كانون الثاني"] == 1
    assert temporal.LANGS["ar"]["months"]["يناير"] == 1


@pytest.mark.parametrize("text,lang,expected", [
    ("Опубликовано 16.06.2020, обновлено позже.", "ru", "2020-06-16"),
    ("Güncelleme: 18.02.2020 11:38", "tr", "2020-02-18"),
    ("Pubblicato il 25/4/2020 alle 10.", "it", "2020-04-25"),
    ("نشر في ٢٥/٤/٢٠٢٠ م", "ar", "2020-04-25"),
    ("发布时间 2021/3/9", "zh", "2021-03-09"),
    ("Filed 2020-06-16 by staff.", "en", "2020-06-16"),
    ("Filed 25/4/2020 by staff.", "en", "2020-04-25"),
    ("Filed 12/25/2019 by staff.", "en", "2019-12-25"),
])
def test_numeric_dates_in_every_language(text, lang, expected):
    from newstrace.temporal import find_refs
    (r,) = find_refs(text, lang)
    assert r.fixed == (date.fromisoformat(expected).toordinal(),) * 2


@pytest.mark.parametrize("text,lang", [
    ("Filed 04/05/2020 by staff.", "en"),        # April 5 or 4 May: not guessed
    ("Version 1.2.2020.3 released.", "en"),      # a version number
    ("Ticket 2020-13-45 closed.", "en"),         # no such month
    ("Il codice 31.02.2020 non esiste.", "it"),  # no such day
])
def test_numeric_non_dates(text, lang):
    from newstrace.temporal import find_refs
    assert [r.text for r in find_refs(text, lang) if r.kind == "absolute"] == []


def test_dateparser_fallback_keeps_only_dates_with_a_year():
    from newstrace.dates import _dateparser_refs
    refs = _dateparser_refs("امروز وزیر گفت که در ۱۵ مارس ۲۰۲۲ جلسه برگزار شد", "fa")
    assert [date.fromordinal(r.fixed[0]).isoformat() for r in refs] == ["2022-03-15"]


def test_a_limit_leaves_the_direction_open_in_tables_without_past_cues():
    # 'hasta el 15 de marzo' is a deadline, on either side of publication; a plain date in
    # the same language is still read as past
    for text, lang in [("El plazo de inscripción se extiende hasta el 15 de marzo.", "es"),
                       ("Les inscriptions sont ouvertes jusqu'au 15 mars.", "fr"),
                       ("Die Frist läuft bis zum 15. März.", "de"),
                       ("Die Ausstellung ist bis Ende März geöffnet.", "de"),
                       ("Le iscrizioni sono aperte fino al 15 marzo.", "it"),
                       ("As inscrições estão abertas até 15 de março.", "pt"),
                       ("De inschrijving loopt tot 15 maart.", "nl"), ("Zapisy trwają do 15 marca.", "pl")]:
        refs = find_refs(text, lang)
        assert len(refs) == 1 and refs[0].open and not refs[0].future, (text, refs)
    for text, lang in [("El presidente habló el 15 de marzo.", "es"), ("Il est arrivé le 15 mars.", "fr"),
                       ("Er kam am 15. März an.", "de"), ("Er kam vor drei Tagen an.", "de"),
                       ("È arrivato il 15 marzo.", "it"), ("Ele chegou em 15 de março.", "pt"),
                       ("Hij kwam op 15 maart aan.", "nl"), ("Przyjechał 15 marca.", "pl"),
                       ("Przyjechał tydzień temu.", "pl")]:
        refs = find_refs(text, lang)
        assert refs and not any(r.open or r.future for r in refs), (text, refs)


def test_a_limit_after_or_before_the_date_in_tr_ar_ru_uk():
    # Turkish puts the limit after the date or glues it ("15 Mart'a kadar", "2020'ye
    # kadar"); Arabic, Russian and Ukrainian put it before ("حتى 15 مارس", "до 15 марта")
    for text, lang in [("Başvurular 15 Mart'a kadar açık.", "tr"),
                       ("Son başvuru 15 Mart tarihine kadar.", "tr"),
                       ("Başvurular 15 Mart'a dek alınıyor.", "tr"),
                       ("Sergi Mart sonuna kadar açık.", "tr"),
                       ("Toplantı 15 Mart'tan önce yapıldı.", "tr"),
                       ("التسجيل مفتوح حتى 15 مارس.", "ar"), ("التسجيل مفتوح لغاية 15 مارس", "ar"),
                       ("Регистрация продлится до 15 марта.", "ru"),
                       ("Выставка открыта до конца марта.", "ru"),
                       ("Реєстрація триває до 15 березня.", "uk")]:
        refs = find_refs(text, lang)
        assert len(refs) == 1 and refs[0].open and not refs[0].future, (text, refs)
    for text, lang in [("Bakan 15 Mart'ta geldi.", "tr"), ("Bakan 3 gün önce geldi.", "tr"),
                       ("Bakan 15 Mart'ta, sonra Ankara'ya gitti.", "tr"),
                       ("وصل الوزير في 15 مارس.", "ar"), ("وصل الوزير قبل يومين.", "ar"),
                       ("Министр прибыл 15 марта.", "ru"), ("Міністр прибув 15 березня.", "uk")]:
        refs = find_refs(text, lang)
        assert refs and not any(r.open or r.future for r in refs), (text, refs)


@pytest.mark.parametrize("lang,past,limit", [
    ("tr", "Bakan 15 Mart 2022'de geldi.", "Son başvuru 15 Mart 2022 tarihine kadar."),
    ("ar", "وصل الوزير في 15 مارس 2022.", "التسجيل مفتوح حتى 15 مارس 2022."),
    ("ru", "Министр прибыл 15 марта 2022 года.", "Регистрация открыта до 15 марта 2022 года."),
    ("uk", "Міністр прибув 15 березня 2022 року.", "Реєстрація відкрита до 15 березня 2022 року."),
])
def test_a_limit_does_not_bound_the_publication_date(lang, past, limit):
    # a past date puts publication on or after it; a deadline may lie on either side
    first = date(2022, 3, 14).toordinal()
    windows, _ev = candidate_windows(Article(id="t", text=past, lang=lang), OPTS)
    assert windows and min(a for a, _b in windows) == first
    windows, _ev = candidate_windows(Article(id="t", text=limit, lang=lang), OPTS)
    assert not windows or min(a for a, _b in windows) < first
