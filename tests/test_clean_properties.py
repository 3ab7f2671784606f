"""Property tests: sentence spans, clean() invariants, the JSONL reader on any bytes."""

from __future__ import annotations

import io

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.clean import clean, join_split_capitals, repair, split_sentences
from fogwatch.errors import InputError
from fogwatch.ingest.jsonl import read_jsonl
from fogwatch.model import Document

# Text built from the pieces that matter to the splitter and the cleaner: words in
# both scripts, terminal punctuation, abbreviations, quotes, line breaks, boilerplate.
_PIECES = st.sampled_from([
    "The", "attack", "killed", "two", "people", "Mr.", "U.S.", "Art.", "439", "3.5",
    ".", "!", "?", "…", ",", "“", "”", "‘", "’", '"', "(", ")", " ", " ", " ", "\n", "\n\n",
    "\t", "More Stories", "Source: | This article originally belongs to X.com",
    "Jane Doe contributed.", "By Jane Doe", "Share this article", "обстрел", "Обстріл",
    "было повреждено", "ы", "і", "é", "â€™", "\u00a0", "\r\n", "a", "B", "҂",
])
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=60).map("".join),
    st.text(max_size=300),
)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_sentence_spans_are_ordered_disjoint_inside_and_cover_all_but_space(text: str) -> None:
    spans = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        for i in range(span.start, span.end):
            covered[i] = True
        previous_end = span.end
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_clean_changes_text_only_by_ftfy_and_flags_stay_inside(text: str) -> None:
    doc = clean(Document(id="p", text=text))
    assert doc.text == ftfy.fix_text(text, uncurl_quotes=False)
    assert doc.flags.repaired == (doc.text != text)
    n = len(doc.text)
    for span in doc.flags.boilerplate:
        assert 0 <= span.start < span.end <= n
    for a, b in zip(doc.flags.boilerplate, doc.flags.boilerplate[1:], strict=False):
        assert a.end < b.start
    languages = doc.flags.languages
    if n:
        assert languages[0].span.start == 0 and languages[-1].span.end == n
        for a, b in zip(languages, languages[1:], strict=False):
            assert a.span.end == b.span.start and a.language != b.language
        assert {ls.language for ls in languages} <= {"en", "ru", "uk"}
    else:
        assert languages == ()
    for span in doc.sentences:
        assert 0 <= span.start < span.end <= n


@given(st.text(alphabet="\t\n ab.&\r’‘“”–—…•£€éâ", max_size=40))
@settings(max_examples=500, deadline=None)
def test_repair_fast_path_agrees_with_ftfy(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text, uncurl_quotes=False)


@given(st.lists(st.binary(max_size=80), max_size=12))
@settings(max_examples=300, deadline=None)
def test_jsonl_reader_never_raises_on_any_bytes(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    items = list(read_jsonl(io.BytesIO(data), "any.jsonl", max_bytes=64))
    assert all(isinstance(item, Document | InputError) for item in items)
    assert len(items) <= data.count(b"\n") + 1


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "text", "html", "url", "source", "title",
                                       "published", "language", "x"]), children, max_size=6),
    max_leaves=12,
)


@given(st.lists(_JSONISH, max_size=6))
@settings(max_examples=200, deadline=None)
def test_jsonl_reader_never_raises_on_any_json(values: list[object]) -> None:
    import json

    data = b"\n".join(json.dumps(v).encode() for v in values)
    items = list(read_jsonl(io.BytesIO(data), "any.jsonl"))
    assert all(isinstance(item, Document | InputError) for item in items)
    for item in items:
        if isinstance(item, Document):
            assert item.text.strip() and isinstance(item.id, str)


_SPLIT_PIECES = st.sampled_from([
    "M", "D", "Z", "B", "A", "I", "inistry", "efence", "symbol", "is", "ational", "uard",
    "the", " ", " ", ".", ",", "’s", "\n",
])


@given(st.lists(_SPLIT_PIECES, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_joining_split_capitals_only_removes_spaces_and_is_stable(text: str) -> None:
    joined = join_split_capitals(text)
    assert joined.replace(" ", "") == text.replace(" ", "")
    assert len(joined) <= len(text)
    assert join_split_capitals(joined) == joined
