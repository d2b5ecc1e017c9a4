"""Response models of the HTTP API: they make the OpenAPI document. Endpoints build plain dicts and
answer them directly (no second validation on the way out); ``tests/test_web_api.py`` checks that the
answers fit these models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ErrorResponse", "Article", "Fact", "SearchResponse", "FactsResponse", "PlaceResponse",
           "IndicatorsResponse", "SeriesResponse", "StatsResponse", "ERRORS"]


class ErrorBody(BaseModel):
    code: str = Field(description="searchable code: E303 bad query, E304 bad filter, E501 not found, "
                                  "E502 bad parameter, E503 method not allowed, E999 internal", examples=["E303"])
    message: str = Field(description="one line naming the input and the reason")


class ErrorResponse(BaseModel):
    """The one shape of every error."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "bad query or parameter"},
    404: {"model": ErrorResponse, "description": "not in the archive"},
    503: {"model": ErrorResponse, "description": "the archive cannot be read now"},
}


class Fact(BaseModel):
    """A fact as in the output contract: the common fields below, and those of its type
    (place: name, code, level, parent; quantity: value, unit, qualifier...)."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(examples=["place"])
    text: str = Field(description="exactly as printed")
    field: str = Field(description="headline, kicker, subheadline, dateline, body, captions[N], captions[N].credit")
    start: int
    end: int


class StoredFact(Fact):
    article_id: str
    issue_date: str | None
    headline: str | None


class Byline(BaseModel):
    name: str
    role: str | None


class Caption(BaseModel):
    text: str
    credit: str | None


class ArticleSource(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    sha256: str
    format: str | None = None
    encoding: str | None = None
    path: str | None = None
    label: str | None = None


class Article(BaseModel):
    """The output contract's Article, plus ``date`` (the issue date) and ``source`` (the page)."""

    model_config = ConfigDict(extra="allow")
    id: str
    kind: Literal["article", "photo", "brief"] | str
    section: str | None
    kicker: str | None
    headline: str | None
    subheadline: str | None
    bylines: list[Byline]
    dateline: str | None
    body: str
    captions: list[Caption]
    facts: list[Fact]
    date: str | None
    source: ArticleSource


class HitSource(BaseModel):
    name: str
    label: str | None
    sha256: str


class Hit(BaseModel):
    id: str
    date: str | None
    kind: str
    section: str | None
    kicker: str | None
    headline: str | None
    subheadline: str | None
    bylines: list[Byline]
    headline_highlights: list[list[int]] = Field(description="[start, end] of the terms in the headline")
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] of the terms in the snippet")
    score: float | None = Field(description="BM25 relevance (higher is better); null when not ranked")
    source: HitSource


class FacetItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    value: str
    count: int


class Division(BaseModel):
    code: str | None
    name: str
    level: str
    parent: str | None = None


class PlaceFacetItem(Division):
    count: int


class PlaceFacet(BaseModel):
    parent: Division | None = Field(description="the filtered division whose sub-divisions are counted")
    ancestors: list[Division]
    items: list[PlaceFacetItem]


class DateFacet(BaseModel):
    unit: Literal["year", "month"]
    items: list[dict[str, Any]]
    undated: int


class Facets(BaseModel):
    window: int = Field(description="how many of the hits (the newest) were counted")
    partial: bool = Field(description="true when there were more hits than counted")
    place: PlaceFacet
    type: list[FacetItem]
    date: DateFacet
    section: list[FacetItem]
    kind: list[FacetItem]


class SearchResponse(BaseModel):
    query: str | None
    total: int = Field(description="every matching article")
    hits: list[Hit]
    sort: str
    ranked: int = Field(description="how many hits were ordered by relevance (the rest newest first)")
    limit: int | None
    offset: int
    filters: dict[str, Any]
    took_ms: float
    facets: Facets | None = None


class FactsResponse(BaseModel):
    total: int
    total_capped: bool
    facts: list[StoredFact]
    limit: int | None
    offset: int
    filters: dict[str, Any]
    took_ms: float


class PlaceChild(Division):
    count: int = Field(description="articles naming this division or one under it")


class OtherPlace(BaseModel):
    name: str
    level: str | None
    count: int


class PlaceResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: Literal["root", "division", "named", "ambiguous"]
    query: str
    code: str | None = None
    name: str
    level: str | None = None
    ancestors: list[Division] = []
    articles: int = Field(0, description="articles naming the place or a place under it")
    articles_own: int = Field(0, description="articles naming the place itself")
    children: list[PlaceChild] = []
    other_places: list[OtherPlace] = Field([], description="places under it outside the division table (towns)")
    candidates: list[dict[str, Any]] = Field([], description="for an ambiguous name: the divisions it may mean")


class IndicatorName(BaseModel):
    subject: str | None
    indicator: str
    unit: str | None
    count: int
    first: str | None
    last: str | None


class IndicatorsResponse(BaseModel):
    place: str | None
    indicators: list[IndicatorName]


class SeriesPoint(BaseModel):
    period_start: str | None
    period_end: str | None
    value: float | None
    qualifier: str | None
    growth: float | None
    text: str
    article_id: str
    issue_date: str | None
    headline: str | None
    x: str | None = Field(description="where the point stands in time: the period's end, else the issue date")


class Series(BaseModel):
    subject: str | None
    indicator: str
    unit: str | None
    frequency: str = Field(description="year, half, quarter, month, ytd, point, other, none")
    points: list[SeriesPoint]


class SeriesResponse(BaseModel):
    place: str | None
    indicator: str
    model_config = ConfigDict(populate_by_name=True)
    from_: str | None = Field(None, alias="from")
    to: str | None
    total: int
    series: list[Series]


class StatsResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    pages: int
    articles: int
    facts: int
    facts_by_type: dict[str, int]
    first_date: str | None
    last_date: str | None
