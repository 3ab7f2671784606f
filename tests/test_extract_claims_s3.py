"""Claims told away from the act's own sentences: who else speaks of it further on, which
denials far down a page concern it, and what a report inherits from the sentence before."""

from __future__ import annotations

import pytest
from extract_helpers import reports, sides

from fogwatch.model import Report


def _claimants(report: Report, stance: str = "asserts") -> list[str]:
    return [c.claimant for c in report.claims if c.stance.value == stance]


def _at(found: list[Report], town: str) -> Report:
    hits = [r for r in found if r.location and r.location.mention == town]
    assert len(hits) == 1, [r.summary for r in found]
    return hits[0]


def test_a_late_admission_naming_the_town_is_the_striking_sides_claim() -> None:
    filler = " ".join(f"Relief lorry number {i} left Lviv for the east." for i in range(8))
    text = ("Ukraine's police said a missile hit the centre of Uman on Tuesday, killing "
            f"seven people. {filler} On Wednesday Moscow said it had targeted the centre of "
            "Uman, claiming officers were meeting there.")
    found = reports(text, published="2024-03-13")
    uman = _at(found, "Uman")
    assert sides(uman) == {"UA", "RU"}
    assert not uman.disputed
    # the claim's evidence is the admission's own sentence
    ru = next(c for c in uman.claims if c.side == "RU")
    assert ru.span is not None and "Moscow" in text[ru.span.start : ru.span.end + 20]


def test_a_spokesman_who_contradicts_this_a_few_sentences_on_speaks_of_the_attack() -> None:
    text = ("A missile attack on the port of Izmail on Sunday was condemned by Kyiv. "
            "Satellite images show damage to two warehouses. Moscow first told Ankara it was "
            "not behind the attack. On Monday Kremlin spokesman Dmitry Peskov contradicted "
            "this, and said the attack had hit a military depot.")
    izmail = _at(reports(text, published="2024-03-12"), "Izmail")
    assert any("Peskov" in c for c in _claimants(izmail))
    assert "RU" in sides(izmail)


def test_a_speaker_in_a_sentence_about_another_town_is_not_the_reports() -> None:
    text = ("Shelling hit a school in Kupiansk on Monday, the regional governor said. "
            "Later, Russia's defence ministry said its troops attacked positions near Lyman.")
    kupiansk = _at(reports(text), "Kupiansk")
    assert "RU" not in sides(kupiansk)


def test_with_two_reports_at_one_town_a_late_speaker_picks_neither() -> None:
    text = ("A drone hit a warehouse in Sumy on 2 March, the mayor said. "
            "On 8 March a missile struck a school in Sumy, the mayor said. "
            "Moscow's defence ministry later said Sumy held arms depots it had targeted.")
    found = reports(text, published="2024-03-10")
    assert found and all("RU" not in sides(r) for r in found)


def test_a_denial_far_down_the_page_naming_the_one_report_at_that_place_disputes_it() -> None:
    filler = " ".join(f"Aid convoy number {i} reached the west of the country." for i in
                      range(8))
    text = ("Russian missiles struck the pier on Snake Island on Thursday, hitting a "
            f"boat, officials in Odesa said. {filler} Olena Hrytsenko, a former deputy "
            "minister, says Russian claims that Ukrainian marines were killed on Snake Island "
            "are untrue. Olena Hrytsenko says Russian claims that marines were killed on "
            "Snake Island are untrue.")
    island = _at(reports(text), "Snake Island")
    assert island.disputed
    # one denier, named twice, is one denial
    assert len(_claimants(island, "denies")) == 1


def test_a_far_doubt_from_a_speaker_who_owns_up_to_the_act_is_no_denial() -> None:
    filler = " ".join(f"Volunteers delivered parcel {i} to the north." for i in range(8))
    text = ("Ukraine's president, Volodymyr Zelenskiy, acknowledged on Sunday that Russian "
            f"troops had captured Toretsk. {filler} Volodymyr Zelenskiy had cast doubt on "
            "Russian claims that its forces took Toretsk.")
    found = [r for r in reports(text) if r.location and r.location.mention == "Toretsk"]
    assert found and not any(r.disputed for r in found)


def test_a_toll_whose_source_is_named_with_a_could_not_verify_note_keeps_the_source() -> None:
    text = ("Nine people were killed by a Ukrainian rocket strike on a fuel depot in "
            "Tokmak. The claims of deaths were made by the Russian-installed administration "
            "in the town and could not be independently verified.")
    report = _at(reports(text), "Tokmak")
    assert _claimants(report) == ["Russian-installed administration"]
    assert sides(report) == {"RU"}
    assert sides(report, "unverified") == {"other"}


def test_the_next_act_in_the_area_just_named_is_told_by_the_same_officials() -> None:
    text = ("Four people died on Friday in fresh Russian shelling in Donetsk, Ukrainian "
            "officials said. A rocket attack in Kostiantynivka, northern Donetsk, wrecked a "
            "pharmacy.")
    report = _at(reports(text, published="2024-03-09"), "Kostiantynivka")
    assert _claimants(report) == ["Ukrainian officials"]
    assert sides(report) == {"UA"}


def test_every_outlet_cited_is_a_source_when_no_one_else_is() -> None:
    text = ("Russia shelled Vovchansk heavily overnight, according to the Kyiv Independent. "
            "According to Reuters, Vovchansk was under heavy shelling.")
    report = _at(reports(text), "Vovchansk")
    assert len(_claimants(report)) == 2
    assert sides(report) == {"other"}


def test_a_military_target_claimed_by_the_striker_and_denied_is_not_coded() -> None:
    text = ("Russia carried out airstrikes on Kyiv on Sunday, claiming it had destroyed "
            "tanks. Oleh Marchenko, the head of Ukraine's railway company, said the Russian claims "
            "were false.")
    report = _at(reports(text), "Kyiv")
    assert report.disputed
    assert report.target is None
    assert "target" not in report.evidence


def test_an_undisputed_military_target_claimed_by_the_striker_is_kept() -> None:
    text = ("Russia carried out airstrikes on Kyiv on Sunday, claiming it had destroyed "
            "tanks.")
    report = _at(reports(text), "Kyiv")
    assert not report.disputed
    assert report.target is not None and report.target.category == "military"


def test_a_title_opening_on_a_nation_before_the_name_gives_the_speaker() -> None:
    text = ("The Russian defence minister, Sergei Shoigu, said Moscow's troops had taken "
            "full control of Siversk on Sunday.")
    report = _at(reports(text), "Siversk")
    assert _claimants(report) == ["Sergei Shoigu"]
    assert sides(report) == {"RU"}


def test_its_before_a_title_is_not_part_of_the_speakers_name() -> None:
    text = ("In the city of Kramatorsk, a missile destroyed a hotel on Sunday, according to "
            "its mayor Ivan Petrenko.")
    report = _at(reports(text), "Kramatorsk")
    assert _claimants(report) == ["mayor Ivan Petrenko"]


def test_one_speaker_named_by_title_then_by_surname_or_respelt_is_one_claim() -> None:
    text = ("Eight missiles hit a university in Mykolaiv on Friday, the regional governor, "
            "Vitali Kim, said. Kim said four of them were S-300 missiles.")
    assert _claimants(_at(reports(text), "Mykolaiv")) == ["regional governor, Vitali Kim"]
    text = ("Shelling hit homes in Kharkiv on Sunday, Oleh Synyehubov said. Two people were "
            "killed in the shelling, the regional governor Oleg Synegubov said.")
    assert len(_claimants(_at(reports(text), "Kharkiv"))) == 1


def test_two_bodies_of_opposite_sides_with_one_last_word_are_two_claims() -> None:
    text = ("Ukraine's General Staff said its troops struck a depot in Tokmak on Monday. "
            "Russia's General Staff said the strike on the depot in Tokmak was repelled.")
    assert sides(_at(reports(text), "Tokmak")) == {"UA", "RU"}


def test_tweets_embedded_in_a_live_blog_are_their_authors_own_word_not_a_relay() -> None:
    text = ("Blasts heard in Belgorod Two blasts shook Belgorod early this morning, the "
            "region's governor, Vyacheslav Gladkov, wrote on Telegram. Two more explosions "
            "over Belgorod this morning. pic.twitter.com/abc — Jane Roe (@janeroe) May 2, 2024 "
            "Another explosion in Belgorod just now. pic.twitter.com/def — John Doe (@jdoe) "
            "May 2, 2024")
    report = _at(reports(text, published="2024-05-02"), "Belgorod")
    assert set(_claimants(report)) >= {"Jane Roe", "John Doe"}
    assert not any("via" in c for c in _claimants(report))
    assert {c.side for c in report.claims if c.claimant in ("Jane Roe", "John Doe")} == {"other"}


def test_the_attacking_side_telling_of_its_own_act_right_after_claims_it() -> None:
    text = ("Russian drones struck a power station in Izmail overnight, the regional "
            "governor said. Moscow's defence ministry said its forces had hit a fuel store "
            "serving the Ukrainian army.")
    report = _at(reports(text), "Izmail")
    assert sides(report) == {"UA", "RU"}


def test_the_other_side_speaking_right_after_of_an_act_of_its_own_is_not_the_reports() -> None:
    text = ("Russian drones struck a power station in Izmail overnight, the regional "
            "governor said. Kyiv's general staff said its forces had hit a Russian radar.")
    found = reports(text)
    assert "UA" in sides(_at(found, "Izmail"))
    assert not any(c.claimant.startswith("Kyiv") for c in _at(found, "Izmail").claims)


def test_a_day_told_before_the_speakers_verb_is_when_it_was_said_not_a_second_strike() -> None:
    text = ("A Russian missile struck a block of flats in Poltava on Friday, killing four, "
            "the city's mayor said. On Saturday the Kremlin spokesman, Dmitry Peskov, said "
            "the strike on Poltava had hit a military headquarters.")
    found = reports(text)
    assert len(found) == 1, [r.summary for r in found]
    assert sides(found[0]) == {"UA", "RU"}
    assert str(found[0].date) == "2024-03-08"


def test_saying_no_attack_took_place_after_blaming_an_accident_denies_the_strike() -> None:
    text = ("Blasts shook an airbase near Saky in Crimea on Tuesday. Russia's defence "
            "ministry put the blasts down to a fire in a store and said no attack had taken "
            "place. A Ukrainian officer told a US paper that Ukrainian forces had hit the "
            "airbase.")
    report = _at(reports(text), "Saky")
    assert report.disputed
    assert [(c.claimant, c.side) for c in report.claims if c.stance.value == "denies"] == [
        ("Russia's defence ministry", "RU")]
    # the officer speaks of "the airbase", the thing the report tells was hit
    assert sides(report) == {"UA"}


def test_denying_any_damage_to_what_was_hit_disputes_the_act() -> None:
    text = ("Partisans blew up a railway bridge in Melitopol on Monday, the exiled mayor, "
            "Ivan Fedorov, said. Russian-installed officials denied any damage to the bridge.")
    report = _at(reports(text), "Melitopol")
    assert report.disputed
    assert sides(report, "denies") == {"RU"}


def test_a_statement_from_a_body_is_that_bodys_claim() -> None:
    text = ("Russian artillery hit Vovchansk overnight, wounding two people, according to a "
            "statement from the Kharkiv regional prosecutor's office.")
    assert _claimants(_at(reports(text), "Vovchansk")) == [
        "Kharkiv regional prosecutor's office"]


def test_a_state_that_blames_the_other_side_does_not_also_assert_the_act() -> None:
    text = ("Kyiv and Moscow traded blame over the strike on the prison in Olenivka, which "
            "Russia said happened overnight on Friday.")
    report = _at(reports(text), "Olenivka")
    assert "RU" not in sides(report)
    assert sides(report, "denies") == {"UA", "RU"}


def test_a_habitual_denial_of_the_claims_in_general_disputes_no_one_act() -> None:
    text = ("A Russian drone hit a car in Beryslav on Saturday, killing two people, officials "
            "said. Moscow has repeatedly denied the claims.")
    report = _at(reports(text), "Beryslav")
    assert not report.disputed


def test_a_habitual_denial_naming_the_act_still_disputes_it() -> None:
    text = ("A Russian drone hit a car in Beryslav on Saturday, killing two people, officials "
            "said. Moscow has repeatedly denied striking Beryslav.")
    report = _at(reports(text), "Beryslav")
    assert report.disputed
    assert _claimants(report, "denies") == ["Moscow"]


def test_a_quote_opened_by_a_speaker_in_the_sentence_before_is_that_speakers() -> None:
    text = ("Russian missiles hit Kyiv on Sunday, wounding one person. A Ukrainian official, "
            "Mykhailo Podolyak, wrote on Twitter: “The Kremlin answers talks with terror. "
            "Today's missile strikes on Kyiv aim only to kill.”")
    report = _at(reports(text), "Kyiv")
    assert "Mykhailo Podolyak" in _claimants(report)


def test_a_closed_quote_before_gives_no_speaker_to_the_next_sentence() -> None:
    text = ("The minister said: “We will rebuild.” Russian missiles hit Kyiv on Sunday, "
            "wounding one person.")
    report = _at(reports(text), "Kyiv")
    assert report.claims == () or all("minister" not in c.claimant for c in report.claims)


def test_posts_on_social_media_are_a_voice_of_their_own_not_a_relay() -> None:
    text = ("Two blasts were heard in Kursk early today, the regional governor, Roman "
            "Starovoit, wrote. Posts on social media said explosions were heard over Kursk.")
    report = _at(reports(text), "Kursk")
    assert not any("via" in c for c in _claimants(report))
    assert "Posts on social media" in _claimants(report)


@pytest.mark.parametrize("opening", ["In a separate attack,", "Elsewhere,", "Separately,"])
def test_a_sentence_that_says_it_tells_of_another_act_adds_nothing_to_the_last(
        opening: str) -> None:
    text = (f"Russian missiles hit Zhytomyr on Monday, the governor said. {opening} two people "
            "were killed by shelling, the regional police said.")
    zhytomyr = _at(reports(text, published="2024-03-12"), "Zhytomyr")
    assert zhytomyr.fatalities is None
    assert _claimants(zhytomyr) == ["governor"]


def test_a_speakers_own_strike_on_another_kind_of_target_is_another_act() -> None:
    text = ("A drone hit an apartment block in Uman overnight, injuring three. The Russian "
            "defence ministry said it had struck a military airfield in western Ukraine.")
    uman = _at(reports(text, published="2024-03-12"), "Uman")
    assert "RU" not in sides(uman)


def test_a_speakers_capture_after_a_shelling_is_another_act() -> None:
    text = ("Russian forces shelled Vovchansk, the governor said. Russia's defence ministry "
            "said the next day that its troops had taken control of two villages nearby.")
    vovchansk = _at(reports(text, published="2024-03-12"), "Vovchansk")
    assert "RU" not in sides(vovchansk)


def test_the_striking_sides_account_of_the_blaze_is_a_claim_and_admits_the_strike() -> None:
    text = ("A missile struck a shopping centre in Lubny on Monday, killing nine, regional "
            "officials said. Russia's defence ministry later said the blaze had been caused by "
            "its strike on a nearby arms depot.")
    report = _at(reports(text, published="2024-03-12"), "Lubny")
    assert sides(report) == {"UA", "RU"}
    assert report.attacker is not None and report.attacker.side == "RU"


def test_a_speaker_who_adds_to_the_account_just_told_speaks_of_the_act() -> None:
    text = ("Russian missiles struck Kyiv on Sunday, wounding one person. Weather was mild. "
            "Crowds gathered later. Talks went on. Kyiv's mayor, Vitali Klitschko, said one "
            "victim was in hospital after the attack. Oleh Marchenko, a board member of "
            "Ukraine's railway company, added that its repair shops had been struck.")
    report = _at(reports(text), "Kyiv")
    assert any(c.startswith("Oleh Marchenko") for c in _claimants(report))


def test_a_speaker_who_adds_something_with_no_act_in_it_is_not_the_reports() -> None:
    text = ("Russian missiles struck Kyiv on Sunday, wounding one person. Kyiv's mayor, "
            "Vitali Klitschko, said one victim was in hospital after the attack. Ukraine's "
            "foreign minister added that talks with partners would go on.")
    report = _at(reports(text), "Kyiv")
    assert not any("foreign minister" in c for c in _claimants(report))


def test_a_note_that_the_claim_could_not_be_checked_is_about_the_last_account_only() -> None:
    told = ("Russian shelling killed two people in Kramatorsk on Monday, the governor said. "
            "Ukraine's military said it destroyed a Russian depot in Tokmak on Monday. ")
    found = reports(told + "The claim could not be independently verified.",
                    published="2024-03-12")
    assert sides(_at(found, "Kramatorsk"), "unverified") == set()
    assert sides(_at(found, "Tokmak"), "unverified") == {"other"}
    found = reports(told + "The claims could not be independently verified.",
                    published="2024-03-12")
    assert sides(_at(found, "Kramatorsk"), "unverified") == {"other"}


def test_a_denial_naming_what_was_hit_concerns_only_the_report_of_that_thing() -> None:
    text = ("Russian shelling killed two people in Kramatorsk on Monday, the governor said. "
            "Russia's defence ministry said it struck a Ukrainian depot in Kupiansk on Monday. "
            "Kyiv denied that any depot had been hit.")
    found = reports(text, published="2024-03-12")
    assert not _at(found, "Kramatorsk").disputed
    assert _at(found, "Kupiansk").disputed


@pytest.mark.parametrize("text", [
    "Interfax quoted Denis Pushilin as saying Ukrainian shelling killed three people in "
    "Makiivka on Monday.",
    "Ukrainian shelling killed three people in Makiivka on Monday, Interfax quoted Denis "
    "Pushilin as saying.",
])
def test_an_outlet_quoting_a_speaker_as_saying_gives_the_speaker(text: str) -> None:
    report = _at(reports(text, published="2024-03-12"), "Makiivka")
    assert any(c.startswith("Denis Pushilin") for c in _claimants(report))
    assert sides(report) == {"RU"}
