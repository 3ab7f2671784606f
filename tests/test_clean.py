"""The cleaner: repair, boilerplate flags, language spans, sentences, the stage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fogwatch.clean import (
    boilerplate_spans,
    clean,
    in_boilerplate,
    join_split_capitals,
    language_spans,
    make_stage,
    split_sentences,
)
from fogwatch.model import Document, Flags, Span
from fogwatch.pipeline import Analysis, Resources

SHARED = Path(os.environ.get("FOGWATCH_SHARED")
              or Path(__file__).resolve().parents[1].parent / "shared")
SEEDS = SHARED / "corpus" / "seeds"


def _seed(prefix: str) -> Document:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (set FOGWATCH_SHARED)")
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return clean(Document(id=path.stem, text=path.read_text(encoding="utf-8")))


def _flagged(doc: Document) -> list[str]:
    return [s.text(doc.text) for s in doc.flags.boilerplate]


# --- seeds ------------------------------------------------------------------------


def test_seed_002_more_stories_block_to_the_end() -> None:
    doc = _seed("002")
    [block] = doc.flags.boilerplate
    assert doc.text[block.start:].startswith("More Stories\n")
    assert doc.text[block.end:].strip() == ""
    assert "Khawaja on cusp of twofold ton" in block.text(doc.text)
    assert "Haidai is reluctant" not in block.text(doc.text)


def test_seed_003_source_and_contributed_lines() -> None:
    doc = _seed("003")
    # the closing credit line is checked by its ends, not quoted whole
    last = doc.text.rstrip().splitlines()[-1]
    assert last.startswith("Source: |") and last.endswith("Nbcnews.com")
    assert _flagged(doc) == ["Oksana Parafeniuk contributed.", last]
    assert doc.text[doc.flags.boilerplate[-1].end:].strip() == ""


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seeds_without_boilerplate(prefix: str) -> None:
    assert _seed(prefix).flags.boilerplate == ()


def test_seed_004_russian_fragment() -> None:
    doc = _seed("004")
    # the Russian clause runs from its first words to its last, Latin names inside it
    start = doc.text.index("стекло автобуса")
    end = doc.text.index("было повреждено") + len("было повреждено")
    assert "Mayak" in doc.text[start:end]
    ru = [ls for ls in doc.flags.languages if ls.language == "ru"]
    assert len(ru) == 1
    assert (ru[0].span.start, ru[0].span.end) == (start, end)
    assert doc.flags.main_language == "en"
    assert {ls.language for ls in doc.flags.languages} == {"en", "ru"}
    assert doc.flags.languages[0].span.start == 0
    assert doc.flags.languages[-1].span.end == len(doc.text)
    assert [ls.to_list() for ls in doc.flags.mixed_language] == [
        [ru[0].span.start, ru[0].span.end, "ru"]]
    assert doc.languages == ["en", "ru"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_english_seeds_are_english_throughout(prefix: str) -> None:
    doc = _seed(prefix)
    assert [ls.to_list() for ls in doc.flags.languages] == [[0, len(doc.text), "en"]]


def test_seed_000_sentences_keep_article_abbreviation() -> None:
    doc = _seed("000")
    texts = [s.text(doc.text) for s in doc.sentences]
    # "Art." does not end the sentence: the words before and after it stay together
    assert any("Parts 1 and 2" in t and "Art. 439 of the Criminal Code" in t for t in texts)
    assert "Among the wounded are four children." in texts


# --- boilerplate on our own texts --------------------------------------------------

BODY = (
    "A drone struck a fuel depot outside the town on Monday night, the governor said.\n"
    "Firefighters worked until morning to put out the blaze.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "By Jane Doe and John Roe",
        "Jane Doe contributed.",
        "Reuters contributed to this report.",
        "Additional reporting by Ivan Petrenko in Kyiv",
        "Source: | This article originally belongs to Example.com",
        "This article originally appeared in The Example Times.",
        "Share this article",
        "Share | Tweet | Email",
        "Subscribe to our newsletter",
        "Sign up for the morning briefing",
        "Follow us on Telegram",
        "Read more: Drone attacks on ports rise",
        "© 2023 Example Media",
    ],
)
def test_boilerplate_lines_are_flagged(line: str) -> None:
    text = BODY + line + "\n" + "The governor said the depot would be rebuilt.\n"
    spans = boilerplate_spans(text)
    assert [s.text(text) for s in spans] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, troops had pulled back from the river.",
        "Ukraine contributed to the talks in a major way, according to diplomats.",
        "Follow-up strikes hit the same area later that day.",
        "Related fighting was reported near the border.",
        "Read the full statement below, the ministry said, before taking questions.",
        "The source said the strike originally targeted a depot.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    text = BODY + line + "\n" + "The governor said the depot would be rebuilt.\n"
    assert boilerplate_spans(text) == ()


def test_related_block_needs_headline_like_lines() -> None:
    prose_after = BODY + "Related\n" + (
        "The ministry said in a long statement that the strike had been planned for weeks "
        "and that it had warned the population to leave the area before it began.\n") * 2
    assert boilerplate_spans(prose_after) == ()
    headlines = BODY + "Related stories:\nPort reopens after attack\nTalks to resume in May\n"
    [span] = boilerplate_spans(headlines)
    assert span.text(headlines) == (
        "Related stories:\nPort reopens after attack\nTalks to resume in May")


def test_in_boilerplate_by_majority() -> None:
    doc = Document(id="d", text="x" * 100, flags=Flags(boilerplate=(Span(50, 100),)))
    assert in_boilerplate(doc, Span(60, 70))
    assert in_boilerplate(doc, Span(40, 70))
    assert not in_boilerplate(doc, Span(10, 55))
    assert not in_boilerplate(Document(id="e", text="x" * 10), Span(0, 5))


# --- repair ------------------------------------------------------------------------


def test_mojibake_is_repaired_and_spans_point_into_repaired_text() -> None:
    broken = "Ukraineâ€™s general staff said.\nMore Stories\nPort reopens"
    doc = clean(Document(id="m", text=broken))
    assert doc.text == "Ukraine’s general staff said.\nMore Stories\nPort reopens"
    assert doc.flags.repaired is True
    [span] = doc.flags.boilerplate
    assert span.text(doc.text) == "More Stories\nPort reopens"


def test_curly_quotes_are_kept_and_clean_text_is_not_marked_repaired() -> None:
    text = "“We will rebuild,” the mayor said. ‘Soon’."
    doc = clean(Document(id="q", text=text))
    assert doc.text == text and doc.flags.repaired is False


def test_a_word_split_after_its_styled_initial_is_joined_again() -> None:
    text = "The N ational G uard said the H ospital was hit."
    doc = clean(Document(id="dc", text=text))
    assert doc.text == "The National Guard said the Hospital was hit."
    assert doc.flags.repaired is True


def test_a_lone_capital_before_a_real_word_is_left_alone() -> None:
    text = "Plan B is ready; a Z sign and the letter R stood out. A convoy left. I think so."
    assert join_split_capitals(text) == text


def test_notes_from_reading_survive_cleaning() -> None:
    doc = clean(Document(id="n", text="Text.", flags=Flags(notes=("decoded as cp1251",))))
    assert doc.flags.notes == ("decoded as cp1251",)


# --- languages ---------------------------------------------------------------------


def test_ukrainian_and_russian_texts() -> None:
    uk = "Російські війська обстріляли центр міста вранці, повідомила військова адміністрація."
    ru = "Российские войска обстреляли центр города утром, сообщила военная администрация."
    assert [ls.to_list() for ls in language_spans(uk)] == [[0, len(uk), "uk"]]
    assert [ls.to_list() for ls in language_spans(ru)] == [[0, len(ru), "ru"]]


def test_ukrainian_without_distinctive_letters_goes_to_lingua() -> None:
    # no і ї є ґ and no ы э ъ ё: the letter hints cannot decide, the model must
    text = "Вчора ворог атакував дронами, пошкоджено дах будинку та гаражу"
    assert set("іїєґыэъё") & set(text) == set()
    [span] = language_spans(text)
    assert span.language == "uk"


def test_one_russian_word_in_english_is_absorbed() -> None:
    text = "The unit known as Вагнер withdrew from the town on Sunday, officials said."
    assert [ls.language for ls in language_spans(text)] == ["en"]


def test_russian_post_quoting_ukrainian_statement() -> None:
    ru = "Губернатор сообщил, что ночью был обстрелян завод. "
    uk = "Внаслідок удару пошкоджено цех, загиблих немає, повідомили в адміністрації. "
    ru2 = "Других подробностей он не привёл."
    text = ru + uk + ru2
    spans = language_spans(text)
    assert [(ls.language, ls.span.text(text).strip()) for ls in spans] == [
        ("ru", ru.strip()), ("uk", uk.strip()), ("ru", ru2)]
    assert spans[-1].span.end == len(text)


def test_cyrillic_signs_without_words() -> None:
    assert [ls.to_list() for ls in language_spans("҂ 5")] == [[0, 3, "en"]]


def test_english_paragraph_in_russian_text() -> None:
    ru = ("Российские войска обстреляли центр города утром, сообщила военная администрация. "
          "Пострадавших нет, повреждены три дома и школа. ")
    en = "The governor said two people were wounded in the attack."
    text = ru + en  # Russian is the main language, so the gap before English goes to it
    spans = language_spans(text)
    assert [ls.language for ls in spans] == ["ru", "en"]
    assert spans[1].span.text(text) == en
    assert spans[0].span == Span(0, spans[1].span.start)


# --- sentences ---------------------------------------------------------------------


def test_sentence_rules() -> None:
    text = (
        "Mr. Smith met Dr. Jones in the U.S. capital on Monday. He said “we will win.” "
        "Then he left! Did they agree? Yes.\n"
        "The report was\nwritten in haste, officials said.\n"
        "A headline without a full stop\n"
        "Next paragraph starts here. Art. 439 applies.\n\n"
        "Another paragraph. 3.5 km away."
    )
    assert [s.text(text) for s in split_sentences(text)] == [
        "Mr. Smith met Dr. Jones in the U.S. capital on Monday.",
        "He said “we will win.”",
        "Then he left!",
        "Did they agree?",
        "Yes.",
        "The report was\nwritten in haste, officials said.",
        "A headline without a full stop",
        "Next paragraph starts here.",
        "Art. 439 applies.",
        "Another paragraph.",
        "3.5 km away.",
    ]


def test_sentence_continues_after_comma_line_break() -> None:
    text = "On this day,\nUkraine withdrew its troops. They left."
    assert [s.text(text) for s in split_sentences(text)] == [
        "On this day,\nUkraine withdrew its troops.", "They left."]


# --- the stage ---------------------------------------------------------------------


def test_make_stage_cleans_the_document() -> None:
    stage = make_stage(Resources())
    analysis = stage(Analysis(Document(id="s", text="One. Two.\nMore Stories\nA headline")))
    doc = analysis.document
    assert [s.text(doc.text) for s in doc.sentences] == [
        "One.", "Two.", "More Stories", "A headline"]
    assert [s.text(doc.text) for s in doc.flags.boilerplate] == ["More Stories\nA headline"]
    assert doc.language == "en"


def test_photo_credits_and_newsletter_promos_are_boilerplate_but_a_glued_caption_is_not() -> None:
    text = ("Rockets hit the depot at dawn.\n"
            "Photograph: Ivan Petrenko/AP\n"
            "Photograph: AP The fire burned until noon, officials said.\n"
            "Sign up to Daily Brief, our newsletter on the war, every weekday at 7am\n"
            "If you have any questions or comments about our newsletters, mail the desk\n")
    flagged = [text[s.start : s.end] for s in boilerplate_spans(text)]
    assert flagged == ["Photograph: Ivan Petrenko/AP",
                       "Sign up to Daily Brief, our newsletter on the war, every weekday at 7am",
                       "If you have any questions or comments about our newsletters, mail the desk"]
