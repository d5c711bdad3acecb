"""newstrace: follow a story across outlets and languages.

The public API is short: the records, the store, the pipeline entry points and the
error base class. Everything else is internal and may change.
"""
from __future__ import annotations

import logging

from .errors import NewstraceError
from .pipeline import PipelineOptions, RunSummary, analyze, process_article
from .records import Article, DateRange, Mention, Paragraph, Quote, SourceLink, Span, TimeExpr
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DateRange",
    "Mention",
    "NewstraceError",
    "Paragraph",
    "PipelineOptions",
    "Quote",
    "RunSummary",
    "SourceLink",
    "Span",
    "Store",
    "TimeExpr",
    "analyze",
    "process_article",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
