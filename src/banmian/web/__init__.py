"""``banmian serve``: an HTTP API (OpenAPI) and a web reader over an archive, opened read-only.

    app.py       the ASGI app: one read-only connection per worker thread, the one error shape
    api.py       JSON endpoints under /api (search, articles, facts, places, indicators, stats)
    models.py    response models: the OpenAPI document (answers are built as plain dicts)
    pages.py     the reader's HTML pages (Jinja2 templates in templates/, assets in static/)
    queries.py   facets, places with counts, indicator series: SQL over the archive
    highlight.py facts marked in the text by their offsets; chart.py inline SVG charts
    present.py   how a fact reads (summary, link); labels.py Chinese labels and number display

FastAPI, uvicorn and Jinja2 are the ``web`` extra (``pip install 'banmian[web]'``), imported only
when a server is made.
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingExtraError

__all__ = ["create_app", "require_web", "INSTALL"]

INSTALL = "pip install 'banmian[web]'"


def require_web() -> None:
    """Raise ``MissingExtraError`` naming the install command when the web extra is missing."""
    missing = []
    for mod in ("fastapi", "uvicorn", "jinja2"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        raise MissingExtraError(f"banmian serve needs {', '.join(missing)}: {INSTALL}")


def create_app(db: str, **kwargs: Any):
    """The ASGI app serving the archive at ``db`` (see ``web.app.create_app``)."""
    require_web()
    from .app import create_app as _create

    return _create(db, **kwargs)
