"""Hostile articles for the web, report and browser tests (helper module, not a test).

Every string field carries payloads that would execute if inserted unescaped: script
tags, event-handler attributes, javascript: URLs, </textarea> and attribute breakouts.
"""
from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
TEXTAREA = "</textarea><script>alert(2)</script>"
JS_URL = "javascript:alert(1)"

HOSTILE_ID = 'evil"><svg onload=alert(3)>'
HOSTILE_TITLE = f"Breaking {SCRIPT} {IMG} {SVG}"

HOSTILE_TEXT = (
    f"Hostile payload report {SCRIPT} opens the article.\n\n"
    f'The minister John Harrow said: "{IMG} is not a picture {TEXTAREA}" on Monday, according to Reuters.\n\n'
    f"Follow {JS_URL} and <a href=\"{JS_URL}\">click here</a> {SVG} to see the end.\n\n"
    f"A second witness, Maria Lopez, told the Daily Planet that {SCRIPT} was harmless.\n"
)

RECORDS = [
    {
        "id": "hostile-1",
        "title": HOSTILE_TITLE,
        "url": JS_URL,
        "outlet": f"Evil Outlet {IMG}",
        "lang": "en",
        "published": "2024-03-04",
        "author": TEXTAREA,
        "text": HOSTILE_TEXT,
    },
    {
        "id": HOSTILE_ID,
        "title": f"{TEXTAREA} second hostile title",
        "url": "https://example.org/ok?x=\"><script>alert(4)</script>",
        "outlet": SVG,
        "lang": "en",
        "published": "2024-03-05",
        "text": HOSTILE_TEXT.replace("Hostile payload report", "Another hostile report"),
    },
]


def write_jsonl(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    return path


def hostile_db(tmp_path_factory) -> Path:
    """A database holding the hostile articles, analysed through the model-free paths."""
    from newstrace import PipelineOptions, Store, analyze

    root = tmp_path_factory.mktemp("hostile")
    src = write_jsonl(root / "in")
    db = root / "hostile.db"
    store = Store(db)
    try:
        analyze([str(src)], store, PipelineOptions(now="2026-11-23", use_models=False, encoder="none"))
    finally:
        store.close()
    return db
