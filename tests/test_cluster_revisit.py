"""Recent days weigh more in a date range, lone reports are placed again a day later, and
a generic weapon word does not contradict a named system.

The scenario of the revisit tests: on Sunday two strikes hit Alchevsk (one told with
HIMARS, one with Shahed drones) and a third report names neither weapon, only a time,
so it fits both equally and stays alone. On Monday a report gives the HIMARS strike a
time 45 minutes from the lone one's: placed again, the lone report now joins it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from cluster_helpers import D, place, rep
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from fogwatch import cluster as C
from fogwatch.cluster import Clusterer, features_of, incident_id_for, overlap_score
from fogwatch.model import Document, Report, Weapon, class_covers
from fogwatch.pipeline import Analysis
from fogwatch.store import Store, make_engine, schema
from fogwatch.store.queries import incident_detail

MONDAY = D + dt.timedelta(days=1)


def feats(r: Report, published: dt.date) -> C.Features:
    f = features_of(r, published)
    assert f is not None
    return f


def sunday() -> list[Report]:
    return [rep("a:0", weapons=("HIMARS",)), rep("b:0", weapons=("Shahed",)),
            rep("x:0", time="19:30")]


def monday() -> list[Report]:
    return [rep("y:0", weapons=("HIMARS",), time="18:45")]


def groups(c: Clusterer) -> list[set[str]]:
    return sorted((set(i.members) for i in c.incidents.values()), key=sorted)


# -- recency -------------------------------------------------------------------------


def test_a_range_weighs_the_days_just_before_publication_most() -> None:
    day = D.toordinal()
    week = (day - 6, day)
    yesterday = overlap_score(*week, day, day - 1, day - 1)
    first = overlap_score(*week, day, day - 6, day - 6)
    assert yesterday > first
    # every day of the range shared: as good as the same day
    assert overlap_score(*week, day, *week) == pytest.approx(C.SAME_DAY_SCORE)
    # without a publication day every day of the range weighs the same
    assert overlap_score(*week, None, day - 1, day - 1) == overlap_score(
        *week, None, day - 6, day - 6) == pytest.approx(
        C.SAME_DAY_SCORE - C.DATE_WIDTH_WEIGHT * 1.9459101, abs=1e-6)


@given(st.integers(0, 40), st.integers(-2, 45), st.data())
def test_sharing_more_days_of_a_range_never_scores_less(width: int, published_after: int,
                                                         data: st.DataObject) -> None:
    start = 738000
    end = start + width
    published = start + published_after
    lo = data.draw(st.integers(start, end))
    hi = data.draw(st.integers(lo, end))
    score = overlap_score(start, end, published, lo, hi)
    assert score <= C.SAME_DAY_SCORE + 1e-9
    if hi < end:
        assert overlap_score(start, end, published, lo, hi + 1) >= score - 1e-12
    if lo > start:
        assert overlap_score(start, end, published, lo - 1, hi) >= score - 1e-12


def test_this_week_joins_the_strike_of_the_day_before_not_the_one_days_earlier() -> None:
    published = D + dt.timedelta(days=6)
    c = Clusterer()
    c.add(feats(rep("early:0", day=D), D + dt.timedelta(days=1)))
    c.add(feats(rep("late:0", day=D + dt.timedelta(days=5)), published))
    d = c.add(feats(rep("week:0", day=None, date_range=(D, published)), published))
    assert d.incident_id == incident_id_for("late:0")
    # the same report with no publication day weighs both alike: it joins neither
    c = Clusterer()
    c.add(feats(rep("early:0", day=D), D + dt.timedelta(days=1)))
    c.add(feats(rep("late:0", day=D + dt.timedelta(days=5)), published))
    f = features_of(rep("week:0", day=None, date_range=(D, published)))
    assert f is not None and c.add(f).created


# -- revisit -------------------------------------------------------------------------


def test_a_lone_report_joins_the_incident_a_later_report_made_clear() -> None:
    c = Clusterer()
    c.add_all([feats(r, D) for r in sunday()], D.toordinal())
    assert groups(c) == [{"a:0"}, {"b:0"}, {"x:0"}]  # x fits a and b alike
    decisions = c.add_all([feats(r, MONDAY) for r in monday()], MONDAY.toordinal())
    assert groups(c) == [{"a:0", "x:0", "y:0"}, {"b:0"}]
    assert c.moved == {incident_id_for("x:0"): incident_id_for("a:0")}
    assert c.dropped == {incident_id_for("x:0")}
    assert decisions[-1].event_id == "x:0" and decisions[-1].reason.startswith(
        f"placed again after later reports (was {incident_id_for('x:0')}), same day")


def test_without_the_batch_day_nothing_is_placed_again() -> None:
    c = Clusterer()
    c.add_all([feats(r, D) for r in sunday()], D.toordinal())
    c.add_all([feats(r, MONDAY) for r in monday()])
    assert groups(c) == [{"a:0", "y:0"}, {"b:0"}, {"x:0"}]
    assert c.moved == {}


def test_a_lone_report_still_alone_keeps_its_incident_id() -> None:
    c = Clusterer()
    c.add_all([feats(r, D) for r in sunday()], D.toordinal())
    # Monday's report is about Kharkiv: nothing new for x, which reopens its own id
    c.add_all([feats(rep("k:0", where=place("Kharkiv")), MONDAY)], MONDAY.toordinal())
    assert c.event_incident["x:0"] == incident_id_for("x:0")
    assert c.moved == {} and c.dropped == set()


def test_lone_reports_are_placed_again_only_for_revisit_days() -> None:
    c = Clusterer()
    c.add_all([feats(r, D) for r in sunday()], D.toordinal())
    later = D + dt.timedelta(days=C.REVISIT_DAYS + 1)
    y = dataclasses.replace(monday()[0], date=D, date_range=(D, D))
    c.add_all([feats(y, later)], later.toordinal())
    # too late: x was forgotten, so it stays where it was
    assert {"x:0"} in groups(c)
    assert c.moved == {}


# -- through the store ---------------------------------------------------------------


def _analysis(doc_id: str, published: dt.date, report: Report) -> Analysis:
    document = Document(id=doc_id, text=f"Report {doc_id} of strikes on Alchevsk.",
                        published=published.isoformat(), source=f"Outlet {doc_id}")
    return Analysis(document, (dataclasses.replace(report, doc_id=doc_id),))


def test_store_drops_the_lone_incident_and_keeps_its_id_as_an_alias(store_url: str) -> None:
    store = Store(make_engine(store_url)).create()
    hooks = [C.update_incidents]
    store.add([_analysis(r.doc_id, D, r) for r in sunday()], hooks=hooks)
    old = incident_id_for("x:0")
    assert store.incident(old) is not None
    store.add([_analysis("y", MONDAY, monday()[0])], hooks=hooks)

    incidents = {i.incident_id: i for i in store.incidents()}
    assert set(incidents) == {incident_id_for("a:0"), incident_id_for("b:0")}
    assert set(incidents[incident_id_for("a:0")].reports) == {"a:0", "x:0", "y:0"}
    # the old id still finds the incident its report went to
    moved = store.incident(old)
    assert moved is not None and moved.incident_id == incident_id_for("a:0")
    with store.connect() as conn:
        detail = incident_detail(conn, old)
        assert detail is not None and detail["incident"]["incident_id"] == incident_id_for("a:0")
        a = schema.incident_aliases
        assert conn.execute(select(a.c.alias, a.c.incident_id)).all() == [
            (old, incident_id_for("a:0"))]
        h = schema.incident_history
        assert conn.execute(select(h.c.id).where(h.c.incident_id == old)).all() == []
        ir = schema.incident_reports
        assert conn.execute(select(ir.c.incident_id).where(ir.c.event_id == "x:0")
                            ).scalar_one() == incident_id_for("a:0")


# -- generic weapon words ------------------------------------------------------------


def _armed(event_id: str, *weapons: Weapon) -> Report:
    return dataclasses.replace(rep(event_id), weapons=weapons)


MISSILES = Weapon("missile", "missile", generic=True)
DRONES = Weapon("drone", "drone", generic=True)
ISKANDER = Weapon("Iskander", "ballistic missile")


def _score_against(told: Report, new: Report) -> tuple[float, list[str]]:
    c = Clusterer()
    c.add(feats(told, D))
    got = C.compatibility(feats(new, D), c.incidents[incident_id_for(told.event_id)])
    assert got is not None
    return got


def test_a_generic_word_agrees_with_a_named_system_it_can_stand_for() -> None:
    plain = _score_against(_armed("named:0", ISKANDER), rep("plain:0"))
    loose = _score_against(_armed("named:0", ISKANDER), _armed("loose:0", MISSILES))
    assert loose[0] == pytest.approx(plain[0] + C.WEAPON_SCORE)
    assert loose[1][-1] == "missile and Iskander"
    # either way round: the incident told with the generic word
    named = _score_against(_armed("loose:0", MISSILES), _armed("named:0", ISKANDER))
    assert named[0] == pytest.approx(plain[0] + C.WEAPON_SCORE)
    assert named[1][-1] == "missile and Iskander"


def test_a_generic_word_beside_another_named_system_neither_agrees_nor_contradicts() -> None:
    plain = _score_against(_armed("named:0", ISKANDER), rep("plain:0"))
    drones = _score_against(_armed("named:0", ISKANDER), _armed("loose:0", DRONES))
    assert drones[0] == pytest.approx(plain[0])
    assert drones[1][-1] == "a generic weapon beside a named one"


@pytest.mark.parametrize(("kind", "cls", "covers"), [
    ("missile", "ballistic missile", True), ("missile", "MLRS", True),
    ("missile", "cruise missile", True), ("cruise missile", "cruise missile", True),
    ("drone", "ballistic missile", False), ("artillery", "MLRS", False),
    ("cruise missile", "ballistic missile", False),
])
def test_which_classes_a_generic_word_covers(kind: str, cls: str, covers: bool) -> None:
    assert class_covers(kind, cls) is covers


def test_two_generic_words_of_other_kinds_still_differ() -> None:
    c = Clusterer()
    c.add(feats(_armed("drones:0", DRONES), D))
    got = C.compatibility(feats(_armed("missiles:0", MISSILES), D),
                          c.incidents[incident_id_for("drones:0")])
    plain = C.compatibility(feats(rep("plain:0"), D), c.incidents[incident_id_for("drones:0")])
    assert got is not None and plain is not None
    assert got[0] == pytest.approx(plain[0] + C.WEAPON_MISMATCH)
    assert "different weapons named" in got[1]


def test_generic_flag_is_written_only_when_true() -> None:
    assert MISSILES.to_dict() == {"name": "missile", "class": "missile", "generic": True}
    assert ISKANDER.to_dict() == {"name": "Iskander", "class": "ballistic missile"}
    assert Weapon.from_dict(MISSILES.to_dict()) == MISSILES
    assert Weapon.from_dict(ISKANDER.to_dict()) == ISKANDER


def test_show_with_an_old_id_says_where_its_report_went(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fogwatch.db'}"
    store = Store(make_engine(url)).create()
    store.add([_analysis(r.doc_id, D, r) for r in sunday()], hooks=[C.update_incidents])
    store.add([_analysis("y", MONDAY, monday()[0])], hooks=[C.update_incidents])
    old, new = incident_id_for("x:0"), incident_id_for("a:0")
    done = subprocess.run([sys.executable, "-m", "fogwatch.cli", "show", old, "--db", url],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"{old} is an old id: its only report joined {new}"
    assert new in done.stdout and "x:0" in done.stdout
