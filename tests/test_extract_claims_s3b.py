"""Claims, session 3b: claimants met only as a condemnation, an accusation over the act,
an embedded tweet, a quote carried on, a toll in the act's paragraph, or an earlier
denial. Every text here is our own."""

from __future__ import annotations

from extract_helpers import one, reports

from fogwatch.extract.claims import find_attributions
from fogwatch.profiles import load_profile


def _claims(text: str) -> list[tuple[str, str, str]]:
    return [(c.claimant, c.side, c.stance.value) for c in one(text).claims]


def test_an_earlier_denial_stays_though_the_side_later_owned_up() -> None:
    text = ("Ukraine's general staff said a Russian missile struck a market in Kostiantynivka "
            "on Tuesday, killing four people. On Thursday Russia acknowledged it had targeted the "
            "centre of Kostiantynivka, claiming officers met there. Previously, Russian "
            "bloggers had denied hitting Kostiantynivka.")
    report = one(text)
    assert report.disputed is True
    found = {(c.claimant, c.side, c.stance.value) for c in report.claims}
    assert ("Russian bloggers", "RU", "denies") in found
    assert ("Russia", "RU", "asserts") in found


def test_a_side_that_said_it_was_not_responsible_denies_the_act() -> None:
    text = ("A missile hit a grain silo in Izmail on Sunday, the Russian defence ministry said, "
            "calling it a strike on a military depot. Moscow at first told Ankara that it was "
            "not responsible for the strike.")
    report = one(text)
    assert report.disputed is True
    assert ("Moscow", "RU", "denies") in {(c.claimant, c.side, c.stance.value)
                                          for c in report.claims}


def test_a_lower_case_tweet_author_is_a_source() -> None:
    text = ("Russian missiles hit an airfield near Odesa on Saturday. pic.twitter.com/Ab12 "
            "— owlwatch (@owl_watch) May 3, 2022")
    found = one(text, published="2022-05-03").claims
    assert ("owlwatch", "other", "asserts") in [(c.claimant, c.side, c.stance.value)
                                                 for c in found]


def test_a_third_party_condemning_the_act_asserts_it() -> None:
    text = ("Two Russian missiles hit the port of Izmail on Monday, killing two dock workers, "
            "the regional governor, Oleh Kiper, said. The German chancellor, Olaf Scholz, "
            "said the “cowardly” attack showed Moscow could not be trusted. The UN secretary "
            "general, António Guterres, condemned the strikes.")
    found = _claims(text)
    assert ("German chancellor, Olaf Scholz", "other", "asserts") in found
    assert ("UN secretary general, António Guterres", "other", "asserts") in found


def test_a_third_party_speaks_of_the_act_only_when_judging_it() -> None:
    text = ("Two Russian missiles hit the port of Izmail on Monday, killing two dock workers, "
            "the regional governor, Oleh Kiper, said. A French official said the damage "
            "would be repaired within weeks.")
    assert [c.side for c in one(text).claims] == ["UA"]


def test_an_accusation_over_the_killings_is_a_claim_on_the_act() -> None:
    text = ("Shelling killed 12 detainees at a prison in Olenivka on Friday, the Ukrainian "
            "general staff said. Ukraine's foreign minister, Dmytro Kuleba, has accused Russia "
            "of a war crime over the killings.")
    assert ("Dmytro Kuleba", "UA", "asserts") in _claims(text)


def test_an_accusation_just_before_the_act_is_told_is_about_it() -> None:
    text = ("A US official accused Moscow of preparing fake evidence that the killing of "
            "prisoners in an attack on a jail was caused by Kyiv. Russian shelling hit the "
            "prison in Olenivka on Friday, killing 40 inmates, Ukraine's general staff said.")
    assert ("US official", "other", "asserts") in _claims(text)


def test_a_quote_carried_on_after_a_tweet_is_its_authors() -> None:
    text = ("Two Russian missiles hit the port of Izmail on Monday, the regional governor said."
            "\n\n“Shameful,” tweeted the US ambassador to Kyiv, Jane Doe. “Russia strikes the "
            "port of Izmail hours after the grain talks ended.”")
    found = _claims(text)
    # (the envoy's side is her own nation's, not that of the capital she is posted to)
    assert ("US ambassador to Kyiv, Jane Doe", "other", "asserts") in found


def test_an_official_giving_the_toll_in_the_acts_paragraph_asserts_it() -> None:
    text = ("A Russian missile struck a clinic in Uman on Friday morning. Anna Petrenko, "
            "deputy head of Ukraine's health ministry, said that “40 people are still in "
            "hospital”.")
    found = _claims(text)
    assert [(c, s) for c, s, _ in found] == [
        ("Anna Petrenko, deputy head of Ukraine's health ministry", "UA")]


def test_an_unknown_name_after_a_quote_takes_the_side_of_its_title() -> None:
    text = ("“Russian forces shelled the plant in Avdiivka all night on Tuesday,” said Petro "
            "Ivanchuk, commander of a brigade of Ukraine's national guard.")
    assert [(c.claimant, c.side) for c in one(text).claims] == [("Petro Ivanchuk", "UA")]


def test_a_general_denial_and_anonymous_locals_stay_out() -> None:
    text = ("Russian rockets hit a school in Pokotylivka on Monday, killing two, Kharkiv "
            "prosecutors said. Russia denies targeting civilians. Local people said the "
            "strikes were the worst in weeks.")
    found = reports(text)
    assert len(found) == 1
    assert found[0].disputed is False
    assert [c.side for c in found[0].claims] == ["UA"]


def test_an_outlet_whose_quoted_report_tells_the_act_asserts_it() -> None:
    text = ("Ukrainian divers landed on Zmiinyi on Thursday night. According to a report by "
            "Ukrainska Pravda, the divers came from a naval special unit. The report added: "
            "“Our group swept the shore for mines. The work took three hours. “After that, the "
            "Russians fired a missile at Snake Island, hitting the jetty.")
    strikes = [r for r in reports(text, published="2022-07-08")
               if r.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1
    assert ("Ukrainska Pravda", "other", "asserts") in [
        (c.claimant, c.side, c.stance.value) for c in strikes[0].claims]


def test_a_toll_told_after_another_places_news_is_not_the_acts() -> None:
    text = ("A missile destroyed a hotel in Kramatorsk on Sunday, its mayor Oleksandr "
            "Goncharenko said. Three people were killed in the Russian city of Belgorod on "
            "Sunday, the region's governor said. Vyacheslav Gladkov said at least 11 houses "
            "were damaged and 4 people were in hospital.")
    kramatorsk = [r for r in reports(text) if r.location and r.location.mention == "Kramatorsk"]
    assert len(kramatorsk) == 1
    assert "Vyacheslav Gladkov" not in [c.claimant for c in kramatorsk[0].claims]


_PLANT = ("Russian forces shelled the Zorvalt steelworks in Mariupol on Tuesday, the city "
          "council said. Buses left the city with evacuees. Volunteers handed out water. "
          "Families waited for news. Aid workers counted the arrivals. Doctors treated "
          "the wounded.")


def test_the_striking_sides_ministry_naming_the_target_again_asserts_it() -> None:
    text = _PLANT + (" Russia's defence ministry said its forces were targeting the Zorvalt "
                     "plant with heavy artillery.")
    found = _claims(text)
    assert ("Russia's defence ministry", "RU", "asserts") in found


def test_a_quote_whose_speaker_is_named_where_it_closes_is_theirs() -> None:
    text = _PLANT + (" “The enemy is trying to storm the Zorvalt plant with tanks. Our men "
                     "are holding,” said Ivan Koval, commander of a brigade of Ukraine's "
                     "national guard.")
    assert ("Ivan Koval", "UA", "asserts") in _claims(text)


def test_the_side_that_owned_up_after_a_denial_speaks_for_the_act() -> None:
    text = ("Russian forces captured Lysychansk on Sunday, Russia's defence ministry said. "
            "The mayor had earlier denied Russian claims of the city's fall before the "
            "Ukrainian army announced the retreat on Sunday evening.")
    found = _claims(text)
    assert ("Ukrainian army", "UA", "asserts") in found


def test_a_relative_clause_after_the_speaker_is_no_part_of_the_subject() -> None:
    text = ("The deputy commander of the Azov regiment, which is dug in at the works, said "
            "Russian forces shelled the Zorvalt steelworks in Mariupol on Tuesday.")
    assert [(c.claimant, c.side) for c in one(text).claims] == [
        ("deputy commander of the Azov regiment", "UA")]


def test_a_condemnation_of_attacks_in_general_before_an_act_is_not_about_it() -> None:
    text = ("The EU condemned Russia's attacks on power plants this winter. A Russian missile "
            "hit a substation in Kharkiv on Monday, the regional governor, Oleh Syniehubov, "
            "said.")
    assert [c.side for c in one(text).claims] == ["UA"]


def test_other_news_of_the_towns_region_does_not_join_a_named_site() -> None:
    text = ("A Russian missile hit the Kharkiv steelworks on Monday, the regional governor "
            "said. Volunteers cleared rubble. Power came back in the evening. Russia's defence "
            "ministry said its troops were storming positions in Kharkiv region.")
    found = [r for r in reports(text) if r.target and r.target.name.endswith("steelworks")]
    assert len(found) == 1
    assert all(c.side != "RU" for c in found[0].claims)


def test_a_clause_after_a_quoted_name_is_no_title() -> None:
    profile = load_profile("ukraine")
    text = ("“Two of our people died in the market,” said Petro Ivanchuk, adding that Russian "
            "troops were close.")
    found = find_attributions(text, 0, len(text), profile)
    assert [(a.claimant, a.side) for a in found] == [("Petro Ivanchuk", None)]
    text = text.replace("adding that Russian troops were close", "an officer in Ukraine's army")
    found = find_attributions(text, 0, len(text), profile)
    assert [(a.claimant, a.side) for a in found] == [("Petro Ivanchuk", "UA")]


def test_a_bare_title_and_the_name_the_page_gives_it_are_one_claimant() -> None:
    report = one("Russian rockets killed four people in Bakhmut on Monday, the regional "
                 "governor said. Seven more were hurt, the governor of the region, Oleh "
                 "Marchenko, wrote on Telegram.", published="2024-03-05")
    assert [(c.claimant, c.side) for c in report.claims] == [
        ("governor of the region, Oleh Marchenko", "UA")]


def test_two_bodies_with_titles_of_their_own_stay_two_claimants() -> None:
    report = one("Russian rockets killed four people in Bakhmut on Monday, the regional "
                 "governor said. The city's mayor, Oleh Marchenko, said a school burned.",
                 published="2024-03-05")
    assert {c.claimant for c in report.claims} >= {"regional governor"}


def test_a_name_before_its_title_is_the_bare_titles_speaker_too() -> None:
    report = one("Russian rockets killed four people in Bakhmut on Monday, the regional "
                 "governor said. Seven more were hurt, Oleh Marchenko, the region's governor, "
                 "wrote on Telegram.", published="2024-03-05")
    assert [c.claimant for c in report.claims] == ["Oleh Marchenko, the region's governor"]


def test_a_nationality_before_the_target_is_no_name_to_refer_back_by() -> None:
    text = ("Ukrainian drones struck a Russian depot near Nova Kakhovka overnight, the "
            "Ukrainian military said.\n\nRain fell all week. Ferries were cancelled. The "
            "harvest was late. Bakeries closed early. Buses were full. Schools reopened. "
            "Talks resumed.\n\nKremlin spokesman Dmitry Peskov said sanctions had hit the "
            "Russian economy hard.")
    assert [(c.claimant, c.side) for c in one(text).claims] == [("Ukrainian military", "UA")]


def test_two_ministries_of_defence_of_different_sides_are_two_deniers() -> None:
    text = ("Russian forces shelled a clinic in Sumy on Tuesday, killing two, the Ukrainian "
            "military said. The Russian Ministry of Defence denied that its forces had "
            "shelled the clinic. The UK Ministry of Defence denied that Ukrainian forces had "
            "shelled the clinic.")
    denials = [(c.claimant, c.side) for c in one(text).claims if c.stance.value == "denies"]
    assert denials == [("Russian Ministry of Defence", "RU"), ("UK Ministry of Defence", "other")]
