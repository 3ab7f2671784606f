"""Syndicated copies found by MinHash: texts written for these tests."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.syndication import DocText, find_copies, shingles

WIRE = (
    "KYIV, Aug 8 - A rocket strike hit a residential block in the eastern town of "
    "Alchevsk on Sunday evening, killing one man and wounding fourteen people, local "
    "officials installed by Moscow said on Monday. The officials blamed Ukrainian forces "
    "and said HIMARS launchers had been used. Kyiv's military denied targeting homes and "
    "said its forces struck only military depots. The claims could not be independently "
    "verified by the news agency."
)
OTHER = (
    "Ukraine's general staff said on Monday that its artillery destroyed an ammunition "
    "depot near Alchevsk overnight, and that no civilian buildings were hit. Russian "
    "officials in the region gave a different account, saying a family home had burned "
    "down and one man had died in the attack on the town."
)


def test_republished_wire_story_is_a_copy_of_the_earlier_one() -> None:
    copy1 = "Regional Herald | " + WIRE + " Read more on our website."
    copy2 = WIRE.replace("Sunday evening", "Sunday night") + " (Reporting by staff)"
    got = find_copies([
        DocText("copy1", copy1, "2022-08-08T12:00:00+00:00"),
        DocText("wire", WIRE, "2022-08-08T09:00:00+00:00"),
        DocText("copy2", copy2, "2022-08-08T15:30:00+00:00"),
        DocText("other", OTHER, "2022-08-08T10:00:00+00:00"),
    ])
    assert {(c.doc_id, c.original) for c in got} == {("copy1", "wire"), ("copy2", "wire")}
    assert all(0.8 <= c.similarity <= 1.0 for c in got)


def test_a_different_story_on_the_same_strike_is_not_a_copy() -> None:
    assert find_copies([DocText("wire", WIRE, "2022-08-08"),
                        DocText("other", OTHER, "2022-08-08")]) == []


def test_copy_of_a_copy_points_at_the_first_original() -> None:
    a = WIRE
    b = WIRE + " Updated at noon."
    c = b + " Edited."
    got = {x.doc_id: x.original for x in find_copies(
        [DocText("c", c, "2022-08-10"), DocText("b", b, "2022-08-09"),
         DocText("a", a, "2022-08-08")])}
    assert got == {"b": "a", "c": "a"}


def test_stored_document_wins_a_tie() -> None:
    got = find_copies([DocText("new", WIRE, "2022-08-08"),
                       DocText("old", WIRE + " x", "2022-08-08", stored=True)])
    assert [(x.doc_id, x.original) for x in got] == [("new", "old")]


def test_short_posts_are_never_copies() -> None:
    assert find_copies([DocText("a", "Explosions in Kharkiv tonight."),
                        DocText("b", "Explosions in Kharkiv tonight.")]) == []


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_shingles_never_fail_and_are_lower_case(text: str) -> None:
    words = re.findall(r"\w+", text)
    got = shingles(text)
    assert len(got) <= max(len(words) - 2, len(words) if len(words) < 3 else 0)
    lowered = {w.lower() for w in words}
    assert all(set(s.split(" ")) <= lowered for s in got)


def test_stored_signature_round_trips_and_replaces_the_text() -> None:
    from fogwatch.syndication import decode, encode, signature

    sig = signature(WIRE)
    back = decode(encode(sig))
    assert back.jaccard(sig) == 1.0
    scheme = sig.scheme.encode("ascii")
    assert encode(sig) == scheme + b":" + sig.hashvalues.astype("<u8").tobytes()
    assert len(encode(sig)) == len(scheme) + 1 + 8 * 128
    computed: dict[str, bytes] = {}
    got = find_copies([DocText("old", "", "2022-08-08", stored=True, minhash=encode(sig)),
                       DocText("new", WIRE + " Reporting by staff.", "2022-08-09"),
                       DocText("short", "Explosions in Kharkiv.", "2022-08-09")],
                      computed=computed)
    # the stored document is compared by its signature alone (its text was not given)
    assert [(c.doc_id, c.original) for c in got] == [("new", "old")]
    # only the batch's texts were hashed; a short one is marked as not comparable
    assert set(computed) == {"new", "short"} and computed["short"] == b""
    assert decode(computed["new"]).jaccard(sig) >= 0.8


def test_stored_too_short_marker_is_skipped() -> None:
    assert find_copies([DocText("a", WIRE, "2022-08-08", stored=True, minhash=b""),
                        DocText("b", WIRE, "2022-08-09")]) == []
