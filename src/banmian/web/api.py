"""The JSON API under ``/api``: thin handlers over ``Archive`` and ``queries``; answers are plain dicts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from ..errors import NotFoundError
from ..store.filters import Filters
from .models import (ERRORS, Article, FactsResponse, IndicatorsResponse, PlaceResponse, SearchResponse,
                     SeriesResponse, StatsResponse)
from .queries import check_query, facets, indicator_list, indicator_series, place_info

__all__ = ["router", "SEARCH_LIMIT_MAX", "FACTS_LIMIT_MAX", "OFFSET_MAX", "clean", "shallow"]

router = APIRouter(tags=["archive"], responses=ERRORS)

SEARCH_LIMIT_MAX = 100  # hits per request: enough for any page, small enough to answer fast
FACTS_LIMIT_MAX = 1000
OFFSET_MAX = 100_000  # deeper paging is an export's job (`banmian export`)

Text = Annotated[str | None, Query(max_length=500)]
DateFrom = Annotated[str | None, Query(alias="from", description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["2023-01"])]
DateTo = Annotated[str | None, Query(alias="to", description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Offset = Annotated[int, Query(ge=0, le=OFFSET_MAX, description="skip this many first (paging)")]


def clean(value: str | None) -> str | None:
    """Form fields arrive as empty strings when left blank: those mean "no filter"."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def shallow(result: Any) -> dict[str, Any]:
    """A result dataclass as a dict without ``dataclasses.asdict``'s deep copy of every hit."""
    return dict(vars(result))


def _answer(data: dict[str, Any]) -> JSONResponse:
    return JSONResponse(data)


@router.get("/search", response_model=SearchResponse, summary="Full-text search with filters and facets")
def search(request: Request,
           q: Annotated[str | None, Query(max_length=500, description="terms of any length, AND implied; "
                                          '"a phrase", OR, NOT or -term, parentheses', examples=["绵阳 增长"])] = None,
           place: Annotated[str | None, Query(max_length=100, description="a place name or 6-digit code: "
                                              "articles naming it or a division under it")] = None,
           person: Text = None, org: Text = None, section: Text = None, source: Text = None,
           kind: Literal["article", "photo", "brief"] | None = None,
           type: Annotated[str | None, Query(max_length=40, description="articles stating a fact of this type "
                                             "(place, quantity, date, document, indicator...)")] = None,
           date_from: DateFrom = None, date_to: DateTo = None,
           sort: Literal["relevance", "newest", "oldest"] = "relevance",
           limit: Annotated[int, Query(ge=1, le=SEARCH_LIMIT_MAX)] = 20, offset: Offset = 0,
           with_facets: Annotated[bool, Query(alias="facets", description="also count the hits by place, fact "
                                              "type, date, section and kind")] = False) -> JSONResponse:
    ar = request.app.state.archive(request)
    q = clean(q)
    check_query(q)
    flt = Filters(place=clean(place), person=clean(person), organization=clean(org), section=clean(section),
                  source=clean(source), kind=kind, fact_type=clean(type))
    res = ar.search(q, date_from=clean(date_from), date_to=clean(date_to), place=flt.place, person=flt.person,
                    organization=flt.organization, section=flt.section, source=flt.source, kind=kind,
                    fact_type=flt.fact_type, sort=sort, limit=limit, offset=offset)
    out = shallow(res)
    if with_facets:
        out["facets"] = facets(ar.con, q, date_from=clean(date_from), date_to=clean(date_to), filters=flt)
    return _answer(out)


@router.get("/articles/{article_id}", response_model=Article, summary="One article (the contract's JSON)")
def article(request: Request, article_id: Annotated[str, Path(max_length=100, examples=["3e15009421a634e3-01"])]
            ) -> JSONResponse:
    ar = request.app.state.archive(request)
    a = ar.article(article_id)
    if a is None:
        raise NotFoundError(f"no article {article_id!r} in the archive")
    return _answer(a)


@router.get("/facts", response_model=FactsResponse, summary="Stored facts matching every filter given")
def facts(request: Request,
          type: Annotated[str | None, Query(max_length=40, examples=["indicator"])] = None,
          place: Annotated[str | None, Query(max_length=100, description="facts of this place or a division "
                                             "under it, and placeless facts of articles naming it")] = None,
          indicator: Annotated[str | None, Query(max_length=100, description="indicator facts whose indicator "
                                                 "contains this")] = None,
          name: Text = None, article: Annotated[str | None, Query(max_length=100)] = None,
          date_from: DateFrom = None, date_to: DateTo = None,
          limit: Annotated[int, Query(ge=1, le=FACTS_LIMIT_MAX)] = 100, offset: Offset = 0) -> JSONResponse:
    ar = request.app.state.archive(request)
    res = ar.facts(type=clean(type), place=clean(place), indicator=clean(indicator), name=clean(name),
                   date_from=clean(date_from), date_to=clean(date_to), article=clean(article), limit=limit,
                   offset=offset)
    return _answer(shallow(res))


@router.get("/places", response_model=PlaceResponse, summary="The whole country: provinces with counts")
def places_root(request: Request) -> JSONResponse:
    ar = request.app.state.archive(request)
    return _answer(place_info(ar.con, ""))


@router.get("/places/{place}", response_model=PlaceResponse,
            summary="A place: the division with the divisions above it and those under it, with counts")
def place(request: Request, place: Annotated[str, Path(max_length=100, description="a division's name (四川, "
                                                        "四川省, 绵阳市) or 6-digit code, or any place name",
                                                        examples=["510700"])]) -> JSONResponse:
    ar = request.app.state.archive(request)
    return _answer(place_info(ar.con, place))


@router.get("/indicators", response_model=IndicatorsResponse, summary="Indicators stated in the archive")
def indicators(request: Request,
               place: Annotated[str | None, Query(max_length=100, description="the subject: a division's name "
                                                  "or code, or any name")] = None,
               q: Annotated[str | None, Query(max_length=100, description="indicator names containing this")] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> JSONResponse:
    ar = request.app.state.archive(request)
    return _answer({"place": clean(place), "indicators": indicator_list(ar.con, clean(place), clean(q), limit)})


@router.get("/indicators/series", response_model=SeriesResponse,
            summary="An indicator's series for a place, by period")
def series(request: Request,
           name: Annotated[str, Query(min_length=1, max_length=100, description="the indicator (exact)",
                                      examples=["地区生产总值"])],
           place: Annotated[str | None, Query(max_length=100, examples=["绵阳市"])] = None,
           date_from: DateFrom = None, date_to: DateTo = None) -> JSONResponse:
    ar = request.app.state.archive(request)
    return _answer(indicator_series(ar.con, clean(place), name, date_from=clean(date_from), date_to=clean(date_to)))


@router.get("/stats", response_model=StatsResponse, summary="Counts and dates of the archive")
def stats(request: Request) -> JSONResponse:
    ar = request.app.state.archive(request)
    out = ar.stats()
    out.pop("path", None)  # the server's file system is not the client's business
    return _answer(out)
