"""The store on real databases: every test runs on an SQLite file and on PostgreSQL.

Assertions read the tables back with plain SQL, so they check what is in the
database, not what the Store says it did.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from fogwatch.errors import StoreError
from fogwatch.model import (
    Actor,
    Claim,
    Document,
    Estimate,
    Flags,
    Incident,
    LanguageSpan,
    Place,
    Report,
    Span,
    Stance,
    Status,
)
from fogwatch.pipeline import Analysis
from fogwatch.store import Store, lookup, make_engine, schema
from fogwatch.store.engine import normalise_url
from fogwatch.store.incidents import incident_row

TEXT_A = (
    "Shelling hit a school in Novoselivka on Monday, the regional governor said. "
    "Two people were killed and five injured. The army denied firing on the village."
)
TEXT_B = "A drone struck a fuel depot near Kalynivka overnight; nobody was hurt, officials said."


def analysis(doc_id: str, text: str, n_reports: int = 1, **doc: Any) -> Analysis:
    document = Document(
        id=doc_id, text=text, source=doc.pop("source", "Test Wire"),
        published=doc.pop("published", "2022-08-08"),
        flags=Flags(boilerplate=(Span(0, 4),), languages=(LanguageSpan(Span(0, len(text)), "en"),)),
        sentences=(Span(0, min(76, len(text))), Span(min(77, len(text)), len(text))), **doc,
    )
    reports = tuple(
        Report(
            event_id=f"{doc_id}:{i}", doc_id=doc_id,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            date=dt.date(2022, 8, 8 - i), date_range=(dt.date(2022, 8, 8 - i),) * 2,
            location=Place(mention="Novoselivka", name="Novoselivka", lat=48.1, lon=37.5,
                           admin1="Donetsk", geo_precision=1, span=Span(26, 37)),
            attacker=Actor("Armed Forces of Ukraine", "UA"),
            fatalities=2, injured=5,
            claims=(Claim("regional governor", "RU", Stance.ASSERTS, Span(54, 75)),
                    Claim("the army", "UA", Stance.DENIES, Span(119, 157))),
            disputed=True,
            evidence={"fatalities": (Span(77, 102),), "location": (Span(26, 37),)},
            summary="Shelling killed 2 in Novoselivka.",
        )
        for i in range(n_reports)
    )
    return Analysis(document, reports)


@pytest.fixture
def store(store_url: str) -> Store:
    return Store(store_url).create()


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_create_is_idempotent_and_makes_every_table_and_index(store: Store) -> None:
    store.create()
    store.create()
    inspector = sa.inspect(store.engine)
    assert set(inspector.get_table_names()) >= {
        "documents", "reports", "claims", "incidents", "incident_reports", "incident_history"
    }
    indexed = {
        table: {tuple(ix["column_names"]) for ix in inspector.get_indexes(table)}
        for table in ("documents", "reports", "incidents", "claims")
    }
    assert ("published_date",) in indexed["documents"]
    assert ("event_type", "sub_event_type") in indexed["reports"]
    assert ("admin1",) in indexed["reports"]
    assert ("date_start", "date_end") in indexed["reports"]
    assert ("status",) in indexed["incidents"]
    assert ("admin1",) in indexed["incidents"]
    assert ("event_id",) in indexed["claims"]


def test_add_writes_documents_reports_and_claims(store: Store) -> None:
    result = store.add([analysis("a", TEXT_A, n_reports=2), analysis("b", TEXT_B, n_reports=0)])
    assert (result.stored, result.skipped, result.failed, result.reports) == (2, 0, 0, 2)
    with store.engine.connect() as conn:
        docs = conn.execute(sa.select(schema.documents).order_by(schema.documents.c.id)).all()
        assert [d.id for d in docs] == ["a", "b"]
        assert docs[0].content_hash == Document(id="a", text=TEXT_A).content_hash
        assert docs[0].published_date == dt.date(2022, 8, 8)
        assert docs[0].flags["boilerplate"] == [[0, 4]]
        reports = conn.execute(
            sa.select(schema.reports).order_by(schema.reports.c.event_id)
        ).all()
        assert [(r.event_id, r.doc_id) for r in reports] == [("a:0", "a"), ("a:1", "a")]
        assert reports[1].date_start == dt.date(2022, 8, 7)
        assert (reports[0].admin1, reports[0].fatalities, reports[0].disputed) == (
            "Donetsk", 2, True)
        assert reports[0].attacker_side == "UA"
        assert reports[0].data["evidence"]["fatalities"] == [[77, 102]]
        claims = conn.execute(
            sa.select(schema.claims.c.event_id, schema.claims.c.stance, schema.claims.c.span_start)
            .order_by(schema.claims.c.event_id, schema.claims.c.stance)
        ).all()
        assert [tuple(c) for c in claims] == [
            ("a:0", "asserts", 54), ("a:0", "denies", 119),
            ("a:1", "asserts", 54), ("a:1", "denies", 119),
        ]


def test_reingesting_the_same_text_adds_nothing(store: Store) -> None:
    store.add([analysis("a", TEXT_A)])
    again = store.add([analysis("a", TEXT_A), analysis("other-id", TEXT_A)])
    assert (again.stored, again.skipped, again.reports) == (0, 2, 0)
    assert sorted(again.skipped_ids) == ["a", "other-id"]
    assert (count(store, schema.documents), count(store, schema.reports),
            count(store, schema.claims)) == (1, 1, 2)


def test_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    result = store.add([analysis("a", TEXT_A), analysis("a-copy", TEXT_A)])
    assert (result.stored, result.skipped) == (1, 1)
    assert count(store, schema.documents) == 1


def test_an_id_taken_by_another_text_gets_a_suffix_and_reports_follow(store: Store) -> None:
    store.add([analysis("index", TEXT_A)])
    result = store.add([analysis("index", TEXT_B)])
    new_id = f"index~{Document(id='x', text=TEXT_B).content_hash[:12]}"
    assert result.stored_ids == [new_id]
    assert [r.event_id for r in store.reports(doc_id=new_id)] == [f"{new_id}:0"]
    assert store.document(new_id).text == TEXT_B
    assert store.document("index").text == TEXT_A


def test_failed_and_unstorable_analyses_are_counted_not_stored(store: Store) -> None:
    broken = Analysis(Document(id="bad", text="x"), (), error="bad: stage extract failed")
    surrogate = analysis("sur", "text with a lone surrogate \ud800 in it", n_reports=0)
    result = store.add([broken, surrogate, analysis("a", TEXT_A)])
    assert (result.stored, result.failed) == (1, 2)
    assert result.errors[0] == "bad: stage extract failed"
    assert result.errors[1].startswith("sur: text holds characters that are not valid Unicode")
    assert count(store, schema.documents) == 1


def test_hooks_run_inside_the_batch_transaction(store: Store) -> None:
    seen: list[tuple[list[str], list[str], int]] = []

    def hook(conn: sa.Connection, reports: Any, documents: Any) -> None:
        # The batch's own rows are visible to the hook: same transaction.
        n = conn.execute(sa.select(sa.func.count()).select_from(schema.reports)).scalar_one()
        seen.append(([r.event_id for r in reports], [d.id for d in documents], n))

    store.add([analysis("a", TEXT_A)], hooks=[hook])
    store.add([analysis("a", TEXT_A), analysis("b", TEXT_B)], hooks=[hook])
    assert seen == [(["a:0"], ["a"], 1), (["b:0"], ["b"], 2)]


def test_a_failing_hook_rolls_back_the_whole_batch(store: Store) -> None:
    def hook(conn: sa.Connection, reports: Any, documents: Any) -> None:
        raise RuntimeError("clustering bug")

    store.add([analysis("a", TEXT_A)])
    with pytest.raises(RuntimeError, match="clustering bug"):
        store.add([analysis("b", TEXT_B), analysis("c", TEXT_A + " More.")], hooks=[hook])
    assert count(store, schema.documents) == 1
    assert count(store, schema.reports) == 1
    assert count(store, schema.claims) == 2


def test_document_round_trips(store: Store) -> None:
    original = analysis("a", TEXT_A, title="Школа", url="https://example.org/a",
                        language="en", raw="<p>raw</p>", origin="/tmp/a.html").document
    store.add([Analysis(original)])
    assert store.document("a") == original
    assert store.document("zzz") is None


def test_document_found_by_unique_prefix_only(store: Store) -> None:
    store.add([analysis("alpha-1", TEXT_A), analysis("alpha-2", TEXT_B),
               analysis("beta", TEXT_A + "!")])
    assert store.document("bet").id == "beta"
    assert store.document("alpha") is None  # ambiguous
    assert store.document("%") is None  # LIKE wildcards are not wildcards here


def test_reports_filter_by_document_dates_and_type(store: Store) -> None:
    store.add([analysis("a", TEXT_A, n_reports=3), analysis("b", TEXT_B)])
    assert [r.event_id for r in store.reports(doc_id="b")] == ["b:0"]
    assert {r.event_id for r in store.reports(since="2022-08-07")} == {"a:0", "a:1", "b:0"}
    assert [r.event_id for r in store.reports(until=dt.date(2022, 8, 6))] == ["a:2"]
    assert len(store.reports(event_type="Shelling/artillery/missile attack")) == 4
    assert store.reports(event_type="Battles") == []
    first = store.reports(doc_id="a")[-1]
    assert first == analysis("a", TEXT_A, n_reports=1).reports[0]


NOW = dt.datetime(2022, 9, 1, tzinfo=dt.UTC)


def test_incidents_are_read_with_filters_and_found_by_show(store: Store) -> None:
    store.add([analysis("a", TEXT_A)])
    incidents = [
        Incident(incident_id="inc-1", event_type="Explosions/Remote violence",
                 date=dt.date(2022, 8, 8), status=Status.DISPUTED,
                 fatalities=Estimate(2, 2, 2), reports=("a:0",), documents=("a",),
                 location=Place("Kostiantynivka", lat=48.1, lon=37.5, admin1="Donetsk")),
        Incident(incident_id="inc-2", event_type="Battles", date=dt.date(2022, 7, 1)),
    ]
    with store.transaction() as conn:
        conn.execute(sa.insert(schema.incidents), [incident_row(i, NOW) for i in incidents])
        conn.execute(sa.insert(schema.incident_reports),
                     [{"incident_id": "inc-1", "event_id": "a:0", "reason": "first report"}])
    assert [i.incident_id for i in store.incidents()] == ["inc-2", "inc-1"]
    assert [i.incident_id for i in store.incidents(status="disputed")] == ["inc-1"]
    assert [i.incident_id for i in store.incidents(since="2022-08-01")] == ["inc-1"]
    assert [i.incident_id for i in store.incidents(event_type="Battles")] == ["inc-2"]
    assert store.incident("inc-1") == incidents[0]
    found = lookup(store, "inc-1")
    assert found is not None and found.kind == "incident"
    assert [r.event_id for r in found.reports] == ["a:0"]
    assert list(found.documents) == ["a"]
    assert store.sources(["a", "missing"]) == {"a": "Test Wire"}


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(StoreError, match="cannot write"), store.transaction() as conn:
        conn.execute(sa.insert(schema.reports), [{
            "event_id": "x:0", "doc_id": "no-such-document", "event_type": "Battles",
            "disputed": False, "data": {},
        }])


def test_stats_counts_rows(store: Store) -> None:
    store.add([analysis("a", TEXT_A, n_reports=2), analysis("b", TEXT_B, published="2022-03-01")])
    figures = store.stats()
    assert figures["counts"]["documents"] == 2
    assert figures["counts"]["reports"] == 3
    assert figures["counts"]["claims"] == 6
    assert figures["published_first"] == dt.date(2022, 3, 1)
    assert figures["published_last"] == dt.date(2022, 8, 8)
    assert figures["reports_by_type"] == {"Explosions/Remote violence": 3}


# -- engine -------------------------------------------------------------------------------


def test_make_engine_defaults_to_fogwatch_db_here(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    Store(make_engine(None)).create()
    assert (tmp_path / "fogwatch.db").exists()


def test_make_engine_takes_a_plain_path_and_sets_pragmas(tmp_path: Any) -> None:
    engine = make_engine(str(tmp_path / "x.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    assert (tmp_path / "x.db").exists()


def test_make_engine_points_bare_postgresql_urls_at_psycopg3() -> None:
    engine = make_engine("postgresql://u:secret@db.example/fw")
    assert engine.url.drivername == "postgresql+psycopg"
    assert "secret" not in Store(engine).url


def test_a_bad_url_is_a_store_error_with_a_hint() -> None:
    with pytest.raises(StoreError, match="nosuchdb") as caught:
        make_engine("nosuchdb://x/y")
    assert caught.value.hint and "SQLAlchemy URL" in caught.value.hint


def test_an_unopenable_database_is_a_store_error(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="unable to open") as caught:
        Store(str(tmp_path / "missing-folder" / "x.db")).create()
    assert "folder exists" in (caught.value.hint or "")


@pytest.mark.postgres
def test_postgres_refusal_is_a_store_error_naming_the_server(postgres_server: Any) -> None:
    url = postgres_server.url("no_such_database")
    with pytest.raises(StoreError, match="no_such_database"):
        Store(url).create()


@pytest.mark.postgres
def test_nul_characters_fail_one_document_on_postgresql(postgres_url: str) -> None:
    store = Store(postgres_url).create()
    result = store.add([analysis("nul", "a NUL \x00 inside", n_reports=0),
                        analysis("a", TEXT_A)])
    assert (result.stored, result.failed) == (1, 1)
    assert "NUL" in result.errors[0]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
               max_size=40).filter(lambda s: "://" not in s and s.strip() == s))
def test_normalise_url_reads_any_path_as_an_sqlite_file_and_is_idempotent(path: str) -> None:
    url = normalise_url(path)
    assert url == f"sqlite:///{path}"
    assert normalise_url(url) == url
    assert make_url(url).get_backend_name() == "sqlite"
    assert make_engine(path).url.database == path


def test_undated_reports_come_last_on_every_backend(store: Store) -> None:
    undated = Report(event_id="u:0", doc_id="u", event_type="Battles")
    store.add([Analysis(Document(id="u", text="An undated clash."), (undated,)),
               analysis("a", TEXT_A, n_reports=2)])
    assert [r.event_id for r in store.reports()] == ["a:1", "a:0", "u:0"]


def test_a_document_that_breaks_a_constraint_fails_alone(store: Store) -> None:
    broken = analysis("twice", TEXT_B, n_reports=1)
    report = broken.reports[0]
    broken = Analysis(broken.document, (report, report))  # the same event id twice
    result = store.add([analysis("a", TEXT_A), broken, analysis("c", TEXT_A + " Later.")])
    assert (result.stored, result.failed) == (2, 1)
    assert result.errors[0].startswith("twice: cannot be stored:")
    with store.engine.connect() as conn:
        ids = set(conn.execute(sa.select(schema.documents.c.id)).scalars())
    assert ids == {"a", "c"}


def test_create_adds_columns_and_indexes_missing_from_an_older_database(
    store_url: str,
) -> None:
    """A database written by an older fogwatch gains the new columns, keeping its rows."""
    engine = make_engine(store_url)
    Store(engine).create()
    Store(engine).add([analysis("old", "Shelling hit Novoselivka on Monday.")])
    with engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_incidents_status"))
        conn.execute(sa.text("ALTER TABLE documents DROP COLUMN minhash"))
    assert "minhash" not in {c["name"] for c in sa.inspect(engine).get_columns("documents")}

    Store(engine).create()

    inspector = sa.inspect(engine)
    assert "minhash" in {c["name"] for c in inspector.get_columns("documents")}
    assert ("status",) in {tuple(ix["column_names"]) for ix in inspector.get_indexes("incidents")}
    assert count(Store(engine), schema.documents) == 1
    engine.dispose()
