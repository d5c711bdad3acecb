"""A link to another article inside the text ('Czytaj także: …', 'Lesen Sie auch: …', 'Read
more: …'; the cue tables' ``link_labels``): the label and the headline after it hold no cue and
no speaker (invented sentences)."""
from __future__ import annotations

from test_quotes_round10 import _said  # (text, speaker) of each quote, the round-10 file's helper


def test_headline_after_a_link_label_is_no_statement_and_names_no_speaker():
    assert _said("Der Bischof sprach im Dom. Lesen Sie auch: Bischof Müller sagte, die Kirche brauche "
                 "Reformen. Die Messe dauerte zwei Stunden.", "de") == []
    assert _said("The bishop spoke in the cathedral.\nRead more: Bishop Miller said the church needs reform\n"
                 "The mass lasted two hours.", "en") == []
    assert _said("Biskup przemawiał w katedrze.\nCzytaj także: Biskup Nowak powiedział, że Kościół potrzebuje "
                 "reform\nMsza trwała dwie godziny.", "pl") == []
    # the quotation after the headline is not the headline speaker's
    said = _said("Arcybiskup przemawiał w katedrze. Czytaj także: Abp Nowak mówił o „nawróceniu Polski”. "
                 "„Bóg kazał nam czynić ziemię poddaną” – czytamy w liście.", "pl", "Abp Nowak")
    assert all(sp != "Abp Nowak" for _, sp in said), said

