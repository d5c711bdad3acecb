"""Round 10, refit sprint: a wall whose headline is glued to the wall's first sentence on
one line (no title, no line break between them) is read from that headline, as a wall with
a headline line above it is; before, the whole line named a wall phrase and the article got
no headline, no vector and no content features."""
from newstrace import storyfeatures as sf
from newstrace.clean import wall_kind
from newstrace.records import Article

HEAD = "Stadtrat beschließt neue Radwege für die Innenstadt von Bad Hersfeld"
LOGIN = ("Bitte registrieren!Sie haben noch keinen Zugang zum Archiv?Registrieren Sie sich jetzt "
         "kostenlos, um fortzufahren.Bitte überprüfen Sie die rot markierten Felder.")
BOT = ("We are sorry, but we have detected unusual traffic from your network. Please confirm "
       "that you are not a robot to continue. Please complete the captcha to verify you are human.")


def _art(text: str) -> Article:
    return Article(id="w", text=text, raw_text=text, lang="de", content_hash="w")


def test_a_headline_glued_to_a_login_wall_is_the_walls_headline():
    a = _art(HEAD + " " + LOGIN)
    assert wall_kind(a.text) == "login"
    head = sf.headline_text(a)
    # the words before the wall's phrase ("registrieren"; "Bitte" stays: a word of its
    # clause, which the rule does not parse)
    assert head is not None and head.startswith(HEAD) and "Zugang" not in head
    assert sf.story_view(a) == (head, "")
    # its content features come from the headline (before: none at all)
    assert sf.encoder_text(*sf.story_view(a)) is not None
    assert "radwege" in " ".join(sf.doc_features(a).terms).casefold()


def test_a_bot_check_with_no_headline_keeps_none():
    a = _art(BOT)
    assert wall_kind(a.text) is not None
    assert sf.headline_text(a) is None
    assert sf.story_view(a) == ("", "")
    # but a headline before it on the same line is kept
    b = _art(HEAD + " " + BOT)
    head = sf.headline_text(b)
    assert head is not None and head.startswith(HEAD) and "traffic" not in head
    assert sf.story_view(b) == (head, "")
