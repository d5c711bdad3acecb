"""English attributions found missing on PolNeAR train in round 10 (invented sentences, one
phenomenon each): a statement before a postposed 'said X, <apposition>', and a statement that
opens with a conjunction before ', he said'."""
from __future__ import annotations

from test_quotes_round8 import quotes  # the round-8 file's helpers


def test_statement_before_said_name_and_apposition():
    # '…, said Rita Katz, the director of …': the words after the name's comma are an apposition
    # to the speaker, not the rest of an interrupted statement
    text = ("The group also uses the same photo of a bearded man over and over again, said Rita Katz, "
            "the director of a monitoring firm, which tracks such accounts.")
    qs = quotes(text, "en", "Rita Katz")
    assert [(q.text, q.speaker) for q in qs] == [
        ("The group also uses the same photo of a bearded man over and over again", "Rita Katz")]
    text2 = "The approach is made possible by its resources, said Katie Harbath, Facebook's outreach director."
    assert [(q.text, q.speaker) for q in quotes(text2, "en", "Katie Harbath")] == [
        ("The approach is made possible by its resources", "Katie Harbath")]
    # 'A, said X, is B': a verb after the name's comma still goes on with the statement
    qs = quotes("The new plan, said Rita Katz, is the most expensive one the city has ever approved.", "en",
                "Rita Katz")
    assert [(q.text, q.speaker) for q in qs] == [
        ("The new plan", "Rita Katz"), ("is the most expensive one the city has ever approved", "Rita Katz")]


def test_statement_opening_with_a_conjunction_before_he_said():
    # 'But he operates on a different principle, he said.': a conjunction first is no adverbial
    # phrase opening the sentence ('In his speech, Graham said …' states nothing before the verb)
    qs = quotes("Mr. Smith owns three clubs. But he operates on a different principle, he said.", "en")
    assert [q.text for q in qs] == ["But he operates on a different principle"]
    assert quotes("Mr. Smith owns three clubs. But in his speech, he said.", "en") == []
