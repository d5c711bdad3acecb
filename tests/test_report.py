"""`newstrace report`: one self-contained, inert HTML file."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from newstrace.report import REPORT_CSP, build_report
from webcases import HOSTILE_TITLE, IMG, SCRIPT, TEXTAREA, hostile_db


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from newstrace import Store

    store = Store(hostile_db(tmp_path_factory))
    yield store
    store.close()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_inert(doc: str) -> None:
    p = _Tags()
    p.feed(doc)
    names = {t for t, _ in p.tags}
    assert not names & {"script", "iframe", "img", "object", "embed", "link", "base", "form"}, names
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith(("#", "http://", "https://")), attrs["href"]
    metas = [a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert [m["content"] for m in metas] == [REPORT_CSP]
    assert not re.search(r"url\((['\"]?)(https?:)?//", doc)


def test_report_over_the_seeds(seed_store, run_cli, tmp_path):
    out = tmp_path / "report.html"
    r = run_cli("report", "--db", seed_store.path, "--out", out)
    assert r.exit_code == 0, r.output
    doc = out.read_text(encoding="utf-8")
    _assert_inert(doc)
    labels = [row[0] for row in seed_store.conn.execute(
        "SELECT label FROM stories WHERE status = 'active' AND size > 0")]
    assert labels and all(str(escape(label)) in doc for label in labels)
    for aid in seed_store.article_ids():
        assert f"<code>{escape(aid)}</code>" in doc
    top = seed_store.conn.execute(
        "SELECT t.name FROM actors t JOIN mentions m ON m.actor_id = t.id GROUP BY t.id "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    assert str(escape(top)) in doc
    # one edge per citing outlet and cited node; a cited outlet resolved to an actor is one
    # node however it is spelled (PressTV / Press Tv)
    n_edges = seed_store.conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT coalesce(a.outlet, '(unknown outlet)'), "
        "coalesce(CASE WHEN s.anonymous THEN NULL ELSE (SELECT t.name FROM actors t WHERE t.id = s.cites_actor) END,"
        " s.cites) FROM sources s "
        "JOIN articles a ON a.id = s.article_id WHERE s.cites IS NOT NULL)").fetchone()[0]
    assert doc.count('class="edge"') == n_edges > 0


def test_report_escapes_hostile_text(hostile_store):
    doc = build_report(hostile_store)
    _assert_inert(doc)
    for payload in (SCRIPT, IMG, TEXTAREA):
        assert payload not in doc
    assert str(escape(HOSTILE_TITLE)) in doc
    assert "javascript:" not in re.sub(r"&[^;]+;", "", " ".join(re.findall(r'href="([^"]*)"', doc))).lower()
