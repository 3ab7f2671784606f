"""Reading and writing documents and reports, one transaction per batch.

A batch is written in one transaction together with whatever the hooks (clustering)
write, so a crash, even SIGKILL, leaves whole documents with all their reports, or
nothing of them. Documents are keyed by the sha256 of their text: a document already
stored (by an earlier run, or earlier in the same batch) is skipped, not duplicated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, inspect, or_, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..model import Document, Flags, Incident, Report, Span
from ..pipeline import Analysis
from . import schema
from .engine import make_engine
from .queries import current_incident_id

__all__ = ["BatchResult", "Found", "Hook", "Store", "lookup"]

#: Called inside the batch's transaction after its documents and reports are written,
#: with only the newly stored ones: ``hook(connection, reports, documents)``.
Hook = Callable[[Connection, Sequence[Report], Sequence[Document]], Any]

#: How often a batch is retried when a concurrent writer stored one of its documents
#: between our duplicate check and our insert.
_RETRIES = 3

#: The PostgreSQL advisory lock that serialises the per-batch hooks (any fixed number
#: that other software on the same database is unlikely to use).
_HOOKS_LOCK = 0x666F67


@dataclasses.dataclass
class BatchResult:
    """What one ``Store.add`` did; the ingest summary adds these up."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    reports: int = 0
    stored_ids: list[str] = dataclasses.field(default_factory=list)
    skipped_ids: list[str] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)

    def __iadd__(self, other: BatchResult) -> BatchResult:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def _store_error(action: str, engine: Engine, error: Exception) -> StoreError:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    url = engine.url.render_as_string(hide_password=True)
    hint = "check that the database server is running and the URL is right"
    if engine.url.get_backend_name() == "sqlite":
        hint = "check that the folder exists and is writable, and the file is an SQLite database"
        if "locked" in detail:
            hint = "another process holds a write lock; wait for it or use another --db"
    return StoreError(f"{action} {url}: {detail}", hint=hint)


#: PostgreSQL SQLSTATEs worth a retry: serialization failure, deadlock detected.
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})


def _transient(error: BaseException | None) -> bool:
    """Whether a failed batch may succeed when run again from the start."""
    if isinstance(error, IntegrityError):
        return True
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None)
    return isinstance(error, DBAPIError) and sqlstate in _RETRY_SQLSTATES


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _renamed(analysis: Analysis, new_id: str) -> Analysis:
    """The same analysis under another document id (its report ids follow)."""
    old_id = analysis.document.id

    def event_id(eid: str) -> str:
        return new_id + eid[len(old_id):] if eid.startswith(old_id) else f"{new_id}:{eid}"

    reports = tuple(
        dataclasses.replace(r, doc_id=new_id, event_id=event_id(r.event_id))
        for r in analysis.reports
    )
    return dataclasses.replace(
        analysis, document=dataclasses.replace(analysis.document, id=new_id), reports=reports
    )


def _unstorable(document: Document, postgres: bool) -> str | None:
    """Why this document cannot be stored as is, or None.

    Lone surrogates (``"\\ud800"`` in JSON) cannot be encoded by any driver, and
    PostgreSQL text cannot hold NUL; failing the one document keeps the batch going.
    """
    for name in ("text", "raw", "title", "source", "url", "published"):
        value = getattr(document, name)
        if not value:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return (f"{document.id}: {name} holds characters that are not valid Unicode "
                    "(lone surrogates); fix the input's encoding")
        if postgres and "\x00" in value:
            return (f"{document.id}: {name} holds NUL characters, which PostgreSQL cannot "
                    "store; remove them from the input")
    return None


def _document_row(document: Document, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": document.id,
        "content_hash": document.content_hash,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "published": document.published,
        "published_date": document.published_date,
        "language": document.language or document.flags.main_language,
        "languages": document.languages,
        "flags": document.flags.to_dict(),
        "sentences": [s.to_list() for s in document.sentences],
        "text": document.text,
        "raw": document.raw,
        "origin": document.origin,
        "ingested_at": now,
    }


def _report_row(report: Report) -> dict[str, Any]:
    place = report.location
    start, end = report.date_range or (report.date, report.date)
    return {
        "event_id": report.event_id,
        "doc_id": report.doc_id,
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "date": report.date,
        "date_start": start,
        "date_end": end,
        "place_name": (place.name or place.mention) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "admin1": place.admin1 if place else None,
        "geonameid": place.geonameid if place else None,
        "geo_precision": place.geo_precision if place else None,
        "attacker_side": report.attacker.side if report.attacker else None,
        "fatalities": report.fatalities,
        "injured": report.injured,
        "disputed": report.disputed,
        "summary": report.summary,
        "data": report.to_dict(),
    }


def _claim_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "event_id": report.event_id,
            "claimant": c.claimant,
            "side": c.side,
            "stance": c.stance.value,
            "span_start": c.span.start if c.span else None,
            "span_end": c.span.end if c.span else None,
        }
        for c in report.claims
    ]


def _document_from_row(row: Any) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        source=row.source,
        url=row.url,
        title=row.title,
        published=row.published,
        language=row.language,
        raw=row.raw,
        origin=row.origin,
        flags=Flags.from_dict(row.flags),
        sentences=tuple(Span.from_list(s) for s in row.sentences or ()),
    )


class Store:
    """The fogwatch database: documents, reports, claims and (read-only here) incidents.

    Takes an Engine, or anything ``make_engine`` accepts, so tests and the CLI open it
    the same way.
    """

    def __init__(self, engine: Engine | str | None = None) -> None:
        self.engine = engine if isinstance(engine, Engine) else make_engine(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- setup and transactions -------------------------------------------------

    def create(self) -> Store:
        """Create missing tables, columns and indexes; safe to call on every start.

        Two processes starting on a new database at once would both see no tables and
        both create them: on SQLite the check runs under the write lock; elsewhere the
        loser's error is retried, and the retry finds the tables there.
        """
        for attempt in range(_RETRIES):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "sqlite":
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    schema.metadata.create_all(conn, checkfirst=True)
                    _add_missing_columns_and_indexes(conn)
                return self
            except SQLAlchemyError as error:
                if not isinstance(error, DBAPIError) or attempt == _RETRIES - 1:
                    raise _store_error("cannot create the tables in", self.engine,
                                       error) from error
        return self

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on exit, rolled back on error.

        On SQLite the transaction takes the write lock at once (``BEGIN IMMEDIATE``):
        a deferred one that reads first and writes later fails with "database is
        locked" instead of waiting when another process commits in between (WAL).
        """
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        except (DBAPIError, SQLAlchemyError) as error:
            raise _store_error("cannot write to", self.engine, error) from error

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading, with database errors turned into ``StoreError``."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except (DBAPIError, SQLAlchemyError) as error:
            raise _store_error("cannot read from", self.engine, error) from error

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ------------------------------------------------------------------

    def add(self, analyses: Iterable[Analysis], hooks: Sequence[Hook] = ()) -> BatchResult:
        """Store a batch in ONE transaction; documents already stored are skipped.

        Analyses that carry an ``error`` are counted as failed and not stored, so a
        later run (with the bug fixed) picks them up. A document whose id is taken by
        a different text is stored under ``<id>~<first 12 hex of its hash>``: two
        files called ``index.html`` are two documents.
        """
        batch = list(analyses)
        last: StoreError | None = None
        for _attempt in range(_RETRIES):
            try:
                with self.transaction() as conn:
                    return self._add(conn, batch, hooks)
            except StoreError as error:
                # Another writer stored one of these documents since we looked, or two
                # writers deadlocked: the batch was rolled back as a whole; try again.
                if not _transient(error.__cause__):
                    raise
                last = error
        assert last is not None
        if len(batch) == 1 or not isinstance(last.__cause__, IntegrityError):
            raise last
        # Still a constraint violation: one document breaks it (say, two reports with
        # the same event id). Store one document per transaction so it fails alone.
        result = BatchResult()
        for analysis in batch:
            try:
                result += self.add([analysis], hooks)
            except StoreError as error:
                if not isinstance(error.__cause__, IntegrityError):
                    raise
                result.failed += 1
                result.errors.append(
                    f"{analysis.document.id}: cannot be stored: {error.message}"
                )
        return result

    def _add(self, conn: Connection, batch: list[Analysis], hooks: Sequence[Hook]) -> BatchResult:
        result = BatchResult()
        good = []
        postgres = conn.dialect.name == "postgresql"
        for analysis in batch:
            error = analysis.error or _unstorable(analysis.document, postgres)
            if error:
                result.failed += 1
                result.errors.append(error)
            else:
                good.append(analysis)
        if not good:
            return result
        hashes = {a.document.content_hash for a in good}
        ids = {a.document.id for a in good}
        d = schema.documents
        known = conn.execute(
            select(d.c.id, d.c.content_hash).where(
                or_(d.c.content_hash.in_(hashes), d.c.id.in_(ids))
            )
        ).all()
        seen_hashes = {row.content_hash for row in known}
        taken_ids = {row.id for row in known}
        now = dt.datetime.now(dt.UTC)
        doc_rows: list[dict[str, Any]] = []
        report_rows: list[dict[str, Any]] = []
        claim_rows: list[dict[str, Any]] = []
        new_docs: list[Document] = []
        new_reports: list[Report] = []
        for analysis in good:
            digest = analysis.document.content_hash
            if digest in seen_hashes:
                result.skipped += 1
                result.skipped_ids.append(analysis.document.id)
                continue
            if analysis.document.id in taken_ids:
                analysis = _renamed(analysis, f"{analysis.document.id}~{digest[:12]}")
            seen_hashes.add(digest)
            taken_ids.add(analysis.document.id)
            doc_rows.append(_document_row(analysis.document, now))
            new_docs.append(analysis.document)
            for report in analysis.reports:
                if report.doc_id != analysis.document.id:
                    report = dataclasses.replace(report, doc_id=analysis.document.id)
                report_rows.append(_report_row(report))
                claim_rows.extend(_claim_rows(report))
                new_reports.append(report)
            result.stored_ids.append(analysis.document.id)
        if doc_rows:
            conn.execute(insert(schema.documents), doc_rows)
        if report_rows:
            conn.execute(insert(schema.reports), report_rows)
        if claim_rows:
            conn.execute(insert(schema.claims), claim_rows)
        if hooks and postgres:
            # Clustering reads the incidents, then writes: two ingests doing that at
            # once would each miss the other's uncommitted incident and make the same
            # event twice. One lock per database serialises the hooks (SQLite's
            # BEGIN IMMEDIATE already does); it is released at commit or rollback.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _HOOKS_LOCK})
        for hook in hooks:
            hook(conn, new_reports, new_docs)
        result.stored = len(doc_rows)
        result.reports = len(report_rows)
        return result

    # -- reading ------------------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        """The document with this id, or with this unique id prefix (as git does)."""
        d = schema.documents
        with self.connect() as conn:
            row = conn.execute(select(d).where(d.c.id == doc_id)).first()
            if row is None and doc_id:
                rows = conn.execute(
                    select(d).where(d.c.id.startswith(doc_id, autoescape=True)).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        return _document_from_row(row) if row is not None else None

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """One summary row per document (no text), newest publication first."""
        d, r = schema.documents, schema.reports
        counts = (
            select(r.c.doc_id, func.count().label("n")).group_by(r.c.doc_id).subquery()
        )
        query = (
            select(
                d.c.id, d.c.source, d.c.title, d.c.published, d.c.languages, d.c.flags,
                func.length(d.c.text).label("chars"),
                func.coalesce(counts.c.n, 0).label("reports"),
            )
            .outerjoin(counts, counts.c.doc_id == d.c.id)
            .order_by(d.c.published_date.desc().nulls_last(), d.c.id)
            .limit(limit)
        )
        with self.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def reports(
        self,
        doc_id: str | None = None,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        event_type: str | None = None,
    ) -> list[Report]:
        """Reports, filtered; a date filter keeps reports whose date range overlaps it."""
        r = schema.reports
        query = select(r.c.data)
        if doc_id is not None:
            query = query.where(r.c.doc_id == doc_id)
        if event_type:
            query = query.where(or_(r.c.event_type == event_type, r.c.sub_event_type == event_type))
        if since is not None:
            query = query.where(func.coalesce(r.c.date_end, r.c.date) >= _date(since))
        if until is not None:
            query = query.where(func.coalesce(r.c.date_start, r.c.date) <= _date(until))
        query = query.order_by(r.c.date_start.nulls_last(), r.c.doc_id, r.c.event_id)
        with self.connect() as conn:
            return [Report.from_dict(row.data) for row in conn.execute(query)]

    def incidents(
        self,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        event_type: str | None = None,
        status: str | None = None,
    ) -> list[Incident]:
        """Incidents from the ``incidents`` table (written by clustering), filtered."""
        i = schema.incidents
        query = select(i.c.data)
        if event_type:
            query = query.where(or_(i.c.event_type == event_type, i.c.sub_event_type == event_type))
        if status:
            query = query.where(i.c.status == status)
        if since is not None:
            query = query.where(func.coalesce(i.c.date_end, i.c.date) >= _date(since))
        if until is not None:
            query = query.where(func.coalesce(i.c.date_start, i.c.date) <= _date(until))
        query = query.order_by(i.c.date_start.nulls_last(), i.c.incident_id)
        with self.connect() as conn:
            return [Incident.from_dict(row.data) for row in conn.execute(query)]

    def incident(self, incident_id: str) -> Incident | None:
        """An incident by id; an old id whose only report moved gives where it went."""
        i = schema.incidents
        with self.connect() as conn:
            incident_id = current_incident_id(conn, incident_id)
            row = conn.execute(select(i.c.data).where(i.c.incident_id == incident_id)).first()
        return Incident.from_dict(row.data) if row is not None else None

    def sources(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """doc_id -> source (outlet or channel), for exports that name their sources."""
        wanted = sorted(set(doc_ids))
        d = schema.documents
        out: dict[str, str | None] = {}
        with self.connect() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                for row in conn.execute(select(d.c.id, d.c.source).where(d.c.id.in_(chunk))):
                    out[row.id] = row.source
        return out

    def stats(self) -> dict[str, Any]:
        """Counts for ``fogwatch stats``: rows per table, types, statuses, date span."""
        d, r = schema.documents, schema.reports
        with self.connect() as conn:
            counts = {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in schema.metadata.sorted_tables
            }
            first, last = conn.execute(
                select(func.min(d.c.published_date), func.max(d.c.published_date))
            ).one()
            sources = conn.execute(select(func.count(func.distinct(d.c.source)))).scalar_one()
            by_type = {
                row[0]: row[1]
                for row in conn.execute(
                    select(r.c.event_type, func.count()).group_by(r.c.event_type)
                    .order_by(func.count().desc())
                )
            }
            i = schema.incidents
            by_status = {
                row[0]: row[1]
                for row in conn.execute(select(i.c.status, func.count()).group_by(i.c.status))
            }
        return {
            "database": self.url,
            "counts": counts,
            "sources": sources,
            "published_first": _date(first),
            "published_last": _date(last),
            "reports_by_type": by_type,
            "incidents_by_status": by_status,
        }


@dataclasses.dataclass
class Found:
    """What ``fogwatch show ID`` found: a document with its reports, or an incident with
    its reports and the documents they come from (for the evidence sentences)."""

    kind: str  # "document" | "incident"
    document: Document | None = None
    incident: Incident | None = None
    reports: list[Report] = dataclasses.field(default_factory=list)
    documents: dict[str, Document] = dataclasses.field(default_factory=dict)


def lookup(store: Store, key: str) -> Found | None:
    """A document (by id or unique id prefix) or else an incident, with what explains it."""
    document = store.document(key)
    if document is not None:
        return Found("document", document=document, reports=store.reports(doc_id=document.id),
                     documents={document.id: document})
    incident = store.incident(key)
    if incident is None:
        return None
    wanted = set(incident.reports)
    reports: list[Report] = []
    documents: dict[str, Document] = {}
    for doc_id in incident.documents:
        doc = store.document(doc_id)
        if doc is not None:
            documents[doc_id] = doc
            reports.extend(r for r in store.reports(doc_id=doc_id) if r.event_id in wanted)
    return Found("incident", incident=incident, reports=reports, documents=documents)


def _add_missing_columns_and_indexes(conn: Connection) -> None:
    """Bring a database made by an older fogwatch up to the current layout.

    Schema changes are additive by rule (new nullable columns, new indexes), so adding
    what is missing is the whole migration; Alembic's versioned scripts would be more
    machinery than that rule needs. A new column that is NOT NULL without a server
    default cannot be added to rows that exist: that is a programming error, reported.
    """
    inspector = inspect(conn)
    preparer = conn.dialect.identifier_preparer
    for table in schema.metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable and column.server_default is None:
                where = conn.engine.url.render_as_string(hide_password=True)
                raise StoreError(f"cannot add column {table.name}.{column.name} to {where}: "
                                 "it is NOT NULL with no default, so existing rows have no "
                                 "value for it")
            kind = column.type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {preparer.format_table(table)} "
                                 f"ADD COLUMN {preparer.format_column(column)} {kind}")
        indexed = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexed:
                index.create(conn, checkfirst=True)
