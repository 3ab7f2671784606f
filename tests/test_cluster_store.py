"""Clustering through the real store (SQLite and PostgreSQL): batches, copies, history.

Reports are built by hand (the extractor is tested elsewhere); documents carry short
texts written for these tests so that syndication runs on real text.
"""

from __future__ import annotations

import dataclasses

from cluster_helpers import claim, place, rep
from sqlalchemy import select

from fogwatch.cluster import incident_id_for, update_incidents
from fogwatch.model import Document, Report, Status
from fogwatch.pipeline import Analysis
from fogwatch.store import Store, make_engine, schema
from fogwatch.store.incidents import history, links

WIRE = (
    "A rocket strike hit a residential block in the eastern town of Alchevsk on Sunday "
    "evening, killing one man and wounding fourteen people, officials installed by Moscow "
    "said. They blamed Ukrainian forces and said HIMARS launchers were used. The agency "
    "could not independently verify the account."
)


def doc(doc_id: str, text: str, published: str, source: str) -> Document:
    return Document(id=doc_id, text=text, published=published, source=source)


def analysis(document: Document, *reports: Report) -> Analysis:
    return Analysis(document, tuple(dataclasses.replace(r, doc_id=document.id)
                                    for r in reports))


def strike(event_id: str, **kw: object) -> Report:
    return rep(event_id, weapons=("HIMARS",), attacker="UA", time="18:45", **kw)  # type: ignore[arg-type]


def test_party_wire_copies_and_denial_make_one_disputed_incident(store_url: str) -> None:
    store = Store(make_engine(store_url)).create()
    hooks = [update_incidents]
    jccc = analysis(doc("jccc", "The JCCC office reports that at 18:45 the Ukrainian armed "
                            "formations fired HIMARS rockets at Alchevsk.", "2022-08-07T19:30",
                        "JCCC"),
                    strike("jccc:0", claims=(claim("JCCC", "RU"),)))
    store.add([jccc], hooks=hooks)
    wire = analysis(doc("wire", WIRE, "2022-08-08T08:00", "Wire"),
                    strike("wire:0", fatalities=1, injured=14))
    copy1 = analysis(doc("copy1", "Eastern Herald: " + WIRE + " More news below.",
                         "2022-08-08T10:00", "Eastern Herald"),
                     strike("copy1:0", fatalities=1, injured=14))
    copy2 = analysis(doc("copy2", WIRE.replace("Sunday evening", "Sunday night"),
                         "2022-08-08T11:00", "Daily Post"),
                     strike("copy2:0", fatalities=1, injured=14))
    store.add([copy2, wire, copy1], hooks=hooks)
    denial = analysis(doc("genstaff", "The General Staff calls the reports of a strike on homes "
                          "in Alchevsk a fake: our forces hit only military targets.",
                          "2022-08-08T12:00", "General Staff"),
                      rep("genstaff:0", weapons=("HIMARS",), attacker="UA",
                          claims=(claim("General Staff", "UA", "denies"),)))
    store.add([denial], hooks=hooks)

    found = store.incidents()
    assert len(found) == 1
    inc = found[0]
    assert inc.incident_id == incident_id_for("jccc:0")
    assert set(inc.documents) == {"jccc", "wire", "copy1", "copy2", "genstaff"}
    assert inc.independent_sources == 3  # JCCC, the wire, the General Staff
    assert inc.status is Status.DISPUTED
    assert inc.fatalities.best == 1 and inc.injured.best == 14
    assert [(h.status, h.doc_id) for h in inc.history] == [
        (Status.CLAIMED, "jccc"), (Status.CORROBORATED, "wire"), (Status.DISPUTED, "genstaff")]

    with store.connect() as conn:
        d = schema.documents
        copies = dict(conn.execute(select(d.c.id, d.c.copy_of)).all())
        assert copies == {"jccc": None, "wire": None, "copy1": "wire", "copy2": "wire",
                          "genstaff": None}
        got = {x.event_id: x.reason for x in links(conn, inc.incident_id)}
        assert got["jccc:0"] == "first report"
        assert got["copy1:0"].startswith("syndicated copy of wire:0")
        assert "both HIMARS" in got["wire:0"] and "both at 18:45" in got["wire:0"]
        assert [h["status"] for h in history(conn, inc.incident_id)] == [
            "claimed", "corroborated", "disputed"]

    # Re-ingesting the same documents changes nothing.
    result = store.add([jccc, wire, copy1, copy2, denial], hooks=hooks)
    assert result.stored == 0 and result.skipped == 5
    again = store.incidents()
    assert [i.to_dict() for i in again] == [inc.to_dict()]
    store.close()


def test_two_strikes_and_an_oblast_only_report_across_batches(store_url: str) -> None:
    store = Store(make_engine(store_url)).create()
    hooks = [update_incidents]
    a = analysis(doc("a", "HIMARS hit Alchevsk.", "2022-08-07T20:00", "A"),
                 rep("a:0", weapons=("HIMARS",)))
    b = analysis(doc("b", "A Shahed drone hit Alchevsk.", "2022-08-07T21:00", "B"),
                 rep("b:0", weapons=("Shahed",)))
    store.add([a, b], hooks=hooks)
    assert len(store.incidents()) == 2
    # An oblast-only report: two incidents in Luhansk oblast compete, so it stands alone.
    c = analysis(doc("c", "Shelling in Luhansk region.", "2022-08-08T09:00", "C"),
                 rep("c:0", where=place(None, admin1="Luhansk")))
    store.add([c], hooks=hooks)
    assert len(store.incidents()) == 3
    # In Kharkiv oblast only one incident: the oblast-only report joins it.
    k = analysis(doc("k", "Strike on Kharkiv.", "2022-08-07T22:00", "K"),
                 rep("k:0", where=place("Kharkiv")))
    store.add([k], hooks=hooks)
    ko = analysis(doc("ko", "Strike in Kharkiv region.", "2022-08-08T09:00", "KO"),
                  rep("ko:0", where=place(None, admin1="Kharkiv")))
    store.add([ko], hooks=hooks)
    kharkiv = [i for i in store.incidents() if i.location and i.location.admin1 == "Kharkiv"]
    assert len(kharkiv) == 1 and set(kharkiv[0].reports) == {"k:0", "ko:0"}
    assert kharkiv[0].location.name == "Kharkiv"  # type: ignore[union-attr]
    assert store.incidents(status="claimed") != []
    store.close()


def test_report_without_any_date_stands_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(make_engine(f"sqlite:///{tmp_path / 'f.db'}")).create()
    undated = Document(id="u", text="Shelling was reported in Alchevsk at some point.")
    store.add([analysis(undated, rep("u:0", day=None))], hooks=[update_incidents])
    store.add([analysis(doc("v", "Alchevsk shelled.", "2022-08-07T10:00", "V"), rep("v:0"))],
              hooks=[update_incidents])
    found = {i.incident_id: i for i in store.incidents()}
    assert set(found) == {incident_id_for("u:0"), incident_id_for("v:0")}
    assert found[incident_id_for("u:0")].date_range is None
    store.close()


def test_recluster_gives_the_same_incidents(store_url: str) -> None:
    from fogwatch.store.incidents import recluster

    store = Store(make_engine(store_url)).create()
    hooks = [update_incidents]
    store.add([analysis(doc("a", WIRE, "2022-08-08T08:00", "Wire"), strike("a:0", fatalities=1)),
               analysis(doc("b", "Eastern Herald: " + WIRE, "2022-08-08T09:00", "Herald"),
                        strike("b:0", fatalities=1))], hooks=hooks)
    store.add([analysis(doc("c", "Kyiv denies the strike on Alchevsk.", "2022-08-08T10:00",
                            "Kyiv"),
                        rep("c:0", weapons=("HIMARS",),
                            claims=(claim("General Staff", "UA", "denies"),))),
               analysis(doc("k", "Strike on Kharkiv.", "2022-08-07T22:00", "K"),
                        rep("k:0", where=place("Kharkiv")))], hooks=hooks)
    before = {i.incident_id: (set(i.reports), i.status, i.independent_sources)
              for i in store.incidents()}
    assert recluster(store, batch_size=1) == 2
    after = {i.incident_id: (set(i.reports), i.status, i.independent_sources)
             for i in store.incidents()}
    assert after == before
    assert before[incident_id_for("a:0")] == ({"a:0", "b:0", "c:0"}, Status.DISPUTED, 2)
    store.close()


def test_signatures_are_kept_and_stored_texts_not_rehashed(store_url: str) -> None:
    from sqlalchemy import update

    from fogwatch.syndication import decode, signature

    store = Store(make_engine(store_url)).create()
    store.add([analysis(doc("wire", WIRE, "2022-08-08T08:00", "Wire"), strike("wire:0"))],
              hooks=[update_incidents])
    d = schema.documents
    with store.transaction() as conn:
        kept = conn.execute(select(d.c.minhash).where(d.c.id == "wire")).scalar_one()
        assert decode(kept).jaccard(signature(WIRE)) == 1.0
        # blank the stored text: a copy can then only be found through the kept signature
        conn.execute(update(d).where(d.c.id == "wire").values(text=""))
    store.add([analysis(doc("copy", "Herald: " + WIRE, "2022-08-08T10:00", "Herald"),
                        strike("copy:0"))], hooks=[update_incidents])
    with store.connect() as conn:
        rows = dict(conn.execute(select(d.c.id, d.c.copy_of)).tuples().all())
    assert rows == {"wire": None, "copy": "wire"}
