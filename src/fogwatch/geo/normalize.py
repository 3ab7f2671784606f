"""Text normalisation for place names: one skeleton key per spelling family.

Reports spell the same village half a dozen ways (Lysychansk, Lisichansk, Lisičansk,
Лисичанськ, "Лисичанске"). Rather than listing every variant, both the gazetteer
names and the words of a text are reduced to a *skeleton*: Cyrillic is transliterated,
apostrophes and soft signs dropped, the letters that transliteration systems disagree
on (i/y/yi/ii/j, kh/h, g/h, ts/tz/c, ch/tch, shch/sch, doubled letters) folded together,
and the Russian/Ukrainian endings that differ regularly (-ovka/-ivka, -ov/-iv,
-oye/-e, -aya/-a) unified. The same function runs on both sides, so a fold can only
merge spellings, never lose a match; the resolver then sorts out the merged homonyms.

Word-level only: tokens are found by ``tokenize`` with their character offsets, so a
match always maps back to an exact span of the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

__all__ = [
    "deinflect",
    "is_cyrillic",
    "key_of",
    "skeleton",
    "tokenize",
    "tokens_of",
]

_APOSTROPHES = "'’ʼ`´′‘ʹ"
# A word: letters, with apostrophes allowed inside (Lysychans'k, Мар'їнка).
_TOKEN = re.compile(r"[^\W\d_]+(?:[" + _APOSTROPHES + r"][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"[" + _APOSTROPHES + r"]s$")

# Cyrillic -> Latin, Ukrainian and Russian letters together; only used to compute
# skeletons, so readability of the output does not matter, consistency does.
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "",
    "ы": "y", "э": "e", "ю": "yu", "я": "ya", "ё": "e",
}
_CYR_TABLE = str.maketrans(_CYR)
_DROP_TABLE = str.maketrans("", "", _APOSTROPHES + "ьъ")

# Ordered folds (longest first). Upper-case letters stand for folded sounds so that
# they cannot be re-folded by a later rule.
_FOLDS = [
    ("shch", "S"), ("sch", "S"), ("shh", "S"), ("tch", "C"), ("ch", "C"), ("cz", "C"),
    ("sh", "X"), ("zh", "Z"), ("kh", "H"), ("tz", "c"), ("ts", "c"), ("ph", "f"),
    ("x", "ks"), ("w", "v"), ("q", "k"), ("g", "H"), ("h", "H"), ("j", "I"), ("y", "I"),
    ("i", "I"),
]
_FOLD_RE = re.compile("|".join(re.escape(a) for a, _ in _FOLDS))
_FOLD_MAP = dict(_FOLDS)
_DOUBLE = re.compile(r"(.)\1+")
# Russian vs Ukrainian endings that differ regularly; applied after folding.
_ENDINGS = [
    (re.compile(r"ovk"), "Ivk"),      # Malotaranovka / Malotaranivka
    (re.compile(r"ovsk"), "Ivsk"),    # Artemovsk / Artemivsk
    (re.compile(r"ov$"), "Iv"),       # Kharkov / Kharkiv, Lvov / Lviv
    (re.compile(r"oIe$"), "e"),       # Berestovoye / Berestove
    (re.compile(r"oe$"), "e"),        # Zhelannoe / Zhelanne
    (re.compile(r"aIa$"), "a"),       # Novaya / Nova
    (re.compile(r"([ov])o$"), r"\1e"),  # Yenakievo / Yenakieve
]


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The folded key of one word; '' for a word with no letters left."""
    w = _POSSESSIVE.sub("", _strip_marks(word.lower())).translate(_DROP_TABLE)
    if is_cyrillic(w):
        w = w.translate(_CYR_TABLE)
    w = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], w)
    w = _DOUBLE.sub(r"\1", w)
    for pattern, repl in _ENDINGS:
        w = pattern.sub(repl, w)
    return w


def tokenize(text: str) -> Iterator[tuple[int, int, str]]:
    """Words of ``text`` as (start, end, word); hyphens and spaces both separate."""
    for m in _TOKEN.finditer(text):
        yield m.start(), m.end(), m.group(0)


def tokens_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``tokenize`` over ``text[start:end]`` as a list, offsets into the whole text."""
    finditer = _TOKEN.finditer(text, start, len(text) if end is None else end)
    return [(m.start(), m.end(), m.group()) for m in finditer]


def key_of(name: str) -> str:
    """The skeleton key of a whole name: the skeletons of its words, space-joined."""
    return " ".join(s for _, _, w in tokenize(name) if (s := skeleton(w)))


# Case endings of Russian and Ukrainian nouns and adjectives -> nominative endings to
# try, longest first. Used only when the inflected form is not itself a known name.
_INFLECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("ському", ("ськ", "ське")), ("ском", ("ск", "ское")), ("ского", ("ск", "ское", "ский")),
    ("ської", ("ська",)), ("ской", ("ская", "ский")), ("ській", ("ська", "ськ")),
    ("ого", ("ое", "ий", "ый", "е")), ("ому", ("ое", "ий", "е")), ("ім", ("е", "")),
    ("ці", ("ка", "ця")), ("зі", ("га",)), ("сі", ("ха",)), ("ою", ("а", "я")),
    ("ой", ("ая", "ый", "ий", "а")), ("ій", ("а", "ій", "ий")), ("ей", ("ая", "ь", "я")),
    ("ом", ("", "о", "е")), ("ем", ("е", "ь", "")), ("ами", ("а", "")),
    ("ах", ("а", "и", "ы", "")), ("ях", ("я", "и")), ("ове", ("ів", "ов")),
    ("ові", ("ів", "ов")), ("ке", ("ка", "к")), ("ки", ("ка",)), ("ку", ("ка", "к")),
    ("ы", ("а", "ы")), ("и", ("а", "ь", "я", "и")), ("і", ("а", "ь", "", "я", "і")),
    ("е", ("", "а", "о", "я", "ь")), ("у", ("а", "", "о")), ("ю", ("я", "ь")),
    ("а", ("", "о", "ь")), ("я", ("ь", "й", "е")),
]


@lru_cache(maxsize=50_000)
def deinflect(word: str) -> tuple[str, ...]:
    """Possible nominative forms of a Cyrillic word ('Алчевске' -> 'Алчевск', …)."""
    lower = word.lower()
    out: list[str] = []
    for suffix, replacements in _INFLECTIONS:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: len(lower) - len(suffix)]
            out.extend(stem + r for r in replacements)
    return tuple(dict.fromkeys(out))
