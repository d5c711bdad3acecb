"""The dialect layer (newstrace._dialect): each SQLite construct it rewrites for
PostgreSQL, and the ones it refuses. Pure text tests (no server); test_store_backends.py
runs the rewritten SQL on a real server."""
from __future__ import annotations

import pytest

from newstrace._dialect import UnsupportedSQL, split_script, translate
from newstrace._ftsquery import QuerySyntaxError, phrase_sql, to_tsquery_sql


class Cat:
    """A catalog stand-in: stories(id PK, label, size NOT NULL, status), keys(key, story_id) PK both."""

    tables = {"stories": ["id", "label", "size", "status"], "keys": ["key", "story_id"],
              "story_ndocs": ["lang", "n"], "quotes": ["article_id", "idx", "anonymous", "direct", "text"]}
    pks = {"stories": ["id"], "keys": ["key", "story_id"], "story_ndocs": ["lang"], "quotes": ["article_id", "idx"]}

    def primary_key(self, t):
        return self.pks.get(t, [])

    def columns(self, t):
        return self.tables[t]

    def not_null(self, c):
        return c in ("id", "size", "key", "idx")

    def int_column(self, c):
        return c in ("size", "anonymous", "direct", "n", "idx")

    def identity(self, t):
        return None


def tr(sql: str) -> str:
    return " ".join(translate(sql, Cat()).sql.split())


def test_placeholders_and_percent_signs():
    t = translate("SELECT * FROM t WHERE a = ? AND b LIKE '10%' AND c = '?'", Cat())
    assert t.nparams == 1
    assert t.sql == "SELECT * FROM t WHERE a = %s AND b ILIKE '10%%' ESCAPE '' AND c = '?'"


def test_insert_or_ignore_and_replace():
    assert tr("INSERT OR IGNORE INTO keys(key, story_id) VALUES (?, ?)") == \
        "INSERT INTO keys(key, story_id) VALUES (%s, %s) ON CONFLICT DO NOTHING"
    # the declared key is the conflict target; columns not written go back to their default,
    # as SQLite's REPLACE (delete, then insert) leaves them
    assert tr("INSERT OR REPLACE INTO stories(id, label) VALUES (?, ?)") == (
        'INSERT INTO stories(id, label) VALUES (%s, %s) ON CONFLICT ("id") DO UPDATE SET '
        '"label" = EXCLUDED."label", "size" = DEFAULT, "status" = DEFAULT')
    # without a column list: the first N columns
    assert tr("REPLACE INTO stories VALUES (?, ?)").endswith(
        'ON CONFLICT ("id") DO UPDATE SET "label" = EXCLUDED."label", "size" = DEFAULT, "status" = DEFAULT')
    # every column in the key: nothing to update
    assert tr("INSERT OR REPLACE INTO keys VALUES (?, ?)").endswith('ON CONFLICT ("key", "story_id") DO NOTHING')
    assert tr("INSERT OR IGNORE INTO keys(key, story_id) SELECT key, ? FROM keys WHERE story_id = ?").endswith(
        "WHERE story_id = %s ON CONFLICT DO NOTHING")


def test_existing_upsert_qualifies_the_old_row():
    assert tr("INSERT INTO story_ndocs(lang, n) VALUES (?, ?) ON CONFLICT(lang) DO UPDATE SET n = n + excluded.n") \
        == ('INSERT INTO story_ndocs(lang, n) VALUES (%s, %s) ON CONFLICT(lang) DO UPDATE SET '
            'n = "story_ndocs".n + excluded.n')


def test_functions():
    assert tr("SELECT group_concat(x), group_concat(DISTINCT y, '|') FROM t") == \
        "SELECT string_agg(CAST(x AS TEXT), ','), string_agg(DISTINCT CAST(y AS TEXT), '|') FROM t"
    assert tr("SELECT max(a, b), min(a, b, 3), max(c), ifnull(a, 0), instr(a, 'x'), total(z) FROM t") == (
        "SELECT greatest(a, b), least(a, b, 3), max(c), coalesce(a, 0), strpos(a, 'x'), "
        "coalesce(sum(z), 0.0) FROM t")
    assert "to_char(now() AT TIME ZONE 'UTC'" in tr("INSERT INTO t VALUES (datetime('now'))")
    assert tr("SELECT 1 FROM json_each(s.outlets) WHERE lower(value) = lower(?)") == \
        "SELECT 1 FROM json_array_elements_text(CAST(s.outlets AS JSON)) WHERE lower(value) = lower(%s)"
    assert tr("SELECT instr(s.langs, json_quote(?)) > 0") == \
        "SELECT strpos(s.langs, CAST(to_json(CAST(%s AS TEXT)) AS TEXT)) > 0"
    assert tr("SELECT round(x, 2), CAST(y AS REAL), CAST(z AS INTEGER) FROM t") == \
        "SELECT round(CAST(x AS NUMERIC), 2), CAST(y AS DOUBLE PRECISION), CAST(z AS BIGINT) FROM t"


def test_order_by_sorts_nulls_as_sqlite_does():
    assert tr("SELECT a FROM t ORDER BY a, b DESC, size, 2 LIMIT ?") == \
        "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST, size, 2 NULLS FIRST LIMIT %s"
    # explicit NULLS kept; nested queries and window functions too
    assert tr("SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t ORDER BY a NULLS LAST") == \
        "SELECT row_number() OVER (PARTITION BY a ORDER BY b NULLS FIRST) FROM t ORDER BY a NULLS LAST"


def test_order_by_expressions_over_output_aliases():
    assert tr("SELECT coalesce(a.x, a.y) AS d FROM a ORDER BY d IS NULL, d") == \
        "SELECT coalesce(a.x, a.y) AS d FROM a ORDER BY (coalesce(a.x, a.y)) IS NULL NULLS FIRST, d NULLS FIRST"


def test_integers_as_truth_values():
    assert tr("SELECT 1 FROM quotes q WHERE NOT q.anonymous AND direct") == \
        "SELECT 1 FROM quotes q WHERE NOT (q.anonymous <> 0) AND (direct <> 0)"
    assert tr("SELECT CASE WHEN anonymous THEN 1 ELSE 0 END FROM quotes WHERE 1 AND (anonymous OR text = ?)") == \
        "SELECT CASE WHEN (anonymous <> 0) THEN 1 ELSE 0 END FROM quotes WHERE TRUE AND ((anonymous <> 0) OR text = %s)"
    assert tr("SELECT 1 FROM quotes WHERE text = ? AND (1) AND (anonymous)") == \
        "SELECT 1 FROM quotes WHERE text = %s AND (TRUE) AND ((anonymous <> 0))"
    # comparisons and text columns are left alone
    assert tr("SELECT 1 FROM quotes WHERE anonymous = 1 AND text") == "SELECT 1 FROM quotes WHERE anonymous = 1 AND text"


def test_like_and_empty_in():
    assert tr("SELECT 1 FROM t WHERE a LIKE ? AND b NOT LIKE 'x%' ESCAPE '!' AND c IN () AND d NOT IN ()") == (
        "SELECT 1 FROM t WHERE a ILIKE %s ESCAPE '' AND b NOT ILIKE 'x%%' ESCAPE '!' "
        "AND c IN (SELECT NULL WHERE FALSE) AND d NOT IN (SELECT NULL WHERE FALSE)")


def test_ddl():
    assert tr('CREATE TABLE x (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b REAL, c BLOB, d, "end" INTEGER) '
              "WITHOUT ROWID") == (
        'CREATE TABLE x (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a TEXT COLLATE "C" NOT NULL, '
        'b DOUBLE PRECISION, c BYTEA, d TEXT COLLATE "C", "end" BIGINT)')
    assert tr("ALTER TABLE stories ADD COLUMN span_lo REAL") == "ALTER TABLE stories ADD COLUMN span_lo DOUBLE PRECISION"
    assert tr("CREATE INDEX i ON stories(status, size DESC, lower(label))") == \
        "CREATE INDEX i ON stories(status NULLS FIRST, size DESC NULLS LAST, lower(label) NULLS FIRST)"
    assert tr("CREATE INDEX j ON articles(outlet COLLATE NOCASE)") == \
        "CREATE INDEX j ON articles(outlet COLLATE NOCASE NULLS FIRST)"
    assert tr("BEGIN IMMEDIATE") == "BEGIN"
    assert tr("SELECT a FROM t LIMIT -1 OFFSET ?") == "SELECT a FROM t LIMIT ALL OFFSET %s"
    # subqueries in FROM get a name (PostgreSQL before 16 requires one)
    assert tr("SELECT count(*) FROM (SELECT a FROM t WHERE b = ?) WHERE 1") == \
        "SELECT count(*) FROM (SELECT a FROM t WHERE b = %s) AS _q3 WHERE TRUE"
    assert tr("SELECT x.a FROM (SELECT a FROM t) x JOIN (SELECT 1) AS y ON 1") == \
        "SELECT x.a FROM (SELECT a FROM t) x JOIN (SELECT 1) AS y ON TRUE"


@pytest.mark.parametrize("sql", [
    "SELECT rowid FROM t", "PRAGMA table_info(t)", "UPDATE OR IGNORE t SET a = 1",
    "CREATE VIRTUAL TABLE f USING fts5(x)", "SELECT * FROM f WHERE f MATCH ?", "SELECT printf('%d', 1)",
    "SELECT json_extract(a, '$.b') FROM t", "SELECT * FROM t WHERE a = :name", "SELECT a FROM t WHERE a GLOB ?",
    "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END",
])
def test_sqlite_only_constructs_are_refused_by_name(sql):
    with pytest.raises(UnsupportedSQL):
        translate(sql, Cat())


def test_strings_comments_and_quoted_names_are_untouched():
    sql = "SELECT 'a ? b', \"rowid\", x -- max(a, b) ?\nFROM t /* LIKE ? */ WHERE y = 'it''s'"
    out = translate(sql, Cat()).sql
    assert translate(sql, Cat()).nparams == 0
    assert "'a ? b'" in out and '"rowid"' in out and "-- max(a, b) ?" in out and "/* LIKE ? */" in out
    assert "'it''s'" in out


def test_split_script_keeps_trigger_bodies_and_strings():
    script = ("CREATE TABLE a(x); CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES(';'); "
              "SELECT CASE WHEN 1 THEN 2 END; END;\n-- done;\nSELECT 'x;y'")
    assert split_script(script) == [
        "CREATE TABLE a(x)",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES(';'); SELECT CASE WHEN 1 THEN 2 END; END",
        "-- done;\nSELECT 'x;y'"]


# ------------------------------------------------------------------- search syntax
def test_search_syntax_to_tsquery():
    sql, args, n = to_tsquery_sql('barrage OR "al Nuri" dam* NOT title:river')
    assert sql == ("(to_tsquery('newstrace', ?) || (to_tsquery('newstrace', ?) && "
                   "(to_tsquery('newstrace', ?) && !!to_tsquery('newstrace', ?))))")
    assert args == ["'barrage'", "'al Nuri'", "'dam':*", "'river':A"] and n == 4
    sql, args, _ = to_tsquery_sql("(a OR b) AND c + d NEAR(e f, 3) {title text}: g")
    assert args == ["'a'", "'b'", "'c d'", "'e'", "'f'", "'g':AD"]


@pytest.mark.parametrize("q", ['"unclosed', "al-Nuri", "(a OR b", "a OR", "NOT a", "x:y", "a NEAR(b"])
def test_invalid_search_syntax_is_reported(q):
    with pytest.raises(QuerySyntaxError):
        to_tsquery_sql(q)
    sql, args, _ = phrase_sql(q)
    assert sql == "to_tsquery('newstrace', ?)" and args[0].startswith("'")
