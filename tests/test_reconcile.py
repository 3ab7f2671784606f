"""Reconciliation: fields, UCDP-style figures and status from hand-made reports."""

from __future__ import annotations

import datetime as dt

from cluster_helpers import D, claim, place, rep

from fogwatch.model import Estimate, Status
from fogwatch.reconcile import DocInfo, estimate, reconcile


def docs(*items: tuple[str, str, str | None]) -> dict[str, DocInfo]:
    """(doc_id, source, copy_of) -> DocInfo, published in the given order."""
    return {d: DocInfo(d, s, f"2022-08-08T0{n}:00", c) for n, (d, s, c) in enumerate(items)}


def test_estimate_is_median_low_min_max_and_none_without_figures() -> None:
    assert estimate([]) == Estimate(None, None, None)
    assert estimate([3, 1, 10, 4]) == Estimate(best=3, low=1, high=10)
    assert estimate([0]) == Estimate(0, 0, 0)


def test_one_sides_sources_only_is_claimed() -> None:
    reports = [rep("a:0", claims=(claim("JCCC", "RU"),), fatalities=1),
               rep("b:0", claims=(claim("LPR prosecutor", "RU"),), fatalities=1)]
    inc = reconcile("inc_1", reports, docs(("a", "JCCC", None), ("b", "LPR", None)),
                    cause="b", at="t1")
    assert inc.status is Status.CLAIMED
    assert inc.independent_sources == 2
    assert inc.fatalities == Estimate(1, 1, 1)
    assert [h.status for h in inc.history] == [Status.CLAIMED]
    assert inc.history[0].doc_id == "b"


def test_party_plus_independent_media_is_corroborated() -> None:
    reports = [rep("a:0", claims=(claim("JCCC", "RU"),)),
               rep("b:0", claims=())]  # the outlet's own reporting
    inc = reconcile("inc_1", reports, docs(("a", "JCCC", None), ("b", "BBC", None)))
    assert inc.status is Status.CORROBORATED


def test_denial_makes_it_disputed_and_history_records_the_change() -> None:
    first = reconcile("inc_1", [rep("a:0", claims=(claim("MoD", "RU"),)), rep("b:0")],
                      docs(("a", "MoD", None), ("b", "AP", None)), cause="b", at="t1")
    assert first.status is Status.CORROBORATED
    reports = [rep("a:0", claims=(claim("MoD", "RU"),)), rep("b:0"),
               rep("c:0", claims=(claim("General Staff", "UA", "denies"),))]
    second = reconcile("inc_1", reports, docs(("a", "MoD", None), ("b", "AP", None),
                                              ("c", "GS", None)),
                       previous=first, cause="c", at="t2")
    assert second.status is Status.DISPUTED
    assert [(h.status, h.doc_id, h.at) for h in second.history] == [
        (Status.CORROBORATED, "b", "t1"), (Status.DISPUTED, "c", "t2")]
    assert "General Staff (UA) denies it" in second.history[-1].reason
    # nothing new changes the status: no new history entry
    third = reconcile("inc_1", reports, docs(("a", "MoD", None), ("b", "AP", None),
                                             ("c", "GS", None)), previous=second, cause="c")
    assert third.history == second.history


def test_conflicting_figures_are_disputed_but_rising_small_ones_are_not() -> None:
    small = reconcile("i", [rep("a:0", fatalities=1), rep("b:0", fatalities=3)],
                      docs(("a", "A", None), ("b", "B", None)))
    assert small.status is not Status.DISPUTED  # 1 vs 3: within the margin of 2
    big = reconcile("i", [rep("a:0", fatalities=4), rep("b:0", fatalities=12)],
                    docs(("a", "A", None), ("b", "B", None)))
    assert big.status is Status.DISPUTED
    assert big.fatalities == Estimate(best=4, low=4, high=12)


def test_copies_add_no_source_and_no_figure() -> None:
    reports = [rep("wire:0", fatalities=2), rep("copy1:0", fatalities=2),
               rep("copy2:0", fatalities=20)]
    inc = reconcile("i", reports, docs(("wire", "Reuters", None), ("copy1", "X", "wire"),
                                       ("copy2", "Y", "wire")))
    assert inc.independent_sources == 1
    assert inc.fatalities == Estimate(2, 2, 2)
    assert set(inc.documents) == {"wire", "copy1", "copy2"}


def test_same_outlet_twice_is_one_source_with_its_latest_figure() -> None:
    reports = [rep("a1:0", fatalities=1), rep("a2:0", fatalities=3)]
    inc = reconcile("i", reports, docs(("a1", "TASS", None), ("a2", "TASS", None)))
    assert inc.independent_sources == 1
    assert inc.fatalities == Estimate(3, 3, 3)


def test_fields_most_precise_place_narrowest_dates_union_of_weapons_all_claims() -> None:
    reports = [
        rep("a:0", day=None, date_range=(D - dt.timedelta(days=1), D + dt.timedelta(days=1)),
            where=place(None, admin1="Luhansk"), weapons=("HIMARS",),
            claims=(claim("JCCC", "RU"),)),
        rep("b:0", where=place("Alchevsk"), weapons=("HIMARS", "Grad"),
            claims=(claim("JCCC", "RU"), claim("Kyiv", "UA", "denies"))),
    ]
    inc = reconcile("i", reports, docs(("a", "A", None), ("b", "B", None)))
    assert inc.location is not None and inc.location.name == "Alchevsk"
    assert inc.date_range == (D, D) and inc.date == D
    assert [w.name for w in inc.weapons] == ["HIMARS", "Grad"]
    assert [(c.claimant, c.stance.value) for c in inc.claims] == [
        ("JCCC", "asserts"), ("Kyiv", "denies")]
    assert inc.fatalities == Estimate() and inc.injured == Estimate()


def test_disagreeing_dates_keep_the_narrowest() -> None:
    reports = [rep("a:0", day=D), rep("b:0", day=None,
                                      date_range=(D + dt.timedelta(days=1),
                                                  D + dt.timedelta(days=3)))]
    inc = reconcile("i", reports, docs(("a", "A", None), ("b", "B", None)))
    assert inc.date_range == (D, D)


def test_dates_are_cut_at_the_publication_day() -> None:
    # "in August" told on 8 August cannot mean the 20th; a day's slack for time zones
    month = rep("a:0", day=None, date_range=(dt.date(2022, 8, 1), dt.date(2022, 8, 31)))
    inc = reconcile("i", [month], docs(("a", "A", None)))
    assert inc.date_range == (dt.date(2022, 8, 1), dt.date(2022, 8, 9))
    # without a publication date the range stays as told
    bare = reconcile("i", [month], {"a": DocInfo("a", "A")})
    assert bare.date_range == (dt.date(2022, 8, 1), dt.date(2022, 8, 31))
