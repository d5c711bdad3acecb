from __future__ import annotations

import json


def test_eval_dates_on_seeds(seed_db, seeds_gold_path, run_cli):
    res = run_cli("eval", "dates", "--gold", seeds_gold_path, "--db", seed_db, "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["articles"] == 5 and data["undated_in_text"] == 5
    assert data["overlap"] == 1.0  # every inferred range overlaps the gold range
    per = {p["article"]: p for p in data["per_article"]}
    for aid in ("000_79ad30ed8421e7ea", "001_9133b5a1e6da6c1e", "003_27e2beb3ba895656",
                "004_b61d84d705ab0fc5"):
        assert per[aid]["within_width"], aid


def test_eval_dates_on_demo(demo_db, demo_gold_path, run_cli):
    res = run_cli("eval", "dates", "--gold", demo_gold_path, "--db", demo_db, "--json")
    data = json.loads(res.stdout)
    assert data["articles"] >= 30
    assert data["overlap"] >= 0.9


def test_eval_dates_bad_gold(tmp_path, seed_db, run_cli):
    bad = tmp_path / "g.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    res = run_cli("eval", "dates", "--gold", bad, "--db", seed_db)
    assert res.exit_code == 2 and "not a gold file" in res.output
