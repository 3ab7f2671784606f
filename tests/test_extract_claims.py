"""Claims: who says it, which side, and denials and 'could not verify' notes."""

from __future__ import annotations

import pytest
from extract_helpers import one, reports, sides


def test_according_to_a_body_of_the_lpr() -> None:
    report = one("According to the Investigative Committee of the LPR, Ukrainian troops "
                 "shelled a house in Kadiivka on Friday.")
    assert [(c.claimant, c.side, c.stance.value) for c in report.claims] == [
        ("Investigative Committee of the LPR", "RU", "asserts")]
    span = report.claims[0].span
    assert span is not None


def test_person_said_with_side_from_profile() -> None:
    report = one("Russian troops shelled Kharkiv on Friday, Oleh Syniehubov said.")
    assert [(c.claimant, c.side) for c in report.claims] == [("Oleh Syniehubov", "UA")]
    report = one("Dmytro Kuleba said Russian troops shelled Kherson on Friday.")
    assert sides(report) == {"UA"}


def test_media_relay_becomes_via() -> None:
    report = one("Separatists in the Luhansk People's Republic accused Ukrainian soldiers of "
                 "firing on Zolote five times on Friday, Reuters reported.")
    assert [(c.claimant, c.side) for c in report.claims] == [
        ("Separatists in the Luhansk People's Republic (via Reuters)", "RU")]


def test_headline_tail_official_speaks_for_the_attacked_side() -> None:
    report = one("Armed Forces of Ukraine shelling kills pensioner in Donetsk - mayor")
    assert [(c.claimant, c.side) for c in report.claims] == [("mayor", "RU")]


def test_headline_tail_must_read_as_a_source() -> None:
    report = one("Ukrainian troops counterattacked near Kreminna - the invaders fled, 9 died",
                 source="Ukrinform")
    assert [(c.claimant, c.side) for c in report.claims] == [("Ukrinform", "UA")]


def test_denial_attaches_and_disputes() -> None:
    text = ("The Russian defence ministry said its jets destroyed a HIMARS launcher near "
            "Kostiantynivka on Tuesday. Ukraine's general staff rejected Russia's account "
            "later on Tuesday.")
    report = one(text)
    assert report.disputed is True
    assert sides(report) == {"RU"}
    assert sides(report, "denies") == {"UA"}


def test_denial_far_away_does_not_attach() -> None:
    text = ("Separatists said Ukrainian forces shelled Pervomaisk on Friday. "
            "Moscow moved troops to the border. Talks were planned in Minsk. "
            "The weather was cold. Markets were calm. Kyiv dismissed the Russian claims.")
    assert one(text).disputed is False


def test_unverified_note() -> None:
    text = ("Russian forces shelled Vuhledar on Friday, Ukrainian officials said. "
            "The claims could not be independently verified by the BBC.")
    report = one(text)
    assert [(c.claimant, c.stance.value) for c in report.claims if c.stance.value
            == "unverified"] == [("BBC", "unverified")]
    assert report.disputed is False


@pytest.mark.parametrize(("source", "checker"), [
    ("Steppe Courier", "Steppe Courier"), (None, "the reporting outlet")])
def test_a_passive_unverified_note_is_the_outlets_not_the_claims(source, checker) -> None:
    text = ("A drone hit a warehouse in Sumy on Monday, the regional governor said. "
            "The claim could not be independently verified.")
    report = one(text, source=source) if source else one(text)
    assert [c.claimant for c in report.claims if c.stance.value == "unverified"] == [checker]


def test_an_active_unverified_note_names_its_subject() -> None:
    text = ("Russian forces shelled Vuhledar on Friday, Ukrainian officials said. "
            "Reporters could not independently verify the account.")
    assert [c.claimant for c in one(text).claims if c.stance.value == "unverified"] == [
        "Reporters"]


def test_own_success_without_source_is_claimed_by_the_side_that_did_it() -> None:
    report = one("Border guards destroyed an enemy assault group near Bakhmut")
    assert report.event_type == "Battles"
    assert sides(report) == {"UA"}


def test_pronoun_resolves_to_the_body_named_before() -> None:
    text = ("The representative office of the DPR in the JCCC reported shelling of Horlivka "
            "on Friday. It said 12 shells were fired by Ukrainian forces.")
    report = one(text)
    assert sides(report) == {"RU"}


def test_official_with_a_named_person_after_the_title() -> None:
    report = one("A rocket that hit a pier in Ochakiv killed two fishermen, according to "
                 "the regional governor, Vitaliy Kim.")
    assert [(c.claimant, c.side) for c in report.claims] == [
        ("regional governor, Vitaliy Kim", "UA")]


def test_official_of_an_unlisted_place_speaks_for_the_default_side() -> None:
    report = one("A rocket hit a garage in Lozova on Friday, the mayor said.")
    assert [(c.claimant, c.side) for c in report.claims] == [("mayor", "UA")]
    report = one("A drone hit a shop in Belgorod on Friday, the governor said.")
    assert [(c.claimant, c.side) for c in report.claims] == [("governor", "RU")]


def test_live_blog_timestamp_is_not_part_of_the_claimant() -> None:
    text = "1 May 2022 20.59 Oleh Syniehubov said Russian shelling hit Kharkiv on Sunday."
    report = one(text, published="2022-05-02")
    assert [(c.claimant, c.side) for c in report.claims] == [("Oleh Syniehubov", "UA")]


def test_outlet_claim_names_the_first_outlet_and_tails_are_no_target() -> None:
    report = one("A man was killed in Makiivka by shelling of the Ukrainian army "
                 "- territorial defense headquarters", source="Unified news feed")
    assert report.target is None
    report = one("Russian guns hit Chuhuiv overnight, one wounded",
                 source="Ukrinform;Ukrinform;AOAV")
    assert [(c.claimant, c.side) for c in report.claims] == [("Ukrinform", "UA")]


def _claims(report) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(c.claimant, c.side, c.stance.value) for c in report.claims]


def test_denial_of_an_act_is_a_disputed_report_of_it() -> None:
    report = one("The Ukrainian general staff denied that its forces shelled Stakhanov on 3 May.",
                 published="2024-05-05")
    assert report.disputed is True
    assert report.location is not None and report.location.mention == "Stakhanov"
    assert str(report.date) == "2024-05-03"
    assert report.attacker is not None and report.attacker.side == "UA"
    assert _claims(report) == [("Ukrainian general staff", "UA", "denies")]


def test_denial_of_the_act_after_a_claim_attaches_to_it() -> None:
    report = one("Russia's defence ministry said Ukrainian troops fired on a school in Horlivka on "
                 "Sunday. The Ukrainian military denied striking civilian objects.",
                 published="2024-05-06")
    assert report.disputed is True
    assert _claims(report) == [("Russia's defence ministry", "RU", "asserts"),
                               ("Ukrainian military", "UA", "denies")]


def test_report_called_fake_is_disputed() -> None:
    report = one("LPR militia said the Armed Forces of Ukraine hit Kirovsk with HIMARS on 2 May. "
                 "Kyiv called the report fake.", published="2024-05-04")
    assert report.disputed is True
    assert sides(report, "denies") == {"UA"}


def test_denier_and_asserter_of_one_sentence() -> None:
    report = one("Moscow denied bombing the clinic in Kupiansk on Monday, which Ukrainian police "
                 "said killed three people.", published="2024-05-08")
    assert report.disputed is True
    assert report.fatalities == 3
    assert report.attacker is not None and report.attacker.side == "RU"
    assert _claims(report) == [("Ukrainian police", "UA", "asserts"), ("Moscow", "RU", "denies")]


def test_denied_plans_are_no_incident() -> None:
    from extract_helpers import reports
    assert reports("Russia denies it plans to attack Odesa.") == []


def test_reported_in_a_place_names_no_claimant() -> None:
    report = one("Shelling was reported in Okhtyrka on Sunday, where two people were killed.",
                 published="2024-06-10")
    assert report.claims == ()
    assert report.location is not None and report.location.mention == "Okhtyrka"


def test_claimant_clause_stops_at_as() -> None:
    report = one("Ukrainian units withdrew from Marinka as Russia claimed it had seized the town.",
                 published="2024-06-10")
    assert [(c.claimant, c.side) for c in report.claims] == [("Russia", "RU")]


def test_britains_defence_ministry_is_a_third_party() -> None:
    report = one("Britain's Ministry of Defence said Ukrainian forces counterattacked in Kreminna "
                 "on Friday.", published="2024-06-10")
    assert sides(report) == {"other"}


def test_time_words_are_not_part_of_the_claimant() -> None:
    report = one("Russia last week accused Ukraine of a drone attack on an oil depot in Kursk.",
                 published="2024-06-10")
    assert [(c.claimant, c.side) for c in report.claims] == [("Russia", "RU")]


def test_rejected_claims_name_no_speaker() -> None:
    report = one("Kyiv rejected Russian claims that a barracks was hit, saying the strike on Uman "
                 "on Friday killed 12 people.", published="2024-06-10")
    assert all(c.side != "RU" or c.stance.value != "asserts" for c in report.claims)


def test_denial_with_a_counter_version_stays_one_disputed_report() -> None:
    report = one("Overnight, a depot in occupied Tokmak was hit. Kyiv blamed Moscow for the "
                 "strike. Moscow denied responsibility and said Ukrainian troops had struck the "
                 "depot with rockets.", published="2024-06-10")
    assert report.disputed is True
    assert _claims(report) == [("Kyiv", "UA", "asserts"), ("Moscow", "RU", "denies")]
    assert report.attacker is not None and report.attacker.side == "RU"


def test_denial_in_a_relative_clause_of_the_claim() -> None:
    report = one("Moscow accused Ukraine of a helicopter attack on an oil depot in Kursk on "
                 "Friday, which Kyiv denied.", published="2024-06-10")
    assert report.disputed is True
    assert _claims(report) == [("Moscow", "RU", "asserts"), ("Kyiv", "UA", "denies")]


def test_denial_of_responsibility_for_which() -> None:
    report = one("Moscow accused Ukraine of a drone attack on a depot in Kursk on Friday, for "
                 "which Kyiv denied responsibility.", published="2024-06-10")
    assert report.disputed is True
    assert _claims(report) == [("Moscow", "RU", "asserts"), ("Kyiv", "UA", "denies")]


@pytest.mark.parametrize("text", [
    "The regional governor, Oleh Senko, said Russian missiles hit Uman on Tuesday, killing two "
    "people.",
    "Russian missiles hit Uman on Tuesday, killing two people, the regional governor, Oleh "
    "Senko, said.",
])
def test_a_title_with_a_name_in_apposition_is_the_claimant(text: str) -> None:
    r = one(text, published="2024-03-06")
    assert [(c.claimant, c.side) for c in r.claims] == [("regional governor, Oleh Senko", "UA")]


def test_a_governor_telling_of_soldiers_killed_does_not_make_his_side_the_attacker() -> None:
    r = one("The local governor, Oleh Senko, said two soldiers were killed in Uman on Tuesday.",
            published="2024-03-06")
    assert r.attacker is None


def test_a_third_party_disputing_an_account_denies_the_act_it_tells() -> None:
    r = one("Britain's defence ministry disputed Russia's account of Sunday's missile strike on "
            "Izmail, saying the Russian MoD claimed to have hit a warship.",
            published="2024-03-06")
    assert r.disputed is True
    assert ("Britain's defence ministry", "other") in {
        (c.claimant, c.side) for c in r.claims if c.stance.value == "denies"}


def test_officials_who_say_a_claim_was_false_are_the_deniers() -> None:
    r = one("Russia's defence ministry said it struck a barracks in Izmail on Sunday. "
            "US officials said the claim was false.", published="2024-03-06")
    assert r.disputed is True
    assert [c.claimant for c in r.claims if c.stance.value == "denies"] == ["US officials"]


def test_said_at_least_is_a_speaker_not_a_place() -> None:
    r = one("The local governor, Oleh Senko, said at least two people were killed when a "
            "missile hit Uman on Tuesday.", published="2024-03-06")
    assert [(c.claimant, c.side) for c in r.claims] == [("local governor, Oleh Senko", "UA")]


def test_two_sides_trading_blame_leave_no_attacker_and_dispute_the_act() -> None:
    r = one("Moscow and Kyiv traded blame for the shelling of a detention camp near Olenivka, "
            "which officials said took place overnight on 29 February.", published="2024-03-06")
    assert r.attacker is None
    assert r.disputed is True
    assert {(c.claimant, c.side) for c in r.claims if c.stance.value == "denies"} == {
        ("Kyiv", "UA"), ("Moscow", "RU")}
    assert r.date is not None and r.date.isoformat() == "2024-02-29"


def test_a_name_with_its_title_in_apposition_speaks_and_denies() -> None:
    r = one("Russian shelling hit Uman on Tuesday, Oleh Senko, the head of the regional "
            "administration, said.", published="2024-03-06")
    assert [(c.claimant, c.side) for c in r.claims] == [
        ("Oleh Senko, the head of the regional administration", "UA")]
    r = one("Russia's defence ministry said it struck a depot in Izmail on Sunday. Oleh Senko, "
            "the head of the port authority of Ukraine, said the Russian claims were false.",
            published="2024-03-06")
    assert r.disputed is True
    assert [c.claimant for c in r.claims if c.stance.value == "denies"] == [
        "Oleh Senko, the head of the port authority of Ukraine"]


def test_is_reporting_names_its_speaker() -> None:
    r = one("Three people were killed by Russian shelling of a minibus near Kherson on Tuesday, "
            "Ukraine's military is reporting.", published="2024-03-06")
    assert [(c.claimant, c.side) for c in r.claims] == [("Ukraine's military", "UA")]


def test_both_countries_blaming_the_other_side_is_mutual_blame() -> None:
    r = one("Russia and Ukraine opened inquiries into strikes that killed 40 prisoners in the "
            "village of Olenivka on Friday, after both countries blamed the other side.",
            published="2024-03-06")
    assert r.attacker is None
    assert r.disputed is True


def test_in_which_it_disputes_names_the_body_earlier_in_the_sentence() -> None:
    r = one("Britain's defence ministry published its daily briefing on Tuesday, in which it "
            "disputes Russia's account of Saturday's drone attack on Izmail.",
            published="2024-03-06")
    assert r.disputed is True
    assert [(c.claimant, c.side) for c in r.claims if c.stance.value == "denies"] == [
        ("Britain's defence ministry", "other")]


def test_the_defence_ministry_also_said_its_missiles_names_its_side_as_attacker() -> None:
    found = reports("Russia's defence ministry said on Sunday that it had shot down a jet over "
                    "Kherson. The defence ministry also said that its missiles destroyed two "
                    "planes parked at Kanatovo airfield in the Kirovohrad region.",
                    published="2024-03-06")
    kanatovo = next(r for r in found if r.location and r.location.mention == "Kanatovo")
    assert kanatovo.attacker is not None and kanatovo.attacker.side == "RU"


def test_a_body_that_disputes_an_account_is_its_denier_only() -> None:
    text = ("Britain's Ministry of Defence disputed Russia's account of Tuesday's missile strike "
            "on Mykolaiv, saying there was no sign of the warship Moscow claimed to have hit.")
    found = one(text, published="2024-06-12")
    stances = {(c.claimant, c.stance.value) for c in found.claims}
    assert ("Britain's Ministry of Defence", "asserts") not in stances
    assert ("Britain's Ministry of Defence", "denies") in stances


def test_an_attacker_named_only_in_the_deniers_counter_claim_is_not_the_reports() -> None:
    text = ("A detention centre in occupied Horlivka was hit on Monday night, killing a dozen "
            "inmates, the Ukrainian ombudsman said. Moscow denied responsibility and said "
            "Ukrainian troops had shelled the centre.")
    found = one(text, published="2024-06-11")
    # each side blames the other: judged (round 4, Olenivka) as no attacker to code
    assert found.attacker is None and found.disputed
    alone = one("A detention centre in occupied Horlivka was hit on Monday night. Moscow denied "
                "responsibility and said Ukrainian troops had shelled the centre.",
                published="2024-06-11")
    assert alone.attacker is None


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # a town the government holds, its governor telling of the strike: the other side
        ("Two houses in Kupiansk were hit by shelling on Monday, killing one man, the "
         "regional governor said.", "RU"),
        # a city the other side holds, its own officials telling of it
        ("A market in Horlivka was shelled on Monday, the DPR's mayor of Horlivka said.", "UA"),
        # no side telling of it: no attacker inferred
        ("Two houses in Kupiansk were hit by shelling on Monday, killing one man.", None),
        # a side's claim of its own strike stays its own when the other side denies it
        ("Russia's defence ministry said its missiles destroyed tanks at a depot in Fastiv "
         "on Sunday. Ukrainian officials denied that any tanks were there.", "RU"),
        # a military target may be either side's: no attacker is inferred for it
        ("An ammunition depot in Tokmak was hit overnight, Ukrainian officials said.", None),
        # a country named as where the act was is no actor
        ("In occupied eastern Ukraine, a bridge near Kherson was hit on Monday night.", None),
    ],
)
def test_attacker_side_when_the_text_names_no_attacker_plainly(text: str,
                                                              side: str | None) -> None:
    found = one(text, published="2024-06-11")
    assert (found.attacker.side if found.attacker else None) == side


def test_an_earlier_denial_is_kept_beside_a_later_admission() -> None:
    text = ("Ukraine's general staff said a Russian missile struck a market in Kostiantynivka "
            "on Tuesday, killing four people. On Thursday Russia acknowledged it had struck the "
            "market, saying soldiers gathered there. Previously, Russian bloggers had denied "
            "hitting Kostiantynivka.")
    # (session 3b: the lead's rule is that a party did deny, so the record keeps it)
    report = one(text)
    assert report.disputed is True
    assert [c.claimant for c in report.claims if c.stance.value == "denies"] == [
        "Russian bloggers"]


def test_a_denial_with_no_admission_still_disputes() -> None:
    text = ("Ukraine's general staff said a Russian missile struck a market in Kostiantynivka "
            "on Tuesday, killing four people. Russian bloggers had denied hitting Kostiantynivka.")
    assert one(text).disputed is True


def test_calling_the_claims_false_denies_them_whatever_detail_follows() -> None:
    text = ("Russia's defence ministry said its missiles destroyed howitzers stored at a depot "
            "in Kostiantynivka on Tuesday. The town's mayor, Serhiy Hruzdev, said the Russian "
            "claims were false. There are no such howitzers at the depot, he added.")
    report = one(text)
    assert report.disputed is True
    assert [(c.claimant, c.stance.value) for c in report.claims if c.side != "RU"] == [
        ("town's mayor, Serhiy Hruzdev", "denies")]


def test_a_strike_told_as_rockets_targeting_a_village_is_its_own_report() -> None:
    text = ("Shelling hit the village of Synetsky on Saturday, the Luhansk governor said. "
            "Separately, eight rockets launched from aircraft targeted the village "
            "of Desna near Chernihiv, the army's northern command said on Saturday. "
            "It added that no casualties were reported.")
    found = {r.location.mention: r for r in reports(text, published="2022-06-25")
             if r.location is not None}
    assert set(found) == {"Synetsky", "Desna"}
    assert found["Synetsky"].fatalities is None
    assert found["Desna"].fatalities == 0


def test_could_not_immediately_be_verified_is_an_unverified_note() -> None:
    for note in ("could not be immediately verified", "could not immediately be verified"):
        report = one("Four people were killed by a Russian missile strike on a depot in "
                     f"Kostiantynivka on Tuesday, the mayor said. The toll {note}.",
                     source="The Daily Example")
        assert ("The Daily Example", "unverified") in [
            (c.claimant, c.stance.value) for c in report.claims], note


def test_a_speaker_joined_by_and_to_an_earlier_verb_still_says_it() -> None:
    text = ("Kremlin spokesperson Dmitry Peskov rejected that on Monday, and said the "
            "missiles struck a military depot in Odesa on Sunday.")
    report = one(text, published="2022-07-26")
    assert ("RU", "asserts") in [(c.side, c.stance.value) for c in report.claims]
    assert any("Peskov" in c.claimant for c in report.claims)


def test_initially_is_no_part_of_the_claimant() -> None:
    report = one("Ukraine's general staff initially said a Russian missile struck a market in "
                 "Kostiantynivka on Tuesday.")
    assert [c.claimant for c in report.claims] == ["Ukraine's general staff"]
