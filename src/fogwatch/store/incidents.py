"""Incidents in the store: load the candidates of a batch, save what clustering changed.

Runs inside the ingest batch's transaction (``apply_batch`` is what
``fogwatch.cluster.update_incidents`` calls), so a batch's documents, reports,
incidents, links and status history are written together or not at all. Only the
incidents a batch could join are read: those whose date range meets the batch's window
widened by ``BLOCK_DAYS`` and that lie in one of its oblasts or near one of its points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from ..cluster import Clusterer, Decision, Features, evidence_order, features_of
from ..model import Document, Incident, Report, published_date
from ..reconcile import DocInfo, reconcile
from ..syndication import Copy, DocText, find_copies
from . import schema
from .queries import lat_band, stored_list_item

__all__ = [
    "BLOCK_DAYS",
    "SYNDICATION_DAYS",
    "Link",
    "Why",
    "apply_batch",
    "drop_all",
    "explain",
    "history",
    "links",
    "mark_copies",
    "recluster",
]

#: Incidents whose dates lie within this many days of a batch's reports are candidates.
BLOCK_DAYS = 3
#: A republished story appears within days of the original; older documents are not
#: compared (keeps syndication's cost per batch bounded however big the store grows).
SYNDICATION_DAYS = 3
#: Points of stored incidents are searched within this many degrees of a batch's points.
NEAR_DEGREES = 1.0


@dataclass(frozen=True)
class Link:
    """One report of an incident, with why it was merged (``fogwatch show --why``)."""

    event_id: str
    doc_id: str
    reason: str
    source: str | None
    published: str | None
    copy_of: str | None


def mark_copies(conn: Connection, documents: Sequence[Document]) -> list[Copy]:
    """Find which of the batch's documents copy which (also among stored ones) and record it.

    A stored document can turn out to be the copy when a batch brings an earlier-published
    original; both directions are written to ``documents.copy_of``. Stored documents are
    compared through their kept MinHash signatures (``documents.minhash``), so a batch
    hashes only its own texts: the cost per batch does not grow with the store. A stored
    document without one (stored before signatures were kept) is hashed once and its
    signature kept.
    """
    if not documents:
        return []
    d = schema.documents
    batch_ids = {doc.id for doc in documents}
    dates = [x for x in (doc.published_date for doc in documents) if x]
    stored: list[DocText] = []
    previous: dict[str, str | None] = {}
    if dates:
        lo = min(dates) - dt.timedelta(days=SYNDICATION_DAYS)
        hi = max(dates) + dt.timedelta(days=SYNDICATION_DAYS)
        rows = conn.execute(
            select(d.c.id, d.c.published, d.c.copy_of, d.c.minhash).where(
                d.c.published_date.between(lo, hi), d.c.id.not_in(batch_ids)
            )
        ).all()
        previous = {r.id: r.copy_of for r in rows}
        missing = sorted(r.id for r in rows if r.minhash is None)
        texts: dict[str, str] = {}
        for start in range(0, len(missing), 500):
            texts.update(conn.execute(select(d.c.id, d.c.text).where(
                d.c.id.in_(missing[start : start + 500]))).tuples().all())
        stored = [DocText(r.id, texts.get(r.id, ""), r.published, stored=True,
                          minhash=None if r.minhash is None else bytes(r.minhash))
                  for r in rows]
    batch = [DocText(doc.id, doc.text, doc.published) for doc in documents]
    computed: dict[str, bytes] = {}
    copies = find_copies(stored + batch, computed=computed)
    if computed:
        conn.execute(update(d).where(d.c.id == bindparam("doc_id")).values(
            minhash=bindparam("sig")),
            [{"doc_id": k, "sig": v} for k, v in sorted(computed.items())])
    written = []
    for c in copies:
        if c.doc_id in batch_ids or (c.original in batch_ids and previous.get(c.doc_id) !=
                                     c.original):
            conn.execute(update(d).where(d.c.id == c.doc_id).values(
                copy_of=c.original, similarity=c.similarity))
            written.append(c)
    return written


def _candidate_ids(conn: Connection, feats: Sequence[Features]) -> set[str]:
    i = schema.incidents
    lo = dt.date.fromordinal(min(f.start for f in feats) - BLOCK_DAYS)
    hi = dt.date.fromordinal(max(f.end for f in feats) + BLOCK_DAYS)
    areas = []
    admins = sorted({f.admin1 for f in feats if f.admin1})
    if admins:
        areas.append(i.c.admin1.in_(admins))
    points = [f for f in feats if f.lat is not None and f.lon is not None]
    if points:
        areas.append(and_(
            i.c.lat.between(min(f.lat for f in points) - NEAR_DEGREES,  # type: ignore[type-var]
                            max(f.lat for f in points) + NEAR_DEGREES),  # type: ignore[type-var]
            i.c.lon.between(min(f.lon for f in points) - NEAR_DEGREES,  # type: ignore[type-var]
                            max(f.lon for f in points) + NEAR_DEGREES),  # type: ignore[type-var]
        ))
    if not areas:
        return set()
    rows = conn.execute(select(i.c.incident_id).where(
        i.c.date_start <= hi, i.c.date_end >= lo, or_(*areas)))
    return {r.incident_id for r in rows}


def _members(conn: Connection, incident_ids: Iterable[str]
             ) -> dict[str, list[tuple[Report, str | None, str]]]:
    """incident -> [(report, its document's published, merge reason)] in stored order."""
    ir, r, d = schema.incident_reports, schema.reports, schema.documents
    out: dict[str, list[tuple[Report, str | None, str]]] = {}
    ids = sorted(set(incident_ids))
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(ir.c.incident_id, ir.c.reason, r.c.data, d.c.published)
            .join(r, r.c.event_id == ir.c.event_id)
            .join(d, d.c.id == r.c.doc_id)
            .where(ir.c.incident_id.in_(ids[start : start + 500]))
            .order_by(d.c.published, r.c.doc_id, r.c.event_id)
        )
        for row in rows:
            out.setdefault(row.incident_id, []).append(
                (Report.from_dict(row.data), row.published, row.reason or ""))
    return out


def _doc_infos(conn: Connection, doc_ids: Iterable[str]) -> dict[str, DocInfo]:
    d = schema.documents
    ids = sorted(set(doc_ids))
    out: dict[str, DocInfo] = {}
    for start in range(0, len(ids), 500):
        for row in conn.execute(select(d.c.id, d.c.source, d.c.published, d.c.copy_of)
                                .where(d.c.id.in_(ids[start : start + 500]))):
            out[row.id] = DocInfo(row.id, row.source, row.published, row.copy_of)
    return out


def incident_row(inc: Incident, now: dt.datetime, state_range: tuple[int, int] = (0, 0)
                 ) -> dict[str, Any]:
    """One row of the ``incidents`` table.

    ``state_range`` (ordinal days) stands in for a missing ``date_range`` so that an
    incident dated only by its reports' window still sorts and filters by it; without
    one, the best date is the whole range.
    """
    if inc.date_range:
        start, end = inc.date_range
    elif state_range[0] > 0:
        start, end = dt.date.fromordinal(state_range[0]), dt.date.fromordinal(state_range[1])
    else:
        start = end = inc.date
    place = inc.location
    row = {
        "incident_id": inc.incident_id,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "date": inc.date,
        "date_start": start,
        "date_end": end,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "admin1": place.admin1 if place else None,
        "status": inc.status.value,
        "attacker_side": inc.attacker.side if inc.attacker else None,
        "fatalities_best": inc.fatalities.best,
        "injured_best": inc.injured.best,
        "summary": inc.summary,
        "data": inc.to_dict(),
        "updated_at": now,
    }
    row["list_item"] = stored_list_item(row, place, inc.attacker, inc.independent_sources)
    row["lat_band"] = lat_band(row["lat"])
    return row


def apply_batch(conn: Connection, reports: Sequence[Report],
                documents: Sequence[Document]) -> list[Decision]:
    """Syndication, clustering and reconciliation of one newly stored batch."""
    copies = mark_copies(conn, documents)
    if not reports:
        return []
    ir = schema.incident_reports
    done = {row.event_id for row in conn.execute(select(ir.c.event_id).where(
        ir.c.event_id.in_([r.event_id for r in reports])))}
    docs_by_id = {doc.id: doc for doc in documents}

    todo = sorted((r for r in reports if r.event_id not in done),
                  key=lambda r: _pub_key(docs_by_id, r.doc_id))
    feats: list[tuple[Report, Features | None]] = []
    for r in todo:
        doc = docs_by_id.get(r.doc_id)
        feats.append((r, features_of(r, doc.published_date if doc else None)))
    usable = [f for _, f in feats if f is not None]
    copy_of = {c.doc_id: c.original for c in copies}
    originals = {orig for doc_id, orig in copy_of.items() if doc_id in docs_by_id}

    # candidates: the window and area of the batch, plus the incidents of originals
    cand = _candidate_ids(conn, usable) if usable else set()
    original_events: dict[str, list[str]] = {}
    if originals:
        r_t = schema.reports
        for row in conn.execute(select(r_t.c.event_id, r_t.c.doc_id, ir.c.incident_id)
                                .join(ir, ir.c.event_id == r_t.c.event_id, isouter=True)
                                .where(r_t.c.doc_id.in_(sorted(originals)))):
            original_events.setdefault(row.doc_id, []).append(row.event_id)
            if row.incident_id:
                cand.add(row.incident_id)
    members = _members(conn, cand)
    clusterer = Clusterer()
    for iid, rows in members.items():
        seeds = (features_of(rep, published_date(pub)) for rep, pub, _ in rows)
        clusterer.seed(iid, (f for f in seeds if f is not None))
    # the lone reports of the days before the batch's newest are placed again with it
    days = [f.published for f in usable if f.published is not None]
    lone = clusterer.take_lone(max(days)) if days else []
    stored = {rep.event_id: rep for rows in members.values() for rep, _, _ in rows}
    feats += [(stored[f.event_id], f) for f in lone]
    again_alone: set[str] = set()
    decisions: list[Decision] = []
    new_reports: dict[str, list[Report]] = {}
    new_reasons: dict[str, str] = {}
    # most precise first (cluster.evidence_order); syndicated copies after the reports
    # of their originals, so they find the incident the original went to
    def order(item: tuple[Report, Features | None]) -> tuple[int, tuple[int, int, int, str]]:
        r, f = item
        key = evidence_order(f) if f is not None else (9, 9, 9, r.event_id)
        return (1 if r.doc_id in copy_of else 0, key)

    for r, f in sorted(feats, key=order):
        if f is None:  # no date at all: it stands alone
            f = Features(event_id=r.event_id, doc_id=r.doc_id, event_type=r.event_type,
                         sub_event_type=r.sub_event_type, start=0, end=0, lat=None, lon=None,
                         precision=3, admin1=None, geonameid=None, weapon_classes=frozenset(),
                         weapon_names=(), side=None, minute=None, fatalities=r.fatalities)
            dec = clusterer.start(f)
        else:
            dec = clusterer.add(f, original_events.get(copy_of.get(r.doc_id, ""), ()))
        if r.event_id in stored and dec.created:  # a lone report alone again: unchanged
            again_alone.add(dec.incident_id)
            continue
        decisions.append(dec)
        new_reports.setdefault(dec.incident_id, []).append(r)
        new_reasons[r.event_id] = dec.reason

    # stored documents that became copies: their incidents lose an independent source
    touched = set(clusterer.touched) - (again_alone - set(new_reports))
    turned = [c.doc_id for c in copies if c.doc_id not in docs_by_id]
    if turned:
        r_t = schema.reports
        for row in conn.execute(select(ir.c.incident_id).join(
                r_t, r_t.c.event_id == ir.c.event_id).where(r_t.c.doc_id.in_(turned))):
            touched.add(row.incident_id)
        members.update(_members(conn, touched - set(members)))
    _save(conn, clusterer, touched, members, new_reports, new_reasons, docs_by_id)
    return decisions


def _pub_key(docs_by_id: dict[str, Document], doc_id: str) -> tuple[str, str]:
    doc = docs_by_id.get(doc_id)
    return ((doc.published or "~") if doc else "~", doc_id)


def _save(conn: Connection, clusterer: Clusterer, touched: set[str],
          members: dict[str, list[tuple[Report, str | None, str]]],
          new_reports: dict[str, list[Report]], new_reasons: dict[str, str],
          docs_by_id: dict[str, Document]) -> None:
    i, ir, ih = schema.incidents, schema.incident_reports, schema.incident_history
    now = dt.datetime.now(dt.UTC)
    at = now.isoformat(timespec="seconds")
    if clusterer.moved:  # lone reports that joined another incident: drop their own
        gone = sorted(clusterer.moved)
        conn.execute(delete(ih).where(ih.c.incident_id.in_(gone)))
        conn.execute(delete(ir).where(ir.c.incident_id.in_(gone)))
        conn.execute(delete(i).where(i.c.incident_id.in_(gone)))
    ids = sorted(touched - set(clusterer.moved))
    previous: dict[str, Incident] = {}
    for start in range(0, len(ids), 500):
        for row in conn.execute(select(i.c.incident_id, i.c.data)
                                .where(i.c.incident_id.in_(ids[start : start + 500]))):
            previous[row.incident_id] = Incident.from_dict(row.data)
    all_docs = {rep.doc_id for iid in ids for rep, _, _ in members.get(iid, ())}
    infos = _doc_infos(conn, all_docs | {r.doc_id for rs in new_reports.values() for r in rs})
    links, hist = [], []
    for iid in ids:
        old = [(rep, reason) for rep, _, reason in members.get(iid, ())]
        new = new_reports.get(iid, [])
        reps = [rep for rep, _ in old] + new
        if not reps:
            continue
        reasons = [f"{rep.event_id}: {reason}" for rep, reason in old]
        reasons += [f"{rep.event_id}: {new_reasons[rep.event_id]}" for rep in new]
        # Replay the batch's documents in publication order, so each status change in
        # the history names the document that caused it.
        inc = previous.get(iid)
        base = [rep for rep, _ in old]
        steps: dict[str, list[Report]] = {}
        for r in sorted(new, key=lambda x: _pub_key(docs_by_id, x.doc_id)):
            steps.setdefault(r.doc_id, []).append(r)
        for cause, step in steps.items() or [(None, [])]:
            base = base + step
            inc = reconcile(iid, base, infos, inc, cause=cause, at=at, reasons=reasons)
        prev = previous.get(iid)
        assert inc is not None
        state = clusterer.incidents.get(iid)
        rng = (state.start, state.end) if state else (now.date().toordinal(),) * 2
        row = incident_row(inc, now, rng)  # type: ignore[arg-type]
        if prev is None:
            conn.execute(insert(i), [row])
        else:
            conn.execute(update(i).where(i.c.incident_id == iid).values(
                {k: v for k, v in row.items() if k != "incident_id"}))
        links += [{"incident_id": iid, "event_id": r.event_id, "reason": new_reasons[r.event_id]}
                  for r in new]
        known = len(prev.history) if prev else 0
        hist += [{"incident_id": iid, "status": h.status.value, "at": h.at, "reason": h.reason,
                  "doc_id": h.doc_id} for h in inc.history[known:]]
    if links:
        conn.execute(insert(ir), links)
    if hist:
        conn.execute(insert(ih), hist)
    if clusterer.moved:  # after the incidents they point to are written
        conn.execute(insert(schema.incident_aliases), [
            {"alias": old, "incident_id": new, "at": at, "reason": "its only report joined it"}
            for old, new in sorted(clusterer.moved.items())])


def links(conn: Connection, incident_id: str) -> list[Link]:
    """The reports of an incident with their merge reasons, earliest published first."""
    ir, r, d = schema.incident_reports, schema.reports, schema.documents
    rows = conn.execute(
        select(ir.c.event_id, ir.c.reason, r.c.doc_id, d.c.source, d.c.published, d.c.copy_of)
        .join(r, r.c.event_id == ir.c.event_id).join(d, d.c.id == r.c.doc_id)
        .where(ir.c.incident_id == incident_id)
        .order_by(d.c.published, r.c.doc_id, ir.c.event_id))
    return [Link(x.event_id, x.doc_id, x.reason or "", x.source, x.published, x.copy_of)
            for x in rows]


def history(conn: Connection, incident_id: str) -> list[dict[str, Any]]:
    """The incident's status changes, oldest first, each with the document that caused it."""
    ih = schema.incident_history
    rows = conn.execute(select(ih.c.status, ih.c.at, ih.c.reason, ih.c.doc_id)
                        .where(ih.c.incident_id == incident_id).order_by(ih.c.id))
    return [dict(x._mapping) for x in rows]


def drop_all(conn: Connection) -> None:
    """Forget every incident (before re-clustering the whole store from scratch)."""
    for table in (schema.incident_aliases, schema.incident_history, schema.incident_reports,
                  schema.incidents):
        conn.execute(delete(table))
    conn.execute(update(schema.documents).values(copy_of=None, similarity=None))


@dataclass(frozen=True)
class Why:
    """Why an incident is what it is: each report's merge reason and the status history."""

    incident_id: str
    links: tuple[Link, ...]
    history: tuple[dict[str, Any], ...]


def explain(store: Any, incident_id: str) -> Why:
    """``fogwatch show INCIDENT --why``: read the links and history of one incident."""
    with store.connect() as conn:
        return Why(incident_id, tuple(links(conn, incident_id)),
                   tuple(history(conn, incident_id)))


def recluster(store: Any, batch_size: int = 200) -> int:
    """Forget all incidents and cluster every stored report again, in publication order.

    For after a change of clustering rules or a profile: one transaction, so readers see
    the old incidents or the new ones, never half. Returns the number of incidents.
    """
    d, r = schema.documents, schema.reports
    with store.transaction() as conn:
        drop_all(conn)
        rows = conn.execute(select(d.c.id, d.c.text, d.c.source, d.c.published)
                            .order_by(d.c.published, d.c.id)).all()
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            docs = [Document(id=x.id, text=x.text, source=x.source, published=x.published)
                    for x in chunk]
            reports = [Report.from_dict(x.data) for x in conn.execute(
                select(r.c.data).where(r.c.doc_id.in_([x.id for x in chunk]))
                .order_by(r.c.doc_id, r.c.event_id))]
            apply_batch(conn, reports, docs)
        return len(conn.execute(select(schema.incidents.c.incident_id)).all())
