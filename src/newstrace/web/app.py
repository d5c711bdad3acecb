"""The FastAPI application: pages, the JSON API and the security headers.

Article text and metadata are hostile input. Templates are autoescaped; no data is ever
written into a ``<script>``: the only script (the outlet graph) fetches ``/api`` JSON and
builds DOM nodes with ``textContent``. Every response carries a strict
Content-Security-Policy. The database is opened read-only per worker thread; the only
writes (actor merge/split) need the bearer token given to `create_app`.
"""
from __future__ import annotations

import contextvars
import hmac
import json
import logging
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel

from .. import __version__
from .._display import neutral
from ..errors import BadArgument, NewstraceError, NotFound, StoreBusy, StoreError
from ..store import Store, is_url
from . import queries as Q
from .highlight import Mark, render
from .svg import bar_timeline, circle_graph, dot_timeline

LOGGER = logging.getLogger(__name__)

__all__ = ["CSP", "QUERY_SECONDS", "create_app", "open_readonly", "templates_env"]

#: Server time one request may spend in SQLite before it is interrupted (503).
QUERY_SECONDS = 5.0
#: Pages and offsets beyond these are refused (400/422): no real listing is that long.
MAX_PAGE = 100_000
MAX_OFFSET = 5_000_000
#: SQLite virtual-machine steps between two deadline checks.
PROGRESS_OPS = 10_000
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("newstrace_deadline", default=None)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
_HEADER_NAMES = {k for k, _ in _SECURITY_HEADERS}
STATIC = Path(__file__).parent / "static"


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _HEADER_NAMES]
                message = {**message, "headers": headers + _SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAndDeadline:
    """ASGI middleware: HEAD is answered as GET without a body (every page and API route
    supports it), and each request gets a deadline for its SQLite work (`QUERY_SECONDS`;
    the connection's progress handler interrupts a query past it)."""

    def __init__(self, app: Any, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _DEADLINE.set(time.monotonic() + self.seconds)
        try:
            if scope["method"] != "HEAD":
                await self.app(scope, receive, send)
                return

            async def send_headers_only(message: dict) -> None:
                if message["type"] == "http.response.body":
                    if not message.get("more_body"):
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                    return
                await send(message)

            await self.app({**scope, "method": "GET"}, receive, send_headers_only)
        finally:
            _DEADLINE.reset(token)


def _past_deadline() -> int:
    deadline = _DEADLINE.get()
    return 1 if deadline is not None and time.monotonic() > deadline else 0


def open_readonly(path: str) -> Store:
    """A `Store` on a read-only connection (no migrations are run) whose queries are
    interrupted past the current request's deadline."""
    store = Store(path, read_only=True)
    store.set_progress_handler(_past_deadline, PROGRESS_OPS)
    return store


def _qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else ""


def _snippet(s: str | None) -> Markup:
    """An FTS snippet with the hit markers turned into <mark>; everything else escaped."""
    out, inside = [], False
    for part in neutral(s or "").replace(Q.SNIP_CLOSE, Q.SNIP_OPEN).split(Q.SNIP_OPEN):
        out.append(f"<mark>{escape(part)}</mark>" if inside else str(escape(part)))
        inside = not inside
    return Markup("".join(out))


def _compact(v: Any, limit: int = 400) -> str:
    """A metadata value as short text (JSON for lists and dicts)."""
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= limit else s[:limit] + " …"


def _finalize(value: Any) -> Any:
    """Every value a template prints: bidirectional controls removed (`_display`)."""
    return neutral(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def templates_env() -> Environment:
    env = Environment(loader=PackageLoader("newstrace.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
    env.filters["u"] = Q.q
    env.filters["snippet"] = _snippet
    env.filters["safe_url"] = Q.safe_url
    env.filters["compact"] = _compact
    env.globals.update(evidence_url=Q.evidence_url, qs=_qs, version=__version__)
    return env


class _DB:
    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()
        self.write_lock = threading.Lock()

    def reader(self) -> Store:
        store = getattr(self.local, "store", None)
        if store is None:
            store = open_readonly(self.path)
            self.local.store = store
        return store


StorySort = Literal["size", "last_seen", "first_seen", "label"]
ArticleSort = Literal["published", "title", "outlet", "lang", "chars"]
Order = Literal["asc", "desc"]


class MergeRequest(BaseModel):
    a: str
    b: str


class SplitRequest(BaseModel):
    actor: str
    name: str


def _article_marks(art: dict[str, Any], hl: list[tuple[int, int]]) -> list[Mark]:
    marks: list[Mark] = []
    for m in art["mentions"]:
        who = m["actor_name"] or m["text"]
        marks.append(Mark(m["start"], m["end"], "mention", f"t-{m['type'] or 'MISC'}",
                          f"{m['type']} · {who} · {m['detector']}", f"/actor/{Q.q(m['actor_key'])}"))
    for qt in art["quotes"]:
        kind = "direct" if qt["direct"] else "indirect"
        what = "stance of" if qt.get("act") == "stance" else f"{kind} quote ·"
        marks.append(Mark(qt["start"], qt["end"], "quote", kind,
                          f"{what} speaker: {qt['speaker'] or '?'} · cue: {qt['cue'] or '?'}"))
        for part in ("speaker", "cue", "channel"):
            s, e = qt.get(f"{part}_start"), qt.get(f"{part}_end")
            if s is not None and e is not None:
                marks.append(Mark(s, e, part, "", f"{part} of quote {qt['idx']}"))
    for s in art["sources"]:
        marks.append(Mark(s["start"], s["end"], "source", "", f"cites {s['cites']} ({s['kind']})"))
    for t in art["times"]:
        marks.append(Mark(t["start"], t["end"], "time", "",
                          f"{t['kind']}: {t['earliest'] or '?'}..{t['latest'] or '?'} ({t['method']})"))
    for s, e in hl:
        marks.append(Mark(s, e, "hl", "", "evidence"))
    return marks


_HL = re.compile(r"([0-9]{1,9})-([0-9]{1,9})")


def _parse_hl(values: list[str]) -> list[tuple[int, int]]:
    """Highlight spans ``start-end`` (at most 20; anything else is ignored)."""
    out = []
    for v in values[:20]:
        m = _HL.fullmatch(v)
        if m and int(m.group(1)) < int(m.group(2)):
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def _text_param(value: str | None, name: str, limit: int = 500) -> str | None:
    """A free-text query parameter: refused (400) when it holds control characters or
    is longer than ``limit``."""
    if value is None:
        return None
    if len(value) > limit:
        raise BadArgument(f"parameter {name!r} is longer than {limit} characters")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise BadArgument(f"parameter {name!r} contains control characters")
    return value


def _busy_or_slow(e: BaseException) -> str | None:
    """The 503 message for a database that is busy (locked by a writer) or a query
    interrupted at its deadline; None for other errors."""
    msg = str(e).lower()
    if isinstance(e, StoreBusy) or "locked" in msg or "busy" in msg:
        return ("the database is busy: another process (an `analyze` run or an actor merge) is "
                "writing to it; try again in a moment")
    if "interrupted" in msg:
        return (f"the query took longer than the {QUERY_SECONDS:g} s this server allows; "
                "narrow it (fewer terms, a filter)")
    return None


def create_app(db_path: str | Path, *, token: str | None = None, read_only: bool = True,
               allowed_hosts: list[str] | None = None, warm: bool = False,
               query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The web app over the database at ``db_path``. Write actions (actor merge/split)
    are enabled only when ``read_only`` is False and a ``token`` is given; requests must
    then send ``Authorization: Bearer TOKEN``. ``allowed_hosts`` restricts the Host
    header (protection against DNS rebinding when serving on loopback). ``warm`` fills
    the caches of the expensive pages (facets, outlet graph, actors list, the busiest
    actors) in a background thread (``app.state.warm_thread``)."""
    path = str(db_path)
    if not is_url(path) and not Path(path).is_file():
        raise StoreError(f"{path}: no such database; run `newstrace analyze PATH --db {path}` first")
    try:
        st = Store(path, create=False)
        try:
            Q.ensure_schema(st)
        finally:
            st.close()
    except (sqlite3.OperationalError, StoreError) as e:  # a read-only file: serve it as it is
        LOGGER.warning("could not apply migrations to %s: %s", path, e)
    db = _DB(path)
    writes = bool(token) and not read_only
    env = templates_env()
    app = FastAPI(title="newstrace", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Stories, actors, quotes and sources of a newstrace database. "
                              "Every derived fact carries its evidence: article id and character span.")
    app.add_middleware(HeadAndDeadline, seconds=query_seconds)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.db = db
    app.state.warm_thread = None
    if warm:
        def _warm() -> None:
            st = open_readonly(path)
            try:
                t0 = time.perf_counter()
                n = Q.warm_caches(st)
                LOGGER.info("caches warm in %.1f s (%d busy actors)", time.perf_counter() - t0, n["actors"])
            except (sqlite3.Error, NewstraceError) as e:
                LOGGER.warning("cache warm-up failed: %s", e)
            finally:
                st.conn.close()

        app.state.warm_thread = threading.Thread(target=_warm, name="newstrace-warm", daemon=True)
        app.state.warm_thread.start()

    def store() -> Store:
        return db.reader()

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request_path=request.url.path,
                                              params=dict(request.query_params), writes=writes, **ctx)
        return HTMLResponse(html, status_code=status)

    def is_api(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path == "/api" or path.endswith(".json")

    def error(request: Request, status: int, kind: str, message: str,
              headers: dict[str, str] | None = None) -> Response:
        """JSON for the API, the HTML error page for everything else."""
        if is_api(request):
            return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status,
                                headers=headers)
        try:
            resp = page(request, "error.html", status=status, message=message, status_code=status,
                        title=str(status))
        except Exception:  # the error page itself must not fail
            resp = HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>",
                                status_code=status)
        if headers:
            resp.headers.update(headers)
        return resp

    @app.exception_handler(NewstraceError)
    async def _error(request: Request, exc: NewstraceError) -> Response:
        busy = _busy_or_slow(exc)
        if busy:
            return error(request, 503, "Busy", busy, {"Retry-After": "5"})
        status = 404 if isinstance(exc, NotFound) else 400
        return error(request, status, type(exc).__name__, str(exc))

    @app.exception_handler(sqlite3.Error)
    async def _db_error(request: Request, exc: sqlite3.Error) -> Response:
        busy = _busy_or_slow(exc)
        if busy:
            return error(request, 503, "Busy", busy, {"Retry-After": "5"})
        LOGGER.warning("database error on %s: %s", request.url.path, exc)
        return error(request, 500, "DatabaseError", "database error; see the server log")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: f"no page at {request.url.path}", 405: "method not allowed"}.get(
            exc.status_code, str(exc.detail))
        return error(request, exc.status_code, "NotFound" if exc.status_code == 404 else "HTTPError",
                     message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                             for e in exc.errors()[:5])
        if is_api(request):
            return JSONResponse({"error": {"type": "InvalidRequest", "message": problems},
                                 "detail": [{k: e.get(k) for k in ("loc", "msg", "type")} for e in exc.errors()[:20]]}, status_code=422)
        return error(request, 400, "InvalidRequest", problems)

    def api_error(status: int, message: str, kind: str) -> JSONResponse:
        return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)

    # ------------------------------------------------------------------------ pages
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/stories", status_code=302)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, s: Store = Depends(store), lang: str | None = None,
                     outlet: str | None = None, actor: str | None = None, since: str | None = None,
                     until: str | None = None, sort: str = "size", order: str = "desc",
                     page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)) -> HTMLResponse:
        limit = 50
        res = Q.list_stories(s, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                             sort=sort, order=order, limit=limit, offset=(page_no - 1) * limit)
        arts = None
        if not res["computed"]:
            arts = Q.list_articles(s, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                                   limit=limit, offset=(page_no - 1) * limit)
        return page(request, "stories.html", res=res, arts=arts, facets=Q.facets(s), page_no=page_no,
                    sorts=list(Q.SORTS_STORIES), title="Stories")

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, s: Store = Depends(store), lang: str | None = None,
                      outlet: str | None = None, actor: str | None = None, since: str | None = None,
                      until: str | None = None, sort: str = "published", order: str = "desc",
                      page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)) -> HTMLResponse:
        limit = 50
        arts = Q.list_articles(s, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                               sort=sort, order=order, limit=limit, offset=(page_no - 1) * limit)
        return page(request, "articles.html", arts=arts, facets=Q.facets(s), page_no=page_no,
                    sorts=list(Q.SORTS_ARTICLES), title="Articles")

    @app.get("/story/{story_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, s: Store = Depends(store)) -> HTMLResponse:
        st = Q.get_story(s, story_id)
        for e in st["timeline"]:
            e["href"] = f"/article/{Q.q(e['article'])}"
        return page(request, "story.html", st=st, tl=dot_timeline(st["timeline"]),
                    graph=circle_graph(st["graph"]["nodes"], st["graph"]["edges"]),
                    title=st.get("label") or st["id"])

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, s: Store = Depends(store), q: str | None = None,
                    type: str | None = None) -> HTMLResponse:
        return page(request, "actors.html", res=Q.list_actors(s, query=q, type=type, limit=200), title="Actors")

    @app.get("/actor/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: str, s: Store = Depends(store)) -> HTMLResponse:
        ac = Q.get_actor(s, key)
        return page(request, "actor.html", ac=ac, bars=bar_timeline(ac["timeline"]), title=ac["name"])

    @app.get("/article/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, s: Store = Depends(store),
                     hl: list[str] = Query([])) -> HTMLResponse:
        art = Q.get_article(s, article_id)
        body = render(art["text"], _article_marks(art, _parse_hl(hl)))
        return page(request, "article.html", art=art, body=body, title=art["title"] or art["id"])

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, s: Store = Depends(store), q: str = "", lang: str | None = None,
                    outlet: str | None = None, page_no: int = Query(1, alias="page", ge=1, le=MAX_PAGE)) -> HTMLResponse:
        limit = 20
        q = _text_param(q, "q", Q.MAX_QUERY_CHARS) or ""
        res = Q.search(s, q, lang=lang, outlet=outlet, limit=limit, offset=(page_no - 1) * limit)
        return page(request, "search.html", res=res, page_no=page_no, title=f"Search: {q}" if q else "Search")

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request, s: Store = Depends(store)) -> HTMLResponse:
        return page(request, "outlets.html", graph=Q.outlet_graph(s), facets=Q.facets(s), title="Outlets")

    @app.get("/outlet/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, name: str, s: Store = Depends(store),
                    cites: str | None = None) -> HTMLResponse:
        out = Q.get_outlet(s, name)
        ev = Q.source_evidence(s, name, cites) if cites else None
        return page(request, "outlet.html", o=out, cites=cites, evidence=ev, title=name)

    # -------------------------------------------------------------------------- API
    @app.get("/api/stats", tags=["overview"])
    def api_stats(s: Store = Depends(store)) -> dict[str, Any]:
        """Counts of articles, languages, mentions, quotes, actors, stories..."""
        return {**Q.stats(s), "computed": Q.computed(s)}

    @app.get("/api/facets", tags=["overview"])
    def api_facets(s: Store = Depends(store)) -> dict[str, Any]:
        """Languages and outlets with article counts."""
        return Q.facets(s)

    @app.get("/api/stories", tags=["stories"])
    def api_stories(s: Store = Depends(store), lang: str | None = None, outlet: str | None = None,
                    actor: str | None = None, since: str | None = None, until: str | None = None,
                    sort: StorySort = "size",
                    order: Order = "desc",
                    limit: int = Query(50, ge=1, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        """Stories, filtered by language, outlet, actor (id or spelling) and date."""
        return Q.list_stories(s, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                              sort=sort, order=order, limit=limit, offset=offset)

    @app.get("/api/stories/{story_id:path}", tags=["stories"])
    def api_story(story_id: str, s: Store = Depends(store)) -> dict[str, Any]:
        """One story: articles by language and date, actors, quotes, reuse, source graph."""
        return Q.get_story(s, story_id)

    @app.get("/api/articles", tags=["articles"])
    def api_articles(s: Store = Depends(store), lang: str | None = None, outlet: str | None = None,
                     actor: str | None = None, since: str | None = None, until: str | None = None,
                     sort: ArticleSort = "published",
                     order: Order = "desc",
                     limit: int = Query(50, ge=1, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        """Articles, filtered and sorted."""
        return Q.list_articles(s, lang=lang, outlet=outlet, actor=actor, since=since, until=until,
                               sort=sort, order=order, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def api_article(article_id: str, s: Store = Depends(store)) -> dict[str, Any]:
        """One article: clean text, metadata, mentions, quotes, sources, times, story, reuse."""
        return Q.get_article(s, article_id)

    @app.get("/api/actors", tags=["actors"])
    def api_actors(s: Store = Depends(store), q: str | None = None, type: str | None = None,
                   limit: int = Query(100, ge=1, le=Q.MAX_LIMIT)) -> dict[str, Any]:
        """Actors by number of mentions (or the most frequent spellings before actors are resolved)."""
        return Q.list_actors(s, query=q, type=type, limit=limit)

    @app.get("/api/actors/{key:path}", tags=["actors"])
    def api_actor(key: str, s: Store = Depends(store)) -> dict[str, Any]:
        """One actor by id or any spelling: spellings, quotes, timeline, co-occurring actors."""
        return Q.get_actor(s, key)

    @app.get("/api/search", tags=["search"])
    def api_search(q: str, s: Store = Depends(store), lang: str | None = None, outlet: str | None = None,
                   limit: int = Query(20, ge=1, le=Q.MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict[str, Any]:
        """Full-text search (FTS5 syntax, on both back ends) with language and outlet facets. Queries
        are bounded: at most `MAX_QUERY_CHARS` characters and `MAX_QUERY_TERMS` terms (400),
        and `QUERY_SECONDS` of database time (503)."""
        q = _text_param(q, "q", Q.MAX_QUERY_CHARS) or ""
        res = Q.search(s, q, lang=lang, outlet=outlet, limit=limit, offset=offset)
        for it in res["items"]:
            it["snippet"] = (it["snippet"] or "").replace(Q.SNIP_OPEN, "[").replace(Q.SNIP_CLOSE, "]")
        return res

    @app.get("/api/outlets/graph", tags=["outlets"])
    def api_outlet_graph(s: Store = Depends(store), max_nodes: int = Query(150, ge=1, le=1000)) -> dict[str, Any]:
        """Who cites whom: nodes (outlets and cited sources) and weighted edges."""
        return Q.outlet_graph(s, max_nodes=max_nodes)

    @app.get("/api/outlets/evidence", tags=["outlets"])
    def api_outlet_evidence(source: str, target: str, s: Store = Depends(store),
                            limit: int = Query(100, ge=1, le=Q.MAX_LIMIT)) -> list[dict[str, Any]]:
        """The citing passages behind one edge of the outlet graph."""
        return Q.source_evidence(s, source, target, limit=limit)

    @app.get("/api/outlets/{name:path}", tags=["outlets"])
    def api_outlet(name: str, s: Store = Depends(store)) -> dict[str, Any]:
        """One outlet: languages, whom it cites, who cites it, recent articles."""
        return Q.get_outlet(s, name)

    # ------------------------------------------------------------------------ writes
    def check_write(authorization: str | None) -> JSONResponse | None:
        if not writes:
            return api_error(403, "write actions are disabled; start the server with "
                                  "`newstrace serve --token TOKEN`", "WritesDisabled")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), str(token).encode()):
            return api_error(401, "missing or wrong token: send `Authorization: Bearer TOKEN`", "Unauthorized")
        return None

    def actors_module() -> Any:
        mod = Q._module("actors")
        return mod

    @app.post("/api/actors/merge", tags=["actors"])
    def api_merge(body: MergeRequest, authorization: str | None = Header(None)) -> Any:
        """Merge the actors named ``a`` and ``b`` (an analyst decision, kept across runs). Needs the token."""
        denied = check_write(authorization)
        if denied:
            return denied
        mod = actors_module()
        if mod is None or not hasattr(mod, "decide_merge"):
            return api_error(501, "actor resolution is not available in this installation", "NotAvailable")
        with db.write_lock:
            st = Store(path, create=False)
            try:
                new = mod.decide_merge(st, body.a, body.b)
            finally:
                st.close()
        return {"merged": [body.a, body.b], "actor": new}

    @app.post("/api/actors/split", tags=["actors"])
    def api_split(body: SplitRequest, authorization: str | None = Header(None)) -> Any:
        """Split the spelling ``name`` off the actor ``actor``. Needs the token."""
        denied = check_write(authorization)
        if denied:
            return denied
        mod = actors_module()
        if mod is None or not hasattr(mod, "decide_split"):
            return api_error(501, "actor resolution is not available in this installation", "NotAvailable")
        with db.write_lock:
            st = Store(path, create=False)
            try:
                new = mod.decide_split(st, body.actor, body.name)
            finally:
                st.close()
        return {"split": body.name, "from": body.actor, "actor": new}

    return app
