"""Live blogs: timestamped entries are found, kept apart, and never pieced together."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.clean import clean, entry_date, entry_hour, entry_markers, entry_spans
from fogwatch.extract import extract_reports
from fogwatch.extract.sentences import GAP, after_midnight, split_sentences
from fogwatch.model import Document, Flags, Span
from fogwatch.profiles import load_profile

# A blog of our own, newest entry first, as it reads once the page's HTML is gone.
BLOG = (
    "Follow our rolling coverage of the war.\n\n"
    "From 12 Mar 2024 09.15 Russian missiles hit a fuel depot in Bila Tserkva "
    "overnight, the regional governor said.\n\n"
    "Updated at 09.20 GMT\n\n"
    "12 Mar 2024 08.40 The attack killed three people, police said. The foreign "
    "ministers met in Geneva for a second round of talks.\n\n"
    "12 Mar 2024 07.05 Good morning and welcome to today's coverage.\n"
)


def _doc(text: str, title: str | None = None) -> Document:
    return clean(Document(id="blog", text=text, title=title, published="2024-03-12"))


def test_entries_start_at_their_timestamps_and_end_before_the_next() -> None:
    doc = _doc(BLOG)
    starts = [doc.text[e.start : e.start + 17] for e in doc.flags.entries]
    assert starts == ["From 12 Mar 2024 ", "12 Mar 2024 08.40", "12 Mar 2024 07.05"]
    first, second, _ = doc.flags.entries
    assert doc.text[first.start : first.end].endswith("Updated at 09.20 GMT")
    assert first.end < second.start
    assert doc.flags.genre == "liveblog" and doc.flags.skip_extraction is None


def test_update_stamp_is_boilerplate_and_marker_is_its_own_sentence() -> None:
    doc = _doc(BLOG)
    stamp = doc.text.index("Updated at")
    assert any(b.start <= stamp < b.end for b in doc.flags.boilerplate)
    sentences = [s.text(doc.text) for s in doc.sentences]
    assert "From 12 Mar 2024 09.15" in sentences
    assert "12 Mar 2024 08.40" in sentences


def test_other_marker_styles() -> None:
    zoned = "10.42 GMT Shelling reported in Kupiansk.\n\n09.58 GMT Sirens in Kharkiv.\n"
    assert len(entry_markers(zoned)) == 2
    relative = "1h ago Drones over Odesa.\n\n3h ago Power cut in Sumy.\n"
    assert [relative[m.start : m.end] for m in entry_markers(relative)] == ["1h ago", "3h ago"]
    american = "Mar 12, 2024, 9:05 a.m. ET A blast in Kherson.\nMar 12, 2024, 8:30 a.m. ET News.\n"
    assert len(entry_markers(american)) == 2
    time_first = ("10:42 a.m. ET, March 12, 2024 A blast in Kherson.\n\n"
                  "9:58 a.m. ET, March 11, 2024 Sirens in Sumy.\n")
    doc = clean(Document(id="t", text=time_first))
    assert [entry_date(doc.text, e) for e in doc.flags.entries] == [
        dt.date(2024, 3, 12), dt.date(2024, 3, 11)]
    posted = "Posted at 10:42 Shelling in Sumy.\n\nPosted at 9:30 Power cut in Sumy.\n"
    assert [posted[m.start : m.end] for m in entry_markers(posted)] == [
        "Posted at 10:42", "Posted at 9:30"]


def test_a_lone_timestamp_is_no_blog() -> None:
    story = ("Russian shells hit Kupiansk on Monday.\n\n"
             "02:18 Firefighters at the scene – video\n\n"
             "The governor said two people were hurt.\n")
    assert entry_markers(story) == ()
    assert _doc(story).flags.entries == ()
    assert _doc(story).flags.genre is None


def test_entries_round_trip_through_json() -> None:
    flags = _doc(BLOG).flags
    again = Flags.from_dict(flags.to_dict())
    assert again == flags
    assert flags.to_dict()["entries"] == [e.to_list() for e in flags.entries]


def test_sentences_of_two_entries_are_further_apart_than_any_look_back() -> None:
    doc = _doc(BLOG)
    read = [s for s in split_sentences(doc) if s.text]
    depot = next(s for s in read if "fuel depot" in s.text)
    killed = next(s for s in read if "killed three" in s.text)
    assert killed.entry == depot.entry + 1
    assert killed.index - depot.index > GAP
    assert killed.paragraph == depot.paragraph == 0  # each entry opens its own story


def test_a_later_entry_is_not_folded_into_an_earlier_one() -> None:
    profile = load_profile("ukraine")
    doc = _doc(BLOG)
    (depot,) = [r for r in extract_reports(doc, profile)
                if r.location and r.location.mention == "Bila Tserkva"]
    assert depot.fatalities is None  # the deaths belong to another entry
    # the same words without timestamps are one story, and the deaths do fold in
    plain = BLOG.replace("From 12 Mar 2024 09.15 ", "").replace("12 Mar 2024 08.40 ", "")
    (folded,) = [r for r in extract_reports(_doc(plain), profile)
                 if r.location and r.location.mention == "Bila Tserkva"]
    assert folded.fatalities == 3


_LINE = st.one_of(
    st.just("12 Mar 2024 08.40 Shelling in Kupiansk. Two hurt."),
    st.just("10.42 GMT Sirens."),
    st.just("Updated at 10.50 GMT"),
    st.just("The governor spoke. Mr. Kim said so."),
    st.text(alphabet="ab .\n1:", max_size=30),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, max_size=8))
def test_entries_and_sentences_stay_ordered_and_inside_the_text(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    doc = clean(Document(id="p", text=text))
    for spans in (doc.flags.entries, doc.sentences):
        assert all(0 <= s.start < s.end <= len(doc.text) for s in spans)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert entry_spans(doc.text) == doc.flags.entries
    for entry in doc.flags.entries:
        assert any(s.start == entry.start for s in doc.sentences)
    assert all(isinstance(s, Span) for s in doc.sentences)


def test_an_entry_dates_its_sentences_by_its_own_day() -> None:
    # a blog published on the 13th whose older entries are of the 12th
    text = ("13 Mar 2024 01.10 Good night from the blog team.\n\n"
            "12 Mar 2024 22.37 Shells hit Kupiansk yesterday, the governor said.\n\n"
            "Mar 11, 2024, 9:05 p.m. ET Sirens sounded in Kharkiv.\n\n"
            "10.42 GMT Drones over Odesa.\n")
    doc = clean(Document(id="b", text=text, published="2024-03-13"))
    by_text = {s.text: s for s in split_sentences(doc) if s.text}
    assert by_text["Shells hit Kupiansk yesterday, the governor said."].anchor == \
        dt.date(2024, 3, 12)
    assert by_text["Sirens sounded in Kharkiv."].anchor == dt.date(2024, 3, 11)
    assert by_text["Drones over Odesa."].anchor is None  # no day given: the blog's own
    assert [entry_date(doc.text, e) for e in doc.flags.entries] == [
        dt.date(2024, 3, 13), dt.date(2024, 3, 12), dt.date(2024, 3, 11), None]


def test_a_story_without_entries_has_no_anchor_and_counts_paragraphs_as_before() -> None:
    text = "First paragraph about Kupiansk.\n\nSecond paragraph. Third sentence here.\n"
    read = split_sentences(clean(Document(id="s", text=text)))
    assert [(s.paragraph, s.entry, s.anchor) for s in read] == [
        (0, 0, None), (1, 0, None), (1, 0, None)]


def test_a_document_flagged_not_to_be_read_gives_no_sentences() -> None:
    doc = clean(Document(id="o", text="Shells hit Kupiansk.", title="Why we fight | Ann Lee"))
    assert doc.flags.skip_extraction is not None
    assert split_sentences(doc) == []


def test_an_embedded_video_title_is_boilerplate_and_no_entry() -> None:
    text = ("Shells hit Kupiansk on Monday.\n\n"
            "01:42 Firefighters battle a blaze at a depot – video\n\n"
            "The governor said two people were hurt.\n")
    doc = _doc(text)
    caption = doc.text.index("01:42")
    assert [doc.text[b.start : b.end] for b in doc.flags.boilerplate] == [
        "01:42 Firefighters battle a blaze at a depot – video"]
    assert caption not in [e.start for e in doc.flags.entries]


def test_an_entry_headline_run_into_its_body_is_a_sentence_of_its_own() -> None:
    text = ("4 Jul 2024 19.09 Defenders pull back from Lysychansk The army left the city "
            "on Sunday, the general staff said.\n\n"
            "4 Jul 2024 18.40 Russian Forces Shell The Port City Of Odesa Overnight\n\n"
            "4 Jul 2024 18.02 Summary It's 1am in Kyiv.\n")
    doc = _doc(text)
    sentences = [s.text(doc.text) for s in doc.sentences]
    assert "Defenders pull back from Lysychansk" in sentences
    assert "The army left the city on Sunday, the general staff said." in sentences
    # a Title Case headline and a one-word label are left whole
    assert "Russian Forces Shell The Port City Of Odesa Overnight" in sentences
    assert "Summary It's 1am in Kyiv." in sentences


def test_relative_dates_in_an_entry_count_from_its_own_timestamp() -> None:
    """'Yesterday' in an entry of 14 March is 13 March, though the blog was published
    (and last updated) on the 16th."""
    blog = ("16 Mar 2024 10.05 Talks resumed in Geneva.\n\n"
            "14 Mar 2024 18.30 A Russian drone struck a warehouse in Bila Tserkva "
            "yesterday, the regional governor said.\n\n"
            "14 Mar 2024 09.00 Good morning.\n")
    doc = clean(Document(id="blog", text=blog, published="2024-03-16"))
    [report] = extract_reports(doc, load_profile("ukraine"))
    assert report.date == dt.date(2024, 3, 13)


# --- copies in summary entries ----------------------------------------------------------

RETOLD = (
    "14 Mar 2024 23.10 Summary Here is where things stand tonight. Drones struck a "
    "grain terminal near Izmail before dawn, the port authority said on Thursday.\n\n"
    "14 Mar 2024 10.05 Izmail port hit Drones struck a grain terminal near Izmail before "
    "dawn, the port authority said on Thursday. Two workers were treated for burns.\n\n"
    "14 Mar 2024 08.00 Good morning and welcome to our coverage of the war.\n"
)


def test_a_summary_entrys_word_for_word_copy_is_flagged_and_the_original_kept() -> None:
    doc = _doc(RETOLD)
    copied = "Drones struck a grain terminal near Izmail before dawn"
    first, second = (i for i in range(len(doc.text)) if doc.text.startswith(copied, i))
    flagged = [doc.text[b.start : b.end] for b in doc.flags.boilerplate]
    assert any(f.startswith(copied) for f in flagged)
    assert any(b.start <= first < b.end for b in doc.flags.boilerplate)
    assert not any(b.start <= second < b.end for b in doc.flags.boilerplate)


def test_the_retold_strike_is_one_report_told_from_its_own_entry() -> None:
    doc = Document(id="r", text=RETOLD, published="2024-03-14")
    [report] = extract_reports(clean(doc), load_profile("ukraine"))
    assert report.location is not None and report.location.mention == "Izmail"
    entry = clean(doc).flags.entries[1]
    assert all(entry.start <= s.start < entry.end for s in report.sentences)


def test_outside_summaries_the_first_telling_is_kept_and_short_lines_never_count() -> None:
    text = ("Shells hit the bus depot in Nikopol on Monday, the mayor said.\n\n"
            "Two people were hurt. Shells hit the bus depot in Nikopol on Monday, the "
            "mayor said. Two people were hurt.")
    doc = clean(Document(id="s", text=text))
    spans = [doc.text[b.start : b.end] for b in doc.flags.boilerplate]
    assert spans == ["Shells hit the bus depot in Nikopol on Monday, the mayor said."]
    assert doc.flags.boilerplate[0].start > 0


def test_an_entry_stamp_gives_its_hour_with_am_and_pm_read() -> None:
    text = ("13 Mar 2024 01.10 Good night from the blog team.\n\n"
            "12 Mar 2024 2:05 PM Shells hit Kupiansk, the governor said.\n\n"
            "12 Mar 2024 12:40 am A quiet night in Sumy.\n\n"
            "10.42 GMT Drones over Odesa.\n")
    doc = clean(Document(id="h", text=text, published="2024-03-13"))
    assert [entry_hour(doc.text, e) for e in doc.flags.entries] == [1, 14, 0, None]
    assert [after_midnight(doc.text, e) for e in doc.flags.entries] == [
        True, False, True, False]
