"""Clustering of hand-made reports: the cases issue 5 names, and the vetoes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from cluster_helpers import D, claim, place, rep

from fogwatch.cluster import Clusterer, compatibility, features_of, incident_id_for
from fogwatch.model import Report


def run(reports: list[Report], copies: dict[str, list[str]] | None = None) -> Clusterer:
    c = Clusterer()
    for r in reports:
        f = features_of(r)
        assert f is not None
        c.add(f, (copies or {}).get(r.doc_id, ()))
    return c


def groups(c: Clusterer) -> list[set[str]]:
    return sorted((set(i.members) for i in c.incidents.values()), key=sorted)


def test_party_denial_wire_and_copies_are_one_incident() -> None:
    reports = [
        rep("jccc:0", weapons=("HIMARS",), attacker="UA", time="18:45", fatalities=1,
            claims=(claim("JCCC", "RU"),)),
        rep("genstaff:0", weapons=("HIMARS",), claims=(claim("General Staff", "UA", "denies"),)),
        rep("wire:0", weapons=("HIMARS",), attacker="UA", fatalities=1, injured=14,
            claims=(claim("LPR prosecutor", "RU"), claim("Kyiv", "UA", "denies"))),
        rep("outlet1:0", weapons=("HIMARS",), attacker="UA", fatalities=1, injured=14),
        rep("outlet2:0", weapons=("HIMARS",), attacker="UA", fatalities=1, injured=14),
    ]
    c = run(reports, copies={"outlet1": ["wire:0"], "outlet2": ["wire:0"]})
    assert groups(c) == [{"jccc:0", "genstaff:0", "wire:0", "outlet1:0", "outlet2:0"}]
    assert list(c.incidents) == [incident_id_for("jccc:0")]


def test_same_town_same_day_different_weapons_are_two_incidents() -> None:
    c = run([rep("a:0", weapons=("HIMARS",)), rep("b:0", weapons=("Shahed",))])
    assert groups(c) == [{"a:0"}, {"b:0"}]


def test_same_town_same_day_different_times_are_two_incidents() -> None:
    c = run([rep("a:0", time="18:45"), rep("b:0", time="06:10")])
    assert groups(c) == [{"a:0"}, {"b:0"}]


def test_same_time_within_an_hour_joins() -> None:
    c = run([rep("a:0", time="18:45"), rep("b:0", time="19:20")])
    assert groups(c) == [{"a:0", "b:0"}]


def test_reported_a_day_later_with_vaguer_date_joins() -> None:
    c = run([rep("a:0", weapons=("Grad",)),
             rep("b:0", day=None, date_range=(D - dt.timedelta(days=1), D + dt.timedelta(days=1)),
                 weapons=("Grad",))])
    assert groups(c) == [{"a:0", "b:0"}]
    decision = c.add(features_of(rep("c:0", day=D + dt.timedelta(days=1))))  # type: ignore[arg-type]
    assert decision.incident_id == incident_id_for("a:0")
    assert "1 day apart" in decision.reason


def test_two_days_apart_is_another_incident() -> None:
    c = run([rep("a:0"), rep("b:0", day=D + dt.timedelta(days=2))])
    assert len(c.incidents) == 2


def test_oblast_only_report_joins_the_only_candidate() -> None:
    c = run([rep("a:0", where=place("Alchevsk")),
             rep("b:0", where=place(None, admin1="Luhansk"))])
    assert groups(c) == [{"a:0", "b:0"}]
    d = [x for x in c.incidents.values()][0]
    assert d.precision == 1  # the precise place is kept


def test_oblast_only_report_stays_alone_when_two_compete() -> None:
    c = run([rep("a:0", where=place("Alchevsk")), rep("b:0", where=place("Luhansk")),
             rep("c:0", where=place(None, admin1="Luhansk"))])
    assert groups(c) == [{"a:0"}, {"b:0"}, {"c:0"}]


def test_oblast_only_report_ignores_other_oblasts() -> None:
    c = run([rep("a:0", where=place("Kharkiv")),
             rep("b:0", where=place(None, admin1="Luhansk"))])
    assert len(c.incidents) == 2


def test_precise_report_joins_a_lone_oblast_only_incident() -> None:
    c = run([rep("a:0", where=place(None, admin1="Luhansk")), rep("b:0")])
    assert groups(c) == [{"a:0", "b:0"}]


def test_one_documents_reports_never_merge() -> None:
    c = run([rep("a:0"), rep("a:1")])
    assert len(c.incidents) == 2


def test_attackers_on_different_sides_do_not_merge() -> None:
    c = run([rep("a:0", attacker="UA"), rep("b:0", attacker="RU")])
    assert len(c.incidents) == 2


def test_distance_limit_depends_on_precision() -> None:
    # Alchevsk and Stakhanov are ~15 km apart: too far for two settlement-precise
    # points whatever else agrees; within reach when one is only "near" (precision 2),
    # but then place alone is weak evidence and a shared weapon and time are needed.
    strong = {"weapons": ("HIMARS",), "time": "18:45"}
    far = run([rep("a:0", **strong), rep("b:0", where=place("Stakhanov"), **strong)])
    assert len(far.incidents) == 2
    weak = run([rep("a:0"), rep("b:0", where=place("Stakhanov", precision=2))])
    assert len(weak.incidents) == 2
    near = run([rep("a:0", **strong),
                rep("b:0", where=place("Stakhanov", precision=2), **strong)])
    assert len(near.incidents) == 1


def test_same_gazetteer_entry_counts_as_same_place() -> None:
    a = dataclasses.replace(place("Alchevsk"), geonameid=713716)
    c = Clusterer()
    c.add(features_of(rep("a:0", where=a)))  # type: ignore[arg-type]
    d = c.add(features_of(rep("b:0", where=a, day=None,  # type: ignore[arg-type]
                              date_range=(D, D + dt.timedelta(days=6)))))
    assert not d.created and "same place" in d.reason


def test_other_event_type_never_merges() -> None:
    c = run([rep("a:0"), rep("b:0", event_type="Battles", sub_event_type="Armed clash")])
    assert len(c.incidents) == 2


def test_rising_casualty_figures_still_join_with_reason() -> None:
    c = run([rep("a:0", fatalities=1, weapons=("HIMARS",)),
             rep("b:0", fatalities=30, weapons=("HIMARS",))])
    assert len(c.incidents) == 1
    f = features_of(rep("c:0", fatalities=200))
    got = compatibility(f, next(iter(c.incidents.values())))  # type: ignore[arg-type]
    assert got is not None and any("killed figures differ" in x for x in got[1])


def test_merge_reason_names_the_evidence() -> None:
    c = Clusterer()
    c.add(features_of(rep("a:0", weapons=("HIMARS",), attacker="UA")))  # type: ignore[arg-type]
    d = c.add(features_of(rep("b:0", weapons=("HIMARS",), attacker="UA")))  # type: ignore[arg-type]
    assert d.reason == "same day, 0 km apart, both HIMARS, both UA attacker"
    assert not d.created


def test_ids_are_stable_and_re_adding_is_a_no_op() -> None:
    reports = [rep("a:0"), rep("b:0"), rep("c:0", where=place("Kharkiv"))]
    first, second = run(reports), run(reports)
    assert set(first.incidents) == set(second.incidents)
    assert set(first.incidents) == {incident_id_for("a:0"), incident_id_for("c:0")}
    again = first.add(features_of(reports[1]))  # type: ignore[arg-type]
    assert again.reason == "already" and len(first.incidents["inc_" + again.incident_id[4:]]
                                             .members) == 2


def test_report_without_date_uses_publication_day() -> None:
    r = rep("a:0", day=None)
    assert features_of(r) is None
    f = features_of(r, D)
    assert f is not None and (f.start, f.end) == (D.toordinal() - 1, D.toordinal())


def test_seeded_incident_is_found_again() -> None:
    c = Clusterer()
    c.seed("inc_x", [features_of(rep("a:0", weapons=("HIMARS",)))])  # type: ignore[list-item]
    d = c.add(features_of(rep("b:0", weapons=("HIMARS",))))  # type: ignore[arg-type]
    assert d.incident_id == "inc_x" and c.touched == {"inc_x"}


def _score(new: Report, old: Report) -> tuple[float, list[str]] | None:
    c = Clusterer()
    c.add(features_of(old))  # type: ignore[arg-type]
    return compatibility(features_of(new), next(iter(c.incidents.values())))  # type: ignore[arg-type]


def test_score_parts_are_the_named_weights() -> None:
    import pytest

    from fogwatch import cluster as C

    same = _score(rep("b:0"), rep("a:0"))
    assert same == (pytest.approx(C.SAME_DAY_SCORE + C.PLACE_NEAR + C.SUBTYPE_SCORE),
                    ["same day", "0 km apart"])
    # a day's gap between two exact days is evidence against, not merely less for
    gap = _score(rep("b:0", day=D + dt.timedelta(days=1)), rep("a:0"))
    assert gap is not None and gap[0] == pytest.approx(
        C.GAP_EXACT_SCORE + C.PLACE_NEAR + C.SUBTYPE_SCORE) and gap[1][0] == "1 day apart"
    other = _score(rep("b:0", sub_event_type="Air/drone strike"), rep("a:0"))
    assert other is not None and other[0] == pytest.approx(
        C.SAME_DAY_SCORE + C.PLACE_NEAR + C.SUBTYPE_MISMATCH)
    assert "sub-event types differ" in other[1]
    clock = _score(rep("b:0", time="18:50"), rep("a:0", time="18:45"))
    assert clock is not None and clock[0] == pytest.approx(same[0] + C.CLOCK_CLOSE_SCORE)
    toll = _score(rep("b:0", fatalities=3), rep("a:0", fatalities=3))
    assert toll is not None and toll[0] == pytest.approx(
        same[0] + C.SAME_TOLL_SCORE + C.TOLL_SIZE_WEIGHT * math.log(4))
    # a large shared toll says more than a small one (most strikes kill one or two)
    big = _score(rep("b:0", fatalities=14), rep("a:0", fatalities=14))
    one = _score(rep("b:0", fatalities=1), rep("a:0", fatalities=1))
    assert big is not None and one is not None and big[0] > toll[0] > one[0] > same[0]
    far = _score(rep("b:0", fatalities=40), rep("a:0", fatalities=2))
    assert far is not None and far[0] == pytest.approx(same[0] + C.TOLL_MISMATCH)


def test_place_limit_is_the_sum_of_both_radii() -> None:
    from fogwatch import cluster as C

    # a point 7 km north of Alchevsk: beyond two settlement radii (3 + 3 km), within
    # a settlement's and a "near" place's (3 + 12 km), scored on the way down
    north = dataclasses.replace(place("Alchevsk"), lat=48.46906 + 7 / 111.2)
    assert _score(rep("b:0", where=north), rep("a:0")) is None
    near = dataclasses.replace(north, geo_precision=2)
    got = _score(rep("b:0", where=near), rep("a:0"))
    assert got is not None and got[1][1] == "7 km apart"
    expected = C.PLACE_NEAR + (C.PLACE_FAR - C.PLACE_NEAR) * 7 / 15
    assert abs(got[0] - (C.SAME_DAY_SCORE + expected + C.SUBTYPE_SCORE)) < 0.02


def test_batch_places_precise_reports_before_vague_ones() -> None:
    # Given first, the vague report (a week, "near" a town) would start an incident and
    # the settlement-precise one, scoring it too low, would start another.
    week = (D - dt.timedelta(days=3), D + dt.timedelta(days=3))
    vague = rep("v:0", day=None, date_range=week,
                where=place("Stakhanov", precision=2))
    precise = rep("p:0", where=place("Alchevsk"), weapons=("HIMARS",))
    c = Clusterer()
    decisions = c.add_all([features_of(vague), features_of(precise)])  # type: ignore[list-item]
    assert [d.event_id for d in decisions] == ["p:0", "v:0"]
    assert [d.created for d in decisions] == [True, True]  # 15 km: too weak on its own
    c2 = Clusterer()
    near = rep("v:0", day=None, date_range=week, where=place("Alchevsk", precision=2),
               weapons=("HIMARS",))
    got = c2.add_all([features_of(near), features_of(precise)])  # type: ignore[list-item]
    assert [(d.event_id, d.incident_id) for d in got] == [
        ("p:0", incident_id_for("p:0")), ("v:0", incident_id_for("p:0"))]


def test_sub_type_is_compared_with_the_most_told_one() -> None:
    from fogwatch import cluster as C

    c = Clusterer()
    for r in (rep("a:0"), rep("b:0"), rep("x:0", sub_event_type="Air/drone strike")):
        c.add(features_of(r))  # type: ignore[arg-type]
    inc = next(iter(c.incidents.values()))
    assert inc.sub_event_types == {"Shelling/artillery/missile attack": 2,
                                   "Air/drone strike": 1}
    # one confused telling does not open the incident to every air strike in town
    air = compatibility(features_of(rep("y:0", sub_event_type="Air/drone strike")), inc)  # type: ignore[arg-type]
    shell = compatibility(features_of(rep("z:0")), inc)  # type: ignore[arg-type]
    assert air is not None and shell is not None
    assert shell[0] - air[0] == C.SUBTYPE_SCORE - C.SUBTYPE_MISMATCH


def test_clock_times_an_hour_or_more_apart_add_nothing() -> None:
    from fogwatch import cluster as C

    base = _score(rep("b:0"), rep("a:0"))
    close = _score(rep("b:0", time="19:10"), rep("a:0", time="18:45"))
    hour = _score(rep("b:0", time="19:40"), rep("a:0", time="18:45"))
    late = _score(rep("b:0", time="20:30"), rep("a:0", time="18:45"))
    assert base and close and hour and late
    assert [round(x[0] - base[0], 6) for x in (close, hour, late)] == [
        C.CLOCK_CLOSE_SCORE, C.CLOCK_SCORE, C.CLOCK_FAR_SCORE]
    assert late[1][-1] == "times 105 min apart"
    assert _score(rep("b:0", time="20:50"), rep("a:0", time="18:45")) is None


def test_target_category_and_injured_figures_are_evidence() -> None:
    from fogwatch import cluster as C
    from fogwatch.model import Target

    home = Target("a block of flats", "residential")
    base = _score(rep("b:0"), rep("a:0"))
    same = _score(dataclasses.replace(rep("b:0"), target=home),
                  dataclasses.replace(rep("a:0"), target=home))
    other = _score(dataclasses.replace(rep("b:0"), target=Target("a depot", "military")),
                   dataclasses.replace(rep("a:0"), target=home))
    hurt = _score(rep("b:0", injured=14), rep("a:0", injured=14))
    apart = _score(rep("b:0", injured=60), rep("a:0", injured=3))
    assert base and same and other and hurt and apart
    assert round(same[0] - base[0], 6) == C.TARGET_SCORE
    assert same[1][-1] == "both hit residential targets"
    assert round(other[0] - base[0], 6) == C.TARGET_MISMATCH and "targets differ" in other[1]
    assert hurt[0] - base[0] == pytest.approx(
        C.SAME_TOLL_SCORE + C.TOLL_SIZE_WEIGHT * math.log(15))
    assert "both 14 injured" in hurt[1]
    assert round(apart[0] - base[0], 6) == C.TOLL_MISMATCH
    assert "injured figures differ (60 vs 3)" in apart[1]


def test_other_weapons_join_only_with_a_shared_time_or_toll() -> None:
    from fogwatch import cluster as C

    base = _score(rep("b:0"), rep("a:0"))
    other = _score(rep("b:0", weapons=("Shahed",)), rep("a:0", weapons=("Kalibr",)))
    assert base and other and round(other[0] - base[0], 6) == C.WEAPON_MISMATCH
    assert "different weapons named" in other[1] and other[0] < C.JOIN_MIN
    # a combined missile and drone attack, each source naming one of the two
    c = run([rep("a:0", weapons=("Kalibr",), time="06:35", fatalities=3),
             rep("b:0", weapons=("Shahed",), time="06:36", fatalities=3)])
    assert groups(c) == [{"a:0", "b:0"}]


def test_a_range_past_publication_is_cut_at_publication() -> None:
    from fogwatch import cluster as C

    march = rep("a:0", day=None, date_range=(dt.date(2022, 3, 1), dt.date(2022, 3, 31)))
    f = features_of(march, dt.date(2022, 3, 10))
    assert f is not None
    assert (f.start, f.end) == (dt.date(2022, 3, 1).toordinal(),
                                dt.date(2022, 3, 10 + C.PUBLISHED_SLACK_DAYS).toordinal())
    # a day well after publication is a misread weekday: it falls back to the last day
    later = features_of(rep("b:0", day=dt.date(2022, 3, 17)), dt.date(2022, 3, 10))
    assert later is not None and later.start == later.end == f.end
    # without a publication date nothing is cut
    plain = features_of(march)
    assert plain is not None and plain.end == dt.date(2022, 3, 31).toordinal()


def test_wider_ranges_score_less_by_their_log_width() -> None:

    from fogwatch import cluster as C

    day = _score(rep("b:0"), rep("a:0"))
    week = _score(rep("b:0", day=None, date_range=(D - dt.timedelta(days=3),
                                                   D + dt.timedelta(days=3))), rep("a:0"))
    month = _score(rep("b:0", day=None, date_range=(dt.date(2022, 8, 1),
                                                    dt.date(2022, 8, 31))), rep("a:0"))
    assert day and week and month
    assert week[0] == pytest.approx(day[0] - C.DATE_WIDTH_WEIGHT * math.log(7))
    assert month[0] == pytest.approx(day[0] - C.DATE_WIDTH_WEIGHT * math.log(31))
    assert week[1][0] == month[1][0] == "vaguer date range covers it"


def test_the_same_named_system_outweighs_a_shared_class() -> None:
    from fogwatch import cluster as C

    base = _score(rep("b:0"), rep("a:0"))
    same = _score(rep("b:0", weapons=("HIMARS",)), rep("a:0", weapons=("HIMARS",)))
    cls = _score(rep("b:0", weapons=("Grad",)), rep("a:0", weapons=("HIMARS",)))
    assert base and same and cls
    assert same[0] - base[0] == pytest.approx(C.WEAPON_SCORE + C.WEAPON_NAME_SCORE)
    assert cls[0] - base[0] == pytest.approx(C.WEAPON_SCORE)


def test_two_gazetteer_entries_named_precisely_count_against() -> None:
    from fogwatch import cluster as C

    a = dataclasses.replace(place("Alchevsk"), geonameid=713716)
    nearby = dataclasses.replace(a, geonameid=999, lat=a.lat + 1 / 111.2)  # type: ignore[operator]
    apart = _score(rep("b:0", where=nearby), rep("a:0", where=a))
    assert apart is not None and "another settlement 1 km away" in apart[1]
    unnamed = _score(rep("b:0", where=dataclasses.replace(nearby, geonameid=None)),
                     rep("a:0", where=a))
    assert unnamed is not None
    assert apart[0] - unnamed[0] == pytest.approx(C.ANOTHER_PLACE)


def test_near_x_and_in_x_name_the_same_place() -> None:
    # the resolver gives "near Alchevsk" Alchevsk's point and id, with precision 2
    a = dataclasses.replace(place("Alchevsk"), geonameid=713716)
    got = _score(rep("b:0", where=dataclasses.replace(a, geo_precision=2)), rep("a:0", where=a))
    assert got is not None and "same place" in got[1]


def test_a_report_fitting_several_incidents_equally_joins_none() -> None:
    # the same day and town, nothing else told: enough against one candidate ...
    alone = run([rep("a:0", weapons=("HIMARS",)), rep("x:0")])
    assert len(alone.incidents) == 1
    # ... but with three strikes told there that day (different weapons, so three
    # incidents), a report naming nothing could be any of them, or a fourth
    busy = run([rep("a:0", weapons=("HIMARS",)), rep("b:0", weapons=("Shahed",)),
                rep("c:0", weapons=("Kalibr",)), rep("x:0")])
    assert len(busy.incidents) == 4
    # naming one of the weapons settles it
    told = run([rep("a:0", weapons=("HIMARS",)), rep("b:0", weapons=("Shahed",)),
                rep("x:0", weapons=("Shahed",))])
    assert groups(told) == [{"a:0"}, {"b:0", "x:0"}]


def test_more_compatible_candidates_raise_the_bar() -> None:
    from fogwatch.cluster import JOIN_MIN, join_threshold

    assert join_threshold(0) == join_threshold(1) == JOIN_MIN
    assert JOIN_MIN < join_threshold(2) < join_threshold(5) < join_threshold(20)
    assert join_threshold(20) - join_threshold(2) == pytest.approx(
        join_threshold(10) - join_threshold(1))


def test_toll_agreement_allows_the_margin_sources_differ_by() -> None:
    from fogwatch.cluster import toll_agreement

    assert toll_agreement(None, [3]) is None and toll_agreement(3, []) is None
    assert toll_agreement(3, [3, 40]) == ("same", 3)
    assert toll_agreement(4, [3]) == ("near", 3)  # first counts run low
    assert toll_agreement(40, [3]) == ("far", 3)
    assert toll_agreement(0, [0]) == ("near", 0)  # "no casualties" twice says little
