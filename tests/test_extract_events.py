"""Which sentences are incidents, and of which ACLED type (texts written for these tests)."""

from __future__ import annotations

import pytest
from extract_helpers import one, reports

from fogwatch.extract import extract_reports
from fogwatch.model import Document, Flags, LanguageSpan, Span
from fogwatch.profiles import load_profile


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Russian artillery shelled Kupiansk on Friday.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("A drone attack hit a fuel depot in Novorossiysk on Friday.",
         "Explosions/Remote violence", "Air/drone strike"),
        ("Air defence units shot down 14 Shahed drones over Odesa region overnight.",
         "Strategic developments", "Disrupted weapons use"),
        ("Ukrainian troops clashed with Russian units near Robotyne on Friday.",
         "Battles", "Armed clash"),
        ("Ukrainian forces recaptured the village of Klishchiivka on Friday.",
         "Battles", "Government regains territory"),
        ("Russian forces captured the village of Krasnohorivka on Friday.",
         "Battles", "Non-state actor overtakes territory"),
        ("Ukrainian forces withdrew from Lysychansk on Sunday and Russian troops seized the city.",
         "Battles", "Non-state actor overtakes territory"),
        ("Ukrainian troops liberated Snake Island from the Russians on Tuesday.",
         "Battles", "Government regains territory"),
        ("A tractor driver stepped on a landmine near Izium on Friday.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Hundreds of people held a protest in Kherson on Friday.",
         "Protests", "Peaceful protest"),
        ("Police arrested two men in Lviv on Friday.",
         "Strategic developments", "Arrests"),
        ("Storm Shadow missiles struck an airfield in Saky on Friday.",
         "Explosions/Remote violence", "Air/drone strike"),
        ("A Russian Su-34 jet was shot down near Avdiivka on Friday.",
         "Battles", "Armed clash"),
    ],
)
def test_event_types(text: str, event_type: str, sub_event_type: str) -> None:
    report = one(text)
    assert (report.event_type, report.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        # general accusations, tallies, trends, intentions, conditions, other senses
        "The minister said Washington is responsible for all rocket attacks on towns.",
        "The war has killed some 9,000 civilians since 2014.",
        "Russian forces have stepped up attacks in the Donetsk region.",
        "Moscow could strike Kyiv again, officials warned.",
        "If Russian troops shell Odesa, the port will close.",
        "A cyber attack took down the bank's website in Kyiv.",
        "The two governments struck a deal in Istanbul on grain.",
        "The United States will deliver more HIMARS systems to Ukraine.",
        "In 2014, separatists shelled the airport in Donetsk.",
        "Pro-Kremlin bloggers denied hitting the hospital in Kharkiv.",
        "Russian strikes on the city of Kharkiv have continued in recent weeks.",
        "I think the shelling of cities will not break the Ukrainians.",
        "The band struck up a march in Lviv on Friday.",
        "Air-raid sirens sounded in Kyiv on Friday.",
        "The ministry sent a formal protest to Vilnius on Friday.",
        "Russia said the US was supplying intelligence for missile strikes on Crimea.",
        "Russian forces have been shelling Kharkiv all week.",
        "The Lviv region has come under fire at various points.",
        "His grandfather fought in the battle for Salla in the winter war.",
        "They haven't attacked Narva yet, the guard said.",
        "A British volunteer was captured by Russian forces in Mariupol.",
        "A refugee was hit by a scooter in Nice on Friday.",
        "Moscow keeps launching heavy artillery barrages and air raids on distant areas.",
        "Aid points opened in the captured city of Mariupol.",
        "Kyiv says it will mount a counter-offensive in the south.",
        "There will be pressure on Kyiv to launch a major counterattack near Izium.",
        "Sloviansk and Kramatorsk continue to be battered by shelling.",
        "Troops are regrouping in preparation for an attack on Sloviansk.",
        "Units regrouped in preparation for launching a fresh assault on Kramatorsk.",
        "The governor said that if Russian soldiers are being killed in Lysychansk, we hold.",
        "Soldiers drive past a destroyed house in Popasna.",
        "Smoke rises from a Mariupol factory as Russia continues its bombardment - video",
        "The leaders met in Kyiv as Russia's attack on Ukraine continues.",
        "A minister says Russian attacks on Bucha are war crimes.",
        "Rubizhne had already been pulverised by weeks of heavy Russian shelling.",
        "Russian artillery struck multiple Ukrainian positions in the east of the country.",
        "Thousands of residents died in Mariupol under weeks of Russian siege and shelling.",
        "Russia is creating a military strike force aimed at Kryvyi Rih.",
        "Intercepted calls from soldiers in Kherson were published on Friday.",
        "A tabloid said Russia was plotting a chemical attack in Kharkiv.",
        "Russia claimed to have killed 300 mercenaries near Lyman in the last three weeks.",
    ],
)
def test_not_incidents(text: str) -> None:
    assert reports(text) == []


def test_history_by_narrative_date() -> None:
    # the paragraph is dated two months before publication: history, not news
    text = ("On 2 January, the army announced new units.\n\n"
            "On 3 January, Russian troops shelled Kupiansk.")
    assert reports(text, published="2024-03-10") == []


def test_boilerplate_and_other_language_spans_are_skipped() -> None:
    text = ("Markets rallied on Friday. "
            "Russian artillery shelled Kupiansk on Friday. "
            "Вчера российская артиллерия обстреляла Купянск.")
    start = text.index("Russian")
    end = text.index("Вчера") - 1
    ru = text.index("Вчера")
    flags = Flags(boilerplate=(Span(start, end),),
                  languages=(LanguageSpan(Span(0, ru), "en"),
                             LanguageSpan(Span(ru, len(text)), "ru")))
    doc = Document(id="b", text=text, published="2024-03-10", flags=flags)
    assert extract_reports(doc, load_profile("ukraine")) == []


def test_weak_trigger_needs_support() -> None:
    assert reports("The attack on the truth continues, the editor wrote.") == []
    report = one("A man was wounded during an attack on Nikopol on Friday.")
    assert report.injured == 1
    assert report.location is not None and report.location.mention == "Nikopol"


def _sides(report) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(c.side, c.stance.value) for c in report.claims]


def test_attempted_counterattack_is_a_clash() -> None:
    report = one("Ukrainian units tried to counterattack three times near the Vovchansk direction "
                 "on Saturday.", published="2024-06-03")
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")
    assert report.attacker is not None and report.attacker.side == "UA"
    assert report.location is not None and report.location.mention == "Vovchansk"


def test_a_plan_to_attack_stays_no_incident() -> None:
    assert reports("Russian units plan to counterattack near Vovchansk.") == []


def test_gaining_better_lines_is_a_battle_told_by_the_gainer() -> None:
    report = one("Russian assault groups took up more favourable positions in the Avdiivka "
                 "direction.", published="2024-06-03")
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")
    assert report.attacker is not None and report.attacker.side == "RU"
    assert _sides(report) == [("RU", "asserts")]


def test_counted_enemies_eliminated_without_a_place() -> None:
    report = one("In the east, the Armed Forces of Ukraine eliminated 215 occupiers.",
                 published="2024-06-03")
    assert (report.event_type, report.fatalities) == ("Battles", 215)
    assert report.location is None
    assert report.attacker is not None and report.attacker.side == "UA"
    assert _sides(report) == [("UA", "asserts")]


def test_victims_of_an_army_are_not_its_attack() -> None:
    report = one("Russian forces destroyed 45 servicemen of the Armed Forces of Ukraine near "
                 "Kurakhove.", published="2024-06-03")
    assert report.attacker is not None and report.attacker.side == "RU"


def test_fighter_died_near_a_place() -> None:
    report = one("Taras Melnyk, a volunteer from Poltava, died near Chasiv Yar.",
                 published="2024-06-03")
    assert (report.event_type, report.sub_event_type) == ("Battles", "Armed clash")
    assert report.location is not None and report.location.mention == "Chasiv Yar"
    assert report.fatalities == 1


def test_yesterday_keeps_the_day_but_reaches_publication() -> None:
    report = one("Russian troops shelled Kupiansk yesterday, killing a man.",
                 published="2024-06-03")
    assert str(report.date) == "2024-06-02"
    assert [str(d) for d in report.date_range or ()] == ["2024-06-02", "2024-06-03"]


@pytest.mark.parametrize("text", [
    "A soldier is seen walking past a school wrecked by shelling in Vovchansk.",
    "Photo: a firefighter beside a house hit by a missile in Sumy.",
    "A forest fire near Lyman has destroyed 12 houses.",
])
def test_captions_and_fires_are_no_incidents(text: str) -> None:
    assert reports(text, published="2024-06-03") == []


@pytest.mark.parametrize("text", [
    "The mayor said Russian forces were intensifying attacks near Kupiansk.",
    "Shelling and attacks also intensified in Avdiivka, the governor said.",
    "Defenders held their positions under day and night shelling in Marinka.",
])
def test_trends_of_fighting_are_no_incidents(text: str) -> None:
    assert reports(text, published="2024-06-03") == []


def test_a_characterisation_in_apposition_is_no_incident() -> None:
    assert reports("\"I think of Sumy, the city of lilacs, brutally shelled and burned,\" "
                   "the bishop said.", published="2024-06-03") == []


@pytest.mark.parametrize("text", [
    "Cities across the country came under Russian missile attack on Tuesday, officials said.",
    "The president said on Tuesday that Russian troops had shelled the towns of Sumy, Okhtyrka, "
    "Trostianets and villages nearby.",
    "A fire near Odesa on Tuesday has destroyed dozens of warehouses.",
])
def test_vague_summaries_and_fires_are_no_incidents(text: str) -> None:
    assert reports(text, published="2024-03-06") == []


def test_a_place_followed_by_its_source_is_still_one_incident() -> None:
    found = reports("Russian shelling hit the village of Hroza, residents said, killing 12 "
                    "people on Tuesday.", published="2024-03-06")
    assert [(r.location.mention, r.fatalities) for r in found] == [("Hroza", 12)]


@pytest.mark.parametrize("text", [
    "Russia now seems to be turning to Kharkiv, which is under attack from renewed shelling.",
    "The governor said the city, under weeks of sustained Russian shelling, was holding out.",
    "Much of Rubizhne was flattened by an artillery bombardment that left scores dead.",
    "A baby born in a basement has spent half her life fleeing bombs and shelling in Kharkiv.",
    "In this chapter of Finnish history, the battle around Kuhmo was fought in deep snow.",
])
def test_ongoing_states_and_background_are_no_incidents(text: str) -> None:
    assert reports(text, published="2024-03-06") == []


def test_coming_under_attack_on_a_day_is_still_an_incident() -> None:
    found = reports("The town of Kupiansk came under heavy Russian shelling on Tuesday, killing "
                    "two people.",
                    published="2024-03-06")
    assert [(r.location.mention, r.fatalities) for r in found] == [("Kupiansk", 2)]


def test_a_side_withdrawing_alone_is_no_takeover() -> None:
    text = ("Ukrainian troops have pulled back from Kupiansk to positions outside the town, "
            "reporters who visited it said.")
    assert [r.sub_event_type for r in reports(text, published="2024-03-10")] == []


def test_a_withdrawal_told_with_the_capture_is_one_takeover() -> None:
    text = ("Russian forces seized Avdiivka on Saturday. The Ukrainian army said its troops "
            "had withdrawn from Avdiivka to save lives.")
    found = one(text, published="2024-03-11")
    assert found.sub_event_type == "Non-state actor overtakes territory"
    assert found.attacker is not None and found.attacker.side == "RU"


def test_control_over_a_place_is_its_capture_whoever_owns_the_forces() -> None:
    found = one("The defence minister said Moscow’s troops had established “full control” over "
                "Vuhledar.", published="2024-03-10")
    assert found.sub_event_type == "Non-state actor overtakes territory"
    assert found.location.mention == "Vuhledar"
    assert found.attacker is not None and found.attacker.side == "RU"
    back = one("Kyiv's forces regained control of the town of Kupiansk.", published="2024-03-10")
    assert back.sub_event_type == "Government regains territory"
    assert back.location.mention == "Kupiansk"


def test_strikes_on_a_list_of_towns_are_one_report_per_town() -> None:
    found = reports("Russian rockets struck Kupiansk, Balakliia and Chuhuiv on Tuesday, the "
                    "regional governor said.", published="2024-03-13")
    assert [r.location.mention for r in found] == ["Kupiansk", "Balakliia", "Chuhuiv"]
    assert {r.attacker.side for r in found if r.attacker} == {"RU"}
    assert len({r.event_id for r in found}) == 3


def test_a_toll_for_a_whole_list_keeps_one_report() -> None:
    found = reports("Russian missiles hit Sumy and Konotop overnight, killing four people.",
                    published="2024-03-13")
    assert len(found) == 1
    assert found[0].fatalities == 4


def test_ground_named_by_two_towns_is_one_place() -> None:
    found = reports("Russian forces attacked Ukrainian positions in the area of Siversk and "
                    "Bilohorivka on Monday, the general staff said.", published="2024-03-13")
    assert len(found) == 1


def test_they_opening_the_next_sentence_is_the_actor_before() -> None:
    found = reports("Ukrainian forces counterattacked near Kreminna on Friday. They recaptured "
                    "the villages of Dibrova and Torske.", published="2024-03-10")
    taken = [r for r in found if r.sub_event_type == "Government regains territory"]
    assert [r.location.mention for r in taken] == ["Dibrova", "Torske"]
    assert all(r.attacker is not None and r.attacker.side == "UA" for r in taken)


def test_an_attack_of_an_earlier_month_told_as_background_is_no_report() -> None:
    text = ("Three people were killed when Russian shelling hit a school in Kupiansk on "
            "Tuesday, the governor said. It was the worst toll since a missile strike on a "
            "station in Balakliia in February.")
    found = reports(text, published="2024-05-08")
    assert [r.location.mention for r in found] == ["Kupiansk"]
