"""Read-side queries for the web app and API: filtered, paginated, searchable.

Writes belong to the store and to clustering; this module only reads, plus it keeps
the full-text index in step with what they write.

Full-text search covers what an analyst wants to search: the source sentences a
report was read from (and its summary and place) for incidents, and the title and text
of documents. An incident matches when the text of its reports, taken together, has
the words (a word from one report and a word from another both count; -word excludes
the incident when any of its reports has it).

- SQLite: ``search_reports`` holds each report's text and incident, and
  ``incident_search`` one row per incident with the text of all its reports, indexed
  by the external-content FTS5 table ``incident_search_fts`` (porter stemmer over
  unicode61), and ``document_fts`` for documents. The rowid of an incident's row is
  its search KEY: its best day in the high bits and a serial below, so a text search
  pages newest-first by reading about a page of hits (``_search_page_ids``), and
  counting matching incidents is counting hits. All kept in sync by TRIGGERS on
  ``reports``, ``incident_reports``, ``incidents`` and ``documents``: triggers rather
  than a rebuild on write because the writers (the CLI's ingest, clustering, the
  web's POST) are other people's code in other processes, and a trigger cannot be
  forgotten by any of them. The sentence text is cut out of the document in SQL
  (``json_each`` over the report's ``sentences`` spans and ``substr``; SQLite counts
  characters as Python does). Rows written before the triggers existed are
  back-filled by ``ensure_search_index``, which is idempotent and cheap when nothing
  is missing.
- PostgreSQL: ``report_search`` (one ``tsvector`` per report, filled by a trigger
  function on ``reports``, same sentence cutting in PL/pgSQL) and ``incident_search``
  (the concatenation of an incident's report vectors, kept by triggers on the links
  and on ``report_search``), with GIN indexes, and an expression GIN index on
  ``to_tsvector('english', title || text)`` for documents; queries use
  ``websearch_to_tsquery`` so any user text is a valid query.

The list page is mostly stored text: ``incidents.list_item`` is each item's JSON
written with the row (``stored_list_item``), ``incidents.n_reports`` its live report
count and ``incidents.lat_band`` its latitude band for map boxes, both kept by SQLite
triggers; a row without a stored item is built from its columns, to the same bytes.

User search text never reaches FTS5's query grammar unquoted: ``fts5_query``
translates a small web-search syntax (words, "phrases", -exclusions, OR) into
quoted FTS5 terms, so no input can cause a syntax error.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import FogwatchError
from . import schema

__all__ = [
    "DocumentFilter",
    "IncidentFilter",
    "InvalidQuery",
    "Page",
    "SORTS",
    "daily_counts",
    "document_detail",
    "ensure_search_index",
    "fts5_query",
    "incident_detail",
    "incident_points",
    "iter_incidents",
    "list_documents",
    "list_incidents",
    "lat_band",
    "list_incidents_json",
    "stored_list_item",
]

MAX_LIMIT = 500
MAX_POINTS = 50_000


class InvalidQuery(FogwatchError):
    """A filter, sort or cursor that cannot be applied; the API answers 422 with it.

    ``param`` names the request parameter at fault, for the API's error location.
    """

    code = "E600"

    def __init__(self, message: str, *, hint: str | None = None, param: str = "query") -> None:
        super().__init__(message, hint=hint)
        self.param = param


@dataclass(frozen=True)
class _DateWindow:
    """The date window every listing filters by; a reversed window is refused, not empty."""

    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InvalidQuery(
                f"since {self.since} is after until {self.until}", hint="swap the dates",
                param="since"
            )


@dataclass(frozen=True)
class IncidentFilter(_DateWindow):
    """What the map, table, stats and exports share: one filter, one meaning."""

    event_type: str | None = None
    sub_event_type: str | None = None
    status: str | None = None
    attacker_side: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.bbox is not None:
            minlon, minlat, maxlon, maxlat = self.bbox
            if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180
                    and -90 <= minlat <= 90 and -90 <= maxlat <= 90):
                raise InvalidQuery(
                    f"bbox {self.bbox} is outside the world",
                    hint="give minlon,minlat,maxlon,maxlat in degrees (lon -180..180, lat -90..90)",
                    param="bbox",
                )
            if minlat > maxlat or minlon > maxlon:
                raise InvalidQuery(
                    f"bbox {self.bbox} has min above max",
                    hint="give minlon,minlat,maxlon,maxlat", param="bbox",
                )


@dataclass(frozen=True)
class DocumentFilter(_DateWindow):
    source: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next_cursor: str | None


# ---------------------------------------------------------------- search text

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def _quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts5_query(q: str) -> str:
    """Translate web-search text into a safe FTS5 MATCH expression.

    Hand-written because FTS5 has no ``websearch_to_tsquery``: every term is emitted
    as a quoted string (only word characters inside), so FTS5 operators typed by a
    user are searched for as words, never parsed.
    """
    positives: list[list[str]] = []  # groups joined by OR; groups joined by AND
    negatives: list[str] = []
    pending_or = False
    for neg, phrase, bare in _TOKEN.findall(q.replace("\x00", " ")):
        if bare == "OR":
            pending_or = bool(positives)
            continue
        negative = bool(neg)
        if bare:
            negative = bare.startswith("-") and len(bare) > 1
            words = _WORD.findall(bare)
        else:
            words = _WORD.findall(phrase)
        if not words:
            continue
        term = _quote(words)
        if negative:
            negatives.append(term)
        elif pending_or:
            positives[-1].append(term)
        else:
            positives.append([term])
        pending_or = False
    if not positives:
        raise InvalidQuery(
            f"search text {q!r} has no word to look for",
            hint="give at least one word; -word excludes, \"a phrase\" matches exactly",
            param="q",
        )
    expr = " AND ".join(
        group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in positives
    )
    for term in negatives:
        expr = f"({expr}) NOT {term}"
    return expr


# ---------------------------------------------------------------- index upkeep

_SQLITE_SENTENCES = """
coalesce((SELECT group_concat(substr(d.text, json_extract(s.value, '$[0]') + 1,
                                     json_extract(s.value, '$[1]') - json_extract(s.value, '$[0]')),
                              ' ')
          FROM documents AS d, json_each({row}.data, '$.sentences') AS s
          WHERE d.id = {row}.doc_id), '')
|| ' ' || coalesce({row}.summary, '') || ' ' || coalesce({row}.place_name, '')
"""

_FTS_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"


def _search_key(date: str, serial: str) -> str:
    """SQL for an incident's search key: its best day in the high bits, ``serial`` below."""
    return f"((coalesce(CAST(julianday({date}) AS INTEGER), 0) << 32) | ({serial}))"


def _refresh_incident(incident: str) -> str:
    """Trigger statements that rewrite ``incident``'s row of ``incident_search``.

    The row goes when no report is left, takes the text of all reports when one
    exists, and is made (with the next serial) when it does not. All are no-ops for a
    NULL incident, so triggers can call this for OLD and NEW alike.
    """
    has_reports = f"EXISTS (SELECT 1 FROM search_reports WHERE incident_id = {incident})"
    has_row = f"EXISTS (SELECT 1 FROM incident_search WHERE incident_id = {incident})"
    body = (f"(SELECT group_concat(body, ' ') FROM (SELECT body FROM search_reports "
            f"WHERE incident_id = {incident} ORDER BY id))")
    day = f"(SELECT date FROM incidents WHERE incident_id = {incident})"
    return (
        f"DELETE FROM incident_search WHERE incident_id = {incident} AND NOT {has_reports}; "
        f"UPDATE incident_search SET body = {body} WHERE incident_id = {incident} "
        f"AND {has_reports}; "
        f"UPDATE incident_search_serial SET n = n + 1 WHERE {has_reports} AND NOT {has_row}; "
        f"INSERT INTO incident_search(id, incident_id, body) SELECT "
        f"{_search_key(day, '(SELECT n FROM incident_search_serial)')}, {incident}, {body} "
        f"WHERE {has_reports} AND NOT {has_row};"
    )

_REPORT_BODY = _SQLITE_SENTENCES

#: SQL for ``lat_band`` (SQLite's CAST truncates as Python's int() does).
_LAT_BAND_SQL = "CAST({lat} * 10 + 900 AS INTEGER)"
#: A box spanning more bands than this is read by latitude alone.
MAX_BANDS = 100


def lat_band(lat: float | None) -> int | None:
    """The ``incidents.lat_band`` of a latitude: tenths of a degree, from 0 at -90."""
    return None if lat is None else int(lat * 10 + 900)


def _box_bands(bbox: tuple[float, float, float, float]) -> tuple[int, int] | None:
    """A box's lowest and highest latitude band, or ``None`` when it spans too many to
    list (``MAX_BANDS``) and is read by latitude alone."""
    low, high = lat_band(bbox[1]) or 0, lat_band(bbox[3]) or 0
    return (low, high) if high - low < MAX_BANDS else None


#: Coordinates a query cannot look up by index (SQLite's unary +), for walking the
#: date index instead (``BOX_WALK``).
_UNINDEXED_LAT = sa.literal_column("+incidents.lat")
_UNINDEXED_LON = sa.literal_column("+incidents.lon")
#: A box holding more incidents than this is paged by walking the (date, id, lat, lon)
#: index newest first: a page then reads about limit * total / matches entries,
#: instead of sorting every match.
BOX_WALK = 1500


#: Columns a stored list item is made from: changing any of them without writing a
#: new ``list_item`` (a writer other than ``incident_row``) drops the stored one.
_ITEM_SOURCES = ("event_type", "sub_event_type", "date", "date_start", "date_end", "admin1",
                 "lat", "lon", "status", "attacker_side", "fatalities_best", "injured_best",
                 "summary", "updated_at", "data")

_SQLITE_DDL = [
    # Versions before this one kept report text in a plain FTS5 table keyed by a text
    # column; reading that column back for thousands of hits was slow. Replace it.
    "DROP TRIGGER IF EXISTS report_fts_ai",
    "DROP TRIGGER IF EXISTS report_fts_ad",
    "DROP TRIGGER IF EXISTS report_fts_au",
    "DROP TABLE IF EXISTS report_fts",
    # One row per report: its searchable text and (once clustered) its incident. The
    # INTEGER PRIMARY KEY is the FTS rowid, so it survives VACUUM, and a hit leads to
    # its incident in one primary-key lookup.
    "CREATE TABLE IF NOT EXISTS search_reports (id INTEGER PRIMARY KEY, "
    "event_id TEXT NOT NULL UNIQUE, incident_id TEXT, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_reports_incident ON search_reports (incident_id)",
    # The report-level FTS index of earlier versions: searches now go through the
    # incident-level one below, so it is only write cost.
    "DROP TRIGGER IF EXISTS search_reports_ai",
    "DROP TRIGGER IF EXISTS search_reports_ad",
    "DROP TRIGGER IF EXISTS search_reports_au",
    "DROP TABLE IF EXISTS report_search_fts",
    "DROP INDEX IF EXISTS ix_search_reports_id_incident",
    # One row per incident: the text of all its reports. The rowid is the search KEY:
    # the incident's best day (julian day number, 0 when undated) in the high bits and a
    # serial number in the low 32, so FTS5 hands back hits newest day first
    # (ORDER BY rowid DESC) and a page of a broad search reads ~a page of hits, and
    # counting matching incidents is counting FTS hits (no join, no DISTINCT).
    "CREATE TABLE IF NOT EXISTS incident_search (id INTEGER PRIMARY KEY, "
    "incident_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS incident_search_fts USING fts5(body, "
    f"content='incident_search', content_rowid='id', {_FTS_TOKENIZE})",
    "CREATE TABLE IF NOT EXISTS incident_search_serial (n INTEGER NOT NULL)",
    "INSERT INTO incident_search_serial (n) SELECT 0 "
    "WHERE NOT EXISTS (SELECT 1 FROM incident_search_serial)",
    "CREATE TRIGGER IF NOT EXISTS incident_search_ai AFTER INSERT ON incident_search BEGIN "
    "INSERT INTO incident_search_fts(rowid, body) VALUES (NEW.id, NEW.body); END",
    "CREATE TRIGGER IF NOT EXISTS incident_search_ad AFTER DELETE ON incident_search BEGIN "
    "INSERT INTO incident_search_fts(incident_search_fts, rowid, body) "
    "VALUES ('delete', OLD.id, OLD.body); END",
    "CREATE TRIGGER IF NOT EXISTS incident_search_au AFTER UPDATE OF id, body "
    "ON incident_search BEGIN "
    "INSERT INTO incident_search_fts(incident_search_fts, rowid, body) "
    "VALUES ('delete', OLD.id, OLD.body); "
    "INSERT INTO incident_search_fts(rowid, body) VALUES (NEW.id, NEW.body); END",
    # search_reports -> incident_search: whenever a report's text or incident changes,
    # the incidents it left and joined are written again from all their reports.
    "CREATE TRIGGER IF NOT EXISTS search_reports_incident_ai AFTER INSERT ON search_reports "
    "BEGIN " + _refresh_incident("NEW.incident_id") + " END",
    "CREATE TRIGGER IF NOT EXISTS search_reports_incident_ad AFTER DELETE ON search_reports "
    "BEGIN " + _refresh_incident("OLD.incident_id") + " END",
    "CREATE TRIGGER IF NOT EXISTS search_reports_incident_au AFTER UPDATE OF incident_id, body "
    "ON search_reports BEGIN " + _refresh_incident("OLD.incident_id")
    + _refresh_incident("NEW.incident_id") + " END",
    "CREATE TRIGGER IF NOT EXISTS incidents_list_item_stale AFTER UPDATE ON incidents "
    "WHEN NEW.list_item IS OLD.list_item AND NEW.list_item IS NOT NULL AND ("
    + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _ITEM_SOURCES)
    + ") BEGIN UPDATE incidents SET list_item = NULL "
    "WHERE incident_id = NEW.incident_id; END",
    # an incident whose best day changes moves in the search key order
    "CREATE TRIGGER IF NOT EXISTS incidents_search_day AFTER UPDATE OF date ON incidents "
    "WHEN OLD.date IS NOT NEW.date BEGIN UPDATE incident_search SET id = "
    + _search_key("NEW.date", "id & 4294967295")
    + " WHERE incident_id = NEW.incident_id; END",
    # reports -> search_reports
    # (DELETE then INSERT, never INSERT OR REPLACE: REPLACE skips delete triggers, which
    # would leave the old text in the FTS index.)
    "CREATE TRIGGER IF NOT EXISTS reports_search_ai AFTER INSERT ON reports BEGIN "
    "DELETE FROM search_reports WHERE event_id = NEW.event_id; "
    "INSERT INTO search_reports(event_id, incident_id, body) VALUES (NEW.event_id, "
    "(SELECT incident_id FROM incident_reports WHERE event_id = NEW.event_id), "
    + _REPORT_BODY.format(row="NEW") + "); END",
    "CREATE TRIGGER IF NOT EXISTS reports_search_ad AFTER DELETE ON reports BEGIN "
    "DELETE FROM search_reports WHERE event_id = OLD.event_id; END",
    "CREATE TRIGGER IF NOT EXISTS reports_search_au AFTER UPDATE ON reports BEGIN "
    "DELETE FROM search_reports WHERE event_id IN (OLD.event_id, NEW.event_id); "
    "INSERT INTO search_reports(event_id, incident_id, body) VALUES (NEW.event_id, "
    "(SELECT incident_id FROM incident_reports WHERE event_id = NEW.event_id), "
    + _REPORT_BODY.format(row="NEW") + "); END",
    # incident_reports -> search_reports.incident_id (clustering links reports later)
    "CREATE TRIGGER IF NOT EXISTS incident_reports_search_ai AFTER INSERT ON incident_reports "
    "BEGIN UPDATE search_reports SET incident_id = NEW.incident_id "
    "WHERE event_id = NEW.event_id; END",
    "CREATE TRIGGER IF NOT EXISTS incident_reports_search_au AFTER UPDATE ON incident_reports "
    "BEGIN UPDATE search_reports SET incident_id = NULL WHERE event_id = OLD.event_id; "
    "UPDATE search_reports SET incident_id = NEW.incident_id WHERE event_id = NEW.event_id; END",
    "CREATE TRIGGER IF NOT EXISTS incident_reports_search_ad AFTER DELETE ON incident_reports "
    "BEGIN UPDATE search_reports SET incident_id = NULL WHERE event_id = OLD.event_id; END",
    # documents
    "CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
    f"doc_id UNINDEXED, title, body, {_FTS_TOKENIZE})",
    "CREATE TRIGGER IF NOT EXISTS document_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO document_fts(doc_id, title, body) "
    "VALUES (NEW.id, coalesce(NEW.title, ''), NEW.text); END",
    "CREATE TRIGGER IF NOT EXISTS document_fts_ad AFTER DELETE ON documents BEGIN "
    "DELETE FROM document_fts WHERE doc_id = OLD.id; END",
    "CREATE TRIGGER IF NOT EXISTS document_fts_au AFTER UPDATE OF title, text ON documents "
    "BEGIN DELETE FROM document_fts WHERE doc_id = OLD.id; "
    "INSERT INTO document_fts(doc_id, title, body) "
    "VALUES (NEW.id, coalesce(NEW.title, ''), NEW.text); END",
] + [
    # Read-side indexes (also on PostgreSQL below): the default sort, the date filter,
    # the sorts offered by the API, and a bbox index that covers the sort key so a box
    # query never reads the table to order its matches.
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_id ON incidents (date, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_end ON incidents (date_end)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_fatal_id ON incidents (fatalities_best, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_box ON incidents (lat, lon, date, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_band_lon ON incidents "
    "(lat_band, lon, lat, date, incident_id)",
    # incidents.n_reports follows the links (the list page's live report count)
    "CREATE TRIGGER IF NOT EXISTS incident_reports_count_ai AFTER INSERT ON incident_reports "
    "BEGIN UPDATE incidents SET n_reports = coalesce(n_reports, 0) + 1 "
    "WHERE incident_id = NEW.incident_id; END",
    "CREATE TRIGGER IF NOT EXISTS incident_reports_count_ad AFTER DELETE ON incident_reports "
    "BEGIN UPDATE incidents SET n_reports = n_reports - 1 "
    "WHERE incident_id = OLD.incident_id; END",
    "CREATE TRIGGER IF NOT EXISTS incident_reports_count_au AFTER UPDATE OF incident_id "
    "ON incident_reports BEGIN "
    "UPDATE incidents SET n_reports = n_reports - 1 WHERE incident_id = OLD.incident_id; "
    "UPDATE incidents SET n_reports = coalesce(n_reports, 0) + 1 "
    "WHERE incident_id = NEW.incident_id; END",
    "CREATE TRIGGER IF NOT EXISTS incidents_lat_band_ai AFTER INSERT ON incidents "
    f"WHEN NEW.lat_band IS NOT {_LAT_BAND_SQL.format(lat='NEW.lat')} BEGIN "
    f"UPDATE incidents SET lat_band = {_LAT_BAND_SQL.format(lat='NEW.lat')} "
    "WHERE incident_id = NEW.incident_id; END",
    "CREATE TRIGGER IF NOT EXISTS incidents_lat_band_au AFTER UPDATE OF lat, lat_band "
    f"ON incidents WHEN NEW.lat_band IS NOT {_LAT_BAND_SQL.format(lat='NEW.lat')} BEGIN "
    f"UPDATE incidents SET lat_band = {_LAT_BAND_SQL.format(lat='NEW.lat')} "
    "WHERE incident_id = NEW.incident_id; END",
    # big boxes' pages walk the dates with the point in the index (BOX_WALK)
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_point ON incidents "
    "(date, incident_id, lat, lon)",
    # an event type's newest first, without reading the (wide) rows
    "CREATE INDEX IF NOT EXISTS ix_incidents_type_day_id ON incidents "
    "(event_type, date, incident_id)",
    # covers the timeline's GROUP BY date, status and a date range's page keys
    "DROP INDEX IF EXISTS ix_incidents_date_status",
    "CREATE INDEX IF NOT EXISTS ix_incidents_day_status_id ON incidents "
    "(date, status, incident_id)",
]

_SQLITE_BACKFILL = [
    "INSERT INTO search_reports(event_id, incident_id, body) SELECT r.event_id, "
    "ir.incident_id, " + _REPORT_BODY.format(row="r")
    + " FROM reports AS r LEFT JOIN incident_reports AS ir ON ir.event_id = r.event_id "
    "WHERE NOT EXISTS (SELECT 1 FROM search_reports AS s WHERE s.event_id = r.event_id)",
    # links made while no trigger existed (a database written by an older version)
    "UPDATE search_reports SET incident_id = (SELECT ir.incident_id FROM incident_reports AS ir "
    "WHERE ir.event_id = search_reports.event_id) "
    "WHERE incident_id IS NOT (SELECT ir.incident_id FROM incident_reports AS ir "
    "WHERE ir.event_id = search_reports.event_id)",
    "INSERT INTO document_fts(doc_id, title, body) "
    "SELECT d.id, coalesce(d.title, ''), d.text FROM documents AS d "
    "WHERE d.id NOT IN (SELECT doc_id FROM document_fts)",
    # incidents searchable before incident_search existed (or written while its
    # triggers did not): one row each, serials after the highest in use
    "UPDATE incident_search_serial SET n = max(n, "
    "(SELECT coalesce(max(id & 4294967295), 0) FROM incident_search))",
    "INSERT INTO incident_search(id, incident_id, body) SELECT "
    + _search_key("i.date", "(SELECT n FROM incident_search_serial) "
                  "+ row_number() OVER (ORDER BY g.incident_id)")
    + ", g.incident_id, g.body FROM (SELECT incident_id, group_concat(body, ' ') AS body "
    "FROM (SELECT incident_id, body FROM search_reports WHERE incident_id IS NOT NULL "
    "ORDER BY id) GROUP BY incident_id) AS g JOIN incidents AS i ON i.incident_id = g.incident_id "
    "WHERE NOT EXISTS (SELECT 1 FROM incident_search AS x WHERE x.incident_id = g.incident_id)",
    "UPDATE incident_search_serial SET n = max(n, "
    "(SELECT coalesce(max(id & 4294967295), 0) FROM incident_search))",
    # report counts of rows written before the column or its triggers existed
    "UPDATE incidents SET n_reports = (SELECT count(*) FROM incident_reports AS r "
    "WHERE r.incident_id = incidents.incident_id) WHERE n_reports IS NOT "
    "(SELECT count(*) FROM incident_reports AS r WHERE r.incident_id = incidents.incident_id)",
    # bands of rows written before the column or its triggers existed
    "UPDATE incidents SET lat_band = " + _LAT_BAND_SQL.format(lat="lat")
    + " WHERE lat_band IS NOT " + _LAT_BAND_SQL.format(lat="lat"),
    # a key whose day no longer matches its incident's best day
    "UPDATE incident_search SET id = "
    + _search_key("(SELECT date FROM incidents AS i WHERE i.incident_id = "
                  "incident_search.incident_id)", "id & 4294967295")
    + " WHERE id >> 32 IS NOT coalesce((SELECT CAST(julianday(i.date) AS INTEGER) "
    "FROM incidents AS i WHERE i.incident_id = incident_search.incident_id), 0)",
]

_PG_SENTENCES = """
coalesce((SELECT string_agg(substr(d.text, (s.value->>0)::int + 1,
                                   (s.value->>1)::int - (s.value->>0)::int), ' ')
          FROM documents AS d, jsonb_array_elements(coalesce({row}.data::jsonb->'sentences',
                                                             '[]'::jsonb)) AS s(value)
          WHERE d.id = {row}.doc_id), '')
|| ' ' || coalesce({row}.summary, '') || ' ' || coalesce({row}.place_name, '')
"""

_PG_DDL = [
    "CREATE TABLE IF NOT EXISTS report_search ("
    "event_id text PRIMARY KEY REFERENCES reports(event_id) ON DELETE CASCADE, "
    "tsv tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_report_search_tsv ON report_search USING gin (tsv)",
    "CREATE OR REPLACE FUNCTION fogwatch_report_search() RETURNS trigger AS $$ BEGIN "
    "INSERT INTO report_search(event_id, tsv) VALUES (NEW.event_id, to_tsvector('english', "
    + _PG_SENTENCES.format(row="NEW")
    + ")) ON CONFLICT (event_id) DO UPDATE SET tsv = EXCLUDED.tsv; RETURN NEW; END "
    "$$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS report_search_sync ON reports",
    "CREATE TRIGGER report_search_sync AFTER INSERT OR UPDATE ON reports "
    "FOR EACH ROW EXECUTE FUNCTION fogwatch_report_search()",
    # One tsvector per incident, the concatenation of its reports' (as on SQLite: an
    # incident matches when its reports together have the words), kept by triggers on
    # the links and on report_search.
    "CREATE TABLE IF NOT EXISTS incident_search (incident_id text PRIMARY KEY, "
    "tsv tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_incident_search_tsv ON incident_search USING gin (tsv)",
    "CREATE OR REPLACE FUNCTION fogwatch_refresh_incident_search(iid text) RETURNS void AS $$ "
    "DECLARE acc tsvector := ''::tsvector; one tsvector; found_any boolean := false; BEGIN "
    "IF iid IS NULL THEN RETURN; END IF; "
    "FOR one IN SELECT rs.tsv FROM incident_reports AS ir JOIN report_search AS rs "
    "ON rs.event_id = ir.event_id WHERE ir.incident_id = iid ORDER BY ir.event_id LOOP "
    "acc := acc || one; found_any := true; END LOOP; "
    "IF found_any THEN INSERT INTO incident_search(incident_id, tsv) VALUES (iid, acc) "
    "ON CONFLICT (incident_id) DO UPDATE SET tsv = EXCLUDED.tsv; "
    "ELSE DELETE FROM incident_search WHERE incident_id = iid; END IF; END "
    "$$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION fogwatch_links_search() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
    "PERFORM fogwatch_refresh_incident_search(OLD.incident_id); END IF; "
    "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
    "PERFORM fogwatch_refresh_incident_search(NEW.incident_id); END IF; "
    "RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE OR REPLACE FUNCTION fogwatch_list_item_stale() RETURNS trigger AS $$ BEGIN "
    "IF NEW.list_item IS NOT DISTINCT FROM OLD.list_item AND ("
    + " OR ".join(f"NEW.{c}{'::text' if c == 'data' else ''} IS DISTINCT FROM "
                  f"OLD.{c}{'::text' if c == 'data' else ''}" for c in _ITEM_SOURCES)
    + ") THEN NEW.list_item := NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS incidents_list_item_stale ON incidents",
    "CREATE TRIGGER incidents_list_item_stale BEFORE UPDATE ON incidents "
    "FOR EACH ROW EXECUTE FUNCTION fogwatch_list_item_stale()",
    "DROP TRIGGER IF EXISTS incident_reports_search_sync ON incident_reports",
    "CREATE TRIGGER incident_reports_search_sync AFTER INSERT OR UPDATE OR DELETE "
    "ON incident_reports FOR EACH ROW EXECUTE FUNCTION fogwatch_links_search()",
    "CREATE OR REPLACE FUNCTION fogwatch_report_text_search() RETURNS trigger AS $$ BEGIN "
    "PERFORM fogwatch_refresh_incident_search(ir.incident_id) FROM incident_reports AS ir "
    "WHERE ir.event_id = NEW.event_id; RETURN NULL; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS report_search_incident_sync ON report_search",
    "CREATE TRIGGER report_search_incident_sync AFTER INSERT OR UPDATE ON report_search "
    "FOR EACH ROW EXECUTE FUNCTION fogwatch_report_text_search()",
    "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin ("
    "to_tsvector('english', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_id ON incidents (date, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_end ON incidents (date_end)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_fatal_id ON incidents (fatalities_best, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_box ON incidents (lat, lon, date, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_type_day_id ON incidents "
    "(event_type, date, incident_id)",
    "CREATE INDEX IF NOT EXISTS ix_incidents_date_point ON incidents "
    "(date, incident_id, lat, lon)",
    "DROP INDEX IF EXISTS ix_incidents_date_status",
    "CREATE INDEX IF NOT EXISTS ix_incidents_day_status_id ON incidents "
    "(date, status, incident_id)",
]

_PG_BACKFILL = [
    "INSERT INTO report_search(event_id, tsv) SELECT r.event_id, to_tsvector('english', "
    + _PG_SENTENCES.format(row="r")
    + ") FROM reports AS r WHERE NOT EXISTS "
    "(SELECT 1 FROM report_search AS s WHERE s.event_id = r.event_id)",
    "SELECT fogwatch_refresh_incident_search(l.incident_id) FROM "
    "(SELECT DISTINCT incident_id FROM incident_reports) AS l WHERE NOT EXISTS "
    "(SELECT 1 FROM incident_search AS s WHERE s.incident_id = l.incident_id)",
]

_PG_DOC_TSV = "to_tsvector('english', coalesce(documents.title, '') || ' ' || documents.text)"


def ensure_search_index(engine: Engine) -> None:
    """Create the search tables, triggers and read-side indexes; back-fill what is missing.

    Idempotent; the web app calls it at start-up so a database filled by any version
    of the writers becomes searchable.
    """
    postgres = engine.dialect.name == "postgresql"
    statements = (_PG_DDL + _PG_BACKFILL) if postgres else (_SQLITE_DDL + _SQLITE_BACKFILL)
    with engine.begin() as conn:
        if postgres:
            # Two app processes starting at once must not race on CREATE OR REPLACE.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        for statement in statements:
            conn.exec_driver_sql(statement)
        _store_missing_list_items(conn)


def _store_missing_list_items(conn: Connection) -> None:
    """Write ``list_item`` for rows that lack one (written by an older version)."""
    while ids := list(conn.execute(sa.select(INC.c.incident_id).where(
            INC.c.list_item.is_(None)).limit(500)).scalars()):
        items = [{"key": r[0], "item": item_json(_item_fields(*r[:-1]))[:-1].decode()}
                 for r in _rows_for(conn, ids)]
        conn.execute(sa.update(INC).where(INC.c.incident_id == sa.bindparam("key"))
                     .values(list_item=sa.bindparam("item")), items)


# ---------------------------------------------------------------- incidents

INC = schema.incidents
R = schema.reports
D = schema.documents
C = schema.claims
IR = schema.incident_reports
H = schema.incident_history

#: sort name -> (column, descending)
SORTS: dict[str, tuple[sa.ColumnElement[Any], bool]] = {
    "date": (INC.c.date, False),
    "-date": (INC.c.date, True),
    "fatalities": (INC.c.fatalities_best, False),
    "-fatalities": (INC.c.fatalities_best, True),
    "injured": (INC.c.injured_best, False),
    "-injured": (INC.c.injured_best, True),
    "status": (INC.c.status, False),
    "-status": (INC.c.status, True),
    "event_type": (INC.c.event_type, False),
    "-event_type": (INC.c.event_type, True),
    "updated": (INC.c.updated_at, False),
    "-updated": (INC.c.updated_at, True),
}


#: Incidents whose reports match: FTS hits are ``incident_search`` keys, one per incident.
_FTS_INCIDENTS = (
    "SELECT {what} FROM incident_search_fts AS f "
    "JOIN incident_search AS s ON s.id = f.rowid "
    "WHERE incident_search_fts MATCH :fts"
)
_FTS_COUNT = "SELECT count(*) FROM incident_search_fts WHERE incident_search_fts MATCH ?"

#: Above this many matching incidents, SQLite is told to walk incidents in sort order
#: and test membership, instead of sorting every match (see ``_matching_reports``).
BROAD_MATCHES = 3000


def _fts_count(conn: Connection, fts: str) -> int:
    """Incidents whose reports match ``fts`` (an ``fts5_query`` expression)."""
    return int(conn.exec_driver_sql(_FTS_COUNT, (fts,)).scalar_one())


def _matching_reports(conn: Connection, q: str, *, counting: bool = False
                      ) -> sa.ColumnElement[bool]:
    """Incidents whose reports, taken together, have the words of ``q``."""
    if conn.dialect.name == "postgresql":
        tsq = sa.func.websearch_to_tsquery(sa.literal_column("'english'"), q)
        hits = sa.select(sa.column("incident_id")).select_from(
            sa.table("incident_search")).where(sa.literal_column("tsv").op("@@")(tsq))
        return INC.c.incident_id.in_(hits)
    fts = fts5_query(q)
    incident_ids = (sa.text(_FTS_INCIDENTS.format(what="s.incident_id")).bindparams(fts=fts)
                    .columns(sa.column("incident_id")))
    if not counting and _fts_count(conn, fts) > BROAD_MATCHES:
        # A broad term matches a good share of all incidents: finding the first page
        # by walking the sort index beats sorting thousands of matches. The unary +
        # keeps SQLite from driving the query by the incident_id index.
        return sa.literal_column("+incidents.incident_id").in_(incident_ids)
    return INC.c.incident_id.in_(incident_ids)


def _incident_where(conn: Connection, f: IncidentFilter, *, counting: bool = False,
                    dated: bool | None = None, walk_box: bool = False,
                    box_part: str | None = None) -> list[sa.ColumnElement[bool]]:
    """The filter as conditions; ``dated`` keeps only one branch of the date window.

    The best date decides, as on the timeline (which counts by best date), so a
    brushed range holds exactly the incidents of its bars; an incident with no best
    date but a known range matches when the range overlaps. Together the two branches
    are an OR; asked for one branch (``dated`` True or False), each can walk its own
    index in order, where the OR made SQLite fetch and sort every row of the window.
    ``box_part`` ("interior" or "edges") is ``_count_now``'s split of a box whose bands
    ``_box_bands`` lists.
    """
    where: list[sa.ColumnElement[bool]] = []
    if f.since or f.until:
        best = [INC.c.date >= f.since] if f.since else []
        best += [INC.c.date <= f.until] if f.until else []
        ranged = [INC.c.date.is_(None)]
        ranged += [INC.c.date_end >= f.since] if f.since else []
        ranged += [INC.c.date_start <= f.until] if f.until else []
        if dated is None:
            where.append(sa.or_(sa.and_(*best), sa.and_(*ranged)))
        else:
            where += best if dated else ranged
    for column, value in (
        (INC.c.event_type, f.event_type),
        (INC.c.sub_event_type, f.sub_event_type),
        (INC.c.status, f.status),
        (INC.c.attacker_side, f.attacker_side),
        (INC.c.admin1, f.admin1),
    ):
        if value:
            where.append(column == value)
    if f.bbox:
        minlon, minlat, maxlon, maxlat = f.bbox
        if walk_box:
            where += [_UNINDEXED_LAT.between(minlat, maxlat),
                      _UNINDEXED_LON.between(minlon, maxlon)]
        else:
            bands = _box_bands(f.bbox)
            if box_part == "interior" and bands:
                # A band strictly between the edge bands lies wholly inside the box's
                # latitudes (bands rise with latitude): no latitude test per row.
                where += [INC.c.lat_band.in_(list(range(bands[0] + 1, bands[1]))),
                          INC.c.lon.between(minlon, maxlon)]
            else:
                where += [INC.c.lat.between(minlat, maxlat), INC.c.lon.between(minlon, maxlon)]
                if bands and conn.dialect.name == "sqlite":
                    low, high = bands
                    where.append(INC.c.lat_band.in_(
                        [low, high] if box_part == "edges" else list(range(low, high + 1))))
    if f.q and f.q.strip():
        where.append(_matching_reports(conn, f.q, counting=counting))
    return where


def _encode_cursor(sort: str, value: Any, key: str) -> str:
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    raw = json.dumps([sort, value, key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, key = json.loads(raw)
    except (ValueError, binascii.Error, TypeError, UnicodeDecodeError):
        raise InvalidQuery(
            f"cursor {cursor[:40]!r} is not one this API gave out",
            hint="pass next_cursor from the previous page unchanged", param="cursor",
        ) from None
    if cursor_sort != sort or not isinstance(key, str):
        raise InvalidQuery(
            f"cursor was made for sort {cursor_sort!r}, not {sort!r}",
            hint="keep the same sort while paging, or start again without cursor",
            param="cursor",
        )
    column, _ = SORTS[sort]
    if value is not None:
        try:
            if isinstance(column.type, sa.DateTime):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(column.type, sa.Date):
                value = dt.date.fromisoformat(value)
            elif (isinstance(column.type, sa.Integer) and not isinstance(value, int)) or (
                isinstance(column.type, sa.String) and not isinstance(value, str)
            ):
                raise ValueError(value)
        except (TypeError, ValueError):
            raise InvalidQuery("cursor is damaged", hint="start again without cursor",
                               param="cursor") from None
    return value, key


def _after(sort: str, value: Any, key: str) -> sa.ColumnElement[bool]:
    """Keyset condition: rows strictly after (value, key) in ``sort`` order, NULLs last."""
    column, desc = SORTS[sort]
    key_beyond = INC.c.incident_id < key if desc else INC.c.incident_id > key
    if value is None:  # paging through the undated (or unsorted-by) tail
        return sa.and_(column.is_(None), key_beyond)
    beyond = column < value if desc else column > value
    return sa.or_(beyond, sa.and_(column == value, key_beyond), column.is_(None))


def _order(sort: str) -> list[sa.ColumnElement[Any]]:
    column, desc = SORTS[sort]
    if desc:
        return [column.desc().nulls_last(), INC.c.incident_id.desc()]
    return [column.asc().nulls_last(), INC.c.incident_id.asc()]


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Writers store UTC; SQLite hands it back naive, so say so (RFC 3339 needs an offset)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@functools.cache
def _item_columns() -> tuple[Any, ...]:
    """What a list item needs, with the few JSON fields extracted by the database.

    Decoding every row's whole ``data`` record was most of a page's cost; JSON paths
    (``json_extract`` on SQLite, ``#>>`` on PostgreSQL) fetch just these.
    """
    data = INC.c.data
    n_reports = (sa.select(sa.func.count()).select_from(IR)
                 .where(IR.c.incident_id == INC.c.incident_id).scalar_subquery())
    # Built once: constructing these expressions was half a millisecond per request.
    return (
        INC.c.incident_id, INC.c.event_type, INC.c.sub_event_type, INC.c.date,
        INC.c.date_start, INC.c.date_end, INC.c.admin1, INC.c.lat, INC.c.lon, INC.c.status,
        INC.c.attacker_side, INC.c.fatalities_best, INC.c.injured_best, INC.c.summary,
        INC.c.updated_at,
        data[("location", "name")].as_string().label("place_name"),
        data[("location", "mention")].as_string().label("place_mention"),
        data[("location", "geo_precision")].as_integer().label("geo_precision"),
        data[("attacker", "name")].as_string().label("attacker_name"),
        data[("independent_sources",)].as_integer().label("independent_sources"),
        n_reports.label("n_reports"),
    )


def _iso_or_none(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _item_fields(
    incident_id: str, event_type: str, sub_event_type: str | None, date: dt.date | None,
    date_start: dt.date | None, date_end: dt.date | None, admin1: str | None,
    lat: float | None, lon: float | None, status: str, attacker_side: str | None,
    fatalities: int | None, injured: int | None, summary: str | None,
    updated_at: dt.datetime | None, place_name: str | None, place_mention: str | None,
    geo_precision: int | None, attacker_name: str | None, independent_sources: int | None,
) -> dict[str, Any]:
    """A list item without its live report count, from the incident's columns.

    The one place the item is shaped: read from a row (``_incident_item``) and written
    ahead as JSON when the row is written (``stored_list_item``), so the two are the
    same bytes by construction.
    """
    return {
        "incident_id": incident_id,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "date": date,
        "date_range": ([_iso_or_none(date_start), _iso_or_none(date_end)]
                       if date_start or date_end else None),
        "place": place_name or place_mention,
        "admin1": admin1,
        "lat": lat,
        "lon": lon,
        "geo_precision": geo_precision,
        "status": status,
        "attacker_side": attacker_side,
        "attacker": attacker_name,
        "fatalities": fatalities,
        "injured": injured,
        "summary": summary or "",
        "independent_sources": independent_sources or 0,
        "updated_at": _utc(updated_at),
    }


def _incident_item(row: sa.Row[Any]) -> dict[str, Any]:
    # Unpacked by position (the order of ``_item_columns``): attribute access on a Row
    # by name cost more than the rest of building the item.
    item = _item_fields(*row[:-1])
    item["reports"] = row[-1] or 0
    return item


_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def item_json(item: dict[str, Any]) -> bytes:
    """A list item as the API writes it (``OPT_UTC_Z``: UTC as ``Z``, as pydantic does)."""
    return orjson.dumps(item, option=_JSON_OPTIONS)


def stored_list_item(row: dict[str, Any], location: Any, attacker: Any,
                     independent_sources: int) -> str:
    """The ``incidents.list_item`` of a row about to be written (see ``incident_row``).

    The item's JSON up to, not including, its live ``reports`` count and closing
    brace: a list page is then these fragments joined, with no JSON parsed or built.
    """
    updated = row["updated_at"]
    if isinstance(updated, dt.datetime) and updated.tzinfo is not None:
        updated = updated.astimezone(dt.UTC)
    item = _item_fields(
        row["incident_id"], row["event_type"], row["sub_event_type"], row["date"],
        row["date_start"], row["date_end"], row["admin1"], row["lat"], row["lon"],
        row["status"], row["attacker_side"], row["fatalities_best"], row["injured_best"],
        row["summary"], updated, location.name if location else None,
        location.mention if location else None, location.geo_precision if location else None,
        attacker.name if attacker else None, independent_sources)
    return item_json(item)[:-1].decode()


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise InvalidQuery(f"unknown sort {sort!r}", hint=f"use one of: {', '.join(SORTS)}",
                           param="sort")


def _page_rows(conn: Connection, where: list[sa.ColumnElement[bool]], sort: str, limit: int,
               offset: int, *, full: bool = False) -> list[sa.Row[Any]]:
    """One page of full rows, found in two steps: sort keys first, then the rows.

    Sorting only (key, id) keeps the big ``data`` JSON out of the sorter, which is
    what made a text search matching thousands of incidents slow.
    """
    column, _ = SORTS[sort]
    keys = conn.execute(
        sa.select(INC.c.incident_id, column).where(*where).order_by(*_order(sort))
        .limit(limit).offset(offset)
    ).all()
    if not keys:
        return []
    return _rows_for(conn, [k.incident_id for k in keys], full=full, sort=sort)


def _rows_for(conn: Connection, ids: list[str], *, full: bool = False, sort: str = "-date"
              ) -> list[sa.Row[Any]]:
    """The rows of ``ids``, in that order: list-item columns, or (full) the record."""
    if not ids:
        return []
    column, _ = SORTS[sort]
    by_id = {r.incident_id: r for r in conn.execute(
        sa.select(*([INC.c.incident_id, INC.c.data, column] if full else _item_columns()))
        .where(INC.c.incident_id.in_(ids))).all()}
    return [by_id[i] for i in ids if i in by_id]


#: julianday() of a date, as SQLite computes it for the search key, minus toordinal().
_JULIAN_OFFSET = 1721424


def _searched_by_day(conn: Connection, f: IncidentFilter, sort: str) -> bool:
    """Whether a page can be read off the day-ordered search keys (``_search_page_ids``)."""
    return bool(
        sort == "-date" and f.q and f.q.strip() and conn.dialect.name == "sqlite"
        and not any((f.since, f.until, f.event_type, f.sub_event_type, f.status,
                     f.attacker_side, f.admin1, f.bbox)))


def _search_page_ids(conn: Connection, fts: str, limit: int, offset: int,
                     after: tuple[Any, str] | None) -> list[str]:
    """One page of a text search, newest first, reading about a page of FTS hits.

    The search key of an incident orders hits by best day (``_search_key``), not by
    (day, incident_id): hits are read newest day first until the page is full and
    its last day is complete, then each day is put in incident_id order. Gives the
    same page as the generic plan (tests hold them equal), at the cost of a page
    instead of every match.
    """
    raw = conn.connection.driver_connection
    first: list[str] = []
    upper = None
    if after is not None:
        value, key = after
        day = value.toordinal() + _JULIAN_OFFSET if value is not None else 0
        rows = raw.execute(
            "SELECT s.incident_id FROM incident_search_fts AS f JOIN incident_search AS s "
            "ON s.id = f.rowid WHERE incident_search_fts MATCH ? AND f.rowid >= ? "
            "AND f.rowid < ?", (fts, day << 32, (day + 1) << 32)).fetchall()
        first = sorted((r[0] for r in rows if r[0] < key), reverse=True)
        if value is None:  # undated incidents come last: nothing after their day
            return first[offset:offset + limit]
        upper = day << 32
    need = offset + limit - len(first)
    keys: list[int] = []
    if need > 0:
        sql = "SELECT rowid FROM incident_search_fts WHERE incident_search_fts MATCH ?"
        args: tuple[Any, ...] = (fts,)
        if upper is not None:
            sql += " AND rowid < ?"
            args += (upper,)
        hits = raw.execute(sql + " ORDER BY rowid DESC", args)
        last_day = None
        while batch := hits.fetchmany(256):
            for (rowid,) in batch:
                day = rowid >> 32
                if len(keys) >= need and day != last_day:
                    break
                keys.append(rowid)
                last_day = day
            else:
                continue
            break
        hits.close()
    ordered = list(first)
    if keys:
        by_key: dict[int, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            by_key.update(raw.execute(
                f"SELECT id, incident_id FROM incident_search WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk).fetchall())
        days: dict[int, list[str]] = {}
        for k in keys:
            if k in by_key:
                days.setdefault(k >> 32, []).append(by_key[k])
        for day_ids in days.values():  # days arrive newest first
            ordered += sorted(day_ids, reverse=True)
    return ordered[offset:offset + limit]


#: Counts remembered per pooled SQLite connection (see ``_count``).
COUNT_CACHE_SIZE = 512


def _sqlite_change_token(conn: Connection) -> tuple[int, int] | None:
    """What changes whenever the database content may have changed, or None (no token).

    ``PRAGMA data_version`` moves when ANOTHER connection commits; ``total_changes``
    when THIS one writes (the web's own ingest shares the pool). Together they say
    exactly when a remembered count may be stale; neither needs a table or a trigger.
    None also while this connection holds uncommitted writes.
    """
    if conn.dialect.name != "sqlite":
        return None
    driver = conn.connection.driver_connection
    if getattr(driver, "in_transaction", True):
        # This connection has uncommitted writes, which a rollback would undo without
        # moving either number back: count afresh until it commits or rolls back.
        return None
    version = driver.execute("PRAGMA data_version").fetchone()[0]
    return int(version), int(getattr(driver, "total_changes", 0))


def _count(conn: Connection, f: IncidentFilter) -> int:
    """How many incidents match, remembered until the database changes (SQLite).

    Counting is a third of a list request's database time and every page of a paged
    filter counts the same thing again; the count cache lives in the pooled
    connection's ``info`` and is dropped as a whole whenever the change token moves,
    so a count is never stale. PostgreSQL counts every time.
    """
    token = _sqlite_change_token(conn)
    if token is None:
        return _count_now(conn, f)
    info = conn.connection.info
    cache: OrderedDict[IncidentFilter, int] | None = info.get("fogwatch_counts")
    if cache is None or info.get("fogwatch_counts_token") != token:
        cache = info["fogwatch_counts"] = OrderedDict()
        info["fogwatch_counts_token"] = token
    if (n := cache.get(f)) is not None:
        cache.move_to_end(f)
        return n
    n = cache[f] = _count_now(conn, f)
    if len(cache) > COUNT_CACHE_SIZE:
        cache.popitem(last=False)
    return n


def _count_now(conn: Connection, f: IncidentFilter) -> int:
    """How many incidents match; a text-only search on SQLite counts from the index side."""
    text_only = f.q and not any(
        (f.since, f.until, f.event_type, f.sub_event_type, f.status, f.attacker_side,
         f.admin1, f.bbox))
    if text_only and conn.dialect.name == "sqlite":
        # Each incident_search row belongs to an existing incident (its reports are
        # linked through incident_reports, whose foreign key guarantees it).
        return _fts_count(conn, fts5_query(f.q or ""))
    branches: list[bool | None] = [True, False] if f.since or f.until else [None]
    parts: list[str | None] = [None]
    if f.bbox and conn.dialect.name == "sqlite":
        bands = _box_bands(f.bbox)
        if bands and bands[1] - bands[0] >= 2:
            parts = ["interior", "edges"]
    return sum(int(conn.execute(sa.select(sa.func.count()).select_from(INC).where(
        *_incident_where(conn, f, counting=True, dated=dated, box_part=part))).scalar_one())
        for dated in branches for part in parts)


def _page_args(sort: str, limit: int, offset: int, cursor: str | None
               ) -> tuple[tuple[Any, str] | None, int]:
    """Check a page request; returns the decoded cursor and the offset to apply."""
    _check_sort(sort)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit {limit} out of range", hint=f"use 1..{MAX_LIMIT}",
                           param="limit")
    if offset < 0:
        raise InvalidQuery(f"offset {offset} is negative", hint="use 0 or more",
                           param="offset")
    after = _decode_cursor(cursor, sort) if cursor else None
    return after, 0 if after is not None else offset


def _page_ids(conn: Connection, f: IncidentFilter, sort: str, limit: int, offset: int,
              after: tuple[Any, str] | None, matches: int | None = None) -> list[str]:
    """The incident ids of one page, in order; sorting keys only, never whole rows.

    ``matches`` (the filter's count, when known) picks how a box is read.
    """
    if _searched_by_day(conn, f, sort):
        return _search_page_ids(conn, fts5_query(f.q or ""), limit, offset, after)

    walk_box = bool(f.bbox and sort in ("date", "-date") and matches is not None
                    and matches > BOX_WALK and conn.dialect.name == "sqlite")

    def keys(dated: bool | None, n: int, skip: int) -> list[str]:
        where = _incident_where(conn, f, dated=dated, walk_box=walk_box)
        if after is not None:
            where.append(_after(sort, *after))
        return list(conn.execute(
            sa.select(INC.c.incident_id).where(*where).order_by(*_order(sort))
            .limit(n).offset(skip)).scalars().all())

    if (f.since or f.until) and sort in ("date", "-date"):
        # Undated incidents sort last either way: the dated branch in index order,
        # then as many undated ones as the page still needs.
        ids = keys(True, offset + limit, 0)
        if len(ids) < offset + limit:
            ids += keys(False, offset + limit - len(ids), 0)
        return ids[offset:]
    return keys(None, limit, offset)


def list_incidents(
    conn: Connection,
    f: IncidentFilter,
    *,
    sort: str = "-date",
    limit: int = 100,
    offset: int = 0,
    cursor: str | None = None,
    count: bool = True,
) -> Page:
    """One page of incidents; ``cursor`` (keyset, stable under inserts) beats ``offset``."""
    after, offset = _page_args(sort, limit, offset, cursor)
    total = _count(conn, f) if count else -1
    rows = _rows_for(conn, _page_ids(conn, f, sort, limit + 1, offset, after,
                                     total if count else None))
    column, _ = SORTS[sort]
    rows, next_cursor = _page_end(rows, limit, sort,
                                  lambda last: (getattr(last, column.name), last.incident_id))
    return Page([_incident_item(r) for r in rows], total, limit, offset, next_cursor)


def _page_end(rows: list[Any], limit: int, sort: str, key: Callable[[Any], tuple[Any, str]]
              ) -> tuple[list[Any], str | None]:
    """The page's rows (one more was read to learn whether a next page exists) and the
    cursor to that next page, from ``key(last row)`` = (sort value, incident id)."""
    if len(rows) <= limit or not limit:
        return rows[:limit], None
    rows = rows[:limit]
    return rows, _encode_cursor(sort, *key(rows[-1]))


@functools.cache
def _stored_item_columns(sort: str) -> tuple[Any, ...]:
    n_reports = (sa.select(sa.func.count()).select_from(IR)
                 .where(IR.c.incident_id == INC.c.incident_id).scalar_subquery())
    return (INC.c.incident_id, INC.c.list_item, n_reports.label("n_reports"),
            SORTS[sort][0].label("sort_value"))


#: ``n_reports`` is kept by triggers on SQLite (a subquery per row was half the cost).
_SQLITE_STORED_ITEMS = (
    "SELECT incident_id, list_item, n_reports, {column} FROM incidents "
    "WHERE incident_id IN ({marks})"
)


def _stored_items(conn: Connection, ids: list[str], sort: str
                  ) -> dict[str, tuple[str, str | None, int, Any]]:
    """id -> (id, list_item, live report count, sort value) for the page's ids.

    The sort value is as the driver gives it (ISO text for a date on SQLite): only the
    last row's is needed, for the next cursor (``_sort_value``).

    On SQLite straight through the driver: for a fixed statement, SQLAlchemy's
    statement cache and row objects cost more than the hundred index lookups.
    """
    if not ids:
        return {}
    if conn.dialect.name != "sqlite":
        return {r[0]: tuple(r) for r in conn.execute(  # type: ignore[misc]
            sa.select(*_stored_item_columns(sort)).where(INC.c.incident_id.in_(ids)))}
    column, _ = SORTS[sort]
    rows = conn.connection.driver_connection.execute(
        _SQLITE_STORED_ITEMS.format(column=column.name, marks=",".join("?" * len(ids))),
        ids).fetchall()
    return {r[0]: r for r in rows}


def _sort_value(column: sa.ColumnElement[Any], value: Any) -> Any:
    """A date sort value as a date: SQLite read past SQLAlchemy gives its stored ISO text,
    and the cursor must carry the same value on either database."""
    if isinstance(value, str):
        if isinstance(column.type, sa.DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(column.type, sa.Date):
            return dt.date.fromisoformat(value)
    return value


def list_incidents_json(
    conn: Connection,
    f: IncidentFilter,
    *,
    sort: str = "-date",
    limit: int = 100,
    offset: int = 0,
    cursor: str | None = None,
) -> bytes:
    """``list_incidents`` as the API's JSON bytes, joined from stored item fragments.

    Each item is its row's ``list_item`` (written with the row) plus the live report
    count; a row written without one (an older version, or a writer that changed
    item columns directly) is built from its columns instead. Same bytes either way.
    """
    after, offset = _page_args(sort, limit, offset, cursor)
    total = _count(conn, f)
    ids = _page_ids(conn, f, sort, limit + 1, offset, after, total)
    by_id = _stored_items(conn, ids, sort)
    column, _ = SORTS[sort]
    rows, next_cursor = _page_end([by_id[i] for i in ids if i in by_id], limit, sort,
                                  lambda last: (_sort_value(column, last[3]), last[0]))
    missing = [r[0] for r in rows if r[1] is None]
    built = {r[0]: item_json(_incident_item(r)) for r in _rows_for(conn, missing)}
    items = [built[r[0]] if r[1] is None else b'%b,"reports":%d}' % (r[1].encode(), r[2] or 0)
             for r in rows if r[1] is not None or r[0] in built]
    return (b'{"items":[' + b",".join(items) + b'],"total":%d,"limit":%d,"offset":%d,'
            b'"next_cursor":%b}' % (total, limit, offset, orjson.dumps(next_cursor)))


def iter_incidents(
    engine: Engine, f: IncidentFilter, *, sort: str = "-date", max_rows: int = 100_000,
    full: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every matching incident, page by page (keyset), each page in its own connection.

    Exports stream this: memory stays at one page and no connection is held while
    the client is slow to read. ``full`` yields the stored SCHEMA.md record instead
    of the list item.
    """
    _check_sort(sort)
    cursor: str | None = None
    sent = 0
    while sent < max_rows:
        with engine.connect() as conn:
            where = _incident_where(conn, f)
            if cursor:
                where.append(_after(sort, *_decode_cursor(cursor, sort)))
            rows = _page_rows(conn, where, sort, min(MAX_LIMIT, max_rows - sent), 0, full=full)
        if not rows:
            return
        for row in rows:
            yield dict(row.data) if full else _incident_item(row)
        sent += len(rows)
        column, _ = SORTS[sort]
        cursor = _encode_cursor(sort, getattr(rows[-1], column.name), rows[-1].incident_id)


def incident_points(conn: Connection, f: IncidentFilter, *, limit: int = MAX_POINTS
                    ) -> tuple[list[list[Any]], bool]:
    """Compact markers for the map: [id, lat, lon, status, event_type, date, fatalities]."""
    rows = conn.execute(
        sa.select(INC.c.incident_id, INC.c.lat, INC.c.lon, INC.c.status, INC.c.event_type,
                  INC.c.date, INC.c.fatalities_best)
        .where(INC.c.lat.is_not(None), INC.c.lon.is_not(None), *_incident_where(conn, f))
        .order_by(*_order("-date"))
        .limit(limit + 1)
    ).all()
    points = [
        [r.incident_id, r.lat, r.lon, r.status, r.event_type,
         r.date.isoformat() if r.date else None, r.fatalities_best]
        for r in rows[:limit]
    ]
    return points, len(rows) > limit


def daily_counts(conn: Connection, f: IncidentFilter) -> list[dict[str, Any]]:
    """Incidents per day (by best date) and per status, for charts."""
    rows = conn.execute(
        sa.select(INC.c.date, INC.c.status, sa.func.count().label("n"))
        .where(INC.c.date.is_not(None), *_incident_where(conn, f))
        .group_by(INC.c.date, INC.c.status)
        .order_by(INC.c.date)
    ).all()
    days: dict[dt.date, dict[str, Any]] = {}
    for row in rows:
        day = days.setdefault(row.date, {"date": row.date, "count": 0, "by_status": {}})
        day["count"] += row.n
        day["by_status"][row.status] = row.n
    return list(days.values())


def current_incident_id(conn: Connection, incident_id: str) -> str:
    """The id itself, or the incident an old id's only report went to (an alias)."""
    a = schema.incident_aliases
    moved = conn.execute(sa.select(a.c.incident_id).where(a.c.alias == incident_id)).first()
    return moved.incident_id if moved is not None else incident_id


def incident_detail(conn: Connection, incident_id: str) -> dict[str, Any] | None:
    """One incident with its reports, their claims, documents and evidence spans.

    An old id whose only report joined another incident gives that incident.
    """
    incident_id = current_incident_id(conn, incident_id)
    row = conn.execute(sa.select(INC).where(INC.c.incident_id == incident_id)).first()
    if row is None:
        return None
    report_rows = conn.execute(
        sa.select(R, IR.c.reason)
        .join(IR, IR.c.event_id == R.c.event_id)
        .where(IR.c.incident_id == incident_id)
        .order_by(R.c.doc_id, R.c.event_id)
    ).all()
    doc_ids = sorted({r.doc_id for r in report_rows})
    docs = {
        d.id: d for d in conn.execute(sa.select(D).where(D.c.id.in_(doc_ids))).all()
    } if doc_ids else {}
    claims_by_report = _claims_for(conn, [r.event_id for r in report_rows])
    history = conn.execute(
        sa.select(H).where(H.c.incident_id == incident_id).order_by(H.c.id)
    ).all()
    reports = []
    for r in report_rows:
        data = r.data or {}
        reports.append({
            "event_id": r.event_id,
            "doc_id": r.doc_id,
            "reason": r.reason,
            "record": data,
            "claims": claims_by_report.get(r.event_id, []),
        })
    documents = []
    for doc_id in doc_ids:
        d = docs.get(doc_id)
        if d is None:
            continue
        doc_reports = [x for x in reports if x["doc_id"] == doc_id]
        documents.append({
            **_document_meta(d),
            "text": d.text,
            "evidence": _evidence_spans(d.text, [x["record"] for x in doc_reports]),
        })
    return {
        "incident": dict(row.data or {}),
        "status": row.status,
        "updated_at": _utc(row.updated_at),
        "reports": reports,
        "documents": documents,
        "history": [
            {"status": h.status, "at": h.at, "reason": h.reason, "doc_id": h.doc_id}
            for h in history
        ],
    }


def _claims_for(conn: Connection, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    if not event_ids:
        return out
    for c in conn.execute(
        sa.select(C).where(C.c.event_id.in_(event_ids)).order_by(C.c.id)
    ).all():
        span = [c.span_start, c.span_end] if c.span_start is not None else None
        out.setdefault(c.event_id, []).append(
            {"claimant": c.claimant, "side": c.side or "unknown", "stance": c.stance,
             "span": span}
        )
    return out


def _valid_span(text: str, span: Any) -> tuple[int, int] | None:
    """A stored span that fits the text, or None: a bad span must not break a page."""
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return None
    if 0 <= start <= end <= len(text):
        return start, end
    return None


def _evidence_spans(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every span a report was read from: its sentences and per-field evidence."""
    spans: list[dict[str, Any]] = []
    for record in records:
        event_id = record.get("event_id")
        for s in record.get("sentences") or ():
            if (v := _valid_span(text, s)) is not None:
                spans.append({"event_id": event_id, "field": "sentence", "start": v[0],
                              "end": v[1], "text": text[v[0]:v[1]]})
        for field_name, field_spans in (record.get("evidence") or {}).items():
            for s in field_spans or ():
                if (v := _valid_span(text, s)) is not None:
                    spans.append({"event_id": event_id, "field": field_name, "start": v[0],
                                  "end": v[1], "text": text[v[0]:v[1]]})
        for claim in record.get("claims") or ():
            if claim.get("span") and (v := _valid_span(text, claim["span"])) is not None:
                spans.append({"event_id": event_id, "field": "claim", "start": v[0],
                              "end": v[1], "text": text[v[0]:v[1]]})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


# ---------------------------------------------------------------- documents

def _document_meta(d: sa.Row[Any]) -> dict[str, Any]:
    return {
        "id": d.id,
        "source": d.source,
        "url": d.url,
        "title": d.title,
        "published": d.published,
        "language": d.language,
        "languages": d.languages or [],
        "copy_of": d.copy_of,
        "similarity": d.similarity,
        "ingested_at": _utc(d.ingested_at),
    }


def list_documents(
    conn: Connection, f: DocumentFilter, *, limit: int = 100, offset: int = 0
) -> Page:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit {limit} out of range", hint=f"use 1..{MAX_LIMIT}",
                           param="limit")
    if offset < 0:
        raise InvalidQuery(f"offset {offset} is negative", hint="use 0 or more",
                           param="offset")
    where: list[sa.ColumnElement[bool]] = []
    if f.since:
        where.append(D.c.published_date >= f.since)
    if f.until:
        where.append(D.c.published_date <= f.until)
    if f.source:
        where.append(D.c.source == f.source)
    if f.q and f.q.strip():
        if conn.dialect.name == "postgresql":
            where.append(sa.literal_column(_PG_DOC_TSV).op("@@")(
                sa.func.websearch_to_tsquery(sa.literal_column("'english'"), f.q)))
        else:
            hits = sa.text(
                "SELECT doc_id FROM document_fts WHERE document_fts MATCH :fts"
            ).bindparams(fts=fts5_query(f.q)).columns(sa.column("doc_id"))
            where.append(D.c.id.in_(hits))
    total = conn.execute(sa.select(sa.func.count()).select_from(D).where(*where)).scalar_one()
    n_reports = (
        sa.select(sa.func.count()).select_from(R).where(R.c.doc_id == D.c.id)
        .scalar_subquery().label("n_reports")
    )
    rows = conn.execute(
        sa.select(D.c.id, D.c.source, D.c.url, D.c.title, D.c.published, D.c.language,
                  D.c.languages, D.c.copy_of, D.c.similarity, D.c.ingested_at, n_reports)
        .where(*where)
        .order_by(D.c.published_date.desc().nulls_last(), D.c.id)
        .limit(limit).offset(offset)
    ).all()
    items = [{**_document_meta(r), "reports": r.n_reports} for r in rows]
    next_cursor = None
    return Page(items, total, limit, offset, next_cursor)


def document_detail(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """A document's text, its quality flags and every report with its spans."""
    d = conn.execute(sa.select(D).where(D.c.id == doc_id)).first()
    if d is None:
        return None
    report_rows = conn.execute(
        sa.select(R.c.event_id, R.c.data, IR.c.incident_id)
        .outerjoin(IR, IR.c.event_id == R.c.event_id)
        .where(R.c.doc_id == doc_id)
        .order_by(R.c.event_id)
    ).all()
    claims = _claims_for(conn, [r.event_id for r in report_rows])
    flags = d.flags or {}
    text = d.text
    return {
        **_document_meta(d),
        "text": text,
        "flags": {
            "boilerplate": [list(v) for s in flags.get("boilerplate") or ()
                            if (v := _valid_span(text, s)) is not None],
            "mixed_language": [
                [v[0], v[1], str(s[2])] for s in flags.get("mixed_language") or ()
                if len(s) > 2 and (v := _valid_span(text, s)) is not None
            ],
            "repaired": bool(flags.get("repaired")),
            "notes": list(flags.get("notes") or ()),
            "entries": [list(v) for s in flags.get("entries") or ()
                        if (v := _valid_span(text, s)) is not None],
            "genre": flags.get("genre"),
            "skip_extraction": flags.get("skip_extraction"),
        },
        "reports": [
            {"event_id": r.event_id, "doc_id": doc_id, "incident_id": r.incident_id,
             "record": r.data or {},
             "claims": claims.get(r.event_id, [])}
            for r in report_rows
        ],
        "evidence": _evidence_spans(text, [r.data or {} for r in report_rows]),
    }
