"""Text search and stored list items, on SQLite and PostgreSQL.

An incident matches when the text of its reports, taken together, has the words. On
SQLite a text-only search sorted by date reads its page off day-ordered search keys
(``queries._search_page_ids``); every test here holds that plan to the generic one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from web_helpers import Fixture, build, write_incidents

from fogwatch.model import Document, Incident, Place, Report, Span, Status
from fogwatch.pipeline import Analysis
from fogwatch.store import Store, make_engine, schema
from fogwatch.store import queries as Q
from fogwatch.store.incidents import incident_row
from fogwatch.web import create_app


@pytest.fixture
def env(store_url: str) -> Iterator[tuple[TestClient, Fixture, sa.Engine, str]]:
    fixture = build(store_url)
    engine = make_engine(store_url)
    with TestClient(create_app(engine)) as client:
        yield client, fixture, engine, store_url
    engine.dispose()


def _all_pages(client: TestClient, params: dict[str, Any], limit: int) -> list[str]:
    """Every incident id of a search, page by page through next_cursor."""
    out: list[str] = []
    cursor = None
    for _ in range(100):
        page = client.get("/api/incidents", params={**params, "limit": limit,
                                                    **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        out += [i["incident_id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return out
    raise AssertionError("paging did not end")


def _generic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Q, "_searched_by_day", lambda *_args: False)


def _add(url: str, items: list[tuple[str, str, dt.date | None]]) -> None:
    """One document, report and incident per (incident_id, text, day)."""
    analyses, incidents = [], []
    for incident_id, text, day in items:
        doc = Document(id=f"doc-{incident_id}", text=text, source="Test Wire",
                       published=day.isoformat() if day else None)
        place = Place(mention="Kupiansk", name="Kupiansk", lat=49.71, lon=37.61,
                      admin1="Kharkiv", geo_precision=1)
        rep = Report(event_id=f"{doc.id}:0", doc_id=doc.id, event_type="Battles",
                     sub_event_type="Armed clash", date=day, location=place,
                     summary="Armed clash in Kupiansk", sentences=(Span(0, len(text)),))
        analyses.append(Analysis(doc, (rep,)))
        incidents.append(Incident(
            incident_id=incident_id, event_type="Battles", sub_event_type="Armed clash",
            date=day, location=place, status=Status.CLAIMED, reports=(rep.event_id,),
            documents=(doc.id,), independent_sources=1, summary="Armed clash in Kupiansk"))
    store = Store(url)
    assert store.add(analyses).stored == len(analyses)
    write_incidents(store.engine, incidents)
    store.close()


def test_an_incident_matches_by_all_its_reports(
        env: tuple[TestClient, Fixture, sa.Engine, str]) -> None:
    """Izium has two reports: 'residential' is in one, 'apartments' in the other."""
    client, fx, _, _ = env

    def found(q: str) -> list[str]:
        body = client.get("/api/incidents", params={"q": q}).json()
        assert body["total"] == len(body["items"])
        return [i["incident_id"] for i in body["items"]]

    assert found("residential") == [fx.izium_id]
    assert found("apartments") == [fx.izium_id]
    assert found("residential apartments") == [fx.izium_id]
    assert found('"residential block"') == [fx.izium_id]
    assert found("residential -unverified") == []  # the other report says unverified


def test_sqlite_search_equals_an_incident_level_reading_of_the_text(
        env: tuple[TestClient, Fixture, sa.Engine, str]) -> None:
    """Total and items agree with a separate FTS5 index built from each incident's
    report texts, outside the app's tables and triggers."""
    client, _, engine, _ = env
    if engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 index is SQLite's")
    with engine.connect() as conn:
        texts = conn.execute(sa.text(
            "SELECT incident_id, group_concat(body, ' ') FROM search_reports "
            "WHERE incident_id IS NOT NULL GROUP BY incident_id")).all()
    oracle = sqlite3.connect(":memory:")
    oracle.execute("CREATE VIRTUAL TABLE t USING fts5(incident_id UNINDEXED, body, "
                   "tokenize='porter unicode61 remove_diacritics 2')")
    oracle.executemany("INSERT INTO t VALUES (?, ?)", texts)
    for q in ("denied", "drone", "strike -drone", "officials said", '"shells hit" OR clashed'):
        expected = {r[0] for r in oracle.execute(
            "SELECT incident_id FROM t WHERE t MATCH ?", (Q.fts5_query(q),))}
        body = client.get("/api/incidents", params={"q": q, "limit": 500}).json()
        assert body["total"] == len(expected), q
        assert {i["incident_id"] for i in body["items"]} == expected, q


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_day_ordered_pages_equal_the_generic_plan(
        env: tuple[TestClient, Fixture, sa.Engine, str], limit: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Same-day ties, undated incidents, cursors and offsets: the same ids in order."""
    client, _, _, url = env
    day = dt.date(2022, 5, 12)  # also the day of a fixture incident
    _add(url, [(f"inc-tie-{k}", f"Officials said troops clashed, account {k}.", day)
               for k in (3, 1, 4, 5, 9, 2)]
         + [(f"inc-undated-{k}", f"Officials said troops clashed, undated {k}.", None)
            for k in (2, 7, 1)])
    cases = [{"q": "officials"}, {"q": "clashed"}, {"q": "troops -account"},
             {"q": "said", "sort": "-date"}]
    fast = {i: _all_pages(client, p, limit) for i, p in enumerate(cases)}
    offsets = {i: [x["incident_id"] for k in range(0, 40, limit) for x in client.get(
        "/api/incidents", params={**p, "limit": limit, "offset": k}).json()["items"]]
        for i, p in enumerate(cases)}
    _generic(monkeypatch)
    for i, params in enumerate(cases):
        expected = _all_pages(client, params, limit)
        assert fast[i] == expected, params
        assert offsets[i] == expected, params
    assert {"inc-tie-1", "inc-undated-7"} <= set(fast[1])
    assert fast[1][-3:] == ["inc-undated-7", "inc-undated-2", "inc-undated-1"]


def test_search_follows_writes_after_start(
        env: tuple[TestClient, Fixture, sa.Engine, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """New incidents, a changed best day and a deleted incident show in the next search."""
    client, _, engine, url = env
    _add(url, [("inc-zep-a", "A zeppelin was seen over the river.", dt.date(2022, 5, 2)),
               ("inc-zep-b", "Another zeppelin crossed the front.", dt.date(2022, 5, 20))])

    def found() -> list[str]:
        body = client.get("/api/incidents", params={"q": "zeppelin"}).json()
        assert body["total"] == len(body["items"])
        return [i["incident_id"] for i in body["items"]]

    assert found() == ["inc-zep-b", "inc-zep-a"]
    with engine.begin() as conn:  # clustering rewrites a row with a new best day
        data = conn.execute(sa.select(schema.incidents.c.data).where(
            schema.incidents.c.incident_id == "inc-zep-a")).scalar_one()
        moved = Incident.from_dict({**data, "date": "2022-05-30"})
        row = incident_row(moved, dt.datetime(2022, 6, 2, tzinfo=dt.UTC))
        conn.execute(sa.update(schema.incidents).where(
            schema.incidents.c.incident_id == "inc-zep-a").values(
            {k: v for k, v in row.items() if k != "incident_id"}))
    assert found() == ["inc-zep-a", "inc-zep-b"]
    with engine.begin() as conn:
        conn.execute(sa.delete(schema.incident_reports).where(
            schema.incident_reports.c.incident_id == "inc-zep-b"))
        conn.execute(sa.delete(schema.incidents).where(
            schema.incidents.c.incident_id == "inc-zep-b"))
    assert found() == ["inc-zep-a"]
    _generic(monkeypatch)
    assert found() == ["inc-zep-a"]


def test_start_up_back_fills_a_database_without_the_incident_index(
        env: tuple[TestClient, Fixture, sa.Engine, str]) -> None:
    """A database whose incident index rows are gone (or never made) is searchable
    again after the app's start-up step, with keys on the right days."""
    client, fx, engine, _ = env
    if engine.dialect.name != "sqlite":
        pytest.skip("the day-keyed index is SQLite's")
    before = client.get("/api/incidents", params={"q": "officials", "limit": 500}).json()
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER search_reports_incident_ai")
        conn.exec_driver_sql("DELETE FROM incident_search")
        conn.exec_driver_sql("UPDATE incidents SET date = '2022-01-01' "
                             f"WHERE incident_id = '{fx.izium_id}'")
    assert client.get("/api/incidents", params={"q": "officials"}).json()["total"] == 0
    Q.ensure_search_index(engine)
    after = client.get("/api/incidents", params={"q": "officials", "limit": 500}).json()
    assert after["total"] == before["total"] > 3
    assert after["items"][-1]["incident_id"] == fx.izium_id  # now the oldest
    with engine.connect() as conn:
        wrong = conn.exec_driver_sql(
            "SELECT count(*) FROM incident_search AS s JOIN incidents AS i USING (incident_id) "
            "WHERE s.id >> 32 != coalesce(CAST(julianday(i.date) AS INTEGER), 0)").scalar_one()
    assert wrong == 0


@pytest.mark.parametrize("params", [{}, {"q": "officials"}, {"sort": "-fatalities"},
                                    {"bbox": "30,44,40,52", "limit": 3}])
def test_stored_list_items_are_the_items_built_from_columns(
        env: tuple[TestClient, Fixture, sa.Engine, str], params: dict[str, Any]) -> None:
    """The page joined from stored fragments is byte for byte the page built from each
    row's columns, and start-up writes the fragments back the same."""
    client, _, engine, _ = env
    stored = client.get("/api/incidents", params=params).content
    with engine.begin() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.incidents).where(
            schema.incidents.c.list_item.is_(None))).scalar_one() == 0
        conn.execute(sa.update(schema.incidents).values(list_item=None))
    built = client.get("/api/incidents", params=params).content
    assert built == stored
    Q.ensure_search_index(engine)
    assert client.get("/api/incidents", params=params).content == stored


def test_a_direct_column_write_drops_the_stored_item(
        env: tuple[TestClient, Fixture, sa.Engine, str]) -> None:
    """A writer that changes a column without writing list_item never leaves a stale
    item: the trigger drops it and the item is built from the columns."""
    client, fx, engine, _ = env
    with engine.begin() as conn:
        conn.execute(sa.update(schema.incidents).where(
            schema.incidents.c.incident_id == fx.izium_id).values(
            status="corroborated", summary="Rewritten by hand."))
        item = conn.execute(sa.select(schema.incidents.c.list_item).where(
            schema.incidents.c.incident_id == fx.izium_id)).scalar_one()
    assert item is None
    got = {i["incident_id"]: i for i in client.get("/api/incidents").json()["items"]}
    assert got[fx.izium_id]["status"] == "corroborated"
    assert got[fx.izium_id]["summary"] == "Rewritten by hand."
    assert got[fx.izium_id]["reports"] == 2


def test_report_counts_follow_the_links(
        env: tuple[TestClient, Fixture, sa.Engine, str]) -> None:
    """The list's live report count (a column kept by triggers on SQLite, counted on
    PostgreSQL) follows links added, moved and removed, and start-up repairs it."""
    client, fx, engine, _ = env
    ir = schema.incident_reports

    def reports() -> dict[str, int]:
        items = client.get("/api/incidents", params={"limit": 500}).json()["items"]
        return {i["incident_id"]: i["reports"] for i in items}

    before = reports()
    assert before[fx.izium_id] == 2 and before[fx.xss_incident_id] == 1
    with engine.begin() as conn:  # one of Izium's reports moves to the hostile incident
        conn.execute(sa.update(ir).where(ir.c.event_id == "doc-izium-b:0").values(
            incident_id=fx.xss_incident_id))
    moved = reports()
    assert moved[fx.izium_id] == 1 and moved[fx.xss_incident_id] == 2
    with engine.begin() as conn:
        conn.execute(sa.delete(ir).where(ir.c.event_id == "doc-izium-b:0"))
        conn.execute(sa.insert(ir).values(incident_id=fx.izium_id, event_id="doc-izium-b:0",
                                          reason="back"))
    assert reports() == before
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(sa.update(schema.incidents).values(n_reports=None))
        Q.ensure_search_index(engine)
        assert reports() == before
