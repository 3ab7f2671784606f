"""Server-rendered pages: the map, the table, an incident, a document.

Pages are rendered with Jinja2 (autoescape on for every template); data the page's
scripts need travels as JSON inside ``<script type="application/json">``, which the
browser never executes, so the CSP can forbid inline scripts entirely.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..store import Store, schema
from ..store import queries as Q
from .api import Cursor, Filter, Limit, Offset, SortName, moved_to
from .highlight import Layer, segments

__all__ = ["error_page", "is_page", "router"]

router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["tojson_attr"] = lambda value: json.dumps(value, default=str)


def _http_url(value: Any) -> str | None:
    """A URL fit for href: only http(s); ``javascript:`` and friends are dropped."""
    if isinstance(value, str) and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


_env.filters["http_url"] = _http_url
templates = Jinja2Templates(env=_env)

SIDE_ORDER = ["UA", "RU", "other", "unknown"]
STANCES = ["asserts", "denies", "unverified"]
FILTER_KEYS = ["since", "until", "event_type", "sub_event_type", "status", "attacker_side",
               "admin1", "bbox", "q"]


_CHOICES_TTL = 30.0


def _choices(request: Request) -> dict[str, list[str]]:
    """Values present in the database, for the filter form's drop-downs.

    Kept for ``_CHOICES_TTL`` seconds: three DISTINCT scans on every page view cost
    more than the page, and a new event type can wait half a minute to appear.
    """
    cached = getattr(request.app.state, "choices", None)
    if cached and time.monotonic() - cached[0] < _CHOICES_TTL:
        return cached[1]
    out = _load_choices(request)
    request.app.state.choices = (time.monotonic(), out)
    return out


def _load_choices(request: Request) -> dict[str, list[str]]:
    i = schema.incidents
    out: dict[str, list[str]] = {}
    with Store(request.app.state.engine).connect() as conn:
        for name, column in (("event_type", i.c.event_type), ("status", i.c.status),
                             ("attacker_side", i.c.attacker_side)):
            out[name] = [v for (v,) in conn.execute(
                sa.select(column).where(column.is_not(None)).distinct().order_by(column)
            ).all()]
    for status in ("claimed", "corroborated", "disputed"):
        if status not in out["status"]:
            out["status"].append(status)
    return out


def _filters(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "") for k in FILTER_KEYS}


def _query(params: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200
          ) -> HTMLResponse:
    settings = request.app.state.settings
    base = {"filters": _filters(request), "qs": _query(_filters(request)),
            "tile_url": settings["tile_url"]}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


#: Pages answer HEAD as GET does (the server sends the headers, not the body).
PAGE_METHODS = ["GET", "HEAD"]


def is_page(path: str) -> bool:
    """Whether ``path`` is an HTML page (its errors are pages too), not API or files."""
    return not path.startswith(("/api/", "/static/", "/openapi.json"))


def error_page(request: Request, status: int, messages: list[str]) -> HTMLResponse:
    """An HTML error page with the messages, e.g. 422 for a parameter the form cannot use."""
    titles = {404: "Not found", 422: "Invalid parameter"}
    return _page(request, "error.html", {
        "title": titles.get(status, "Error"), "messages": messages,
        "back": "/" + request.url.path.lstrip("/") if status == 422 else "/",
    }, status=status)


@router.api_route("/", methods=PAGE_METHODS, response_class=HTMLResponse)
def map_page(request: Request, f: Filter) -> HTMLResponse:
    settings = request.app.state.settings
    config = {"tileUrl": settings["tile_url"], "tileAttribution": settings["tile_attribution"]}
    return _page(request, "map.html", {"choices": _choices(request), "config": config})


@router.api_route("/table", methods=PAGE_METHODS, response_class=HTMLResponse)
def table_page(
    request: Request, f: Filter, limit: Limit = 100, offset: Offset = 0, cursor: Cursor = None,
    sort: SortName = "-date",
) -> HTMLResponse:
    with Store(request.app.state.engine).connect() as conn:
        page = Q.list_incidents(conn, f, sort=sort, limit=limit, offset=offset, cursor=cursor)
    filters = _filters(request)

    def sort_link(column: str) -> str:
        new = f"-{column}" if sort == column else column
        return "/table?" + _query({**filters, "sort": new})

    next_link = ("/table?" + _query({**filters, "sort": sort, "cursor": page.next_cursor,
                                     "limit": limit})) if page.next_cursor else None
    return _page(request, "table.html", {
        "page": page, "sort": sort, "sort_link": sort_link, "next_link": next_link,
        "choices": _choices(request),
    })


def _claim_groups(detail: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Claims of all reports, grouped by side, each with the sentence that says it."""
    texts = {d["id"]: d for d in detail["documents"]}
    groups: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[Any, ...]] = set()
    for report in detail["reports"]:
        doc = texts.get(report["doc_id"])
        for claim in report["claims"]:
            key = (claim["claimant"], claim["stance"], report["doc_id"],
                   tuple(claim["span"] or ()))
            if key in seen:
                continue
            seen.add(key)
            quote = None
            if doc and claim["span"]:
                start, end = claim["span"]
                if 0 <= start <= end <= len(doc["text"]):
                    quote = doc["text"][start:end]
            groups.setdefault(claim["side"] or "unknown", []).append({
                **claim, "quote": quote, "doc_id": report["doc_id"],
                "doc_title": (doc or {}).get("title") or report["doc_id"],
                "source": (doc or {}).get("source"),
            })
    order = [s for s in SIDE_ORDER if s in groups] + sorted(set(groups) - set(SIDE_ORDER))
    for side in order:
        groups[side].sort(key=lambda c: (STANCES.index(c["stance"])
                                         if c["stance"] in STANCES else 9, c["claimant"]))
    return [(side, groups[side]) for side in order]


def _evidence_layers(evidence: list[dict[str, Any]]) -> list[Layer]:
    layers = []
    for span in evidence:
        kind = {"sentence": "ev-sentence", "claim": "ev-claim"}.get(span["field"], "ev-field")
        label = span["field"] if span["field"] != "sentence" else f"report {span['event_id']}"
        layers.append(Layer(span["start"], span["end"], kind, label))
    return layers


@router.api_route("/incidents/{incident_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def incident_page(request: Request,
                  incident_id: Annotated[str, PathParam(max_length=300)]) -> Response:
    with Store(request.app.state.engine).connect() as conn:
        detail = Q.incident_detail(conn, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    if (moved := moved_to(request, "incident_page", incident_id, detail)) is not None:
        return moved
    documents = [
        {**d, "segments": segments(d["text"], _evidence_layers(d["evidence"]), rest="dim")}
        for d in detail["documents"]
    ]
    inc = detail["incident"]
    marker = {"lat": (inc.get("location") or {}).get("lat"),
              "lon": (inc.get("location") or {}).get("lon"), "status": detail["status"],
              "event_type": inc.get("event_type")}
    return _page(request, "incident.html", {
        "detail": detail, "inc": inc, "documents": documents,
        "claim_groups": _claim_groups(detail), "marker": marker,
        "config": {"tileUrl": request.app.state.settings["tile_url"],
                   "tileAttribution": request.app.state.settings["tile_attribution"]},
    })


@router.api_route("/documents", methods=PAGE_METHODS, response_class=HTMLResponse)
def documents_page(request: Request, limit: Limit = 100, offset: Offset = 0,
                   q: str | None = None) -> HTMLResponse:
    with Store(request.app.state.engine).connect() as conn:
        page = Q.list_documents(conn, Q.DocumentFilter(q=q if q and q.strip() else None),
                                limit=limit, offset=offset)
    next_link = ("/documents?" + _query({"q": q, "offset": offset + limit, "limit": limit})
                 if offset + limit < page.total else None)
    return _page(request, "documents.html", {"page": page, "q": q or "",
                                             "next_link": next_link})


@router.api_route("/documents/{doc_id}", methods=PAGE_METHODS, response_class=HTMLResponse)
def document_page(request: Request,
                  doc_id: Annotated[str, PathParam(max_length=300)]) -> HTMLResponse:
    with Store(request.app.state.engine).connect() as conn:
        detail = Q.document_detail(conn, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    layers = _evidence_layers(detail["evidence"])
    layers += [Layer(s[0], s[1], "boilerplate", "boilerplate (not read)", mark=False)
               for s in detail["flags"]["boilerplate"]]
    layers += [Layer(s[0], s[1], "lang-other", f"language: {s[2]}", mark=False)
               for s in detail["flags"]["mixed_language"]]
    return _page(request, "document.html", {
        "doc": detail, "segments": segments(detail["text"], layers),
    })


@router.api_route("/docs", methods=PAGE_METHODS, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI explorer over /openapi.json."""
    return templates.TemplateResponse(request, "docs.html", {})
