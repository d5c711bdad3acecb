"""Quotes in Arabic (verb first, attached prefixes), Persian (verb last, ZWNJ), German
reported speech, Polish dash quotes, and speakers that must never be a verb, a fragment or
a channel: invented sentences in the style of real news, one phenomenon each."""
from __future__ import annotations

import re

import pytest

from newstrace import cues
from newstrace.quotes import extract
from newstrace.records import Article, Mention, Paragraph


def art(text: str, lang: str, *names: str, title: str | None = None) -> Article:
    paras = [Paragraph(m.start(), m.end(), lang) for m in re.finditer(r"[^\n]+", text)]
    ments = [Mention(text.index(n), text.index(n) + len(n), n, "PER") for n in names]
    return Article(id="t", text=text, lang=lang, title=title, paragraphs=paras,
                   mentions=sorted(ments, key=lambda m: m.start))


def quotes(text: str, lang: str, *names: str, **kw) -> list[tuple[str, str | None, bool]]:
    return [(q.text, q.speaker, q.direct) for q in extract(art(text, lang, *names, **kw)).quotes]


def test_arabic_and_persian_tables_load():
    for lang in ("ar", "fa"):
        t = cues.table(lang)
        assert t.lang == lang and t.caseless and t.verb_index and t.comp_re is not None
    assert cues.table("ar").verb_first and cues.table("fa").subject_first


@pytest.mark.parametrize("text,want", [
    # verb first, the name in apposition to a role, content after إن
    ("وقال وزير الخارجية، سامي العلي، إن الحكومة لن تتراجع عن قرارها.",
     [("الحكومة لن تتراجع عن قرارها", "سامي العلي", False)]),
    # a title before the name is not part of it; a colon and quotation marks
    ('وقال الدكتور خالد منصور، مدير المستشفى: "لدينا نقص حاد في الأدوية".',
     [("لدينا نقص حاد في الأدوية", "خالد منصور", True)]),
    # an organisation as speaker (feminine verb)
    ("وأكدت منظمة الصحة العالمية أن عدد الإصابات ارتفع إلى 300 حالة.",
     [("عدد الإصابات ارتفع إلى 300 حالة", "منظمة الصحة العالمية", False)]),
    # a relay: the agency is the channel, the source speaks
    ("ونقلت وكالة رويترز عن مصدر أمني قوله إن الهجوم استهدف قاعدة عسكرية.",
     [("الهجوم استهدف قاعدة عسكرية", "مصدر أمني", False)]),
    # بحسب with the conjunction attached; the content is the clause after the source
    ("وبحسب وزارة الداخلية، فقد قتل ثلاثة أشخاص في الانفجار.",
     [("فقد قتل ثلاثة أشخاص في الانفجار", "وزارة الداخلية", False)]),
    # "in accordance with" procedures is not a source
    ("وفقاً لإجراءات السلامة، تم إغلاق الطريق.", []),
])
def test_arabic(text, want):
    assert quotes(text, "ar") == want


def test_arabic_participle_and_dropped_subject_continue_the_speaker():
    text = ("وأضاف العلي في تصريحات لقناة الجزيرة أن المفاوضات ستستأنف الأسبوع المقبل، مشيرا إلى أن الوفد "
            "سيصل يوم الأحد. وأوضح أن القرار سيطبق فوراً.")
    qs = extract(art(text, "ar")).quotes
    assert [(q.text, q.speaker) for q in qs] == [
        ("المفاوضات ستستأنف الأسبوع المقبل", "العلي"), ("الوفد سيصل يوم الأحد", "العلي"),
        ("القرار سيطبق فوراً", "العلي")]
    assert qs[0].channel == "قناة الجزيرة"
    # no one before a dropped subject: no speaker (never the verb)
    assert quotes("وأوضح أن القرار سيطبق فوراً.", "ar") == [("القرار سيطبق فوراً", None, False)]


@pytest.mark.parametrize("text,want", [
    ("علی رضایی، سخنگوی وزارت امور خارجه، روز دوشنبه در نشست خبری گفت: «ما به مذاکرات ادامه می‌دهیم.»",
     [("ما به مذاکرات ادامه می‌دهیم.", "علی رضایی", True)]),
    ("رضایی افزود که تهران هیچ پیشنهاد جدیدی دریافت نکرده است.",
     [("تهران هیچ پیشنهاد جدیدی دریافت نکرده است", "رضایی", False)]),
    ("به گزارش خبرگزاری ایرنا، وزیر نفت اعلام کرد تولید نفت در ماه آینده افزایش خواهد یافت.",
     [("تولید نفت در ماه آینده افزایش خواهد یافت", "وزیر نفت", False)]),
    ("رویترز به‌نقل از منابع آگاه گزارش کرده بود که دو طرف به توافق نزدیک شده‌اند.",
     [("دو طرف به توافق نزدیک شده‌اند", "منابع آگاه", False)]),
    ("به گفته وزارت بهداشت، شمار مبتلایان به ۲۰۰ نفر رسیده است.",
     [("شمار مبتلایان به ۲۰۰ نفر رسیده است", "وزارت بهداشت", False)]),
    # the verb written without its zero-width non-joiner is the same verb
    ("آمریکا میگوید چین در اجرای تعهد خود پیشرفت داشته است.",
     [("چین در اجرای تعهد خود پیشرفت داشته است", "آمریکا", False)]),
])
def test_persian(text, want):
    assert quotes(text, "fa") == want


def test_persian_channel_and_anonymous_source():
    q = extract(art("به گزارش خبرگزاری ایرنا، وزیر نفت اعلام کرد تولید نفت افزایش خواهد یافت.", "fa")).quotes[0]
    assert q.channel == "خبرگزاری ایرنا"
    q = extract(art("یک مقام آمریکایی که نخواست نامش فاش شود گفت که واشینگتن تحریم تازه‌ای اعمال می‌کند.",
                    "fa")).quotes[0]
    assert q.anonymous and q.speaker == "یک مقام آمریکایی"


def test_german_reported_speech():
    text = ("Die Lage sei ernst, sagte Innenminister Karl Berger am Montag. Eine Lösung werde weiterhin gesucht. "
            "Die Grenzen bleiben offen.")
    qs = extract(art(text, "de", "Karl Berger")).quotes
    assert [(q.text, q.speaker) for q in qs] == [("Die Lage sei ernst", "Karl Berger"),
                                                 ("Eine Lösung werde weiterhin gesucht", "Karl Berger")]
    assert quotes("Die Zahl der Toten sei auf 20 gestiegen, so der Sprecher der Polizei.", "de") == [
        ("Die Zahl der Toten sei auf 20 gestiegen", "der Sprecher", False)]
    assert quotes("Die Botschaft ist nach US-Angaben die größte der Welt.", "de") == [
        ("Die Botschaft ist nach US-Angaben die größte der Welt", "US", False)]
    qs = quotes("Anna Weber teilte am Mittwoch in Berlin mit, es sei das Bakterium X.", "de", "Anna Weber")
    assert qs == [("es sei das Bakterium X", "Anna Weber", False)]
    # a comparison is not a source
    assert quotes("Der Komplex ist etwa so groß wie der Vatikan.", "de") == []


def test_polish_dash_quotes():
    text = "Papież mówił o pokoju. - Nie ma pokoju bez sprawiedliwości - powiedział papież Franciszek."
    assert quotes(text, "pl", "Franciszek") == [("Nie ma pokoju bez sprawiedliwości", "Franciszek", True)]


@pytest.mark.parametrize("text,lang,names,want", [
    # a verb form or a clause fragment is never a speaker; no speaker, no indirect statement
    ("At the meeting it was recommended the United Nations send observers to the region.", "en", (), []),
    # a channel that only reports is not the speaker
    ("Omar Haddad said the dam would open on Monday, Reuters reported.", "en", ("Omar Haddad",),
     [("the dam would open on Monday", "Omar Haddad", False)]),
    # the content of an indirect statement is the clause only (no cue, no speaker)
    ("The minister told reporters on Monday that the border would stay closed.", "en", (),
     [("the border would stay closed", "The minister", False)]),
    ("Asimismo, señaló que la frontera seguirá cerrada.", "es", (), [("la frontera seguirá cerrada", None, False)]),
])
def test_speakers_and_spans(text, lang, names, want):
    assert quotes(text, lang, *names) == want


def test_headline_is_not_a_quote():
    text = "Haddad: “The dam will open”\nThe dam will open on Monday, Omar Haddad said."
    qs = quotes(text, "en", "Omar Haddad", title="Haddad: “The dam will open”")
    assert qs == [("The dam will open on Monday", "Omar Haddad", False)]


def test_double_apostrophes_are_quotation_marks():
    qs = quotes("''We will win this race,'' said Mr. Burman.", "en")
    assert qs == [("We will win this race,", "Mr. Burman", True)]


# -- round 7: Spanish sources after 'según' + verb, and a verb-subject cue inside the statement --

def test_spanish_segun_with_a_verb_names_the_source_after_the_verb():
    text = "En la región hay dos casos sospechosos de gripe, según informó la autoridad sanitaria en su parte diario."
    qs = quotes(text, "es")
    assert qs and qs[0][1] == "la autoridad sanitaria" and "dos casos sospechosos" in qs[0][0]


def test_spanish_inverted_cue_inside_the_statement():
    # ', señaló la fuente oficial,' interrupts the statement, which goes on with a verb
    text = "El resultado de las pruebas, señaló la fuente oficial, se dará a conocer el sábado por la tarde."
    qs = quotes(text, "es")
    assert {q[1] for q in qs} == {"la fuente oficial"}
    assert any("se dará a conocer el sábado" in q[0] for q in qs)
    # an apposition after the subject is no continuation of the statement
    text = "Las pruebas dieron negativo en los tres casos, señaló el director, el doctor Ramón Gil."
    assert not any("Ramón" in q[0] for q in quotes(text, "es"))


def test_dropped_subject_goes_back_to_the_speaker_of_a_verb_without_a_statement():
    # 'علقت X على …' gives no statement; the next verb has no written subject: its speaker is X
    text = "وعلقت النيابة العامة، في بيان اليوم، على الفعاليات.\nوأشارت إلى أنه تمت مناقشة الترتيبات مع وزارة الداخلية."
    qs = quotes(text, "ar")
    assert [(q[0][:10], q[1]) for q in qs] == [("تمت مناقشة", "النيابة العامة")]
    # 'شددت X على …' has a noun-phrase content (np_cues), and names the same speaker
    qs = quotes(text.replace("وعلقت", "وشددت").replace("على الفعاليات", "على سلمية الفعاليات"), "ar")
    assert [(q[0][:10], q[1]) for q in qs] == [("سلمية الفع", "النيابة العامة"), ("تمت مناقشة", "النيابة العامة")]


def test_german_reported_continuation_with_a_term_in_quotation_marks():
    # 'wie' inside the quoted term „wie eine Lawine“ is no cue of the sentence
    text = ("Zwei Surfer seien erfahrene Schwimmer gewesen, sagte Pat Smith im Radio. "
            "Sie seien in der Gischt verschwunden, die „wie eine Lawine“ über sie hereingebrochen sei.")
    qs = quotes(text, "de", "Pat Smith")
    assert any(q[0].startswith("Sie seien in der Gischt") and q[1] == "Pat Smith" for q in qs)


def test_german_davon_ausgehen_dass_is_a_cue():
    text = "Die Kripo geht davon aus, dass der Mann eines natürlichen Todes starb."
    qs = quotes(text, "de")
    assert qs and qs[0][0].startswith("der Mann eines natürlichen Todes") and qs[0][1] == "Die Kripo"


def test_a_speaker_is_never_the_end_of_a_quotation():
    # the opening mark was lost: 'to groźba"' is the tail of a quotation, not a speaker
    text = 'Żołnierze! To nie jest ostrzeżenie, to groźba" - stwierdził.'
    assert all(q[1] is None or '"' not in q[1] for q in quotes(text, "pl"))
    # a name in quotation marks may still be one ('فضائية "الحدث"')
    text = 'وقالت فضائية "الحدث" إن الصندوقين الأسودين سيفتحان غدا بإشراف خبراء.'
    assert [q[1] for q in quotes(text, "ar")] == ['فضائية "الحدث']  # the stage cuts the name before the mark


def test_a_straight_mark_that_can_only_open_ends_an_unclosed_quotation():
    # the first quotation lost its closing mark; the mark before 'Pacjenci' opens the next one,
    # which the dash cue attributes
    text = ('Lekarz mówi: "Aparat umożliwia ocenę pracy nerwów w czasie operacji. '
            '"Pacjenci czują się dobrze, już są w domach" - powiedział prof. Jan Nowak.')
    qs = quotes(text, "pl", "Jan Nowak")
    assert ("Pacjenci czują się dobrze, już są w domach", "Jan Nowak", True) in qs
    assert not any("Aparat" in q[0] and "Pacjenci" in q[0] for q in qs)
