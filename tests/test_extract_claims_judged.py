"""Claims rules from the judges' review: which denials dispute an incident, who speaks."""

from __future__ import annotations

import pytest
from extract_helpers import reports


def _denied(text: str) -> list[bool]:
    return [r.disputed for r in reports(text)]


@pytest.mark.parametrize("denial", [
    "Moscow denies targeting civilians.",
    "Russia has repeatedly denied attacking civilian areas.",
    "The Kremlin denies that its forces target civilians.",
])
def test_a_standing_denial_of_a_kind_of_act_disputes_nothing(denial: str) -> None:
    text = ("Regional police said three villagers were wounded when Russian artillery shelled "
            f"Velyka Pysarivka on Monday. {denial}")
    assert _denied(text) == [False]


def test_a_denial_of_one_specific_act_still_disputes_it() -> None:
    text = ("Regional police said three villagers were wounded when Russian artillery shelled "
            "Velyka Pysarivka on Monday. Moscow denied shelling the village.")
    assert _denied(text) == [True]


def test_rejecting_only_that_the_target_was_military_is_no_denial_of_the_strike() -> None:
    text = ("Russia's defence ministry said its missiles hit a barracks in Uman on Monday. "
            "Kyiv rejected Russian claims that a military target was hit, saying the strike "
            "killed nine residents of a block of flats.")
    found = reports(text)
    assert [r.disputed for r in found] == [False]
    assert not any(c.stance.value == "denies" for c in found[0].claims)


def test_calling_a_claim_false_then_saying_there_were_no_tanks_is_a_detail() -> None:
    text = ("Russian missiles struck a tram depot in Kyiv on Sunday, and Russia's defence "
            "ministry said the strike destroyed tanks stored there. The depot's director said "
            "the Russian claims were false, adding: \"There are no such tanks here, only "
            "trams.\"")
    assert _denied(text) == [False]


def test_a_denial_of_an_act_of_another_month_does_not_attach() -> None:
    text = ("Fire broke out at an oil depot in Bryansk on Tuesday, its governor said. Moscow "
            "last month blamed Kyiv for a drone attack on a refinery nearby, which Kyiv "
            "denied.")
    assert all(d is False for d in _denied(text))


def test_a_denial_withdrawn_before_the_army_confirmed_the_retreat_is_no_denial() -> None:
    text = ("Russia claimed on Saturday that its troops had captured Pisky. Ukraine's "
            "president had earlier denied the Russian claims before the army announced the "
            "withdrawal on Sunday.")
    found = reports(text)
    assert found and not any(r.disputed for r in found)


def _claims(text: str) -> list[tuple[str, str, str]]:
    return [(c.claimant, c.side, c.stance.value) for r in reports(text) for c in r.claims]


def test_acknowledging_a_strike_asserts_it() -> None:
    text = ("Russian missiles hit a fuel depot in Lutsk on Monday. Later that day, Volyn's "
            "governor acknowledged the strike and said the fire was out.")
    assert ("Volyn's governor", "UA", "asserts") in _claims(text)
    assert not any(stance == "denies" for _c, _s, stance in _claims(text))


def test_acknowledging_a_withdrawal_is_not_a_denial() -> None:
    text = ("Russian forces captured Pisky on Saturday, Moscow said. Ukraine's president "
            "acknowledged on Sunday that Ukrainian troops had withdrawn from Pisky.")
    found = reports(text)
    assert found and not any(r.disputed for r in found)
    assert {c.side for r in found for c in r.claims if c.stance.value == "asserts"} >= {"RU"}


def test_a_spokesperson_who_does_not_confirm_is_unverified_for_her_side() -> None:
    text = ("Russia said a Ukrainian drone hit a navy depot in Feodosia on Sunday, wounding two "
            "guards. A spokesperson for Ukraine's navy, Olha Marchenko, did not confirm "
            "Ukrainian involvement.")
    assert ("spokesperson for Ukraine's navy, Olha Marchenko", "UA", "unverified") in \
        _claims(text)


@pytest.mark.parametrize(("text", "claim"), [
    ("Kherson's mayor, Petro Ivanenko, said Russian shells hit a school in Kherson on Monday.",
     ("Kherson's mayor, Petro Ivanenko", "UA", "asserts")),
    ("The Centre for Defence Studies, a London think tank, earlier said Ukrainian forces had "
     "shelled a Russian command post in Svatove on Monday.",
     ("Centre for Defence Studies, a London think tank", "other", "asserts")),
    ("Three people were killed when shells hit a bus stop in Enerhodar on Monday, though the "
     "claims were made by the Russian-installed administration of the town.",
     ("Russian-installed administration of the town", "RU", "asserts")),
    ("Ukrenergo, the grid operator of Ukraine, said in a statement that Russian missiles hit "
     "a substation in Kremenchuk on Monday.",
     ("Ukrenergo, the grid operator of Ukraine", "UA", "asserts")),
])
def test_claimants_named_with_their_title_or_body(text: str,
                                                  claim: tuple[str, str, str]) -> None:
    assert claim in _claims(text)


def test_a_narrator_sentence_about_a_thinktank_analyst_gives_side_other() -> None:
    text = ("Ivan Petrenko, an analyst at a Kyiv thinktank, said Russian rockets hit a "
            "warehouse in Izium on Monday.")
    assert [side for _c, side, _s in _claims(text)] == ["UA"]  # the nation named outranks
    text = ("Maria Lenz, an analyst at the Rusi thinktank, said Russian rockets hit a "
            "warehouse in Izium on Monday.")
    assert [side for _c, side, _s in _claims(text)] == ["other"]


def test_a_former_minister_saying_claims_are_untrue_denies_them() -> None:
    text = ("Russia's defence ministry said on Monday that its missiles killed Ukrainian "
            "marines on Zmiinyi island. Oleh Tkachuk - Ukraine's former navy chief - says "
            "Russian claims that marines were killed on the island are untrue.")
    found = reports(text)
    assert found and found[0].disputed is True
    assert any(c.side == "UA" and c.stance.value == "denies" for c in found[0].claims)


def test_a_plants_representatives_speak_for_the_side_holding_it() -> None:
    text = ("\"On Monday the refinery in Novoshakhtinsk was hit by Ukrainian drones,\" "
            "representatives of the plant said on Tuesday.")
    assert ("representatives of the plant", "RU", "asserts") in _claims(text)


def test_a_tweet_signature_names_a_source_of_its_own() -> None:
    # an embedded tweet is its author's own report, not a relay of the officials named
    # in another sentence: listed beside them, of no side
    told = "Russian artillery shelled Bakhmut overnight on Monday"
    tweet = "pic.twitter.com/abc — Anna Kowal (@annakowal) July 12, 2022"
    found = reports(f"{told}, Ukrainian officials said. {tweet}", published="2022-07-12")
    assert [(c.claimant, c.side) for c in found[0].claims] == [
        ("Ukrainian officials", "UA"), ("Anna Kowal", "other")]
    found = reports(f"{told}. {tweet}", published="2022-07-12")
    assert [(c.claimant, c.side) for c in found[0].claims] == [("Anna Kowal", "other")]


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces mounted several successful counterattacks north of Kharkiv.",
    "They recaptured the villages of Ruska Lozova and Cherkaski Tyshky.",
    "Russia launched a wave of missiles at Odesa's port overnight.",
])
def test_a_narrators_sentence_names_no_claimant(sentence: str) -> None:
    from fogwatch.extract.claims import find_attributions
    from fogwatch.profiles import load_profile
    assert find_attributions(sentence, 0, len(sentence), load_profile("ukraine")) == []


def test_the_side_that_acted_is_no_claimant_in_a_newspapers_own_words() -> None:
    found = reports("Ukrainian forces recaptured the village of Ruska Lozova on Friday.",
                    source="The Guardian")
    assert found and [c.claimant for r in found for c in r.claims] == []


def test_a_could_not_confirm_note_inside_a_report_attaches_to_it() -> None:
    found = reports("Russian missiles hit a depot in Lozova on Friday, the governor said. "
                    "The army spokesperson said she could not confirm the number of dead. "
                    "Two people were injured in the strike on the depot, the governor said.")
    assert len(found) == 1
    assert "unverified" in {c.stance.value for c in found[0].claims}


def test_a_count_told_right_after_the_act_is_its_munitions() -> None:
    found = reports("Russian forces shelled the port of Ochakiv on Friday, the governor said. "
                    "Three strikes were recorded.")
    assert len(found) == 1 and found[0].munitions == 3


def test_one_speaker_under_two_spellings_is_listed_once() -> None:
    text = ("Kyiv's mayor, Vitali Klitschko, said Russian missiles hit a depot in Darnytskyi on "
            "Sunday. Two people were hurt in the strike on the depot, Klitschko said.")
    assert _claims(text) == [("Vitali Klitschko", "UA", "asserts")]


def test_denying_targeting_civilians_in_one_named_attack_still_disputes_it() -> None:
    text = ("Regional police said three villagers were wounded when Russian artillery shelled "
            "Velyka Pysarivka on Monday. Moscow denies targeting civilians in Velyka Pysarivka.")
    assert _denied(text) == [True]


@pytest.mark.parametrize(("phrase", "side"), [
    ("pro-Kremlin sources", "RU"),
    ("Russian and Ukrainian officials", None),
    ("Moscow and Kyiv", None),
    ("an analyst from the Rusi thinktank", "other"),
])
def test_side_of_a_claimant_phrase(phrase: str, side: str | None) -> None:
    from fogwatch.extract.claims import side_of
    from fogwatch.profiles import load_profile
    assert side_of(phrase, load_profile("ukraine"))[0] == side


def test_admitted_to_hospital_is_no_speech_but_admitting_a_loss_is() -> None:
    from fogwatch.extract.claims import find_attributions
    from fogwatch.profiles import load_profile
    profile = load_profile("ukraine")
    care = "Kupiansk General Hospital admitted to intensive care four wounded soldiers."
    assert find_attributions(care, 0, len(care), profile) == []
    loss = "Moscow admitted the loss of the cruiser near Zmiinyi on Monday."
    assert [a.claimant for a in find_attributions(loss, 0, len(loss), profile)] == ["Moscow"]
