"""Finding place names in text: one Aho-Corasick pass over word skeletons, then rules.

Every word of the text is reduced to its skeleton (``normalize.skeleton``); a Cyrillic
word unknown to the gazetteer is tried in its nominative forms ("в Алчевске" ->
Алчевск). The words become the gazetteer's word codes and one automaton pass finds
every name, single- or multi-word, on word boundaries by construction. Leftmost-longest
matches win ("Donetsk People's Republic" over "Donetsk").

Then the rules of ``data/rules.yaml``: a place name must be written with a capital;
common words are never places; names that are also words or people (Mayak, Vladimir,
Pivdenne) need a cue ("the city of Mayak", "Mayak, LNR"); the text around a name marks
it approximate ("near X", "the X area") or part of another place ("the Kirovsky
district of Donetsk"). Only capitalised words in a place context that matched nothing
go to the fuzzy fallback (rapidfuzz over one-word skeletons), so "near the village of
Malotaranovi" is rescued without every capitalised word becoming a village.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from ..model import Span
from .gazetteer import Gazetteer
from .normalize import deinflect, is_cyrillic, skeleton, tokenize, tokens_of
from .regions import region_aliases
from .rules import Rules, load_rules

__all__ = ["PlaceMatch", "around", "bare_regions", "find_places", "rescue_in_regions"]

_GAP_OK = re.compile(r"^[\s\-‐‑–'’ʼ.]{1,3}$")
_FUZZY_MIN_LEN = 5
#: A place this populous is a town the news names as such, whatever else the word means.
_TOWN = 10_000
_REGION_GAP = re.compile(r"^\s*(?:,|\(|in|в|у)?\s*(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in text, with every gazetteer place it could be.

    ``places`` lists candidate place indices (those whose main name matched first);
    ``regions`` the ACLED regions the words name (a region alias, "the Kherson
    region"); ``via`` says how it matched: ``name``, ``inflected`` (Cyrillic case
    ending removed) or ``fuzzy`` (with ``similarity`` 0-100); ``cue`` is the word that
    says it is a settlement ("the village of X"), if any.
    """

    span: Span
    text: str
    places: tuple[int, ...] = ()
    primary: frozenset[int] = field(default_factory=frozenset)
    regions: tuple[str, ...] = ()
    via: str = "name"
    similarity: float = 100.0
    relative: bool = False
    cue: str = ""  # the settlement word right before it ("village", "city", "село")
    part_of: bool = False
    key: str = ""

    @property
    def is_region(self) -> bool:
        return bool(self.regions) and not self.places


@cache
def _not_place_re() -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p in load_rules().not_places) or "(?!)"
    return re.compile(r"\b(?:" + phrases + r")\b", re.I)


def _word_skeletons(gaz: Gazetteer, words: list[str]) -> tuple[list[str], list[bool]]:
    cache: dict[str, tuple[str, bool]] | None = getattr(gaz, "_word_cache", None)
    if cache is None or len(cache) > 200_000:
        cache = {}
        gaz._word_cache = cache  # type: ignore[attr-defined]
    out, inflected = [], []
    for w in words:
        got = cache.get(w)
        if got is None:
            got = cache[w] = _word_skeleton(gaz, w)
        out.append(got[0])
        inflected.append(got[1])
    return out, inflected


def _word_skeleton(gaz: Gazetteer, w: str) -> tuple[str, bool]:
    """(skeleton, whether a case ending was removed) for one word of the text."""
    codes = gaz.token_code
    s = skeleton(w)
    if not is_cyrillic(w):
        return s, False
    known = s in codes
    for form in deinflect(w):
        f = skeleton(form)
        # An inflected city beats a hamlet spelt like it ("в Харькове" is Kharkiv, not
        # the village Kharkove).
        if f in codes and (not known or _weight(gaz, f) >= max(10_000, 10 * _weight(gaz, s))):
            return f, True
    return s, False


def _weight(gaz: Gazetteer, word_skeleton: str) -> int:
    """How much a one-word name weighs: the population of its largest place, a region
    more than any place, -1 for a word that is no name on its own."""
    key = gaz.single_keys.get(word_skeleton)
    if key is None:
        return -1
    primary, alternate, regions = gaz.entry(key)
    if regions:
        return 10**9
    return max((gaz.population[i] for i in primary + alternate), default=0)


def _fuzzy_index(gaz: Gazetteer) -> dict[str, list[str]]:
    cached = getattr(gaz, "_fuzzy_by_initial", None)
    if cached is None:
        cached = defaultdict(list)
        for key, entry in gaz.single_keys.items():
            if len(key) >= _FUZZY_MIN_LEN and any(gaz.entry(entry)[:2]):
                cached[key[0]].append(key)
        gaz._fuzzy_by_initial = cached  # type: ignore[attr-defined]
    return cached


@cache
def bare_regions() -> dict[str, tuple[str, ...]]:
    """Skeleton key of a bare name a region shares with its centre (Donetsk, Kharkiv)
    -> that region. Built once: the caller must not change it."""
    return region_aliases(bare=True)


def _is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


def find_places(text: str, gazetteer: Gazetteer, *, start: int = 0, end: int | None = None,
                fuzzy: bool = True, assume_place: bool = False,
                rules: Rules | None = None) -> list[PlaceMatch]:
    """Every place name in ``text[start:end]``, in text order, with its candidates.

    ``assume_place``: the text is known to be a place mention (the extractor found it),
    so the fuzzy rescue runs without needing "near"/"village of" around the word.
    """
    rules = rules or load_rules()
    end = len(text) if end is None else end
    toks = tokens_of(text, start, end)
    if not toks:
        return []
    skels, inflected = _word_skeletons(gazetteer, [w for _, _, w in toks])
    encoded = gazetteer.encode(skels)
    raw: list[tuple[int, int, int]] = []
    for end_char, key in gazetteer.automaton.iter(encoded):
        last = end_char // 2
        first = last - gazetteer.key_words(key) + 1
        if all(_GAP_OK.match(text[toks[i][1]:toks[i + 1][0]]) for i in range(first, last)):
            raw.append((first, last, key))
    raw.sort(key=lambda m: (m[0], m[0] - m[1]))
    covered = [False] * len(toks)
    chosen: list[tuple[int, int, int]] = []
    for first, last, key in raw:
        if any(covered[first:last + 1]):
            continue
        for i in range(first, last + 1):
            covered[i] = True
        chosen.append((first, last, key))

    blocked = [m.span() for m in _not_place_re().finditer(text, start, end)]
    matches: list[PlaceMatch] = []
    for first, last, key in chosen:
        s, e = toks[first][0], toks[last][1]
        surface = text[s:e]
        # A name is capitalised; a part of the country ("eastern Ukraine") need not be.
        if not _is_capitalised(surface) and (first == last or not _is_capitalised(toks[last][2])
                                             or not gazetteer.entry(key)[2]):
            continue
        k = " ".join(skels[first:last + 1])
        if k in rules.never or any(b0 < e and s < b1 for b0, b1 in blocked):
            continue
        if first > 0 and skels[first - 1] in rules.first_names \
                and text[toks[first - 1][1]:s] == " " and _is_capitalised(toks[first - 1][2]):
            continue  # "Kyrylo Bayev": a surname
        primary, alternate, regions = gazetteer.entry(key)
        places = primary + alternate
        if not places and not regions:
            continue
        if (bare := bare_regions().get(k)) and rules.region_before.search(
                text[max(0, s - 40):s].lower()):
            primary, places, regions = (), (), bare  # "the region of Donetsk"
        via = "inflected" if any(inflected[first:last + 1]) else "name"
        relative, cue = _context(text, s, e, rules)
        matches.append(PlaceMatch(Span(s, e), surface, places, frozenset(primary), regions, via,
                                  100.0, relative, cue, False, k))

    if fuzzy:
        region_starts = [m.span.start for m in matches if m.is_region]
        matches.extend(_fuzzy(text, gazetteer, toks, skels, covered, rules, assume_place,
                              region_starts, lambda: _region_hints(gazetteer, matches)))
        matches.sort(key=lambda m: m.span.start)
    matches = _filter_ambiguous(text, matches, rules, gazetteer)
    matches = _plural_regions(text, _not_waters(text, matches, rules))
    return _mark_parts(text, _near_lists(text, _regions_by_bare_name(text, matches, gazetteer)))


def _not_waters(text: str, matches: list[PlaceMatch], rules: Rules) -> list[PlaceMatch]:
    """'the Dnipro river', 'the Kakhovka reservoir': a river or a lake, not the town."""
    return [m for m in matches
            if not rules.water_after.match(text[m.span.end:m.span.end + 20])
            and not rules.water_before.search(text[max(0, m.span.start - 20):m.span.start])]


_REGIONS_AFTER = re.compile(r"\s+(?:regions|oblasts|provinces)\b", re.I)
_LIST_AND = re.compile(r"^\s*(?:,|and|,\s*and)\s*$")


def _plural_regions(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """'the Kharkiv and Sumy regions': every bare name of the list is its region."""
    bare = bare_regions()
    out = list(matches)
    for i, m in enumerate(out):
        if m.key not in bare or not _REGIONS_AFTER.match(text, m.span.end):
            continue
        j = i
        while j >= 0 and out[j].key in bare:
            out[j] = replace(out[j], places=(), primary=frozenset(), regions=bare[out[j].key])
            if j == 0 or not _LIST_AND.match(text[out[j - 1].span.end:out[j].span.start]):
                break
            j -= 1
    return out


_COMPASS = (r"(?:north|south|east|west|north-east|north-west|south-east|south-west|"
            r"northeast|northwest|southeast|southwest)(?:ern)?")
#: "northern Donetsk", "the occupied regions of Kherson and Zaporizhzhia": the writer
#: calls the region by its bare name.
_REGION_USE_BEFORE = re.compile(r"\bregions\s+of(?:\s+the)?\s+$", re.I)
#: "Druzhkivka, northern Donetsk", "Lyman in Donetsk", "Sloviansk, a town in
#: Ukrainian-held Donetsk": a town placed in X; alone, "northern Kharkiv" is as often
#: the city's northern districts.
_TOWN_IN_PART = re.compile(
    rf"^(?:\s*,)?\s+(?:(?:a|the)\s+(?:[\w-]+\s+)?(?:town|city|village|settlement)\s+)?"
    rf"(?:(?:in\s+)(?:the\s+)?(?:[\w-]+-(?:controlled|held|occupied)\s+|occupied\s+)?"
    rf"(?:{_COMPASS}\s+)?|(?:the\s+)?{_COMPASS}\s+)$", re.I)
_TOWN_KM = 15.0
_REGION_USE_AFTER = re.compile(r"^[’']s\s+regional\s+(?:capital|centre|center)\b", re.I)
_PART_AFTER = re.compile(r"^\s+(?:district|suburb|outskirts|neighbo(?:u)?rhood|city|"
                         r"residents|mayor|airport|station)s?\b|^[’']s\s+(?!regional)", re.I)
_CITY_BEFORE = re.compile(r"\bcity,?\s+(?:of\s+)?$|\bcity\s+of\s+\w+\s+$", re.I)
#: "X city", "X, Ukraine's second-biggest city", "X, the regional capital"
_CITY_AFTER = re.compile(r"^(?:\s+city\b|,\s+(?:(?:the|a|an|its|[\w-]+[’']s)\s+)?"
                         r"(?:[\w’'-]+\s+){0,3}(?:city|capital)\b)", re.I)


def _regions_by_bare_name(text: str, matches: list[PlaceMatch],
                          gazetteer: Gazetteer) -> list[PlaceMatch]:
    """A writer who calls a region by its bare name ("northern Donetsk", "Kherson's
    regional capital") means the region by that name in the rest of the text too, unless
    a word there says the city ("Donetsk's mayor", "near X"); one who also writes "the
    city of X" uses the name for both, and the city stays the reading.
    Not for a national capital, which is the city whatever its region is called."""
    bare = bare_regions()
    used: set[str] = set()
    for i, m in enumerate(matches):
        regions = bare.get(m.key)
        if not regions:
            continue
        before, after = around(text, m)
        prev = matches[i - 1] if i else None
        listed = (prev is not None and prev.key in used
                  and _LIST_AND.match(text[prev.span.end:m.span.start]))
        town_in_part = (prev is not None and _TOWN_IN_PART.match(text[prev.span.end:
                                                                       m.span.start])
                        and _town_of(gazetteer, prev, regions))
        if m.is_region or listed or _REGION_USE_AFTER.match(after) or (
                (_REGION_USE_BEFORE.search(before) or town_in_part)
                and not _PART_AFTER.match(after)):
            used.add(m.key)
    for m in matches:  # a writer who also says "the city of X" uses X for both
        if m.key in used and (m.cue or _CITY_BEFORE.search(text[max(0, m.span.start - 40):
                                                                 m.span.start])
                              or _CITY_AFTER.match(text[m.span.end:m.span.end + 60])):
            used.discard(m.key)
    if not used:
        return matches
    out = []
    for m in matches:
        if m.key in used and not m.is_region and not m.cue and not m.relative \
                and not _capital_city(gazetteer, m):
            before, after = around(text, m)
            if not _PART_AFTER.match(after) and not _CITY_BEFORE.search(before):
                m = replace(m, places=(), primary=frozenset(), regions=bare[m.key])
        out.append(m)
    return out


def around(text: str, m: PlaceMatch, width: int = 30) -> tuple[str, str]:
    """The ``width`` characters before and after a name; a possessive the name's token
    took ("Kherson's") counts as after it, so "'s regional governor" reads the same
    whether or not the match took it in."""
    after = text[m.span.end:m.span.end + width]
    if m.text.endswith(("'s", "’s")):
        after = m.text[-2:] + after
    return text[max(0, m.span.start - width):m.span.start], after


def _town_of(gaz: Gazetteer, m: PlaceMatch, regions: tuple[str, ...]) -> bool:
    """``m`` may be a town of one of ``regions`` away from its centre (not a quarter of
    the city, which would make "X, northern Y" a part of the city Y)."""
    from .resolve import haversine_km  # resolve imports this module

    for i in m.places:
        region = gaz.admin1[i]
        capital = gaz.region_capital(region) if region in regions else None
        if capital is not None and gaz.feature[i] != "PPLX" and haversine_km(
                gaz.lat[i], gaz.lon[i], gaz.lat[capital], gaz.lon[capital]) >= _TOWN_KM:
            return True
    return False


def _capital_city(gaz: Gazetteer, m: PlaceMatch) -> bool:
    return any(gaz.feature[i] == "PPLC" for i in m.places)


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")


def _near_lists(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """'near the villages of X and Y': Y is as approximate as X, and a village too."""
    out = list(matches)
    for i in range(1, len(out)):
        prev, m = out[i - 1], out[i]
        if m.is_region or not _LIST_GAP.match(text[prev.span.end:m.span.start]):
            continue
        if prev.relative and not m.relative:
            m = replace(m, relative=True)
        if prev.cue and not m.cue:
            m = replace(m, cue=prev.cue)
        out[i] = m
    return out


_PART_WORD = re.compile(r"(?:district|region|raion|rayon|neighbo(?:u)?rhood|microdistrict|"
                        r"quarter|suburb|area|район)$", re.I)
_OF_GAP = re.compile(r"^\s+(?:(?:district|region|raion|rayon|neighbo(?:u)?rhood|microdistrict|"
                     r"quarter|suburb|area)\s+)?of\s+(?:the\s+)?(?:city\s+of\s+)?$", re.I)


def _mark_parts(text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
    """'the Kirovsky district of Donetsk', 'the Kiev region of Donetsk': the first is a
    part of the second, which is the place."""
    out = list(matches)
    for i in range(len(out) - 1):
        m, nxt = out[i], out[i + 1]
        gap = text[m.span.end:nxt.span.start]
        if not nxt.is_region and _OF_GAP.match(gap) and (
                _PART_WORD.search(m.text) or not gap.strip().lower().startswith("of")):
            out[i] = replace(m, part_of=True)
    return out


def _context(text: str, start: int, end: int, rules: Rules) -> tuple[bool, str]:
    """(relative: "near X", "the X area"; the settlement word before it: "village", …)."""
    before = text[max(0, start - 60):start].lower()
    after = text[end:end + 40].lower()
    found = rules.place_cue_before.search(before)
    cue = found.group(0).split()[0] if found else ""
    relative = bool(rules.relative_before.search(before) or rules.relative_after.search(after))
    return relative, cue


def _fuzzy(text: str, gaz: Gazetteer, toks: list[tuple[int, int, str]], skels: list[str],
           covered: list[bool], rules: Rules, assume_place: bool,
           region_starts: list[int],
           hints_of: Callable[[], list[tuple[int, int, str]]]) -> list[PlaceMatch]:
    hints: list[tuple[int, int, str]] | None = None  # only when a rescue needs them
    index = _fuzzy_index(gaz)
    out = []
    for i, (s, e, word) in enumerate(toks):
        if covered[i] or not word[0].isupper() or len(skels[i]) < _FUZZY_MIN_LEN:
            continue
        sk = skels[i]
        if sk in rules.never or sk in rules.ambiguous or sk in rules.first_names:
            continue
        if i > 0 and skels[i - 1] in rules.first_names and _is_capitalised(toks[i - 1][2]):
            continue
        before = text[max(0, s - 40):s].lower()
        after = text[e:e + 30].lower()
        # "X, Donetsk People's Republic", "X (Kharkiv region)": a region right after it.
        region_next = any(0 <= r - e <= 12 and _REGION_GAP.match(text[e:r]) for r in region_starts)
        if not (assume_place or region_next or rules.fuzzy_before.search(before)
                or rules.fuzzy_after.search(after)):
            continue
        best = _closest(gaz, index, sk)
        if not best:
            # not the first half of a compound ("Kremlin-controlled")
            if hints is None:
                hints = hints_of()
            rescued = (_rescue_in(text, Span(s, e), word, sk, gaz, hints, rules)
                       if text[e:e + 1] != "-" else None)
            if rescued is not None:
                out.append(rescued)
            continue
        primary, alternate, regions = gaz.entry(gaz.single_keys[best[0]])
        relative, cue = _context(text, s, e, rules)
        out.append(PlaceMatch(Span(s, e), word, primary + alternate, frozenset(primary), regions,
                              "fuzzy", float(best[1]), relative, cue, False, sk))
    return out


def rescue_in_regions(text: str, span: Span, gazetteer: Gazetteer,
                      matches: list[PlaceMatch]) -> PlaceMatch | None:
    """A one-word name the extractor says is a place, rescued by the region its sentence
    names (``matches``: the document's), as ``_fuzzy`` does after "in"/"near"."""
    word = text[span.start:span.end]
    sk = skeleton(word)
    rules = load_rules()
    if " " in word.strip() or len(sk) < _FUZZY_MIN_LEN or sk in rules.never \
            or sk in rules.ambiguous or sk in rules.first_names:
        return None
    return _rescue_in(text, span, word, sk, gazetteer, _region_hints(gazetteer, matches), rules)


def _rescue_in(text: str, span: Span, word: str, sk: str, gaz: Gazetteer,
               hints: list[tuple[int, int, str]], rules: Rules) -> PlaceMatch | None:
    """A misspelt one-word name rescued by the regions its sentence names (``hints``):
    only that region's places of the name are kept."""
    hinted = _hinted_regions(text, span.start, span.end, hints)
    found = _closest_in(gaz, sk, hinted) if hinted else None
    if found is None:
        return None
    primary, alternate, _ = gaz.entry(gaz.single_keys[found[0]])
    places = tuple(i for i in primary + alternate if gaz.admin1[i] in hinted)
    relative, cue = _context(text, span.start, span.end, rules)
    return PlaceMatch(span, word, places, frozenset(primary), (), "fuzzy", found[1], relative,
                      cue, False, sk)


_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
#: Edits a misspelt name may differ by from its region's place when the region is named
#: in its sentence ("rockets hit Yaroviv, the Lviv governor said": Yavoriv).
_REGION_EDITS = ((7, 2), (6, 1))


def _region_hints(gaz: Gazetteer, matches: list[PlaceMatch]) -> list[tuple[int, int, str]]:
    """(start, end, region) of every region and regional centre the text names."""
    out = []
    for m in matches:
        if len(m.regions) > 2:  # a part of the country ("eastern Ukraine") is too wide
            continue
        regions = set(m.regions) if m.is_region else {
            gaz.admin1[i] for i in m.places if gaz.feature[i] in ("PPLA", "PPLC")}
        out.extend((m.span.start, m.span.end, r) for r in regions if r)
    return out


def _hinted_regions(text: str, start: int, end: int,
                    hints: list[tuple[int, int, str]]) -> set[str]:
    """The regions named in the same sentence as ``text[start:end]``."""
    out = set()
    for s, e, region in hints:
        lo, hi = (e, start) if e <= start else (end, s)
        if abs(s - start) < 300 and not _SENTENCE_BREAK.search(text, lo, hi):
            out.add(region)
    return out


def _region_keys(gaz: Gazetteer) -> dict[str, list[str]]:
    cached = getattr(gaz, "_keys_by_region", None)
    if cached is None:
        found: dict[str, set[str]] = defaultdict(set)
        for key, entry in gaz.single_keys.items():
            primary, alternate, _ = gaz.entry(entry)
            for i in primary + alternate:
                if gaz.admin1[i] and len(key) >= _FUZZY_MIN_LEN:
                    found[gaz.admin1[i]].add(key)
        cached = {r: sorted(keys) for r, keys in found.items()}
        gaz._keys_by_region = cached  # type: ignore[attr-defined]
    return cached


def _closest_in(gaz: Gazetteer, sk: str, regions: set[str]) -> tuple[str, float] | None:
    """A misspelt name rescued by the region its sentence names: the one place name of
    that region within a couple of edits (letters swapped or mistyped), the one sharing
    the most letters when two are as close; none when that does not single one out.
    A region holds a few thousand names, so a looser match than ``_closest`` is safe."""
    allowed = next((n for size, n in _REGION_EDITS if len(sk) >= size), 0)
    if not allowed:
        return None
    keys = _region_keys(gaz)
    choices = sorted({k for r in regions for k in keys.get(r, ()) if k[0] == sk[0]})
    found = process.extract(sk, choices, scorer=DamerauLevenshtein.distance,
                            score_cutoff=allowed, limit=None)
    if not found:
        return None
    ranked = sorted(((d - _shared_letters(sk, k), k) for k, d, _ in found))
    if len(ranked) > 1 and ranked[1][0] - ranked[0][0] < 0.25:
        return None
    key = ranked[0][1]
    return key, 100.0 * DamerauLevenshtein.normalized_similarity(sk, key)


def _shared_letters(a: str, b: str) -> float:
    """Share of letters two words have in common, in any order (1.0 for an anagram)."""
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def _closest(gaz: Gazetteer, index: dict[str, list[str]], sk: str) -> tuple[str, float] | None:
    """The one-word name closest to ``sk`` if close enough (cached per gazetteer)."""
    cache: dict[str, tuple[str, float] | None] | None = getattr(gaz, "_closest", None)
    if cache is None or len(cache) > 100_000:
        cache = {}
        gaz._closest = cache  # type: ignore[attr-defined]
    if sk in cache:
        return cache[sk]
    choices = index.get(sk[0], [])
    # Long names: Jaro-Winkler, which rewards the shared stem of a garbled ending
    # ("Malotaranovi" / Malotaranivka); short ones: plain ratio, stricter, since a short
    # word is close to many villages.
    if len(sk) >= 8:
        found = process.extractOne(sk, choices, scorer=JaroWinkler.normalized_similarity,
                                   score_cutoff=0.93)
        best = (found[0], found[1] * 100) if found else None
    else:
        found = process.extractOne(sk, choices, scorer=fuzz.ratio, score_cutoff=88.0)
        best = (found[0], float(found[1])) if found else None
    cache[sk] = best
    return best


def _filter_ambiguous(text: str, matches: list[PlaceMatch], rules: Rules,
                      gazetteer: Gazetteer) -> list[PlaceMatch]:
    """Drop names that are also words or people unless a cue says they are places."""
    out = []
    for i, m in enumerate(matches):
        key = m.key or " ".join(skeleton(w) for _, _, w in tokenize(m.text))
        # -enko, -chuk: Ukrainian surnames (Doroshenko, Kovalchuk), not villages; but a
        # town of that name (Kremenchuk) is what the news means by it.
        surname = (" " not in key and key.endswith(("enko", "Cuk"))
                   and max((gazetteer.population[p] for p in m.places), default=0) < _TOWN)
        if (key in rules.ambiguous or surname) and not m.cue and not m.regions:
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            gap = text[m.span.end:nxt.span.start] if nxt else ""
            region_next = (nxt is not None and nxt.is_region and len(gap) <= 6
                           and re.fullmatch(r"\s*(?:,|\(|in|в|у|,\s*the)?\s*(?:the\s*)?", gap))
            if not region_next:
                continue
        out.append(m)
    return out
