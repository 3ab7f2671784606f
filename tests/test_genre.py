"""Genre: opinion, letters, reviews, obituaries, explainers and history give no reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.clean import clean, detect_genre
from fogwatch.model import Document
from fogwatch.pipeline import Pipeline

STRIKE = ("Russian missiles hit a fuel depot in Bila Tserkva on Monday, killing two "
          "workers, the regional governor said.")


@pytest.mark.parametrize(("title", "url", "genre"), [
    ("Why the sanctions are working | Letters", None, "letters"),
    ("Letters: the cost of the war", None, "letters"),
    ("Maria Petrenko obituary", None, "obituary"),
    ("Frontline Diaries review – a soldier's year in verse", None, "review"),
    ("Can the west keep paying for this war? | Tom Fairweather", None, "opinion"),
    ("Hold the line | Anna Kovalenko-Smith | The Guardian", None, "opinion"),
    ("Why aid must continue | Opinion | The Guardian", None, "opinion"),
    ("The Guardian view on the grain deal: fragile but vital", None, "opinion"),
    ("Opinion: the front will not move this winter", None, "opinion"),
    ("What is a cluster munition and why are they banned?", None, "explainer"),
    ("Factbox: the air defence systems sent so far", None, "explainer"),
    ("From the archive: the siege of a city, 1942", None, "history"),
    ("The road to Kherson: how a city was lost and won | The long read", None, "history"),
    ("Why the front stalled | Analysis", None, "explainer"),
    ("Kyiv under attack – as it happened", None, "liveblog"),
    ("Strike on depot", "https://www.theguardian.com/commentisfree/2024/mar/12/depot",
     "opinion"),
    ("Strike on depot", "https://example.org/world/live/2024/mar/12/ukraine-news",
     "liveblog"),
    ("Strike on depot", "https://example.org/obituaries/2024/mar/12/a-life", "obituary"),
])
def test_genre_cues(title: str, url: str | None, genre: str) -> None:
    found = detect_genre(title, url, STRIKE)
    assert found is not None and found.name == genre, found


@pytest.mark.parametrize("title", [
    "Russian missiles hit fuel depot in Bila Tserkva",
    "Russia-Ukraine war: what we know on day 120 of the invasion",
    "Refugees cross the border at night | First Thing",
    "Governor says two killed in overnight strike",
    "Is the counteroffensive stalling?",
    "Defence review: army to grow by 10,000 troops",
    "Pentagon orders review",
    # site and section names after the headline are not a columnist's name
    "Drones hit Odesa port | Kyiv Independent",
    "Drones hit Odesa port | Russia-Ukraine War | Al Jazeera",
    "Drones hit Odesa port | World news | The Guardian",
    "Drones hit Odesa port | Odesa Oblast",
    "Drones hit Odesa port - Reuters",
])
def test_news_headlines_have_no_genre(title: str) -> None:
    assert detect_genre(title, None, STRIKE) is None


def test_a_letter_is_kept_and_flagged_but_gives_no_report() -> None:
    document = Document(id="l1", text=STRIKE, title="The war in the east | Letters",
                        published="2024-03-12")
    analysis = Pipeline()(document)
    assert analysis.error is None
    assert analysis.reports == ()
    flags = analysis.document.flags
    assert flags.genre == "letters"
    assert flags.skip_extraction == "letters (title '| Letters')"
    assert flags.to_dict()["skip_extraction"] == flags.skip_extraction


def test_the_same_text_as_news_gives_its_report() -> None:
    document = Document(id="n1", text=STRIKE, title="Two killed in depot strike",
                        published="2024-03-12")
    analysis = Pipeline()(document)
    assert [r.fatalities for r in analysis.reports] == [2]
    assert clean(document).flags.skip_extraction is None


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=60)), st.text(max_size=400))
def test_any_title_url_and_text_give_a_known_genre_or_none(title: str, url: str | None,
                                                           text: str) -> None:
    found = detect_genre(title, url, text)
    known = {"letters", "obituary", "review", "opinion", "explainer", "history", "liveblog"}
    assert found is None or (found.name in known and found.cue.split()[0] in
                             {"url", "title", "text"})


def test_a_label_line_at_the_top_of_an_untitled_text_gives_its_genre() -> None:
    text = "Opinion\n\nThe shelling of Kupiansk must end, and here is why.\n"
    found = detect_genre(None, None, text)
    assert found is not None and (found.name, found.cue) == ("opinion", "text 'Opinion'")
    assert detect_genre(None, None, "Opinion polls show support for talks.\n") is None
