"""Story features: the headline's rubric label (templates) and the cross-language link model."""
import json

import numpy as np

from newstrace import storyfeatures as sf
from newstrace.records import Article


def test_kicker_of_headlines():
    assert sf.headline_kicker("POL-S: In Baucontainer eingebrochen - Zeugen gesucht") == (
        "pol-s", "in baucontainer eingebrochen - zeugen gesucht")
    assert sf.headline_kicker("Niger : la vie est difficile à Diffa") == ("niger", "la vie est difficile à diffa")
    assert sf.headline_kicker("Breaking | Floods in Jakarta") == ("breaking", "floods in jakarta")
    # a time is not a label, nor is a whole clause, nor a headline without one
    assert sf.headline_kicker("Çarşamba, 15:21 Çarşamba ile") is None
    assert sf.headline_kicker("Officials in the capital said on Monday: more rain") is None
    assert sf.headline_kicker("Nine killed as floods hit Jakarta") is None
    assert sf.headline_kicker("") is None


def _doc(aid, title, text="", lang="de"):
    return sf.doc_features(Article(id=aid, text=text, raw_text=text, lang=lang, title=title, content_hash=aid))


def test_shared_kicker_marks_a_template_not_a_copy():
    a = _doc("a", "POL-S: In Baucontainer eingebrochen - Zeugen gesucht")
    b = _doc("b", "POL-S: Einbrecher unterwegs - Zeugen gesucht")
    c = _doc("c", "POL-S: In Baucontainer eingebrochen - Zeugen gesucht")
    d = _doc("d", "POL-DEL: Einbrecher unterwegs")
    assert sf.shared_kicker(a, b) == sf.shared_kicker(b, a) == 1.0
    assert sf.shared_kicker(a, c) == 0.0  # same headline: a copy, not another item of the series
    assert sf.shared_kicker(b, d) == 0.0
    assert sf.pair_features(a, b)["kicker"] == 1.0


def test_kicker_from_first_line_without_title():
    a = _doc("a", None, "Pressestimme: 'Allgemeine Zeitung' zu CDU-Klausur  KASSEL (dpa) - Text")
    assert a.kicker == ("pressestimme", "'allgemeine zeitung' zu cdu-klausur")


def test_kicker_lowers_the_join_probability():
    # a templated pair (two police reports of one precinct): joined without the kicker
    feats = {"dense": 0.72, "lex": 0.33, "same_lang": 1.0, "ent": 0.28, "num": 0.44, "date": 0.0}
    assert sf.content_probability(feats, "usem3") >= sf.JOIN_P
    assert sf.content_probability({**feats, "kicker": 1.0}, "usem3") < sf.JOIN_P
    assert sf.content_probability({**feats, "kicker": 1.0}, "none") < sf.content_probability(feats, "none")


def test_kicker_round_trips_and_old_rows_load():
    a = _doc("a", "POL-S: Einbrecher unterwegs")
    back = sf.DocFeatures.from_json("a", json.loads(json.dumps(a.to_json())), None)
    assert back.kicker == a.kicker
    plain = _doc("p", "Nine killed as floods hit Jakarta")
    assert "kicker" not in plain.to_json()  # features of articles without a label are unchanged
    assert sf.DocFeatures.from_json("p", plain.to_json(), None).kicker is None


def test_shared_names_do_not_carry_a_cross_language_link():
    # two texts the encoder finds different (cosine below 0.5) that name the same people:
    # another event with the same actors, not a link (the previous link model, fitted on
    # the 56 cross-language pairs alone with both classes weighted equally, linked them)
    feats = {"dense": 0.48, "ent": 0.51, "num": 0.0, "date": 0.0, "spk": 0.0}
    assert sf.link_probability(feats, "usem3") < sf.LINK_P
    # a close translation-level match links
    assert sf.link_probability({**feats, "dense": 0.8, "ent": 0.3}, "usem3") >= sf.LINK_P


def test_cross_language_pair_has_no_kicker_weight_in_link_model():
    a = _doc("a", "Niger : la vie est difficile", lang="fr")
    b = _doc("b", "Niger: twenty dead in stampede", lang="en")
    a.vec = b.vec = np.ones(2) / np.sqrt(2)
    f = sf.pair_features(a, b)
    assert f["kicker"] == 1.0 and "kicker" not in sf.LINK_FEATURES


def test_consent_notice_lines_are_not_content():
    banner = ("Wir setzen auf unserer Website Cookies und andere Technologien ein, um Ihnen den vollen "
              "Funktionsumfang unseres Angebotes anzubieten. Weitere Informationen in unserer Datenschutzerklärung.")
    a = _doc("a", "Trompete trifft Piano im Café Heimat in Morbach", "OK\n\n" + banner)
    b = _doc("b", "Wagen kollidiert mit Lkw: Fünf Verletzte", "OK\n\n" + banner)
    assert "cookies" not in a.terms and "funktionsumfang" not in a.terms
    assert sf.pair_features(a, b)["lex"] < 0.2  # only the headlines are left, and they differ
    assert sf.story_text("We use cookies on our website to improve it.\nThe mayor resigned on Monday.") == \
        "The mayor resigned on Monday."
    # cookies in the news are news
    assert sf.story_text("The bakery sold 4,000 cookies on Monday.") == "The bakery sold 4,000 cookies on Monday."


def test_bot_check_page_is_no_content():
    page = ("Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.\n\n"
            "Jeśli chcesz połączyć się z nami zaznacz \"NIE JESTEM ROBOTEM\".\n\nTwój adres IP: 207.241.233.113")
    assert sf.story_text(page) == ""
    assert sf.encoder_text(None, page) is None  # no vector: empty texts would all look alike
    assert sf.encoder_text("Wybory w Wielkiej Brytanii", page).strip() == "Wybory w Wielkiej Brytanii"
    a, b = _doc("a", None, page, "pl"), _doc("b", None, page, "pl")
    assert not a.terms and sf.pair_features(a, b)["lex"] == 0.0
    assert sf.decide(a, b, "none") is None


def test_ad_blocker_wall_lines_are_dropped():
    text = ("VA Lottery\nWe noticed you're blocking ads!\n\n"
            "Keep supporting great journalism by turning off your ad blocker.")
    assert sf.story_text(text) == "VA Lottery\nWe noticed you're blocking ads!\n"


def test_stage_keeps_bot_check_pages_apart(tmp_store):
    from newstrace import stories

    class Opts:
        use_models = False
        encoder = "none"

    page = ("Sorry, we have detected unusual traffic from your IP address 207.241.233.113.\n\n"
            "To continue, please confirm you are human: tick \"I'm not a robot\".")
    for aid, day in (("p1", "2024-05-02"), ("p2", "2024-05-02"), ("p3", "2024-05-03")):
        tmp_store.upsert_article(Article(id=aid, text=page, lang="en", published=day, content_hash=aid))
    stories.update(tmp_store, ["p1", "p2", "p3"], Opts())
    got = {r[0]: r[1] for r in tmp_store.conn.execute("SELECT article_id, story_id FROM story_articles")}
    assert len(got) == 3 and len(set(got.values())) == 3


def test_bot_check_phrase_in_a_long_article_drops_only_its_line():
    body = " ".join(["The council approved the new budget for the harbour district on Monday."] * 20)
    text = body + "\nThis site is protected by reCAPTCHA and the Google Privacy Policy applies.\n" + \
        "Tick \"I'm not a robot\" to comment."
    got = sf.story_text(text)
    assert got.startswith(body) and "robot" not in got and "reCAPTCHA" in got
