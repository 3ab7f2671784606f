"""Casualty counts from sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.casualties import find_casualties


def read(text: str):
    return find_casualties(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("One person was killed and 14 were injured in the strike.", 1, 14),
        ("The shelling hit a market, killing three civilians and wounding 12.", 3, 12),
        ("Two people died in the attack.", 2, None),
        ("Later the death toll rose to five.", 5, None),
        ("A man was wounded during an attack on the bus.", None, 1),
        ("A 70-year-old local resident received a shrapnel wound to the chest.", None, 1),
        ("There were no reports of casualties.", 0, 0),
        ("No one was hurt, the mayor said.", 0, 0),
        ("The depot burned without casualties.", 0, 0),
        ("There were no deaths.", 0, None),
        ("Several people, including children, were killed in a missile strike.", None, None),
        ("Among the wounded are four children.", None, None),
        ("Three children were injured.", None, 3),
        ("One resident was killed and 13 were injured; among the wounded are four children.",
         1, 13),
        ("106 invaders eliminated near the village.", 106, None),
        ("The number of victims increased to three after two more people died.", 3, None),
        ("The number of victims increased to three.", None, None),
        ("Two soldiers and three civilians were killed.", 5, None),
        ("Five people were killed, including two children.", 5, None),
        ("Fourteen rockets were fired; they killed two people.", 2, None),
        ("The strike left two dead and five wounded.", 2, 5),
        ("Dozens of people were injured.", None, None),
        ("A 45-year-old woman died in hospital.", 1, None),
        ("He said 12 drones were shot down and one person was injured.", None, 1),
        ("The White House said 14,000 people have been killed since 2014.", None, None),
        ("Rockets hit a school; nobody was hurt.", 0, 0),
        ("The governor said at least 21 people were killed.", 21, None),
        ("The death toll in the north of the city after the night attack increased to two.",
         2, None),
        ("The toll rose to three. The number of people injured in the blast rose to eight.",
         3, 8),
        ("A boy who was wounded in the shelling of the suburb last week died in hospital.",
         1, None),
        ("A man wounded in the attack on the market died.", 1, None),
        ("Woman dies in village shelling - governor", 1, None),
        ("Army says it eliminated 40 invaders and two tanks.", 40, None),
        ("The enemy lost 35 soldiers killed and 50 wounded in a day.", 35, 50),
        ("In the suburb one civilian was killed, another one was wounded.", 1, 1),
        ("A civilian was killed and others were injured.", 1, None),
        ("Two rockets hit the plant, two dead, nine wounded.", 2, 9),
        ("At least 19 residents, including two children, were killed and up to 58 more "
         "wounded.", 19, 58),
        ("Three children were among the wounded, the mayor said.", None, None),
        ("Another person had died of his wounds in a nearby town.", 1, None),
        ("12 Eight people have died after the strikes, the governor said.", 8, None),
        ("The army is losing 100 soldiers per day as killed in action.", None, None),
        ("Within those 100 sq metres, if soldiers are being killed, the town holds.", None,
         None),
        ("Of 40 homes, three residents were killed.", 3, None),
        ("В результате обстрела погибли трое мирных жителей, ещё пять человек ранены.", 3, 5),
        ("Загинули двоє людей, ще 12 людей поранені.", 2, 12),
        ("Обстрел обошёлся без жертв, никто не пострадал.", 0, 0),
        ("An elderly woman was killed and her husband was injured.", 1, 1),
        ("Death toll: 5.", 5, None),
        ("The death toll is now 12.", 12, None),
        ("Shelling killed one, injured four.", 1, 4),
        ("A Russian missile killed two in Odesa.", 2, None),
        ("The attack killed 3 and injured 12.", 3, 12),
        ("Two people were killed, and another 10 were injured.", 2, 10),
        ("Shelling left 3 people dead and 11 injured.", 3, 11),
        ("Fourteen people were hospitalised after the blast.", None, 14),
        ("Russian forces killed 10 and wounded 20 Ukrainian soldiers.", 10, 20),
        ("A drone strike on a car killed its driver.", 1, None),
        ("Two more bodies were recovered, bringing the death toll to 12.", 12, None),
        ("The blast injured seven, including two police officers.", None, 7),
        ("Two teenagers were among 8 people wounded.", None, 8),
    ],
)
def test_counts(text, fatalities, injured):
    found = read(text)
    assert (found.fatalities, found.injured) == (fatalities, injured)


def test_children_and_civilians():
    found = read("Among the wounded are four children.")
    assert found.children == 4
    assert found.civilians is True
    found = read("Five people were killed, including two children.")
    assert (found.fatalities, found.children) == (5, 2)


def test_children_as_part_of_a_total():
    found = read("At least 17 villagers, including four children, were killed.")
    assert (found.fatalities, found.children) == (17, 4)
    assert read("Three children were among the wounded.").children == 3


def test_part_of_the_count_before_it():
    text = "Eight people died and 20 were injured in the strike, including four children."
    found = read(text)
    assert (found.fatalities, found.injured, found.children) == (8, 20, 4)
    assert [text[s.start : s.end] for s in found.evidence["children"]] == ["four children"]
    found = read("A 16-year-old girl was among those killed.")
    assert (found.fatalities, found.children) == (None, 1)


def test_vague_count_keeps_evidence_but_no_number():
    text = "Several people, including children, were killed in a missile strike."
    found = read(text)
    assert found.children is None and found.fatalities is None
    assert [text[s.start : s.end] for s in found.evidence["fatalities"]] == ["Several people"]


def test_combatants_are_not_civilians():
    assert read("106 invaders eliminated near the village.").civilians is False


def test_evidence_points_at_the_words():
    text = "Shells hit Alchevsk. One person was killed and 14 were injured."
    found = read(text)
    assert [text[s.start : s.end] for s in found.evidence["fatalities"]] == ["One person"]
    assert [text[s.start : s.end] for s in found.evidence["injured"]] == ["14"]


def test_window_is_respected():
    text = "Three people died in May. A drone hit a shop; no one was hurt."
    found = find_casualties(text, 26, len(text))
    assert (found.fatalities, found.injured) == (0, 0)


def test_nothing_said_means_none():
    found = read("Artillery shelled the outskirts of the town on Tuesday.")
    assert (found.fatalities, found.injured, found.children, found.civilians) == (
        None, None, None, None)
    assert found.evidence == {}


@given(st.text(max_size=200))
def test_never_raises_and_spans_inside(text):
    found = read(text)
    for spans in found.evidence.values():
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text)


_PIECES = st.sampled_from([
    "one person", " was killed", " and ", "14", " were injured", "killing three civilians",
    ", including ", "children", "no one was hurt", "the death toll rose to ", "five",
    "a 70-year-old", " man", " wounded", " died", "among the wounded are ", "several",
    "the number of victims increased to ", "106 invaders eliminated", ". ", "Woman dies",
    "another person", " per day", "dozens of people", "50 Eight", " a ", ",", " since 2014",
])


@given(st.lists(_PIECES, max_size=10).map("".join), st.integers(0, 40))
def test_casualty_like_text_keeps_its_invariants(text, start):
    found = find_casualties(text, start, len(text))
    for key in ("fatalities", "injured", "children"):
        value = getattr(found, key)
        assert value is None or value >= 0
        if value:  # a number other than 0 always points at its words
            assert found.evidence.get(key), (key, text)
    for spans in found.evidence.values():
        for span in spans:
            assert start <= span.start <= span.end <= len(text)


def test_teachers_are_civilians_and_prisoners_are_not() -> None:
    text = "The strike killed two teachers."
    c = find_casualties(text, 0, len(text))
    assert (c.fatalities, c.civilians) == (2, True)
    text = "Forty prisoners of war were killed in the blast."
    c = find_casualties(text, 0, len(text))
    assert c.fatalities == 40 and c.civilians is not True


@pytest.mark.parametrize(
    ("text", "fatalities", "injured"),
    [
        ("Four guards were hurt, and there were no fatalities, the governor wrote.", 0, 4),
        ("Two drones hit the depot; there were no reported victims so far.", 0, 0),
        ("There were no immediate reports of casualties.", 0, 0),
        ("Officials said nobody was hurt when the bridge was hit.", 0, 0),
        ("The mayor of the village, Petro Ivanenko, was lightly injured by a mine.", None, 1),
        ("Police said he was killed when the car exploded.", 1, None),
        ("It is not clear whether anyone was injured.", None, None),
        ("A boy who was wounded last week died in hospital.", 1, None),
        ("The driver was killed alongside two more soldiers.", None, None),
    ],
)
def test_none_stated_and_one_named(text, fatalities, injured):
    found = read(text)
    assert (found.fatalities, found.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    ("text", "civilians"),
    [
        ("Five people were injured at the navy headquarters.", None),
        ("Seven people were killed in the blast at the depot.", None),
        ("Three employees of the command post were wounded.", None),
        ("Three civilians were wounded in the market.", True),
        ("Two pensioners died when the shell hit their house.", True),
        ("Two soldiers were killed.", False),
        ("Hundreds were killed when the theatre was bombed.", None),  # no number
    ],
)
def test_civilians_only_where_the_text_says_so(text, civilians):
    assert read(text).civilians is civilians


def test_people_are_civilians_in_a_civilian_setting():
    assert read("A rocket hit the market, killing four people.").civilians is True
    assert read("Two people died while evacuating by minibus.").civilians is True


def test_no_deaths_or_injuries_is_zero_of_each() -> None:
    c = read("The shelling caused no deaths or injuries, the regional head wrote.")
    assert (c.fatalities, c.injured) == (0, 0)
    c = read("There were no reports of injuries or fatalities after the blast.")
    assert (c.fatalities, c.injured) == (0, 0)
    c = read("There were no fatalities, the mayor wrote.")
    assert (c.fatalities, c.injured) == (0, None)
