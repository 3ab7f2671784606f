"""Slots with their evidence: place, region, attacker, target, weapons, munitions, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import one, reports


def _place(report):  # type: ignore[no-untyped-def]
    p = report.location
    return (p.mention, p.admin1, p.geo_precision) if p else None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Shelling was recorded at the settlement of Yasynuvata on Friday.",
         ("Yasynuvata", None, 1)),
        ("Russian jets bombed positions near the village of Krasnivka on Friday.",
         ("Krasnivka", None, 2)),
        ("A missile struck a warehouse south of Pokrovsk on Friday.", ("Pokrovsk", None, 2)),
        ("Heavy fighting broke out in the Bilohorivka area on Friday.", ("Bilohorivka", None, 2)),
        ("Russian troops shelled Zolochiv in the Kharkiv region on Friday.",
         ("Zolochiv", "Kharkiv", 1)),
        ("Russian artillery shelled villages in the Sumy region on Friday.",
         ("Sumy region", "Sumy", 3)),
        ("Ukrainian troops fired rockets at Stakhanov in the LPR on Friday.",
         ("Stakhanov", "Luhansk", 1)),
        ("On Friday, Vovchansk was shelled again.", ("Vovchansk", None, 1)),
        ("Russian troops shelled Zolochiv (Kharkiv) on Friday.", ("Zolochiv", "Kharkiv", 1)),
        ("A missile hit a hotel in Serhiivka, 50km south of Odesa, on Friday.",
         ("Serhiivka", "Odesa", 1)),  # the landmark names the region
        ("Near Bakhmut, paratroopers destroyed three hostile assault squads.",
         ("Bakhmut", None, 2)),
        ("Strikes hit the area of ??Vodiane on Friday, the ministry said.", ("Vodiane", None, 1)),
    ],
)
def test_places(text: str, place: tuple[str, str | None, int]) -> None:
    report = one(text)
    assert _place(report) == place
    span = report.evidence["location"][0]
    assert text[span.start : span.end] == place[0]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("A shell fired by the Armed Forces of Ukraine hit a shop in Horlivka on Friday.", "UA"),
        ("A man was hurt in Yasynuvata after shelling of the Armed Forces of Ukraine.", "UA"),
        ("Kyiv says five people died in a Russian missile strike on Zaporizhzhia on Friday.",
         "RU"),
        ("Separatists accused Ukrainian soldiers of firing on Pervomaisk on Friday.", "UA"),
        ("Rockets from a HIMARS launcher hit a depot in Nova Kakhovka on Friday.", "UA"),
        ("Wagner fighters stormed positions near Bakhmut on Friday.", "RU"),
        ("Moscow has confirmed it carried out a drone strike on Uman on Tuesday.", "RU"),
    ],
)
def test_attacker_side(text: str, side: str) -> None:
    report = one(text)
    assert report.attacker is not None and report.attacker.side == side
    assert "attacker" in report.evidence


def test_the_enemy_takes_the_side_opposite_the_reporter() -> None:
    report = one("The enemy shelled Nikopol with heavy artillery overnight.", source="Ukrinform")
    assert report.attacker is not None and report.attacker.side == "RU"


def test_weapons_classes_and_targets_of_the_strike() -> None:
    text = ("Two HIMARS launchers were destroyed by Iskander missiles near Kurakhove "
            "on Friday, the ministry said.")
    report = one(text)
    assert [(w.name, w.weapon_class) for w in report.weapons] == [("Iskander",
                                                                     "ballistic missile")]
    assert report.sub_event_type == "Shelling/artillery/missile attack"


def test_generic_weapon_dropped_beside_a_named_system() -> None:
    report = one("On Sunday Ukrainian gunners fired a missile from a HIMARS at Kadiivka.")
    assert [w.name for w in report.weapons] == ["HIMARS"]
    assert report.weapons[0].weapon_class == "MLRS"


def test_a_generic_weapon_word_is_marked_generic_and_a_named_system_is_not() -> None:
    loose = one("On Sunday Russian drones struck a depot in Kadiivka.")
    assert [(w.name, w.generic) for w in loose.weapons] == [("drone", True)]
    named = one("On Sunday Russian Shaheds struck a depot in Kadiivka.")
    assert [(w.name, w.generic) for w in named.weapons] == [("Shahed", False)]


def test_interceptions_keep_the_weapon_intercepted() -> None:
    report = one("Air defence units shot down 14 Shahed drones over Odesa region overnight.")
    assert [(w.name, w.weapon_class) for w in report.weapons] == [("Shahed",
                                                                     "loitering munition")]
    assert report.munitions == 14
    assert report.attacker is not None and report.attacker.side == "UA"  # who intercepted


@pytest.mark.parametrize(
    ("text", "munitions"),
    [
        ("Shelling was recorded at 18:45 at the settlement of Kadiivka (two rockets).", 2),
        ("Separatists said Ukrainian troops fired on Zolote five times on Friday.", 5),
    ],
)
def test_munitions(text: str, munitions: int) -> None:
    assert one(text).munitions == munitions


def test_time_and_target() -> None:
    report = one("Shelling hit a residential building in Donetsk at 18:45 on Friday.")
    assert report.time == "18:45"
    assert report.target is not None
    assert (report.target.name, report.target.category) == ("residential building",
                                                            "residential")


def test_casualties_and_children_from_the_next_sentence() -> None:
    text = ("A missile hit a school in Sumy on Friday. One person was killed and 9 were "
            "injured. Among the wounded are three children.")
    report = one(text)
    assert (report.fatalities, report.injured, report.children) == (1, 9, 3)
    assert len(report.sentences) == 3


def test_no_casualties_is_zero() -> None:
    text = "On 4 March, a rocket hit a garage in Lozova. There were no casualties."
    report = one(text)
    assert (report.fatalities, report.injured) == (0, 0)


def test_dates() -> None:
    # explicit weekday, anchored to the publication date (Sunday 10 March 2024)
    report = one("Russian artillery shelled Kupiansk on Tuesday.")
    assert report.date == dt.date(2024, 3, 5)
    # no date: the days before publication
    report = one("Russian artillery shelled Kupiansk.")
    assert report.date == dt.date(2024, 3, 10)
    assert report.date_range == (dt.date(2024, 3, 7), dt.date(2024, 3, 10))
    # the date of the report, given in the next sentence
    report = one("Ukrainian troops shelled Alchevsk. This was reported on 8 March by the "
                 "LPR mission in the JCCC.")
    assert report.date == dt.date(2024, 3, 8)


def test_summary_reads_from_the_fields() -> None:
    report = one("On 8 March, Russian troops shelled Kupiansk with Grad rockets, killing two "
                 "people, the regional governor said.")
    assert report.summary == (
        "On 8 March 2024, Russian Armed Forces shelled Kupiansk with Grad (MLRS), "
        "killing 2. Claimed by: regional governor (UA).")


def test_country_possessive_and_civilian_nationality_are_no_attackers() -> None:
    report = one("A briefing on the situation in Ukraine disputed the account of the missile "
                 "attack on Odesa on Sunday.")
    assert report.attacker is None
    report = one("Missiles struck Ukraine's main port in Odesa on Saturday.")
    assert report.attacker is None
    report = one("A missile killed a Ukrainian refugee family in Vinnytsia on Friday.")
    assert report.attacker is None or report.attacker.side != "UA"


def test_summary_near_a_place() -> None:
    report = one("Ukrainian troops clashed with Russian units near Robotyne on Friday.")
    assert report.summary == ("On 8 March 2024, Armed Forces of Ukraine clashed with the other "
                              "side near Robotyne.")


def test_event_type_evidence_is_the_trigger() -> None:
    text = "Russian artillery shelled Kupiansk on Friday."
    report = one(text)
    assert [text[s.start : s.end] for s in report.evidence["event_type"]] == ["shelled"]


def test_landmark_is_not_the_incident_place() -> None:
    from extract_helpers import one
    report = one("Russian rockets hit a depot by the Desna River in Chernihiv on Friday.",
                 published="2024-06-09")
    assert report.location is not None and report.location.mention == "Chernihiv"


def test_count_run_on_after_a_headline_name() -> None:
    from extract_helpers import one
    report = one("Blasts heard in the Russian city of Bryansk Three blasts rocked Bryansk on "
                 "Monday, the governor said.", published="2024-06-10")
    assert report.location is not None and report.location.mention == "Bryansk"


def test_side_adjective_inside_a_long_trigger_is_the_attacker() -> None:
    from extract_helpers import one
    report = one("Russian shelling of the village of Tsyrkuny killed one man and wounded three, "
                 "police said.", published="2024-06-10")
    assert report.attacker is not None and report.attacker.side == "RU"
    assert (report.fatalities, report.injured) == (1, 3)


def test_captured_people_are_no_captured_place() -> None:
    from extract_helpers import reports
    assert reports("The hearing of captured Mark Jones will be held within a month, a DPR "
                   "official said.", published="2024-06-10") == []


def test_place_nearest_the_act_and_no_feature_names() -> None:
    from extract_helpers import one
    report = one("Shelling was also reported in Sumy, where a shop was hit, killing one person, "
                 "and later in the city of Kherson.", published="2024-06-10")
    assert report.location is not None and report.location.mention == "Sumy"
    report = one("Ukraine struck the Antonivskyi bridge in the Kherson region on Monday.",
                 published="2024-06-10")
    assert report.location is not None and report.location.mention == "Kherson region"
    report = one("Russian missiles hit Kharkiv university on Monday.", published="2024-06-10")
    assert report.location is not None and report.location.mention == "Kharkiv"


def test_possessive_side_before_the_act_is_the_attacker() -> None:
    from extract_helpers import one
    report = one("Nine detainees were killed in Russia's shelling of the jail in Olenivka on "
                 "Friday.", published="2024-06-10")
    assert report.attacker is not None and report.attacker.side == "RU"
    assert report.fatalities == 9


def test_possessive_side_owning_a_unit_is_no_attacker() -> None:
    from extract_helpers import one
    report = one("Officers from Ukraine's air forces were meeting in Uman when Russian missiles "
                 "struck the building on Thursday.", published="2024-06-10")
    assert report.attacker is not None and report.attacker.side == "RU"


def test_a_speaker_telling_of_its_own_strike_is_the_attacker() -> None:
    r = one("Russia's defence ministry said its strike on Stryi in the Lviv region destroyed "
            "a fuel depot on Tuesday.", published="2024-03-06")
    assert r.attacker is not None and r.attacker.side == "RU"
    r = one("Ukraine's general staff said on Tuesday that they had successfully hit a command "
            "post in Tokmak, killing 20 soldiers.", published="2024-03-06")
    assert r.attacker is not None and r.attacker.side == "UA"


def test_a_civilian_speakers_they_is_not_its_own_side() -> None:
    r = one("The mayor of Kupiansk said they shelled the town centre on Tuesday, killing two "
            "people.", published="2024-03-06")
    assert r.attacker is None or r.attacker.side != "UA"


def test_a_dateless_incident_deep_in_a_story_gets_the_day_before_and_a_week_range() -> None:
    filler = "Talks on grain exports went on in Istanbul without result. " * 14
    text = ("Russian missiles hit a depot in Uman on Tuesday, killing two people.\n\n"
            + filler + "\n\n" + filler + "\n\n"
            + "Elsewhere, Russian shelling damaged a school in Kupiansk, injuring three people.")
    found = reports(text, published="2024-03-06")
    kupiansk = next(r for r in found if r.location and r.location.mention == "Kupiansk")
    assert kupiansk.date == dt.date(2024, 3, 5)
    assert kupiansk.time_precision == 2
    assert kupiansk.date_range == (dt.date(2024, 2, 28), dt.date(2024, 3, 6))
    uman = next(r for r in found if r.location and r.location.mention == "Uman")
    assert uman.date == dt.date(2024, 3, 5)


def test_a_dateless_incident_in_the_opening_keeps_the_days_before_publication() -> None:
    r = one("Russian shelling damaged a school in Kupiansk, injuring three people.",
            published="2024-03-06")
    assert r.date == dt.date(2024, 3, 6)
    assert r.date_range == (dt.date(2024, 3, 3), dt.date(2024, 3, 6))


def test_it_said_its_forces_names_the_speaker_of_the_report_before_as_attacker() -> None:
    r = one("On Saturday the Russian defence ministry acknowledged an attack on a military "
            "airfield outside Mykolaiv. It said its forces had destroyed two hangars and a fuel "
            "store.",
            published="2024-03-06")
    assert r.attacker is not None and r.attacker.side == "RU"
    assert r.date == dt.date(2024, 3, 2)


def test_the_side_accused_in_the_passive_is_the_attacker() -> None:
    r = one("Ukraine was accused on Monday of using three drones to hit a fuel depot in the "
            "Belgorod region.", published="2024-03-06")
    assert r.attacker is not None and r.attacker.side == "UA"


@pytest.mark.parametrize(
    ("text", "published", "day", "low", "high"),
    [
        # a weekend: its Saturday, the first day
        ("Russian drones hit a depot in Sumy over the weekend, officials said on Monday.",
         "2024-03-11", dt.date(2024, 3, 9), dt.date(2024, 3, 9), dt.date(2024, 3, 10)),
        # last week: the middle of that week
        ("Russian shelling hit a bakery in Kherson last week, the governor said.",
         "2024-03-13", dt.date(2024, 3, 7), dt.date(2024, 3, 4), dt.date(2024, 3, 10)),
    ],
)
def test_a_week_level_date_is_coded_to_its_middle_day_with_range_kept(
        text: str, published: str, day: dt.date, low: dt.date, high: dt.date) -> None:
    found = one(text, published=published)
    assert (found.date, found.date_range, found.time_precision) == (day, (low, high), 2)


def test_a_generic_arm_of_another_kind_stays_beside_a_named_one() -> None:
    found = one("Russian forces fired six artillery shells and two mortar rounds at Nikopol on "
                "Monday, the governor said.", published="2024-03-12")
    assert {w.weapon_class for w in found.weapons} == {"artillery", "mortar"}


def test_a_generic_word_heading_a_named_weapon_gives_way_to_it() -> None:
    found = one("Shahed drones struck a port in Odesa on Monday, the navy said.",
                published="2024-03-12")
    assert [w.name for w in found.weapons] == ["Shahed"]


def test_a_thing_the_profile_knows_as_a_target_is_referred_back_to() -> None:
    text = ("A Russian missile hit a penal colony in Berdychiv on Tuesday, killing three "
            "inmates. On Thursday, artillery shelled the colony again, injuring two guards.")
    found = reports(text, published="2024-03-15")
    assert [(r.date, r.location.mention if r.location else None) for r in found] == [
        (dt.date(2024, 3, 12), "Berdychiv"), (dt.date(2024, 3, 14), "Berdychiv")]
    assert [(r.fatalities, r.injured) for r in found] == [(3, None), (None, 2)]


def test_a_third_of_a_month_is_coded_to_its_middle_day() -> None:
    found = one("A Russian missile hit a shopping centre in Odesa in late May, the mayor said.",
                published="2024-06-20")
    assert found.date == dt.date(2024, 5, 26)
    assert found.date_range == (dt.date(2024, 5, 21), dt.date(2024, 5, 31))
    assert found.time_precision == 2


def test_a_district_the_text_puts_in_a_city_folds_into_the_citys_strike() -> None:
    text = ("Russian missiles struck Kyiv early on Sunday, the mayor said. A blast in the "
            "Obolonskyi district of Kyiv injured two people.")
    found = reports(text, published="2024-06-09")
    assert len(found) == 1
    assert found[0].location.mention == "Kyiv"
    assert found[0].injured == 2


def test_summary_names_a_party_that_would_not_confirm_apart_from_unverified_media() -> None:
    report = one("On 8 March, a missile hit a grain terminal in Izmail, the regional governor "
                 "said. The Russian defence ministry did not confirm the strike.")
    assert "Not confirmed by: Russian defence ministry (RU)." in report.summary
    assert "Not independently verified" not in report.summary
    report = one("On 8 March, a missile hit a grain terminal in Izmail, the regional governor "
                 "said. Reuters could not independently verify the report.")
    assert report.summary.endswith("Not independently verified.")
