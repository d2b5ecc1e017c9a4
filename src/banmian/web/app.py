"""The ASGI app: routes, the archive connection of each worker thread, and one error shape.

Every failure answers ``{"error": {"code": "E303", "message": "..."}}`` with its HTTP status: a bad
query or parameter 400, an unknown article or place 404, a method other than GET/HEAD 405, the
archive gone or busy 503, anything unforeseen 500 (with code E999, and logged). The reader's pages
answer the same code and message as an HTML page when the browser asks for HTML.

Connections. Endpoints are plain functions run in the server's thread pool; each thread opens its
own read-only connection (``mode=ro``) on first use and keeps it. SQLite in WAL mode lets an
ingest write while the server reads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import (ArchiveMissingError, ArchiveVersionError, BanmianError, FilterError, MethodNotAllowedError,
                      NotFoundError, ParameterError, QuerySyntaxError, StoreError, WebError)
from ..store import Archive

__all__ = ["create_app", "open_archive", "error_body", "wants_html", "STATUS", "HERE"]

log = logging.getLogger("banmian.web")
HERE = Path(__file__).resolve().parent

#: HTTP status of each error class (the first class in the error's MRO listed here wins).
STATUS: dict[type[BanmianError], int] = {
    QuerySyntaxError: 400, FilterError: 400, ParameterError: 400, NotFoundError: 404,
    MethodNotAllowedError: 405, ArchiveMissingError: 503, ArchiveVersionError: 503, StoreError: 500,
    WebError: 500, BanmianError: 400,
}
#: SQLite's page cache per connection (KiB, negative in the pragma) and memory-mapped reads: the
#: archive's hot pages stay in memory across requests of one thread.
CACHE_KIB = 16_384
MMAP_BYTES = 256 * 1024 * 1024
#: Content-Security-Policy of every answer: nothing is loaded from anywhere but the server itself.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class HeadAsGet:
    """Answer HEAD like GET without the body (the API is read-only: every route is a GET)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def open_archive(db: str) -> Archive:
    ar = Archive(db, readonly=True)
    ar.con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    ar.con.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    # No ``PRAGMA query_only``: the store's search keeps a filter's article set in a TEMP table. The
    # archive file itself is protected by the read-only open (``mode=ro``).
    return ar


def status_of(err: BanmianError) -> int:
    for cls in type(err).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _message(err: BanmianError) -> str:
    return f"{err.source}: {err.message}" if err.source else err.message


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.startswith("/openapi") or path.startswith("/static/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        got = e.get("input")
        shown = f" (got {got!r})" if isinstance(got, (str, int, float)) else ""
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def create_app(db: str, *, title: str = "banmian 版面") -> FastAPI:
    """The app serving the archive at ``db``; raises ``ArchiveMissingError`` / ``ArchiveVersionError``
    at once when it cannot be opened read-only."""
    db = os.fspath(db)
    first = open_archive(db)  # fail now, not on the first request
    stats = first.stats()
    first.close()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        with app.state.lock:
            for ar in app.state.archives:
                try:
                    ar.close()
                except Exception:  # noqa: BLE001 - closing on the way out
                    pass
            app.state.archives.clear()

    app = FastAPI(
        lifespan=lifespan, title=title, version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Read-only HTTP API over a banmian archive of Chinese newspaper pages: full-text search "
                    "with filters and facets, articles in the output contract's JSON with their facts, fact "
                    "queries, places with the divisions under them, indicator series. Every error answers "
                    '`{"error": {"code", "message"}}`. 版面：中文报纸版面的检索与事实。',
    )
    app.state.db = db
    app.state.local = threading.local()
    app.state.started_stats = stats
    app.state.lock = threading.Lock()
    app.state.archives = []

    def archive(request: Request) -> Archive:
        local = request.app.state.local
        ar = getattr(local, "archive", None)
        if ar is None:
            ar = open_archive(request.app.state.db)
            local.archive = ar
            with request.app.state.lock:
                request.app.state.archives.append(ar)
        return ar

    app.state.archive = archive
    app.add_middleware(HeadAsGet)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def render_error(request: Request, status: int, code: str, message: str) -> Response:
        if wants_html(request):
            from .pages import error_page

            return error_page(request, status, code, message)
        return JSONResponse(error_body(code, message), status_code=status)

    @app.exception_handler(BanmianError)
    async def banmian_error(request: Request, exc: BanmianError) -> Response:
        return render_error(request, status_of(exc), exc.code, _message(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return render_error(request, 400, ParameterError.code, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return render_error(request, 404, NotFoundError.code, f"no such address: {request.url.path}")
        if exc.status_code == 405:
            return render_error(request, 405, MethodNotAllowedError.code,
                                f"{request.method} is not allowed on {request.url.path}: the archive is read-only "
                                "(use GET)")
        return render_error(request, exc.status_code, f"E5{exc.status_code % 100:02d}", str(exc.detail))

    @app.exception_handler(sqlite3.OperationalError)
    async def sqlite_busy(request: Request, exc: sqlite3.OperationalError) -> Response:
        if "fts5" in str(exc):  # the full-text index refused the query (check_query stops what we know of)
            return render_error(request, 400, QuerySyntaxError.code, f"the index cannot run this query ({exc})")
        log.warning("archive busy: %s", exc)
        return render_error(request, 503, StoreError.code, f"the archive cannot be read now ({exc}); try again")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return render_error(request, 500, "E999", f"internal error ({type(exc).__name__}); please report it")

    from . import api, pages

    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    return app
