"""The web reader: server-rendered HTML pages (Jinja2), Chinese first, usable without script.

    /, /search     search with facets (place hierarchy, fact type, date, section, kind)
    /article/ID    headline block, bylines, body with facts marked by type, captions, fact panel
    /place, /place/NAME-OR-CODE    a place, the divisions above and under it, its indicators, articles
    /indicator     indicators; with name= (and place=) a series with its chart
    /docs          the API's documentation, rendered here from /openapi.json
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..errors import BanmianError, NotFoundError
from ..store.filters import Filters
from ..store.places import division
from .api import clean, shallow
from .app import HERE, status_of, wants_html
from .chart import line_chart
from .highlight import mark_hits, render, render_paragraphs, spans_of
from .labels import (FACT_TYPE_ORDER, FACT_TYPES, FREQUENCIES, KINDS, LEVELS, field_label, fmt_number, fmt_value,
                     unit_label)
from .present import is_subhead, fact_link, fact_panel, fact_summary, indicator_url, period_label, place_url
from .queries import check_query, facets, indicator_list, indicator_series, place_info

__all__ = ["router", "error_page", "PAGE_SIZE"]

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20  # hits per search page
PLACE_ARTICLES = 10  # latest articles listed on a place page
PLACE_INDICATORS = 30  # indicators listed on a place page
SEARCH_PARAMS = ("q", "place", "person", "org", "section", "source", "kind", "type", "from", "to", "sort")


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(("html",)),
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(FACT_TYPES=FACT_TYPES, FACT_TYPE_ORDER=FACT_TYPE_ORDER, LEVELS=LEVELS, KINDS=KINDS,
                     FREQUENCIES=FREQUENCIES, fmt_value=fmt_value, fmt_number=fmt_number, unit_label=unit_label,
                     period_label=period_label, place_url=place_url, indicator_url=indicator_url,
                     fact_summary=fact_summary, fact_link=fact_link, field_label=field_label, mark_hits=mark_hits,
                     version=__version__, quote=quote)
    return e


def page(template: str, http_status: int = 200, /, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(env().get_template(template).render(**ctx), status_code=http_status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return page("error.html", status, status=status, code=code, message=message, q="")


@lru_cache(maxsize=4096)
def _pair(key: str, value: str) -> str:
    return urlencode(((key, value),))


def search_url(params: dict[str, Any], **changes: Any) -> str:
    """``/search?...`` with ``params`` changed (None drops a parameter); back to page 1 unless given."""
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    merged.pop("page", None)
    for k, v in changes.items():
        k = {"date_from": "from", "date_to": "to"}.get(k, k)
        if v in (None, ""):
            merged.pop(k, None)
        else:
            merged[k] = v
    items = sorted(merged.items(), key=lambda kv: _ORDER.get(kv[0], 99))
    return "/search" + ("?" + "&".join(_pair(k, str(v)) for k, v in items) if items else "")


_ORDER = {k: i for i, k in enumerate((*SEARCH_PARAMS, "page"))}


def _place_label(place: str | None) -> str | None:
    """A place filter as the reader shows it: a division's name for its code (510700 -> 绵阳市)."""
    if place and place.isdigit() and len(place) == 6:
        d = division(place)
        return d[0] if d else place
    return place


def _stats(request: Request) -> dict[str, Any]:
    return request.app.state.archive(request).stats()


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request,
                q: Annotated[str | None, Query(max_length=500)] = None,
                place: Annotated[str | None, Query(max_length=100)] = None,
                person: Annotated[str | None, Query(max_length=100)] = None,
                org: Annotated[str | None, Query(max_length=200)] = None,
                section: Annotated[str | None, Query(max_length=100)] = None,
                source: Annotated[str | None, Query(max_length=200)] = None,
                kind: Literal["article", "photo", "brief", ""] | None = None,
                type: Annotated[str | None, Query(max_length=40)] = None,
                date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                sort: Literal["relevance", "newest", "oldest", ""] | None = None,
                page_no: Annotated[int, Query(alias="page", ge=1, le=5000)] = 1) -> Response:
    ar = request.app.state.archive(request)
    params = {"q": clean(q), "place": clean(place), "person": clean(person), "org": clean(org),
              "section": clean(section), "source": clean(source), "kind": kind or None, "type": clean(type),
              "from": clean(date_from), "to": clean(date_to), "sort": sort or None}
    flt = Filters(place=params["place"], person=params["person"], organization=params["org"],
                  section=params["section"], source=params["source"], kind=params["kind"],
                  fact_type=params["type"])
    order = params["sort"] or ("relevance" if params["q"] else "newest")
    ctx: dict[str, Any] = {"q": params["q"] or "", "params": params, "sort": order, "page_no": page_no,
                           "url": lambda **ch: search_url({**params, "page": page_no}, **ch),
                           "page_url": lambda n: search_url(params, page=n if n > 1 else None),
                           "res": None, "facets": None, "error": None, "place_info": None}
    status = 200
    try:
        check_query(params["q"])
        res = ar.search(params["q"], date_from=params["from"], date_to=params["to"], place=flt.place,
                        person=flt.person, organization=flt.organization, section=flt.section, source=flt.source,
                        kind=flt.kind, fact_type=flt.fact_type, sort=order, limit=PAGE_SIZE,
                        offset=(page_no - 1) * PAGE_SIZE)
        ctx["res"] = shallow(res)
        ctx["facets"] = facets(ar.con, params["q"], date_from=params["from"], date_to=params["to"], filters=flt)
    except BanmianError as e:
        if not wants_html(request):
            raise  # a script asking for the page gets the API's JSON error
        status = status_of(e)
        ctx["error"] = {"code": e.code, "message": e.message}
    ctx["labels"] = {"place": _place_label(params["place"])}
    ctx["pages"] = 0 if not ctx["res"] else (ctx["res"]["total"] + PAGE_SIZE - 1) // PAGE_SIZE
    ctx["stats"] = _stats(request) if not any(params.values()) else None
    return page("search.html", status, **ctx)


# ---------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------
@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, Path(max_length=100)],
                 q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    ar = request.app.state.archive(request)
    a = ar.article(article_id)
    if a is None:
        raise NotFoundError(f"no article {article_id!r} in the archive")
    title = lambda f: fact_summary(f)  # noqa: E731 - the tooltip of a marked fact
    fields = {}
    for name in ("kicker", "headline", "subheadline", "dateline"):
        if a.get(name):
            fields[name] = render(a[name], spans_of(a, name, title))
    body = [{"html": p.html, "subhead": is_subhead(p.text)}
            for p in render_paragraphs(a["body"], spans_of(a, "body", title))]
    captions = []
    for i, cap in enumerate(a.get("captions", [])):
        captions.append({
            "text": render(cap.get("text") or "", spans_of(a, f"captions[{i}]", title)),
            "credit": render(cap["credit"], spans_of(a, f"captions[{i}].credit", title)) if cap.get("credit") else None,
        })
    panel = fact_panel(a.get("facts", []))
    shown = sum(1 for _ in a.get("facts", []))
    return page("article.html", a=a, fields=fields, body=body, captions=captions, panel=panel, shown=shown,
                q=q or "", back=search_url({"q": clean(q)}) if clean(q) else None)


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------
@router.get("/place", response_class=HTMLResponse)
def place_root(request: Request) -> Response:
    return _place(request, "")


@router.get("/place/{place}", response_class=HTMLResponse)
def place_page(request: Request, place: Annotated[str, Path(max_length=100)]) -> Response:
    return _place(request, place)


def _place(request: Request, query: str) -> Response:
    ar = request.app.state.archive(request)
    info = place_info(ar.con, query)
    if info["kind"] == "ambiguous":
        return page("place.html", info=info, articles=None, indicators=[], q="")
    key = info.get("code") or (info["name"] if info["kind"] == "named" else None)
    articles = shallow(ar.search(None, place=key, sort="newest", limit=PLACE_ARTICLES))
    indicators = indicator_list(ar.con, key, None, PLACE_INDICATORS) if key else \
        indicator_list(ar.con, None, None, PLACE_INDICATORS)
    counted = [c for c in info["children"] if c["count"]]
    most = max((c["count"] for c in counted), default=1)
    return page("place.html", info=info, articles=articles, indicators=indicators, counted=counted,
                silent=[c for c in info["children"] if not c["count"]], most=most, key=key, q="",
                search_link=search_url({}, place=key) if key else "/search")


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------
@router.get("/indicator", response_class=HTMLResponse)
def indicator_page(request: Request,
                   name: Annotated[str | None, Query(max_length=100)] = None,
                   place: Annotated[str | None, Query(max_length=100)] = None,
                   q: Annotated[str | None, Query(max_length=100)] = None,
                   date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                   date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None) -> Response:
    ar = request.app.state.archive(request)
    name, place, q = clean(name), clean(place), clean(q)
    if not name:
        items = indicator_list(ar.con, place, q)
        return page("indicators.html", items=items, place=place or "", iq=q or "", q="")
    data = indicator_series(ar.con, place, name, date_from=clean(date_from), date_to=clean(date_to))
    charts = []
    for s in data["series"]:
        label = f"{s['subject'] or '（主体不详）'} {s['indicator']}（{FREQUENCIES.get(s['frequency'], s['frequency'])}）"
        charts.append({"series": s, "label": label,
                       "value_chart": line_chart(s["points"], s["unit"], title=label),
                       "growth_chart": line_chart(s["points"], "%", key="growth", title=label + " 增速")})
    return page("indicator.html", data=data, charts=charts, name=name, place=place or "", q="",
                date_from=clean(date_from) or "", date_to=clean(date_to) or "")


# ---------------------------------------------------------------------------------------------
# API documentation, rendered from the OpenAPI document (no script, nothing fetched)
# ---------------------------------------------------------------------------------------------
@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                params.append({"name": p["name"], "in": p["in"], "required": p.get("required", False),
                               "type": _schema_type(schema), "description": p.get("description")
                               or schema.get("description", ""), "default": schema.get("default")})
            example = _example_url(path, op)
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "responses": sorted(op.get("responses", {})), "example": example})
    return page("docs.html", spec=spec, ops=ops, q="")


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    t = schema.get("type", "")
    bounds = [f"{k} {schema[v]}" for k, v in (("≥", "minimum"), ("≤", "maximum")) if v in schema]
    return t + (f" ({', '.join(bounds)})" if bounds else "")


def _example_url(path: str, op: dict[str, Any]) -> str | None:
    url = path
    query = {}
    for p in op.get("parameters", []):
        schema = p.get("schema", {})
        examples = p.get("examples") or schema.get("examples")
        ex = examples[0] if isinstance(examples, list) and examples else None
        if p["in"] == "path":
            if ex is None:
                return None
            url = url.replace("{" + p["name"] + "}", quote(str(ex)))
        elif ex is not None:
            query[p["name"]] = ex
    return url + ("?" + urlencode(query) if query else "")


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)
