"""Quotes in languages with their own cue table beyond en/fr/es/de (it, pt, nl, ru, pl, tr, ar):
invented news sentences, one phenomenon each — the speaker after and before a direct quote,
attribution through a prepositional cue ("secondo il ministro"), a channel ("told the X
newspaper") and an anonymous source."""
from __future__ import annotations

import re

import pytest

from newstrace import cues
from newstrace.quotes import extract
from newstrace.records import Article, Mention, Paragraph


def art(text: str, lang: str, *names: str) -> Article:
    paras = [Paragraph(m.start(), m.end(), lang) for m in re.finditer(r"[^\n]+", text)]
    ments = []
    for n in names:
        k = text.index(n)
        ments.append(Mention(k, k + len(n), n, "PER"))
    return Article(id="t", text=text, lang=lang, paragraphs=paras, mentions=sorted(ments, key=lambda m: m.start))


def only(text: str, lang: str, *names: str, direct: bool | None = None):
    qs = [q for q in extract(art(text, lang, *names)).quotes if direct is None or q.direct == direct]
    assert len(qs) == 1, [(q.text, q.speaker) for q in qs]
    return qs[0]


NEW = ("it", "pt", "nl", "ru", "pl")


def test_new_tables_load_with_every_key():
    assert set(NEW) <= set(cues.available())
    for lang in NEW:
        t = cues.table(lang)
        assert t.lang == lang and t.verbs and t.quote_pairs and t.pronouns and t.cue_re is not None
        assert t.prep_before_re is not None and t.channels and t.lists["anonymous_heads"]


# -- direct quote, speaker after the quote ------------------------------------------------

@pytest.mark.parametrize("lang,text,quote,speaker,cue", [
    ("it", "«Non abbiamo alcuna intenzione di ritirare le truppe dal confine», ha dichiarato il portavoce "
           "dell'esercito.", "Non abbiamo alcuna intenzione di ritirare le truppe dal confine",
     "il portavoce dell'esercito", "dichiarato"),
    ("pt", "«Não temos qualquer intenção de retirar as tropas da fronteira», afirmou o porta-voz do exército.",
     "Não temos qualquer intenção de retirar as tropas da fronteira", "o porta-voz do exército", "afirmou"),
    ("nl", "“We hebben niet de intentie om de troepen van de grens terug te trekken”, zei de woordvoerder "
           "van het leger.", "We hebben niet de intentie om de troepen van de grens terug te trekken",
     "de woordvoerder van het leger", "zei"),
    ("nl", "“Er is geen alternatief voor overleg met de buurlanden”, aldus burgemeester Anna Smit.",
     "Er is geen alternatief voor overleg met de buurlanden", "burgemeester Anna Smit", "aldus"),
    ("ru", "«Мы не намерены отводить войска от границы», — заявил представитель армии Олег Дронов.",
     "Мы не намерены отводить войска от границы", "представитель армии Олег Дронов", "заявил"),
    ("pl", "„Nie zamierzamy wycofywać wojsk z granicy” – powiedział rzecznik armii Tomasz Lipa.",
     "Nie zamierzamy wycofywać wojsk z granicy", "rzecznik armii Tomasz Lipa", "powiedział"),
])
def test_speaker_after_the_quote(lang, text, quote, speaker, cue):
    q = only(text, lang, direct=True)
    assert (q.text, q.speaker, q.cue) == (quote, speaker, cue)
    assert text[q.start:q.end] == quote


@pytest.mark.parametrize("lang,text,quote,name", [
    ("it", "Il ministro Marco Rinaldi ha dichiarato: «Le truppe resteranno al confine fino alla fine "
           "dell'inverno».", "Le truppe resteranno al confine fino alla fine dell'inverno", "Marco Rinaldi"),
    ("pt", "O ministro Marco Ribeiro declarou: “As tropas vão permanecer na fronteira até ao fim do inverno”.",
     "As tropas vão permanecer na fronteira até ao fim do inverno", "Marco Ribeiro"),
    ("nl", "Minister Mark Visser zei: “De troepen blijven tot het einde van de winter aan de grens.”",
     "De troepen blijven tot het einde van de winter aan de grens.", "Mark Visser"),
    ("ru", "Министр обороны Марк Ривин заявил: «Войска останутся на границе до конца зимы».",
     "Войска останутся на границе до конца зимы", "Марк Ривин"),
    ("pl", "Minister obrony Marek Rywiński oświadczył: „Wojska pozostaną na granicy do końca zimy”.",
     "Wojska pozostaną na granicy do końca zimy", "Marek Rywiński"),
])
def test_speaker_before_the_quote(lang, text, quote, name):
    q = only(text, lang, name, direct=True)
    assert (q.text, q.speaker, q.speaker_kind) == (quote, name, "name")
    assert q.method.startswith("rules:before")


@pytest.mark.parametrize("lang,text,content,speaker", [
    ("it", "Secondo il ministro, la diga resterà chiusa per due settimane a partire da lunedì.",
     "la diga resterà chiusa per due settimane a partire da lunedì", "il ministro"),
    ("pt", "Segundo o ministro, a barragem ficará fechada durante duas semanas a partir de segunda-feira.",
     "a barragem ficará fechada durante duas semanas a partir de segunda-feira", "o ministro"),
    ("nl", "Volgens minister Mark Visser blijft de dam vanaf maandag twee weken dicht.",
     "blijft de dam vanaf maandag twee weken dicht", "minister Mark Visser"),
    ("ru", "По словам министра, плотина будет закрыта на две недели с понедельника.",
     "плотина будет закрыта на две недели с понедельника", "министра"),
    ("pl", "Według ministra, tama zostanie zamknięta na dwa tygodnie od poniedziałku.",
     "tama zostanie zamknięta na dwa tygodnie od poniedziałku", "ministra"),
    ("pl", "Jak poinformował rzecznik ministerstwa, ćwiczenia wojskowe zakończyły się w piątek wieczorem.",
     "ćwiczenia wojskowe zakończyły się w piątek wieczorem", "rzecznik ministerstwa"),
    ("ru", "Как заявил министр Ривин, экономика страны вырастет на три процента.",
     "экономика страны вырастет на три процента", "министр Ривин"),
])
def test_prepositional_cue_attributes_the_clause(lang, text, content, speaker):
    q = only(text, lang)
    assert not q.direct and (q.text, q.speaker) == (content, speaker)
    assert q.method == "rules:according"


@pytest.mark.parametrize("lang,text,speaker,channel", [
    ("it", "«La diga sarà riaperta entro dicembre», ha detto Rinaldi al quotidiano Gazzetta Nord.",
     "Rinaldi", "Gazzetta Nord"),
    ("it", "Fonti della procura hanno riferito all'ANSA che l'indagine è stata chiusa ieri sera.",
     "Fonti della procura", "ANSA"),
    ("pt", "“A barragem será reaberta em dezembro”, disse Ribeiro ao jornal Diário Nord.", "Ribeiro",
     "Diário Nord"),
    ("pt", "Em entrevista à Rádio Nord, a prefeita Júlia Ferreira explicou que a ponte será reconstruída "
           "até o verão.", "Júlia Ferreira", "Rádio Nord"),
    ("nl", "“De dam gaat in december weer open”, zei Visser tegen de krant Dagblad Noord.", "Visser",
     "Dagblad Noord"),
    ("nl", "“Er is geen alternatief voor overleg met de buren”, zegt hij in een interview met Radio Noord.",
     "hij", "Radio Noord"),
    ("ru", "«Плотина откроется в декабре», — сказал Ривин газете «Коммерсант».", "Ривин", "Коммерсант"),
    ("ru", "«Мы готовы к переговорам с соседями», — сказал Ривин РИА Новости.", "Ривин", "РИА Новости"),
    ("pl", "„Tama zostanie otwarta w grudniu” – powiedział Rywiński w rozmowie z Radiem Północ.", "Rywiński",
     "Radiem Północ"),
])
def test_channel_the_statement_was_made_to(lang, text, speaker, channel):
    names = [n for n in ("Júlia Ferreira",) if n in text]
    q = only(text, lang, *names)
    assert (q.speaker, q.channel) == (speaker, channel)
    assert channel in [s.cites for s in extract(art(text, lang, *names)).sources]


@pytest.mark.parametrize("lang,text,head", [
    ("it", "Una fonte diplomatica, che ha chiesto l'anonimato, ha affermato che i negoziati sono falliti ieri.",
     "Una fonte diplomatica"),
    ("pt", "Uma fonte diplomática, que pediu anonimato, afirmou que as negociações fracassaram ontem.",
     "Uma fonte diplomática"),
    ("nl", "Een diplomatieke bron, die anoniem wilde blijven, zei dat de onderhandelingen gisteren mislukt zijn.",
     "Een diplomatieke bron"),
    ("ru", "Источник в министерстве, пожелавший остаться неизвестным, сообщил, что переговоры с соседями "
           "провалились.", "Источник в министерстве"),
    ("pl", "Źródło w ministerstwie, proszące o anonimowość, poinformowało, że negocjacje z sąsiadami "
           "zakończyły się fiaskiem.", "Źródło w ministerstwie"),
])
def test_anonymous_source(lang, text, head):
    a = extract(art(text, lang))
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.speaker == head and q.anonymous and q.speaker_kind == "anonymous"
    assert any(s.anonymous and s.cites == head for s in a.sources)


@pytest.mark.parametrize("lang,text,name", [
    ("it", "Il ministro Marco Rinaldi ha parlato con i giornalisti. «Non ci sono alternative al dialogo con i "
           "vicini», ha aggiunto.", "Marco Rinaldi"),
    ("pt", "O ministro Marco Ribeiro falou aos jornalistas. “Não há alternativa ao diálogo com os vizinhos”, "
           "acrescentou.", "Marco Ribeiro"),
    ("pl", "Minister Marek Rywiński spotkał się z dziennikarzami. „Nie ma alternatywy dla dialogu z "
           "sąsiadami” – dodał.", "Marek Rywiński"),
    ("ru", "Министр обороны Марк Ривин встретился с журналистами. «Альтернативы диалогу нет», — добавил он.",
     "Марк Ривин"),
])
def test_dropped_or_pronoun_subject_goes_to_the_person_named_before(lang, text, name):
    q = only(text, lang, name, direct=True)
    assert q.speaker == name


def test_short_quote_set_off_by_comma_and_dash_outside_the_marks_is_a_statement():
    q = only("«Нет», — ответил министр.", "ru", direct=True)
    assert (q.text, q.speaker) == ("Нет", "министр")
    q = only("„Nie” – odpowiedział minister.", "pl", direct=True)
    assert q.speaker == "minister"
    # a short quoted term inside a clause stays a scare quote
    assert [q for q in extract(art("Он назвал это решение «ошибкой» и ушёл.", "ru")).quotes if q.direct] == []


def test_sentence_bounds_in_cyrillic_text():
    text = ("Министр Ривин заявил, что плотина будет закрыта две недели. Депутат Олег Дронов сказал, что "
            "ремонт займёт месяц.")
    qs = extract(art(text, "ru")).quotes
    assert [(q.speaker, q.text) for q in qs] == [
        ("Министр Ривин", "плотина будет закрыта две недели"),
        ("Депутат Олег Дронов", "ремонт займёт месяц")]


# -- Turkish: the subject before the quote, the verb after it --------------------------------

def test_turkish_subject_before_the_quote_and_verb_after_it():
    text = 'Savunma Bakanı Mehmet Yılmaz, "Askerlerimizi sınırdan çekmek gibi bir niyetimiz kesinlikle yok" dedi.'
    q = only(text, "tr", direct=True)
    assert (q.text, q.speaker) == ("Askerlerimizi sınırdan çekmek gibi bir niyetimiz kesinlikle yok",
                                   "Savunma Bakanı Mehmet Yılmaz")
    # after a participle clause, with a channel in the dative
    text = ('Barajın kışın kapalı kalacağını belirten Yılmaz, Kuzey Gazetesi\'ne verdiği röportajda '
            '"Baraj aralık ayında yeniden hizmete açılacak" diye konuştu.')
    q = only(text, "tr", direct=True)
    assert (q.speaker, q.channel) == ("Yılmaz", "Kuzey Gazetesi'ne")
    assert [s.kind for s in extract(art(text, "tr")).sources] == ["interview"]


def test_turkish_speaker_after_the_quote_and_colon():
    q = only('"Baraj aralık ayında yeniden hizmete açılacak" dedi Yılmaz.', "tr", direct=True)
    assert q.speaker == "Yılmaz"
    q = only('Yılmaz, açıklamasında şunları kaydetti: "Askerler kış sonuna kadar sınırda kalacak."', "tr",
             direct=True)
    assert q.speaker == "Yılmaz"


def test_turkish_gore_after_the_source():
    q = only("Bakan Yılmaz'a göre, baraj pazartesiden itibaren iki hafta kapalı kalacak.", "tr")
    assert (q.text, q.speaker) == ("baraj pazartesiden itibaren iki hafta kapalı kalacak", "Bakan Yılmaz")
    q = only("Yetkililere göre baraj pazartesiden itibaren iki hafta kapalı kalacak.", "tr")
    assert q.anonymous and q.text.startswith("baraj")
    # "göre" comparing figures is not attribution
    assert extract(art("İhracat geçen yıla göre yüzde beş oranında arttı.", "tr")).quotes == []


def test_turkish_anonymous_source_and_no_speaker_from_a_reported_clause():
    text = 'İsminin açıklanmasını istemeyen bir diplomatik kaynak, "Görüşmeler dün gece tamamen başarısız oldu" dedi.'
    q = only(text, "tr", direct=True)
    assert q.anonymous and q.speaker.endswith("diplomatik kaynak")
    # 'X, CONTENT söyledi': the nominalised clause before the verb is the content, X the speaker
    qs = extract(art("Sağlık Bakanı Fahrettin Koca, aşının tamamen güvenli olduğunu söyledi.", "tr")).quotes
    assert [(q.text, q.speaker, q.direct) for q in qs] == [
        ("aşının tamamen güvenli olduğunu", "Sağlık Bakanı Fahrettin Koca", False)]


@pytest.mark.parametrize("text,lang", [
    ("La squadra ha vinto il secondo scudetto in tre anni, e i tifosi hanno festeggiato.", "it"),
    ("O clube venceu pelo segundo ano consecutivo, e a cidade festejou a noite inteira.", "pt"),
])
def test_ordinary_words_are_not_cues(text, lang):
    """An ordinal after an article ("il secondo", "pelo segundo") is not the prepositional
    cue "secondo/segundo"."""
    assert extract(art(text, lang)).quotes == []


def test_prepositional_cue_still_attributes():
    q = only("Secondo il ministro Paolo Conti, la diga sarà chiusa entro marzo.", "it",
             "Paolo Conti")
    assert q.speaker == "Paolo Conti"
