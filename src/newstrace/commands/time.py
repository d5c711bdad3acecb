"""CLI: `timeline story ID`, `timeline actor NAME`, `timeline narrative ID` (`--json`)."""
from __future__ import annotations

import json

import click

from ._common import db_option, display, echo_json as _echo_json, json_option, open_store as _open, with_store



def _run(db: str, fn, key: str) -> list[dict]:
    return with_store(db, lambda store: fn(store, key))


def _print(entries: list[dict], as_json: bool) -> None:
    from ..timeline import format_when

    if as_json:
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    width = max([len(format_when(e)) for e in entries] + [10])
    for e in entries:
        when = format_when(e)
        title = e["title"] or "(no title)"
        click.echo(display(f"{when:<{width}}  {e['lang'] or '??':<3} {e['article']}  "
                           f"{(e['outlet'] or '-')[:30]}  {title[:80]}"))
        for q in e.get("quotes", []):
            said = q["said_on"]
            s = ""
            if said:
                s = said["earliest"] if said["earliest"] == said["latest"] else \
                    f"{said['earliest']}..{said['latest']}"
                s = f" said {s}"
            text = q["text"].replace("\n", " ")
            click.echo(display(f"{'':<{width}}    quote{s}: {text[:90]}"))
    ranged = sum(1 for e in entries if e["precision"] == "range")
    click.echo(f"{len(entries)} articles ({ranged} dated by an inferred range)")


@click.group(name="timeline")
def timeline_group() -> None:
    """Articles of a story, actor or narrative in date order (ranges shown as ranges)."""


@timeline_group.command(name="story")
@click.argument("story_id")
@db_option
@json_option
def story_cmd(story_id: str, db: str, as_json: bool) -> None:
    """The articles of story STORY_ID in date order."""
    from ..timeline import story_timeline

    _print(_run(db, story_timeline, story_id), as_json)


@timeline_group.command(name="actor")
@click.argument("name")
@db_option
@json_option
def actor_cmd(name: str, db: str, as_json: bool) -> None:
    """The articles mentioning or quoting NAME (any spelling, or an actor id)."""
    from ..timeline import actor_timeline

    _print(_run(db, actor_timeline, name), as_json)


@timeline_group.command(name="narrative")
@click.argument("narrative_id")
@db_option
@json_option
def narrative_cmd(narrative_id: str, db: str, as_json: bool) -> None:
    """The articles of every story of narrative NARRATIVE_ID in date order."""
    from ..timeline import narrative_timeline

    _print(_run(db, narrative_timeline, narrative_id), as_json)




@click.command(name="dates")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold file in the seeds.gold.json format (key articles.*.published_range).")
@click.option("--max-width", default=120, show_default=True, type=click.IntRange(1),
              help="A range counts as tight when at most this many days wide.")
@db_option
@json_option
def eval_dates_cmd(gold: str, max_width: int, db: str, as_json: bool) -> None:
    """Publication dates and inferred ranges: overlap with the gold range, containment,
    width."""
    from ..dateeval import evaluate_dates

    res = with_store(db, lambda store: evaluate_dates(store, gold, max_width))
    if as_json:
        _echo_json(res)
        return
    click.echo(f"dates: {res['articles']} articles with a gold range ({res['undated_in_text']} undated)")
    click.echo(f"  overlap {res['overlap']:.3f}  contains gold {res['contains_gold']:.3f}  "
               f"overlapping and <= {max_width} days {res[f'within_{max_width}_days']:.3f}  "
               f"median width {res['median_width_days']} days")
    for p in res["per_article"]:
        if not (p["overlaps"] and p["within_width"]):
            click.echo(f"  {p['article']}: found {p['found'][0]}..{p['found'][1]}, gold {p['gold'][0]}..{p['gold'][1]}")


def register(cli: click.Group) -> None:
    cli.add_command(timeline_group)
    cli.commands["eval"].add_command(eval_dates_cmd)
