"""CLI: `stories`, `story ID`, `narratives`, `export stories|narratives|reuse`,
`eval stories --gold FILE`."""
from __future__ import annotations


import click

from ..errors import NewstraceError, StoreBusy
from ._common import (DATE, DATE_END, db_option, display, echo_json as _echo_json, export_command, json_option,
                      lang_value, open_store as _open, with_store)





@click.command(name="stories")
@db_option
@click.option("--lang", callback=lang_value, help="Only stories with an article in this language (any case).")
@click.option("--outlet", help="Only stories with an article from this outlet.")
@click.option("--actor", help="Only stories mentioning this actor (id or any spelling).")
@click.option("--since", type=DATE, help="Only stories last seen on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", type=DATE_END, help="Only stories first seen on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@json_option
def stories_cmd(db, lang, outlet, actor, since, until, as_json) -> None:
    """List stories: label, size, languages, outlets, first/last seen."""
    from .. import stories

    rows = with_store(db, lambda store: stories.list_stories(
        store, lang=lang, outlet=outlet, actor=actor, since=since, until=until))
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        span = f"{r['first_seen'] or '?'}..{r['last_seen'] or '?'}"
        click.echo(display(f"{r['id']}  {r['size']:>3} art  {','.join(r['langs']):<8} {span:<22} {r['label']}"))
        if r["outlets"]:
            click.echo(display(f"{'':13}outlets: {', '.join(r['outlets'])}"))
    click.echo(f"{len(rows)} stories")


@click.command(name="story")
@click.argument("story_id")
@db_option
@json_option
def story_cmd(story_id, db, as_json) -> None:
    """Show one story: articles by language and date, actors, quotes, reuse links."""
    from .. import stories

    s = with_store(db, lambda store: stories.get_story(store, story_id))
    if as_json:
        _echo_json(s)
        return
    click.echo(display(f"{s['id']}: {s['label']}"))
    click.echo(f"  {s['size']} articles, {', '.join(s['langs'])}; {s['first_seen'] or '?'}..{s['last_seen'] or '?'}"
               f"; method {s['method']}")
    for lang, arts in s["by_lang"].items():
        click.echo(f"  [{lang}]")
        for a in arts:
            when = a["published"] or ("~" + "..".join(x or "?" for x in a["published_range"])
                                      if a["published_range"] else "undated")
            wall = f"  [text is a {a['wall']} page: placed on its headline]" if a.get("wall") else ""
            click.echo(display(f"    {a['id']}  {when}  {a['outlet'] or '-'}  {a['title'] or ''}{wall}"))
    if s["actors"]:
        click.echo(display("  actors: " + "; ".join(
            f"{a['name']} ({len(a['articles'])})" for a in s["actors"][:12])))
    for q in s["quotes"][:20]:
        who = q["speaker"] or "?"
        click.echo(display(f"  quote {q['id']} [{q['start']}:{q['end']}] {who}: {q['text'][:100]}"))
    for r in s["reuse"]:
        click.echo(f"  reuse {r['a']} ~ {r['b']} {r['method']} sim={r['similarity']} "
                   f"passages={len(r['passages'])} source={r['source_guess'] or '?'}")


@click.command(name="narratives")
@db_option
@json_option
def narratives_cmd(db, as_json) -> None:
    """List narratives: stories linked across time by key actors and a recurring claim."""
    from .. import narratives

    rows = with_store(db, lambda store: narratives.list_narratives(store))
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        click.echo(display(f"{r['id']}  {len(r['stories'])} stories  {r['first_seen'] or '?'}..{r['last_seen'] or '?'}"
                           f"  {r['label']}"))
    click.echo(f"{len(rows)} narratives")


@click.command(name="stories")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="seeds.gold.json-format file (its 'stories' key) or JSONL with id and story.")
@db_option
@json_option
def eval_stories_cmd(gold, db, as_json) -> None:
    """B-cubed and pairwise P/R/F1 of the stories, overall, monolingual and cross-lingual."""
    from ..storyeval import evaluate, load_gold

    try:
        g = load_gold(gold)
    except StoreBusy:  # exit code 4 (cli.py), not a usage error
        raise
    except NewstraceError as e:
        raise click.ClickException(str(e)) from None
    store = _open(db)
    try:
        system = {r[0]: r[1] for r in store.conn.execute("SELECT article_id, story_id FROM story_articles")}
        langs = {r[0]: r[1] for r in store.conn.execute("SELECT id, lang FROM articles")}
    finally:
        store.close()
    res = evaluate(system, g, langs)
    if as_json:
        _echo_json(res)
        return
    click.echo(f"articles scored: {res['articles_scored']}  clusters: {res['clusters_system']} "
               f"system / {res['clusters_gold']} gold")
    for scope in ("all", "mono", "cross"):
        b, p = res[scope]["bcubed"], res[scope]["pairwise"]
        click.echo(f"{scope:<6} B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}   "
                   f"pairwise P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}")
    if res["gold_missing_from_db"]:
        click.echo(f"gold articles not in the database: {len(res['gold_missing_from_db'])}")


def _export(kind: str, module: str, help_text: str):
    def rows(store):
        import importlib

        return importlib.import_module(module).export_rows(store)

    return export_command(kind, rows, help_text)


def register(cli: click.Group) -> None:
    cli.add_command(stories_cmd)
    cli.add_command(story_cmd)
    cli.add_command(narratives_cmd)
    exp = cli.commands["export"]
    exp.add_command(_export("stories", "newstrace.stories",
                            "Stories: id, label, articles [ids], langs, first_seen, last_seen."))
    exp.add_command(_export("narratives", "newstrace.narratives",
                            "Narratives: id, label, stories [ids], articles [ids], actors [ids]."))
    exp.add_command(_export("reuse", "newstrace.reuse",
                            "Reuse: a, b, similarity, passages [{a_start, a_end, b_start, b_end}]."))
    cli.commands["eval"].add_command(eval_stories_cmd)
