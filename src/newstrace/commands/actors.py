"""CLI: `actor NAME [--why] [--json]`, `actor merge A B`, `actor split A NAME`, `actors`,
`export actors --format jsonl|csv|gexf|graphml`, `eval actors --gold FILE [--json]`."""
from __future__ import annotations

import json

import click

from ..errors import NewstraceError
from ._common import (db_option, display, echo_json as _echo_json, export_command, json_option,
                      open_store as _open, with_store)





class _ActorGroup(click.Group):
    """`actor NAME` shows an actor; `actor merge A B` and `actor split A NAME` are
    analyst decisions. A name that is not a subcommand is looked up."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show"] + list(args)
        return super().parse_args(ctx, args)


@click.group(name="actor", cls=_ActorGroup)
def actor_group() -> None:
    """Show an actor by any spelling (`actor NAME`), or record an analyst decision
    (`actor merge A B`, `actor split A NAME`); decisions persist across re-runs."""


@actor_group.command(name="show")
@click.argument("name")
@db_option
@click.option("--why", is_flag=True, help="Explain every merge: rule, score and evidence.")
@json_option
def show_cmd(name: str, db: str, why: bool, as_json: bool) -> None:
    """Canonical name, every spelling with counts and languages, articles, timeline."""
    from .. import actors

    store = _open(db)
    try:
        aid = actors.find_actor(store, name)
        if aid is None:
            raise click.ClickException(f"no actor named {name!r}; list them with `newstrace actors`")
        info = actors.get_actor(store, aid)
    except NewstraceError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    if as_json:
        if not why:
            info = {k: v for k, v in info.items() if k != "merges"}
        _echo_json(info)
        return
    qid = f"  wikidata:{info['qid']}" if info["qid"] else ""
    click.echo(display(f"{info['name']}  [{info['type']}]  {info['id']}{qid}"))
    click.echo(f"{len(info['mentions'])} mentions in {len(info['articles'])} articles")
    click.echo("spellings:")
    for a in info["aliases"]:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(a["langs"].items()))
        click.echo(display(f"  {a['count']:>4}  {a['text']}  ({langs})"))
    click.echo("articles:")
    for a in info["articles"]:
        click.echo(display(f"  {a['date'] or '????-??-??'}  {a['id']}  {a['mentions']}x  {a['outlet'] or ''}  "
                           f"{a['title'] or ''}"))
    click.echo("timeline:")
    for t in info["timeline"]:
        click.echo(f"  {t['date']}  {'#' * min(60, t['mentions'])} {t['mentions']}")
    if why:
        click.echo("why (merge log):")
        for m in info["merges"]:
            ev = json.dumps(m["evidence"], ensure_ascii=False)
            score = f" {m['score']:.2f}" if m["score"] is not None else ""
            click.echo(display(f"  {m['rule']}{score}  {m['article'] or ''}  {ev}"))


@actor_group.command(name="merge")
@click.argument("a")
@click.argument("b")
@db_option
def merge_cmd(a: str, b: str, db: str) -> None:
    """Merge the actors named A and B (kept across re-runs)."""
    from .. import actors

    store = _open(db)
    try:
        aid = actors.decide_merge(store, a, b)
        name = actors.get_actor(store, aid)["name"]
    except NewstraceError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    click.echo(display(f"merged {a!r} and {b!r} into {name} ({aid})"))


@actor_group.command(name="split")
@click.argument("a")
@click.argument("name")
@db_option
def split_cmd(a: str, name: str, db: str) -> None:
    """Take the spelling NAME (and the mentions grouped with it) out of actor A."""
    from .. import actors

    new = with_store(db, lambda store: actors.decide_split(store, a, name))
    click.echo(f"split {name!r} out of {a!r} into {new}")


@click.command(name="actors")
@db_option
@click.option("--type", "typ", type=click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False))
@click.option("--query", "-q", help="Only actors with a spelling containing this text.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
@json_option
def actors_cmd(db: str, typ: str | None, query: str | None, limit: int, as_json: bool) -> None:
    """List actors by number of mentions."""
    from .. import actors

    rows = with_store(db, lambda store: actors.list_actors(store, type=typ, query=query, limit=limit))
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        click.echo(display(f"{r['id']}  {r['type'] or '?':<4} {r['mentions']:>5} m {r['articles']:>4} art  {r['name']}"))
    click.echo(f"{len(rows)} actors")


@click.command(name="actors")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold file in the seeds.gold.json format (key `entities`).")
@db_option
@json_option
def eval_actors_cmd(gold: str, db: str, as_json: bool) -> None:
    """Pairwise merge precision and recall over the gold variant groups."""
    from .. import actors
    from ..errors import GoldFormatError

    try:
        data = json.loads(open(gold, encoding="utf-8").read())
    except (OSError, ValueError) as e:
        raise click.ClickException(f"{gold}: cannot read gold file ({e})") from None
    store = _open(db)
    try:
        res = actors.evaluate(store, data)
    except GoldFormatError as e:
        raise click.ClickException(f"{gold}: {e}") from None
    finally:
        store.close()
    if as_json:
        _echo_json(res)
        return
    p = res["pairwise"]
    click.echo(f"actors pairwise: precision {p['precision']:.4f}  recall {p['recall']:.4f}  f1 {p['f1']:.4f}  "
               f"(tp {p['tp']}, fp {p['fp']}, fn {p['fn']}; {res['items_found']}/{res['items']} variants found)")
    for t, v in res["by_type"].items():
        click.echo(f"  {t:<4} precision {v['precision']:.4f}  recall {v['recall']:.4f}")
    for fm in res["false_merges"]:
        click.echo(f"  false merge: {fm['a']} + {fm['b']} ({fm['pairs']} pairs)")
    for nf in res["not_found"]:
        click.echo(f"  not found: {nf}")


def _rows(store):
    from .. import actors

    return actors.export_rows(store)


def _graph(store):
    from .. import actors

    return actors.cooccurrence(store)


def register(cli: click.Group) -> None:
    cli.add_command(actor_group)
    cli.add_command(actors_cmd)
    cli.commands["export"].add_command(export_command(
        "actors", _rows, "Actors: id, name, type, aliases, articles, mentions [{article, start, end, text}]; "
        "gexf/graphml: the co-occurrence graph.", _graph))
    cli.commands["eval"].add_command(eval_actors_cmd)
