"""Syndicated copies: the same wire story republished by several outlets is one source.

Near-duplicate texts are found with MinHash over word shingles and an LSH index
(datasketch), so a batch is compared with thousands of earlier documents without a
pairwise scan; the Jaccard estimate of each candidate pair then decides. A document's
signature is computed once (``encode``/``decode`` turn it into the bytes the store keeps
in ``documents.minhash``), so a batch hashes only its own texts, never the stored ones. Of two
near-duplicates the one published earlier is the original (ties: the one already
stored, then the smaller id), and a copy of a copy points at the first original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "NUM_PERM",
    "THRESHOLD",
    "Copy",
    "DocText",
    "decode",
    "encode",
    "find_copies",
    "shingles",
    "signature",
]

#: Estimated Jaccard of 3-word shingles at or above which a document is a copy. A wire
#: story with a new headline, an added paragraph or a changed byline scores 0.8-0.95;
#: two different stories on the same strike (same place names, same figures) score
#: below 0.3, so the threshold sits well clear of both.
THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DocText:
    """What syndication needs of a document: its id, text and when it was published."""

    doc_id: str
    text: str
    published: str | None = None
    stored: bool = False  # already in the store before this batch
    #: The stored signature (``encode``); b"" marks a text too short to compare; None
    #: means not known yet: it is computed from ``text``.
    minhash: bytes | None = None


@dataclass(frozen=True)
class Copy:
    """``doc_id`` republishes ``original`` (estimated Jaccard ``similarity``)."""

    doc_id: str
    original: str
    similarity: float


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Lower-cased word k-grams; short texts fall back to their words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return set(words)
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM):  # -> datasketch.MinHash
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def encode(sig) -> bytes:  # sig: datasketch.MinHash
    """The signature as bytes: its hashing scheme's name, ":", the uint64 hash values."""
    scheme = getattr(sig, "scheme", "legacy")
    return scheme.encode("ascii") + b":" + sig.hashvalues.astype("<u8").tobytes()


def decode(data: bytes):  # -> datasketch.MinHash
    import numpy as np
    from datasketch import MinHash

    scheme, _, raw = bytes(data).partition(b":")
    values = np.frombuffer(raw, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=scheme.decode("ascii"))


def _order(d: DocText) -> tuple[int, str, int, str]:
    # Unknown publication time sorts last: a dated story is the better original.
    return (0 if d.published else 1, d.published or "", 0 if d.stored else 1, d.doc_id)


def find_copies(documents: Iterable[DocText], threshold: float = THRESHOLD,
                min_words: int = 12, computed: dict[str, bytes] | None = None) -> list[Copy]:
    """Which documents copy which, among the given ones.

    Returns one ``Copy`` per document that republishes an earlier one. Very short
    texts (fewer than ``min_words`` words, e.g. a one-line Telegram post) are left
    alone: two outlets writing "Explosions in Kharkiv" have not copied each other.
    Signatures computed here (for documents given without ``minhash``) are put in
    ``computed``, so the caller can keep them.
    """
    from datasketch import MinHashLSH

    docs: Sequence[DocText] = sorted(documents, key=_order)
    # A low LSH threshold: more candidates to verify, but no copy lost to banding luck.
    lsh = MinHashLSH(threshold=min(0.5, threshold), num_perm=NUM_PERM)
    sigs = {}
    root: dict[str, str] = {}
    out: list[Copy] = []
    for d in docs:
        if d.minhash is not None:
            if not d.minhash:
                continue
            sig = decode(d.minhash)
        elif len(_WORD.findall(d.text)) < min_words:
            if computed is not None:
                computed[d.doc_id] = b""
            continue
        else:
            sig = signature(d.text)
            if computed is not None:
                computed[d.doc_id] = encode(sig)
        best: tuple[float, str] | None = None
        for other in lsh.query(sig):
            sim = sig.jaccard(sigs[other])
            if sim >= threshold and (best is None or sim > best[0]):
                best = (sim, other)
        if best is not None:
            original = root.get(best[1], best[1])
            root[d.doc_id] = original
            out.append(Copy(d.doc_id, original, round(best[0], 3)))
        if d.doc_id not in sigs:
            sigs[d.doc_id] = sig
            lsh.insert(d.doc_id, sig)
    return out
