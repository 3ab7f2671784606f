"""The scorer itself, on hand-made gold and predicted records (no pipeline)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.errors import InputError
from fogwatch.evaluate import GoldDocument, GoldEvent, load_gold, same_region, score
from fogwatch.model import Actor, Claim, Place, Report, Stance, Weapon

EXPLOSIONS = "Explosions/Remote violence"
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
D = dt.date


def gold_event(gold_id: str = "g1", **fields: Any) -> GoldEvent:
    data: dict[str, Any] = {
        "event_type": [EXPLOSIONS], "sub_event_type": [SHELLING],
        "date": ["2022-08-07", "2022-08-07"],
        "location": {"name": "Alchevsk", "admin1": "Luhansk", "lat": 48.47, "lon": 38.80,
                     "tolerance_km": 10},
    }
    data.update(fields)
    return GoldEvent(gold_id, data)


def report(event_id: str = "r1", **fields: Any) -> Report:
    values: dict[str, Any] = {
        "event_type": EXPLOSIONS, "sub_event_type": SHELLING, "date": D(2022, 8, 7),
        "date_range": (D(2022, 8, 7), D(2022, 8, 7)),
        "location": Place("Alchevsk", name="Alchevsk", lat=48.47, lon=38.80, admin1="Luhansk"),
    }
    values.update(fields)
    return Report(event_id=event_id, doc_id="d", **values)


def run(golds: list[GoldEvent], reports: list[Report]):
    doc = GoldDocument("d", "text", "2022-08-08", "en", tuple(golds))
    return score([doc], {"d": reports})


def test_perfect_match():
    result = run([gold_event(fatalities=1, injured=14)], [report(fatalities=1, injured=14)])
    assert (result.tp, result.fp, result.fn) == (1, 0, 0)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.right["fatalities"] == result.scored["fatalities"] == 1
    assert result.scored["attacker_side"] == 0  # gold has none: not scored


def test_false_positive_and_false_negative():
    result = run([gold_event()], [report(event_type="Battles")])
    assert (result.tp, result.fp, result.fn) == (0, 1, 1)
    assert result.f1 == 0.0
    assert "no report of type" in result.pairings[0].reason


def test_dates_must_overlap():
    result = run([gold_event()], [report(date=D(2022, 7, 1), date_range=(D(2022, 7, 1),
                                                                           D(2022, 7, 2)))])
    assert (result.tp, result.fp, result.fn) == (0, 1, 1)
    assert "dates do not overlap" in result.pairings[0].reason


def test_missing_dates_match():
    result = run([gold_event(date=None)], [report(date=None, date_range=None)])
    assert result.tp == 1
    assert result.scored["date"] == 0


def test_predicted_date_null_is_wrong():
    result = run([gold_event()], [report(date=None, date_range=None)])
    assert result.tp == 1
    assert (result.right["date"], result.scored["date"]) == (0, 1)


def test_optional_gold_absorbs_report_and_is_not_a_miss():
    optional = gold_event("opt", event_type=["Battles"], optional=True)
    result = run([gold_event(), optional], [report(), report("r2", event_type="Battles")])
    assert (result.tp, result.fp, result.fn) == (1, 0, 0)
    result = run([optional], [])
    assert (result.tp, result.fp, result.fn) == (0, 0, 0)


@pytest.mark.parametrize(("lat", "right"), [(48.47 + 0.089, True), (48.47 + 0.091, False)])
def test_tolerance_edge(lat, right):
    # 0.09 degrees of latitude is about 10.0 km
    result = run([gold_event()], [report(location=Place("X", lat=lat, lon=38.80))])
    assert result.right["location"] == int(right)


def test_admin1_fallback_when_gold_has_no_coordinates():
    gold = gold_event(location={"name": "Luhansk People's Republic", "admin1": "Luhansk",
                                "lat": None, "lon": None, "tolerance_km": None})
    for admin1, right in (("Luhanska Oblast", 1), ("luhansk", 1), ("Donetsk", 0), (None, 0)):
        result = run([gold], [report(location=Place("somewhere", admin1=admin1))])
        assert result.right["location"] == right, admin1


def test_gold_country_only_accepts_any_place_in_it():
    gold = gold_event(location={"name": "Ukraine", "admin1": "", "lat": None, "lon": None})
    assert run([gold], [report(location=Place("Kupiansk", country="UA"))]).right["location"] == 1
    assert run([gold], [report(location=Place("Belgorod", country="RU"))]).right["location"] == 0
    assert run([gold], [report(location=None)]).right["location"] == 0


def test_open_ended_gold_date_range():
    gold = gold_event(date=["2022-04-01", None])
    result = run([gold], [report(date=D(2022, 9, 1), date_range=(D(2022, 9, 1), D(2022, 9, 1)))])
    assert result.tp == 1 and result.right["date"] == 1
    result = run([gold], [report(date=D(2022, 3, 1), date_range=(D(2022, 3, 1), D(2022, 3, 1)))])
    assert result.tp == 0


def test_gold_location_null_accepts_any_place():
    result = run([gold_event(location=None)], [report(location=None)])
    assert result.right["location"] == 1


def test_same_region_variants():
    assert same_region("Luhansk", "Luhansk Oblast")
    assert same_region("Luhansk", "Luhanska")
    assert same_region("Zaporizhzhia", "Zaporizka oblast")
    assert same_region("Kharkiv", "Kharkivska oblast")
    assert not same_region("Kharkiv", "Kherson")


def test_greedy_takes_best_pair_first():
    g_a = gold_event("a")
    g_b = gold_event("b", location={"name": "Lysychansk", "lat": 48.91, "lon": 38.42,
                                    "tolerance_km": 10})
    near_b = report("rb", location=Place("Lysychansk", lat=48.91, lon=38.42))
    near_a = report("ra")
    result = run([g_a, g_b], [near_b, near_a])
    matched = {p.gold_id: p.event_id for p in result.pairings}
    assert matched == {"a": "ra", "b": "rb"}
    assert result.right["location"] == 2


def test_sub_event_then_date_break_ties():
    result = run([gold_event()], [report("wrong-sub", sub_event_type=AIR), report("right")])
    assert result.pairings[0].event_id == "right"
    assert result.fp == 1


def test_sub_event_empty_gold_not_scored():
    result = run([gold_event(sub_event_type=[])], [report(sub_event_type=AIR)])
    assert result.scored["sub_event_type"] == 0


def test_attacker_side():
    result = run([gold_event(attacker_side="UA")], [report(attacker=Actor("AFU", "UA"))])
    assert result.right["attacker_side"] == 1
    result = run([gold_event(attacker_side="UA")], [report()])
    assert (result.right["attacker_side"], result.scored["attacker_side"]) == (0, 1)


@pytest.mark.parametrize(
    ("gold", "weapons", "right"),
    [
        (["HIMARS"], (Weapon("himars", "MLRS"),), 1),
        (["air-launched missile"], (Weapon("Kh-59", "missile"),), 1),
        (["missile"], (Weapon("Storm Shadow", "air-launched cruise missile"),), 1),
        (["mortar"], (Weapon("Grad", "MLRS"),), 0),
        (["mortar"], (), 0),
    ],
)
def test_weapons(gold, weapons, right):
    result = run([gold_event(weapons=gold)], [report(weapons=weapons)])
    assert (result.right["weapons"], result.scored["weapons"]) == (right, 1)


def test_weapons_empty_gold_not_scored():
    assert run([gold_event(weapons=[])], [report()]).scored["weapons"] == 0


def test_wrong_fields_say_what_was_predicted_and_wanted():
    result = run([gold_event(fatalities=2)], [report(fatalities=3)])
    assert result.pairings[0].wrong == {"fatalities": "got 3, want 2"}


def test_counts_exact_and_null_not_scored():
    result = run([gold_event(fatalities=0, injured=None)], [report(fatalities=None, injured=3)])
    assert (result.right["fatalities"], result.scored["fatalities"]) == (0, 1)
    assert result.scored["injured"] == 0


def test_claimant_sides_and_disputed():
    gold = gold_event(claimants=[{"name": "MoD", "side": "RU"}, {"name": "LPR", "side": "RU"}],
                      disputed=True)
    claims = (Claim("Konashenkov", "RU", Stance.ASSERTS), Claim("General staff", "UA",
                                                                 Stance.DENIES))
    result = run([gold], [report(claims=claims, disputed=True)])
    assert result.right["claimant_sides"] == 1 and result.right["disputed"] == 1
    result = run([gold], [report(claims=claims[1:], disputed=False)])
    assert result.right["claimant_sides"] == 0 and result.right["disputed"] == 0
    result = run([gold_event()], [report()])
    assert result.scored["claimant_sides"] == 0 and result.scored["disputed"] == 0


def test_load_gold_reads_inline_and_path(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Shells hit the town.", encoding="utf-8")
    lines = [
        {"doc_id": "a", "path": "texts/a.txt", "published": "2022-08-08", "source": "Wire",
         "events": [{"gold_id": "a-1", "event_type": [EXPLOSIONS]}]},
        {"doc_id": "b", "text": "Nothing happened.", "events": []},
    ]
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = load_gold(gold_file)
    assert [d.text for d in docs] == ["Shells hit the town.", "Nothing happened."]
    assert docs[0].events[0].gold_id == "a-1"
    assert docs[0].document().published == "2022-08-08"
    assert docs[0].document().source == "Wire"
    assert docs[1].document().source is None


def test_load_gold_names_the_bad_line(tmp_path):
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text('{"doc_id": "a", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:2"):
        load_gold(gold_file)


_TYPES = st.sampled_from([EXPLOSIONS, "Battles"])
_DAYS = st.integers(1, 5).map(lambda d: D(2022, 8, d))


@st.composite
def _gold_and_reports(draw):
    golds = [
        gold_event(f"g{i}", event_type=[draw(_TYPES)], optional=draw(st.booleans()),
                   date=[draw(_DAYS).isoformat()] * 2)
        for i in range(draw(st.integers(0, 4)))
    ]
    reports = []
    for i in range(draw(st.integers(0, 5))):
        day = draw(_DAYS)
        reports.append(report(f"r{i}", event_type=draw(_TYPES), date=day, date_range=(day, day)))
    return golds, reports


@given(_gold_and_reports())
def test_counts_add_up(case):
    golds, reports = case
    result = run(golds, reports)
    required = [g for g in golds if not g.optional]
    assert result.tp + result.fn == len(required)
    assert result.tp + result.fp <= len(reports)
    matched = [p.event_id for p in result.pairings if p.event_id and not p.optional]
    assert len(matched) == len(set(matched)) == result.tp
    assert 0.0 <= result.f1 <= 1.0
