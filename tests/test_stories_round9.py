"""Round 9 of the story stage: walls (a paywall, login, consent ... page scraped instead of
the article) are flagged and their text is no evidence."""
import json

import pytest

from newstrace import stories
from newstrace import storyfeatures as sf
from newstrace.clean import clean, wall_kind
from newstrace.records import Article

PAYWALL = ("You have reached the limit for free access to our important and valuable work.\n\n"
           "Subscribers, click below to login or register your subscription to continue receiving "
           "unlimited access to the Gazette. Log In Sign Up")
CONSENT_DE = ("OK\n\nWir verwenden auf unserer Webseite Cookies und pseudonyme Analysetechniken, um unseren "
              "Internetauftritt möglichst benutzerfreundlich zu gestalten. Zudem messen und werten wir die "
              "Besuche aus, um unsere Webseite optimal auf Ihre Bedürfnisse anzupassen. Weitere "
              "Informationen finden Sie in unseren Datenschutzhinweisen.\n\nZur Datenschutzerklärung")
LOGIN_DE = ("Bitte registrieren!Sie haben noch keinen Zugang zum Archiv?Registrieren Sie sich jetzt "
            "kostenlos, um fortzufahren.Bitte überprüfen Sie die rot markierten Pflichtfelder.")
ROBOT_PL = ("Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.\n\n"
            "Jeśli chcesz połączyć się z nami zaznacz \"NIE JESTEM ROBOTEM\".\n\nTwój adres IP: 10.0.0.1")
CONSENT_PL = ("Aby ulepszyć witrynę, wyświetlać materiały i reklamy, zbieramy anonimowe informacje techniczne. "
              "Szczegółowy opis znajdą Państwo w Polityce prywatności. Klikając na przycisk \"Zaakceptuj\", "
              "wyrażają Państwo zgodę na przetwarzanie danych.")


def test_walls_in_several_languages():
    assert wall_kind("Two hurt when snowmobile crashed into tree\n" + PAYWALL) == "paywall"
    assert wall_kind("Einigung über erste schwarz-grüne Regierung in Österreich\n" + CONSENT_DE) == "consent"
    assert wall_kind("Justin Bieber verkauft Tacos " + LOGIN_DE, "Justin Bieber verkauft Tacos") == "login"
    assert wall_kind(ROBOT_PL) == "robot"
    assert wall_kind("Koniec finansowania WHO? Trump stawia warunek\n" + CONSENT_PL) == "consent"
    # a copyright line or a syndicator's disclaimer in place of the text
    assert wall_kind("Federal officials reach deal on aid package\nCopyright 2020 The Press. All rights "
                     "reserved. This material may not be published, broadcast, rewritten or redistributed "
                     "without permission.") == "notice"
    assert wall_kind("عريس إربد المصاب بكورونا يوجه رسالة\nتعمل الشركة على توفير المعلومات \"كما هي\" دون أي "
                     "تعهدات أو ضمانات. إذ أن هذا يعد إخلاء لمسؤوليتنا من ممارسات الخصوصية. يرجى التواصل مع "
                     "مزود المقال المذكور أعلاه.") == "notice"


def test_articles_that_mention_the_vocabulary_are_no_walls():
    # a report with a subscribe prompt beside its text, and a report *about* privacy
    report = ("Search underway for armed robber\nPolice are hoping a video can help them locate an armed "
              "robber. The suspect is accused of robbing a store on Main Street on Monday night. " * 3
              + "Subscribe to our newsletter.")
    assert wall_kind(report) is None
    privacy = ("Proteger la identidad de niñas y niños\nEn tiempos de pandemia, la información sobre el "
               "estado de salud de las niñas y los niños corresponde a su esfera íntima y a su privacidad, "
               "por lo que no se publica en los medios sin el acuerdo de sus familias y de las autoridades.")
    assert wall_kind(privacy) is None
    long_text = "Paywall story\n" + PAYWALL + "\n" + "The council approved the budget on Monday. " * 40
    assert wall_kind(long_text) is None


class _Opts:
    repeated_lines = None


def test_clean_keeps_the_wall_on_the_record():
    a = Article(id="w", text="", raw_text=PAYWALL, title="Two hurt when snowmobile crashed into tree")
    clean(a, _Opts())
    assert a.meta["wall"] == "paywall"
    b = Article(id="n", text="", raw_text="The council approved the budget on Monday.", title="Budget")
    clean(b, _Opts())
    assert "wall" not in b.meta


def test_wall_features_come_from_the_headline():
    a = Article(id="w", text="Two hurt when snowmobile crashed into tree\n" + PAYWALL, lang="en",
                content_hash="w")
    d = sf.doc_features(a)
    assert d.wall == "paywall"
    assert "snowmobile" in d.terms and "subscribers" not in d.terms and "unlimited" not in d.terms
    back = sf.DocFeatures.from_json("w", json.loads(json.dumps(d.to_json())), None)
    assert back.wall == "paywall"
    assert sf.encoder_text(*sf.story_view(a)).strip() == "Two hurt when snowmobile crashed into tree"


class Opts:
    use_models = False
    encoder = "none"


@pytest.fixture()
def store(tmp_store):
    return tmp_store


def test_paywalled_articles_of_one_outlet_stay_apart(store):
    # the same paywall in place of two different reports: identical text, other events
    heads = ("Two hurt when snowmobile crashed into tree", "City council approves new school budget")
    for k, head in enumerate(heads):
        store.upsert_article(Article(id=f"p{k}", text=head + "\n" + PAYWALL, title=None, lang="en",
                                     outlet="gazette", published="2024-01-03", content_hash=f"p{k}"))
    stories.update(store, ["p0", "p1"], Opts())
    got = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}
    assert got["p0"] != got["p1"]


def test_a_wall_joins_on_its_headline_and_the_story_says_why(store):
    head = "Two hurt when snowmobile crashed into tree near Bartlett"
    full = (head + "\nTwo people were hurt on Saturday when the snowmobile they were riding crashed into a "
            "tree near Bartlett, state conservation officers said. The driver lost control on a curve of "
            "the trail, and both riders were taken to the hospital in North Conway.")
    store.upsert_article(Article(id="full", text=full, lang="en", outlet="herald", published="2024-01-03",
                                 content_hash="f"))
    store.upsert_article(Article(id="wall", text=head + "\n" + PAYWALL, lang="en", outlet="gazette",
                                 published="2024-01-03", content_hash="w"))
    stories.update(store, ["full", "wall"], Opts())
    sid = store.conn.execute("SELECT story_id FROM story_articles WHERE article_id = 'wall'").fetchone()[0]
    got = {a["id"]: a.get("wall") for a in stories.get_story(store, sid)["articles"]}
    assert got == {"full": None, "wall": "paywall"}
