"""CLI: `serve` (the web app) and `report --out FILE.html` (a shareable HTML file)."""
from __future__ import annotations

import ipaddress

import click

from ..errors import NewstraceError
from ._common import db_option, with_store


LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]")
    if h.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


@click.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind. Anything but loopback needs --allow-remote.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-remote", is_flag=True,
              help="Allow binding to a non-loopback address (the data becomes reachable from the network).")
@click.option("--token", envvar="NEWSTRACE_TOKEN", metavar="TOKEN",
              help="Enable analyst write actions (actor merge/split) for requests sending "
                   "'Authorization: Bearer TOKEN'. Also read from $NEWSTRACE_TOKEN. Without it the app is read-only.")
def serve_cmd(db: str, host: str, port: int, allow_remote: bool, token: str | None) -> None:
    """Browse stories, actors, quotes and sources in a web browser (read-only by default).

    Pages: /stories, /story/ID, /actor/NAME, /article/ID, /search, /outlets; JSON API under
    /api (OpenAPI schema at /openapi.json).
    """
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise click.UsageError(
            f"refusing to bind to {host}: it is not a loopback address. Pass --allow-remote "
            "to serve the database to the network.")
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as e:
        raise click.ClickException(
            f"the web app needs fastapi and uvicorn ({e.name} is missing): pip install 'newstrace[web]'") from None
    if not loopback:
        click.echo(f"warning: serving {db} on {host}:{port}, reachable from the network; "
                   "anyone who can connect can read the whole database.", err=True)
    if token is not None and len(token) < 16:
        raise click.UsageError("--token must be at least 16 characters")
    allowed = None
    if loopback:
        allowed = sorted({host.strip("[]"), "127.0.0.1", "localhost", "::1"})
    try:
        app = create_app(db, token=token, read_only=token is None, allowed_hosts=allowed, warm=True)
    except NewstraceError as e:
        raise click.ClickException(str(e)) from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newstrace: serving {db} at http://{shown}:{port}/ "
               f"({'read-only' if token is None else 'writes need the token'}); Ctrl-C to stop", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@click.command(name="report")
@db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (self-contained: no scripts, no network).")
@click.option("--stories", "max_stories", default=100, show_default=True, type=click.IntRange(1),
              help="At most this many stories (largest first).")
@click.option("--actors", "max_actors", default=100, show_default=True, type=click.IntRange(1),
              help="At most this many actors (most mentioned first).")
def report_cmd(db: str, out: str, max_stories: int, max_actors: int) -> None:
    """Write one self-contained HTML file with the stories, actors and the source graph,
    to share by email."""
    from ..report import write_report

    counts = with_store(db, lambda store: write_report(store, out, max_stories=max_stories,
                                                       max_actors=max_actors))
    click.echo(f"wrote {out}: {counts['stories']} stories, {counts['actors']} actors, "
               f"{counts['edges']} source links, {counts['bytes'] // 1024} KiB", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
    cli.add_command(report_cmd)
