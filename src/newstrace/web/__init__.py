"""The newstrace web app (``newstrace serve``) and the read functions behind it.

`create_app(db_path, token=None, read_only=True)` returns a FastAPI application: server
rendered pages (Jinja2, autoescaped), a JSON API under ``/api`` (OpenAPI schema at
``/openapi.json``), and a strict Content-Security-Policy on every response.
"""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    from .app import create_app as _create

    return _create(*args, **kwargs)
