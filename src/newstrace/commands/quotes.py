"""CLI: `quotes [--speaker NAME] [--story ID] [--article ID] [--act say|stance] [--json]`, `trace QUERY [--json]`,
`export quotes`, `export sources --format jsonl|csv|gexf|graphml`,
`eval quotes --gold FILE [--json]`."""
from __future__ import annotations

import json

import click

from ..errors import NewstraceError
from ..records import QUOTE_ACTS
from ._common import with_store, export_command, db_option, json_option, open_store as _open, echo_json as _echo_json


@click.command(name="quotes")
@db_option
@click.option("--speaker", help="Only quotes by this speaker (any spelling, or an actor id).")
@click.option("--story", help="Only quotes from articles of this story id.")
@click.option("--article", help="Only quotes from this article id.")
@click.option("--act", type=click.Choice(QUOTE_ACTS),
              help="Only statements of this act: say (speech and thought) or stance (a position held).")
@json_option
def quotes_cmd(db, speaker, story, article, act, as_json) -> None:
    """List quotes: speaker, channel, article and the quoted text; a stance (a position
    the speaker holds: "X opposes the deal") is marked [stance]."""
    from .. import provenance

    rows = with_store(db, lambda store: provenance.list_quotes(store, speaker=speaker, story=story, article=article,
                                                               act=act))
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        kind = "stance" if r["act"] == "stance" else "direct" if r["direct"] else "indirect"
        via = f" via {r['channel']}" if r["channel"] else ""
        anon = " [anonymous]" if r["anonymous"] else ""
        click.echo(f"{r['id']}  {r['date'] or '?'}  {r['speaker'] or '(unattributed)'}{anon}{via} ({kind})")
        click.echo(f"    {r['text'][:200]}")
    click.echo(f"{len(rows)} quotes")


@click.command(name="trace")
@click.argument("query")
@db_option
@json_option
def trace_cmd(query, db, as_json) -> None:
    """Where a statement first appeared and who carried it, in date order. QUERY is a
    quote id (ARTICLE#qN), a statement id, a speaker name, or words of the statement."""
    from .. import provenance

    data = with_store(db, lambda store: provenance.trace(store, query))
    if as_json:
        _echo_json(data)
        return
    if not data["statements"]:
        raise click.ClickException(f"no statement matches {query!r}; list quotes with `newstrace quotes`")
    for st in data["statements"]:
        fs = st["first_seen"]
        click.echo(f"{st['id']}  {st['speaker_name'] or st['speaker'] or '(unattributed)'}: {st['text'][:160]}")
        click.echo(f"  first seen: {fs['article']} ({fs['outlet'] or '?'}, {fs['date'] or 'undated'})")
        click.echo(f"  languages: {', '.join(st['languages']) or '?'}; channels: {', '.join(st['channels']) or '-'}")
        for t in st.get("translations", []):
            click.echo(f"  translated as {t['statement']} [{', '.join(t['languages'])}]: {t['text'][:120]}")
        for ln in st.get("links", []):
            click.echo(f"    linked {ln['a']} ~ {ln['b']} by {ln['method']} ({_explain(ln)})")
        for c in st["carriers"]:
            via = f" via {c['channel']}" if c["channel"] else ""
            stance = " (stance)" if c.get("act") == "stance" else ""
            click.echo(f"    {c['date'] or '?'}  {c['article']} [{c['lang'] or '?'}] {c['outlet'] or ''}{via}{stance}")


def _explain(link: dict) -> str:
    """Why two statements are one statement translated: same speaker actor, dates, and the
    encoder's similarity or the names and numbers they share."""
    ev = link.get("evidence") or {}
    parts = [f"same speaker actor {ev.get('speaker_actor')}"]
    if ev.get("days_apart") is not None:
        parts.append(f"{ev['days_apart']} days apart")
    if "cosine" in ev:
        parts.append(f"cosine {ev['cosine']}")
    if ev.get("shared"):
        parts.append("shared " + ", ".join(ev["shared"][:6]))
    return "; ".join(parts)


@click.command(name="quotes")
@db_option
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold file in the seeds.gold.json format (keys quotes, sourcing, scare_quotes).")
@json_option
def eval_quotes_cmd(db, gold, as_json) -> None:
    """Quote recall/precision (>= 80% overlap of the shorter), speaker and channel
    accuracy, scare quotes counted as statements, sourcing-edge recall."""
    from .. import provenance
    from ..errors import GoldFormatError

    try:
        with open(gold, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise click.ClickException(f"cannot read gold file {gold}: {e}") from None
    store = _open(db)
    try:
        res = provenance.evaluate(store, data)
    except (GoldFormatError, NewstraceError) as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    if as_json:
        _echo_json(res)
        return
    q, s = res["quotes"], res["sourcing"]
    click.echo(f"quotes: recall {q['recall']:.3f}  precision {q['precision']:.3f}  f1 {q['f1']:.3f}  "
               f"({q['matched']}/{q['gold']} gold, {q['found_direct']} found)")
    click.echo(f"speaker accuracy {res['speaker_accuracy']:.3f}  channel accuracy {res['channel_accuracy']:.3f}")
    click.echo(f"scare quotes reported as statements: {res['scare_quotes_as_statements']}")
    click.echo(f"sourcing edges: {s['found']}/{s['gold']} (recall {s['recall']:.3f}); "
               f"anonymous flagged {s['anonymous_flagged']}/{s['anonymous_gold']}")
    for m in res["missed"]:
        click.echo(f"  missed: {m['article']}: {m['text']}")
    for w in res["wrong_speakers"]:
        click.echo(f"  speaker: {w['article']}: gold {w['gold']!r}, found {w['found']!r}")
    for w in res["wrong_channels"]:
        click.echo(f"  channel: {w['article']}: gold {w['gold']!r}, found {w['found']!r}")
    for e in res["missed_edges"]:
        click.echo(f"  missed edge: {e['article']} -> {e['cites']}")


def register(cli: click.Group) -> None:
    cli.add_command(quotes_cmd)
    cli.add_command(trace_cmd)
    def provenance(name: str):
        """A provenance function, imported when the command runs (keeps start-up light)."""
        def call(store):
            from .. import provenance as mod

            return getattr(mod, name)(store)
        return call

    cli.commands["export"].add_command(export_command(
        "quotes", provenance("export_quotes"),
        "Export quotes: id, article, start, end, text, direct, speaker, speaker_actor, cue, "
        "channel, channel_actor, anonymous, said_on, act (say or stance)."))
    cli.commands["export"].add_command(export_command(
        "sources", provenance("export_sources"),
        "Export sourcing edges (article, outlet, cites, cites_actor, kind, evidence), or the "
        "source graph (outlets and actors as nodes, edges labelled by kind) as GEXF/GraphML.",
        provenance("export_graph")))
    cli.commands["eval"].add_command(eval_quotes_cmd)
