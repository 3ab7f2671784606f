"""The JSON API: each route parses parameters, calls one query, shapes the answer.

Every parameter is typed, so FastAPI answers 422 with a message for a bad value;
what types cannot say (a bbox out of the world, a foreign cursor) raises
``InvalidQuery`` in the query layer, which the app also turns into 422.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, TypeAdapter

from ..store import Store
from ..store import queries as Q

__all__ = ["incident_filter", "router"]

router = APIRouter(prefix="/api", tags=["api"])

SortName = Literal[tuple(Q.SORTS)]  # type: ignore[valid-type]
_BBOX = r"^(\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*)?$"
_SHORT = 200


_DATE = r"^(\d{4}-\d{2}-\d{2})?$"


def _day(name: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD parameter; empty means unset, because HTML forms send empty fields."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Q.InvalidQuery(f"{name}={value!r} is not a real day",
                             hint="use YYYY-MM-DD, e.g. 2022-08-07", param=name) from None


async def incident_filter(
    since: Annotated[str | None, Query(pattern=_DATE, description="incidents on or after "
                                       "this day (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(pattern=_DATE, description="incidents on or before "
                                       "this day (YYYY-MM-DD)")] = None,
    event_type: Annotated[str | None, Query(max_length=_SHORT,
                                            description="ACLED event type")] = None,
    sub_event_type: Annotated[str | None, Query(max_length=_SHORT)] = None,
    status: Annotated[str | None, Query(pattern="^(claimed|corroborated|disputed)?$")] = None,
    attacker_side: Annotated[str | None, Query(max_length=40,
                                               description="profile side code: UA, RU…")] = None,
    admin1: Annotated[str | None, Query(max_length=_SHORT)] = None,
    bbox: Annotated[str | None, Query(pattern=_BBOX,
                                      description="minlon,minlat,maxlon,maxlat")] = None,
    q: Annotated[str | None, Query(max_length=500,
                                   description='full text over the source sentences of '
                                   "the incident's reports, taken together: words, "
                                   '"a phrase", -exclude, OR')] = None,
) -> Q.IncidentFilter:
    box = tuple(float(x) for x in bbox.split(",")) if bbox else None
    if q and q.strip():
        Q.fts5_query(q)  # fail now with 422, not half-way through a streamed export
    return Q.IncidentFilter(
        since=_day("since", since), until=_day("until", until), event_type=event_type or None,
        sub_event_type=sub_event_type or None, status=status or None,
        attacker_side=attacker_side or None, admin1=admin1 or None,
        bbox=box,  # type: ignore[arg-type]
        q=q if q and q.strip() else None,
    )


Filter = Annotated[Q.IncidentFilter, Depends(incident_filter)]


def _store(request: Request) -> Store:
    return Store(request.app.state.engine)


def _json(model: type[BaseModel], value: Any) -> Response:
    """Validate against the declared model and serialise in pydantic-core.

    Returning a Response skips FastAPI's generic ``jsonable_encoder`` pass, which was
    the largest cost of a 100-item page; the route keeps ``response_model`` so the
    OpenAPI schema is unchanged, and schemathesis checks responses against it.
    """
    return Response(model.model_validate(value).model_dump_json(),
                    media_type="application/json")


# ------------------------------------------------------------------ models

class IncidentItem(BaseModel):
    incident_id: str
    event_type: str
    sub_event_type: str | None
    date: dt.date | None
    date_range: list[str | None] | None
    place: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    status: str
    attacker_side: str | None
    attacker: str | None
    fatalities: int | None
    injured: int | None
    summary: str
    independent_sources: int
    updated_at: dt.datetime | None
    reports: int


class IncidentPage(BaseModel):
    items: list[IncidentItem]
    total: int = Field(description="incidents matching the filter")
    limit: int
    offset: int
    next_cursor: str | None = Field(description="pass as cursor for the next page")


class Points(BaseModel):
    fields: list[str]
    points: list[list[Any]]
    truncated: bool


class DailyCount(BaseModel):
    date: dt.date
    count: int
    by_status: dict[str, int]


_DAYS = TypeAdapter(list[DailyCount])


class ClaimOut(BaseModel):
    claimant: str
    side: str
    stance: str
    span: list[int] | None


class EvidenceSpan(BaseModel):
    event_id: str | None
    field: str
    start: int
    end: int
    text: str


class ReportOut(BaseModel):
    event_id: str
    doc_id: str
    reason: str | None = None
    incident_id: str | None = None
    record: dict[str, Any] = Field(description="the REPORT record of SCHEMA.md")
    claims: list[ClaimOut]


class DocumentMeta(BaseModel):
    id: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    languages: list[str]
    copy_of: str | None
    similarity: float | None
    ingested_at: dt.datetime | None


class DocumentWithEvidence(DocumentMeta):
    text: str
    evidence: list[EvidenceSpan]


class HistoryOut(BaseModel):
    status: str
    at: str
    reason: str | None
    doc_id: str | None


class IncidentDetail(BaseModel):
    incident: dict[str, Any] = Field(description="the incident record of SCHEMA.md")
    status: str
    updated_at: dt.datetime | None
    reports: list[ReportOut]
    documents: list[DocumentWithEvidence]
    history: list[HistoryOut]


class DocumentItem(DocumentMeta):
    reports: int


class DocumentPage(BaseModel):
    items: list[DocumentItem]
    total: int
    limit: int
    offset: int
    next_cursor: str | None


class Flags(BaseModel):
    boilerplate: list[list[int]]
    mixed_language: list[list[int | str]]
    repaired: bool
    notes: list[str]
    entries: list[list[int]] = Field(description="a live blog's timestamped entries")
    genre: str | None = Field(description="liveblog, opinion, letters, review, ...")
    skip_extraction: str | None = Field(description="why no incident was read from it")


class DocumentDetail(DocumentWithEvidence):
    flags: Flags
    reports: list[ReportOut]


class IngestOut(BaseModel):
    stored: list[str]
    skipped: list[str]
    reports: int
    errors: list[str]


class InputRecord(BaseModel):
    """One document in the SCHEMA.md input format (``text`` or ``html``)."""

    id: str | None = Field(None, max_length=300)
    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=300)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40)
    language: str | None = Field(None, max_length=8)


# ------------------------------------------------------------------ incidents

Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT, description="page size, at most 500")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Cursor = Annotated[str | None, Query(max_length=2000, description="next_cursor of the "
                                                                    "previous page")]


@router.get("/incidents", response_model=IncidentPage)
async def incidents(
    request: Request, f: Filter, limit: Limit = 100, offset: Offset = 0, cursor: Cursor = None,
    sort: Annotated[SortName, Query(description="column; leading - for descending")] = "-date",
) -> Any:
    """Incidents matching the filter, one page at a time."""
    # Run on the event loop, not in the thread pool: a page is a few milliseconds of
    # CPU (bounded: at most 500 items, counts remembered), and the hop to a worker
    # thread, the GIL handover and one pooled connection per thread cost about as
    # much again under load. Unbounded reads (exports) stay in threads.
    with _store(request).connect() as conn:
        body = Q.list_incidents_json(conn, f, sort=sort, limit=limit, offset=offset,
                                     cursor=cursor)
    return Response(body, media_type="application/json")


@router.get("/incidents/points", response_model=Points)
def incident_points(request: Request, f: Filter) -> Any:
    """Every matching incident with coordinates, compactly, for the map."""
    with _store(request).connect() as conn:
        points, truncated = Q.incident_points(conn, f)
    return _json(Points, {"fields": ["incident_id", "lat", "lon", "status", "event_type",
                                     "date", "fatalities"],
                          "points": points, "truncated": truncated})


@router.get("/incidents/{incident_id}", response_model=IncidentDetail,
            responses={404: {"description": "no such incident"},
                       308: {"description": "an old id: its only report joined this incident"}})
def incident(request: Request, incident_id: Annotated[str, Path(max_length=300)]) -> Any:
    """One incident with its reports, claims, documents and evidence sentences."""
    with _store(request).connect() as conn:
        detail = Q.incident_detail(conn, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    if (moved := moved_to(request, "incident", incident_id, detail)) is not None:
        return moved
    return _json(IncidentDetail, detail)


def moved_to(request: Request, route: str, incident_id: str, detail: dict[str, Any]
             ) -> RedirectResponse | None:
    """A permanent redirect when ``incident_id`` is an old id (``incident_aliases``).

    The incident a reader bookmarked may have been dropped when its only report joined
    another; the redirect gives them the id to keep from now on.
    """
    current = detail["incident"]["incident_id"]
    if current == incident_id:
        return None
    return RedirectResponse(str(request.url_for(route, incident_id=current)), status_code=308)


@router.get("/stats/daily", response_model=list[DailyCount])
def stats_daily(request: Request, f: Filter) -> Any:
    """Incidents per day and status under the filter, for the timeline."""
    with _store(request).connect() as conn:
        days = Q.daily_counts(conn, f)
    return Response(_DAYS.dump_json(_DAYS.validate_python(days)), media_type="application/json")


# ------------------------------------------------------------------ documents

@router.get("/documents", response_model=DocumentPage)
def documents(
    request: Request,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: Annotated[str | None, Query(max_length=_SHORT)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Documents, newest first, with the number of reports read from each."""
    f = Q.DocumentFilter(since=since, until=until, source=source or None,
                         q=q if q and q.strip() else None)
    with _store(request).connect() as conn:
        page = Q.list_documents(conn, f, limit=limit, offset=offset)
    return _json(DocumentPage, page.__dict__)


@router.get("/documents/{doc_id}", response_model=DocumentDetail,
            responses={404: {"description": "no such document"}})
def document(request: Request, doc_id: Annotated[str, Path(max_length=300)]) -> Any:
    """A document's text, quality flags and every report read from it, with spans."""
    with _store(request).connect() as conn:
        detail = Q.document_detail(conn, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return _json(DocumentDetail, detail)


@router.post(
    "/documents", response_model=IngestOut, status_code=201,
    responses={403: {"description": "ingestion is off or the token is wrong"},
               413: {"description": "body too large"}},
)
def post_documents(
    request: Request,
    body: Annotated[InputRecord | list[InputRecord], Body()],
    authorization: Annotated[str | None, Header(max_length=500)] = None,
) -> Any:
    """Ingest documents (SCHEMA.md input format): off unless the server has a token.

    Send ``Authorization: Bearer <token>``; one record or a list of at most 100.
    """
    token = request.app.state.settings["ingest_token"]
    if not token:
        raise HTTPException(403, "ingestion over HTTP is off; start the server with "
                                 "--ingest-token to allow it")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, "wrong or missing token: send Authorization: Bearer <token>")
    records = body if isinstance(body, list) else [body]
    if not 1 <= len(records) <= 100:
        raise Q.InvalidQuery(f"{len(records)} documents in one request",
                             hint="send between 1 and 100 per request", param="body")
    ingest = request.app.state.ingest
    result = ingest([r.model_dump(exclude_none=True) for r in records])
    return result.__dict__


# ------------------------------------------------------------------ exports

MaxRows = Annotated[int, Query(ge=1, le=100_000, description="at most this many rows")]
CSV_FIELDS = ["incident_id", "event_type", "sub_event_type", "date", "place", "admin1", "lat",
              "lon", "geo_precision", "status", "attacker_side", "attacker", "fatalities",
              "injured", "reports", "independent_sources", "summary"]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ is read as text."""
    value = _plain(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _export(request: Request, f: Q.IncidentFilter, max_rows: int, full: bool
            ) -> Iterator[dict[str, Any]]:
    yield from Q.iter_incidents(request.app.state.engine, f, max_rows=max_rows, full=full)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/export.csv", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})
def export_csv(request: Request, f: Filter, max_rows: MaxRows = 10_000) -> StreamingResponse:
    """The filtered incidents as CSV (one row each), streamed."""

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_FIELDS)
        for item in _export(request, f, max_rows, full=False):
            writer.writerow([_csv_cell(item.get(k)) for k in CSV_FIELDS])
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers=_attachment("incidents.csv"))


@router.get("/export.geojson", response_class=StreamingResponse,
            responses={200: {"content": {"application/geo+json": {}}}})
def export_geojson(request: Request, f: Filter, max_rows: MaxRows = 10_000
                   ) -> StreamingResponse:
    """The filtered incidents with coordinates as a GeoJSON FeatureCollection, streamed."""

    def chunks() -> Iterator[str]:
        yield '{"type":"FeatureCollection","features":['
        first = True
        for item in _export(request, f, max_rows, full=False):
            if item["lat"] is None or item["lon"] is None:
                continue
            feature = {
                "type": "Feature",
                "id": item["incident_id"],
                "geometry": {"type": "Point", "coordinates": [item["lon"], item["lat"]]},
                "properties": {k: _plain(v) for k, v in item.items()
                               if k not in ("lat", "lon")},
            }
            yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
            first = False
        yield "]}"

    return StreamingResponse(chunks(), media_type="application/geo+json",
                             headers=_attachment("incidents.geojson"))


@router.get("/export.jsonl", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}}})
def export_jsonl(request: Request, f: Filter, max_rows: MaxRows = 10_000) -> StreamingResponse:
    """The filtered incidents as SCHEMA.md incident records, one JSON object a line."""

    def lines() -> Iterator[str]:
        for record in _export(request, f, max_rows, full=True):
            yield json.dumps(record, ensure_ascii=False, default=_plain) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers=_attachment("incidents.jsonl"))
