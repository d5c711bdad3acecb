"""The name memos hold one `Token` per spelling, shared by every cached full name."""
from __future__ import annotations

import pytest

from newstrace import names


@pytest.mark.issue(13)
def test_cached_names_share_one_token_per_spelling():
    """The `analyze` memo holds a spelling's `Token` once, whatever full names it is in (the
    memo of 200,000 names: 219 -> 67 MB on synthetic names), and the tokens are the same."""
    a, b = names.analyze("John Smithsonian"), names.analyze("Sarah Smithsonian")
    assert a.tokens[1] is b.tokens[1]
    assert a.tokens[1] == names._make_token.__wrapped__("Smithsonian")
    ka, kb = names.name_keys("John Smithsonian"), names.name_keys("Sarah Smithsonian")
    assert next(k for k in ka if k in kb) is next(k for k in kb if k in ka)
