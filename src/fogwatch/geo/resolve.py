"""Choosing one place per name, with the document as context.

More than half of Ukraine's village names are shared (11 Berestoves, 12 Maiaks), so a
name alone rarely decides. Each candidate gets a score from what a human coder would
look at, in this order of weight: the region named in the same sentence, then in the
document ("Donetsk People's Republic", "the Mykolaiv region"); closeness to the places
of the document that are not in doubt; the kind of place (regional centre > town >
village > city quarter) and its population; whether the name is the place's main name
or an old or foreign one. The best wins, unless the evidence cannot separate two far
apart candidates, or a region is named and no candidate lies in it: then there is no
guess (the mention is kept, coordinates stay null).

A region named alone resolves to its regional centre with ``geo_precision`` 3, which
is how ACLED and UCDP code region-level events; "near X", "the X area", "south of X"
resolve to X with ``geo_precision`` 2.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Place, Span
from .gazetteer import Gazetteer
from .match import PlaceMatch, around, bare_regions
from .normalize import key_of
from .regions import region_around
from .rules import load_rules

__all__ = ["Candidate", "Resolution", "region_place", "resolve_matches", "tied", "to_place"]

_FEATURE_WEIGHT = {
    "PPLC": 4.5, "PPLA": 4.0, "PPLA2": 1.6, "PPLA3": 0.9, "PPL": 0.0, "PPLL": -0.3,
    "PPLF": -0.5, "PPLH": -0.6, "PPLQ": -1.0, "PPLW": -1.0, "PPLX": -1.2, "PPLS": -0.3,
    "ADM2": -0.8, "ADM2H": -1.2, "ADM3": -1.2,
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_PAREN_AFTER = re.compile(r"^\s*\(\s*$")
_CAPITAL_OF = re.compile(r"\b(?:capital|столиц[аеуы]|столиц[яію])\s+(?:of\s+)?(?:the\s+)?$", re.I)
_GOVERNOR_AFTER = re.compile(
    r"^(?:[’']s)?\s+(?:regional\s+|oblast\s+|region(?:al)?\s+military\s+|military\s+)?"
    r"(?:governor|administration|authorities|prosecutors?|police)\b", re.I)
_GOVERNOR_BEFORE = re.compile(r"\b(?:governor|governors|administration|prosecutors?)\s+of\s+"
                              r"(?:the\s+)?$", re.I)


def _governs(text: str, m: PlaceMatch) -> bool:
    """The name is said of a region's officials ("the Lviv regional governor")."""
    return bool(_GOVERNOR_AFTER.match(around(text, m, 40)[1])
                or _GOVERNOR_BEFORE.search(text, max(0, m.span.start - 30), m.span.start))


_OUTSIDE = re.compile(
    r"(?:\b(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|"
    r"northwest|southeast|southwest)(?:ern)?\s+of|\boutside(?:\s+of)?|\bnot\s+far\s+from|"
    r"\b\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of))(?:\s+the)?(?:\s+city\s+of)?\s+$",
    re.I)
# Scores closer than this are a tie: the text does not tell the candidates apart.
_TIE = 0.25
#: A region cue that names more regions than this (a part of the country) counts only
#: in its own sentence; Donbas (two) counts in the whole document.
_WIDEST_DOCUMENT_CUE = 2
_TIE_KM = 30.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer place a name may refer to, with its score and the reasons."""

    index: int
    score: float
    reasons: tuple[str, ...]
    supported: bool = False  # a region named or a nearby place backs it
    #: what backs it: "region" (named), "nearby" (a place named in its paragraph),
    #: "document" (a place named in another paragraph only), "" (nothing)
    backing: str = ""


@dataclass(frozen=True)
class Resolution:
    """A match and what became of it: the chosen place (or none) and the candidates."""

    match: PlaceMatch
    candidates: tuple[Candidate, ...]
    chosen: int | None
    precision: int | None
    region: str | None = None
    why: str = ""

    @property
    def resolved(self) -> bool:
        return self.chosen is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _sentence_ids(text: str, sentences: Sequence[Span] | None, positions: list[int]) -> list[int]:
    if sentences:
        starts = [s.start for s in sentences]
    else:
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    out = []
    j = 0
    for pos in positions:  # positions are sorted
        while j + 1 < len(starts) and starts[j + 1] <= pos:
            j += 1
        out.append(j)
    return out


def _anchor(gaz: Gazetteer, m: PlaceMatch) -> int | None:
    """The place a name refers to when there is no doubt, or one dominant candidate."""
    if not m.places:
        return None
    if len(m.places) == 1:
        return m.places[0]
    best = max(m.places, key=lambda i: (_FEATURE_WEIGHT.get(gaz.feature[i], 0) >= 1.6,
                                        gaz.population[i]))
    others = [gaz.population[i] for i in m.places if i != best]
    if gaz.feature[best] in ("PPLC", "PPLA", "PPLA2") or (
            gaz.population[best] >= 50_000 and max(others, default=0) < 5_000):
        return best
    return None


def resolve_matches(text: str, matches: Sequence[PlaceMatch], gazetteer: Gazetteer,
                    sentences: Sequence[Span] | None = None) -> list[Resolution]:
    """Resolve every match of one document, using the others as context."""
    gaz = gazetteer
    sids = _sentence_ids(text, sentences, [m.span.start for m in matches])
    sentence_regions: dict[int, set[str]] = {}
    doc_regions: set[str] = set()
    for m, sid in zip(matches, sids, strict=True):
        cues = set(m.regions)
        # "Zolochiv (Kharkiv)": a regional centre in brackets after a name is its region.
        if not cues and m.places and _PAREN_AFTER.match(text[max(0, m.span.start - 2):
                                                              m.span.start]):
            a = _anchor(gaz, m)
            if a is not None and gaz.feature[a] in ("PPLA", "PPLC"):
                cues.add(gaz.admin1[a] or "")
        # "the Luhansk governor said X was shelled": X is most likely in the region the
        # speaker governs.
        if not cues and m.places and (bare := bare_regions().get(m.key)) \
                and _governs(text, m):
            cues.update(bare)
        cues.discard("")
        if cues:
            sentence_regions.setdefault(sid, set()).update(cues)
            # A part of the country ("southern Ukraine") is too wide to steer the
            # names of the whole document; within its sentence it still helps.
            if len(cues) <= _WIDEST_DOCUMENT_CUE:
                doc_regions.update(cues)
    # Paragraph of each match: a place named in another paragraph (a live blog's other
    # story) backs a homonym less than one named beside it.
    breaks = [n.start() for n in re.finditer("\n", text)]
    pids = [bisect.bisect_left(breaks, m.span.start) for m in matches]
    anchors = [(a, sid, pid) for m, sid, pid in zip(matches, sids, pids, strict=True)
               if not m.is_region and not m.part_of and (a := _anchor(gaz, m)) is not None]
    pid_of = dict(zip(sids, pids, strict=True))
    ru_context = any(gaz.regions.get(r, ("UA",))[0] == "RU" for r in doc_regions)

    # "Clashes near Kurdyumivka and Andriivka": two ambiguous names in one sentence
    # are most likely the two homonyms that lie closest together.
    peers: dict[int, list[tuple[int, float, float]]] = {}
    for n, (m, sid) in enumerate(zip(matches, sids, strict=True)):
        if not m.is_region and not m.part_of and 1 < len(m.places) <= _MAX_PEERS:
            peers.setdefault(sid, []).extend((n, gaz.lat[i], gaz.lon[i]) for i in m.places)

    out = []
    for n, (m, sid) in enumerate(zip(matches, sids, strict=True)):
        if m.is_region:
            r = _region_resolution(gaz, m)
            if r.chosen is not None and _CAPITAL_OF.search(text[max(0, m.span.start - 30):
                                                               m.span.start]):
                r = Resolution(m, r.candidates, r.chosen, 1, r.region,
                               "the capital of the region named")
            out.append(r)
            continue
        near = sentence_regions.get(sid, set())
        mine = [(lat, lon) for k, lat, lon in peers.get(sid, ()) if k != n]
        cands = _score(gaz, m, near, doc_regions, anchors, sid, ru_context, mine, pid_of[sid])
        chosen, least, why = _decide(gaz, cands, near or doc_regions, m.key)
        precision = None
        if chosen is not None:
            # A raion or hromada named is "its district" in ACLED's terms: precision 2.
            district = gaz.feature[chosen].startswith("ADM")
            precision = max(least, 2 if m.relative or district else 1)
        region = gaz.admin1[chosen] if chosen is not None else None
        if chosen is not None and precision == 2 and region in region_around() \
                and gaz.region_capital(region) == chosen \
                and _OUTSIDE.search(text, max(0, m.span.start - 50), m.span.start):
            # "a base north-west of Kyiv" lies in the region around the city
            region = region_around()[region]
            why += f"; outside the city, in {region}"
        out.append(Resolution(m, tuple(cands), chosen, precision, region, why))
    return out


def _static_score(gaz: Gazetteer, i: int) -> float:
    """What a place weighs before any context: its kind and its population."""
    cache: dict[int, float] | None = getattr(gaz, "_static_scores", None)
    if cache is None:
        cache = {}
        gaz._static_scores = cache  # type: ignore[attr-defined]
    got = cache.get(i)
    if got is None:
        pop = gaz.population[i]
        # A city of 100,000+ is what a name means in the news unless the text says
        # otherwise; a regional centre even more so (its weight above).
        got = (_FEATURE_WEIGHT.get(gaz.feature[i], 0.0) + 0.45 * math.log10(pop + 1)
               + (3.0 if pop >= 100_000 else 0.0))
        cache[i] = got
    return got


_KEEP_REASONS = 12
_MAX_PEERS = 80
_SMALL_CUES = {"village", "villages", "settlement", "settlements", "hamlet", "hamlets",
               "township", "село", "селе", "селі", "селом",
               "селище", "селищі", "посёлок", "поселок", "посёлке", "поселке", "пгт", "смт",
               "с.", "пос."}


def _score(gaz: Gazetteer, m: PlaceMatch, near: set[str], doc_regions: set[str],
           anchors: list[tuple[int, int, int]], sid: int, ru_context: bool,
           peers: Sequence[tuple[float, float]] = (), pid: int = 0) -> list[Candidate]:
    rows = []
    others = [(gaz.lat[a], gaz.lon[a], a_sid == sid, a_pid == pid) for a, a_sid, a_pid in anchors
              if a not in m.places]
    for i in m.places:
        score = _static_score(gaz, i)
        if m.cue in _SMALL_CUES and gaz.feature[i] in ("PPLC", "PPLA", "PPLA2"):
            score -= 3.0  # "the village of X": not the city X
        if i in _vouched(gaz).get(m.key, ()):
            # rules.yaml says this spelling means this place (Krasny Liman is Lyman)
            score += 2.1 + (1.5 if 20_000 <= gaz.population[i] < 100_000 else 0.0)
        elif i in m.primary:
            # Called by its own name, a town of 20,000+ outweighs a village that merely
            # heads a hromada (PPLA3): Kostiantynivka is the Donetsk town.
            score += 0.6 + (1.5 if 20_000 <= gaz.population[i] < 100_000 else 0.0)
        elif _old_or_foreign_name(gaz, i, m.key):
            score -= 2.0  # Sloviansk is an old name of Nikopol too; the town itself wins
        elif 20_000 <= gaz.population[i] < 100_000 and _respelt(gaz, i, m.key):
            score += 1.5  # its name in another spelling (Konstantinovka): still the town
        a1 = gaz.admin1[i]
        region = 0
        big = gaz.population[i] >= 100_000  # cities are named in any region's news
        if a1 in near:
            score += 4.0
            region = 2
        elif near:  # the sentence names another region: the document's do not count
            score -= 0.0 if big else 1.5
        elif a1 in doc_regions:
            score += 2.5
            region = 1
        elif doc_regions and not big:
            score -= 1.5
        # Places named together lie together: strongly within a sentence ("Vodiane
        # and Vuhledar"), less so across the document.
        bonus, near_km, bonus_here = 0.0, 0.0, False
        lat, lon = gaz.lat[i], gaz.lon[i]
        kx = 111.32 * math.cos(math.radians(lat))  # km per degree of longitude here
        for alat, alon, same, para in others:
            d = math.hypot((alon - lon) * kx, (alat - lat) * 110.57)
            if d < 400:
                b = 3.0 * math.exp(-d / 40.0) if same else 2.0 * math.exp(-d / 60.0)
                if b > bonus:
                    bonus, near_km, bonus_here = b, d, para
        if len(m.places) <= _MAX_PEERS:
            for plat, plon in peers:
                dy = (plat - lat) * 110.57
                if -80 < dy < 80:
                    d = math.hypot((plon - lon) * kx, dy)
                    if d < 80:
                        b = 2.5 * math.exp(-d / 25.0)
                        if b > bonus:
                            bonus, near_km, bonus_here = b, d, True
        score += bonus
        if gaz.country[i] == "RU" and not ru_context:
            score -= 0.8
        rows.append((-round(score, 3), gaz.geonameid[i], i, region, bonus, near_km, bonus_here))
    rows.sort()
    out = []
    for n, (neg, _, i, region, bonus, near_km, here) in enumerate(rows):
        supported = region > 0 or bonus > 0.3
        backing = ("region" if region else "nearby" if bonus > 0.3 and here
                   else "document" if bonus > 0.3 else "")
        reasons: tuple[str, ...] = ()
        if n < _KEEP_REASONS:  # reasons are for people: only for the candidates shown
            r = [f"{gaz.feature[i]} pop {gaz.population[i]}"]
            if i in m.primary:
                r.append("main name")
            if region:
                r.append(f"{gaz.admin1[i]} named in the "
                         f"{'sentence' if region == 2 else 'document'}")
            if bonus > 0.3:
                r.append(f"{near_km:.0f} km from other places named")
            reasons = tuple(r)
        out.append(Candidate(i, -neg, reasons, supported, backing))
    return out


def _settlement(gaz: Gazetteer, i: int) -> bool:
    """A populated place or a division, not a landmark (whose every name is its own)."""
    return gaz.feature[i].startswith(("PPL", "ADM"))


def _old_or_foreign_name(gaz: Gazetteer, i: int, key: str) -> bool:
    """The name matched is not a spelling of the place's own name (Kronstadt for Stara
    Mykolayivka, Zhelanne for Blahodatne) but an old or foreign one."""
    if not key:
        return False
    cache: dict[tuple[int, str], bool] | None = getattr(gaz, "_old_names", None)
    if cache is None or len(cache) > 500_000:
        cache = {}
        gaz._old_names = cache  # type: ignore[attr-defined]
    got = cache.get((i, key))
    if got is None:
        got = cache[(i, key)] = fuzz.ratio(key, _own_key(gaz, i)) < 70
    return got


def _vouched(gaz: Gazetteer) -> dict[str, frozenset[int]]:
    """Skeleton key -> the places ``rules.yaml`` aliases give that spelling."""
    cached: dict[str, frozenset[int]] | None = getattr(gaz, "_vouched", None)
    if cached is None:
        found: dict[str, set[int]] = {}
        for alias, gid in load_rules().aliases.items():
            i = gaz.by_geonameid(gid)
            if i is not None and (k := key_of(alias)):
                found.setdefault(k, set()).add(i)
        cached = {k: frozenset(v) for k, v in found.items()}
        gaz._vouched = cached  # type: ignore[attr-defined]
    return cached


def _respelt(gaz: Gazetteer, i: int, key: str) -> bool:
    """The name matched is the place's own name in another transliteration: letters
    swapped (o/i, e/y) but as many of them; a suffix (Lymany for Lyman) makes another
    name."""
    own = _own_key(gaz, i)
    return len(own) == len(key) and fuzz.ratio(key, own) >= 80


def _own_key(gaz: Gazetteer, i: int) -> str:
    cache: dict[int, str] | None = getattr(gaz, "_own_keys", None)
    if cache is None:
        cache = {}
        gaz._own_keys = cache  # type: ignore[attr-defined]
    if i not in cache:
        cache[i] = key_of(gaz.name[i])
    return cache[i]


def _decide(gaz: Gazetteer, cands: list[Candidate], regions: set[str],
            key: str = "") -> tuple[int | None, int, str]:
    """(chosen place or None, the least precision allowed, why)."""
    if not cands:
        return None, 1, "no candidate"
    best = cands[0]
    b = best.index
    if regions and gaz.admin1[b] not in regions and len(cands) > 1 \
            and gaz.population[b] < 100_000 and not best.supported:
        return None, 1, f"no candidate in {', '.join(sorted(regions))}"
    if (not best.supported and gaz.population[b] < 5_000 and _settlement(gaz, b)
            and _old_or_foreign_name(gaz, b, key)):
        return None, 1, (f"'{gaz.name[b]}' is a hamlet known by that name only in old or "
                         "foreign sources, and nothing in the text backs it")
    if len(cands) == 1:
        return b, 1, "only place of that name"
    if best.backing == "document":
        # A hamlet near a place of another paragraph (a live blog's other story) does
        # not outweigh the town of that name that the news usually means.
        town = max(cands, key=lambda c: gaz.population[c.index])
        if town is not best and not town.supported and _dominant(gaz, town.index, b):
            return town.index, 1, ("a town of that name, not the hamlet near a place "
                                   "named in another paragraph")
    second = cands[1]
    s = second.index
    apart = haversine_km(gaz.lat[b], gaz.lon[b], gaz.lat[s], gaz.lon[s])
    supported = best.supported
    if tied(gaz, best, second):
        if supported and gaz.admin1[b] == gaz.admin1[s] and apart < 75:
            return b, 2, "two close places of that name in the region named: the likelier"
        # Of the candidates the scores cannot separate, the one a region named or a
        # place named with it backs ("Vodiane and Vuhledar": the Vodiane by Vuhledar).
        backed = [c for c in cands if best.score - c.score < _TIE and c.supported]
        if len(backed) == 1:
            return backed[0].index, 1, ("of the places of that name, the only one by the "
                                        "other places named")
        return None, 1, f"{len(cands)} places of that name and nothing to tell them apart"
    if not supported and apart > _TIE_KM and not _dominant(gaz, b, s):
        return None, 1, f"{len(cands)} places of that name and no region or nearby place named"
    return b, 1, "best score"


def tied(gaz: Gazetteer, a: Candidate, b: Candidate) -> bool:
    """The scores cannot separate two candidates, and they lie too far apart for either
    to stand for both: no guess between them."""
    return a.score - b.score < _TIE and haversine_km(
        gaz.lat[a.index], gaz.lon[a.index], gaz.lat[b.index], gaz.lon[b.index]) > _TIE_KM


def _dominant(gaz: Gazetteer, b: int, s: int) -> bool:
    """A town is the obvious reading of a name that some hamlet also has."""
    weight_b = _FEATURE_WEIGHT.get(gaz.feature[b], 0.0)
    weight_s = _FEATURE_WEIGHT.get(gaz.feature[s], 0.0)
    pop_b, pop_s = gaz.population[b], gaz.population[s]
    return (weight_b >= 0.9 and weight_b > weight_s
            or (pop_b >= 10_000 and pop_b >= 5 * pop_s)
            or (pop_b >= 2_000 and pop_b >= 20 * max(pop_s, 50)))


def _region_resolution(gaz: Gazetteer, m: PlaceMatch) -> Resolution:
    if len(m.regions) != 1:  # Donbas: a cue for two regions, no single point
        return Resolution(m, (), None, None, None, "names several regions")
    region = m.regions[0]
    capital = gaz.region_capital(region)
    return Resolution(m, (), capital, 3 if capital is not None else None, region,
                      "region named alone: its centre")


def to_place(gaz: Gazetteer, r: Resolution, mention: str | None = None,
             span: Span | None = None) -> Place:
    """The ``Place`` record for a resolution (coordinates null when unresolved)."""
    mention = mention if mention is not None else r.match.text
    span = span if span is not None else r.match.span
    if r.chosen is None:
        return Place(mention=mention, span=span, admin1=r.region)
    if r.precision == 3 and r.region:
        return region_place(gaz, r.region, mention, span) or Place(mention=mention, span=span)
    i = r.chosen
    outside = r.precision == 2 and r.region is not None and r.region != gaz.admin1[i]
    return Place(mention=mention, name=gaz.name[i], geonameid=gaz.geonameid[i] or None,
                 lat=gaz.lat[i], lon=gaz.lon[i], admin1=r.region if outside else gaz.admin1[i],
                 admin2=None if outside else gaz.admin2[i],
                 country=gaz.country[i], geo_precision=r.precision, span=span)


def region_place(gaz: Gazetteer, region: str, mention: str, span: Span | None) -> Place | None:
    """A region as a place: its centre's coordinates, geo_precision 3."""
    info = gaz.regions.get(region)
    if info is None:
        return None
    country, capital, adm1_gid, adm1_name = info
    if capital < 0:
        return Place(mention=mention, name=adm1_name, admin1=region, country=country,
                     geo_precision=3, span=span)
    return Place(mention=mention, name=adm1_name, geonameid=adm1_gid or None,
                 lat=gaz.lat[capital], lon=gaz.lon[capital], admin1=region, admin2=None,
                 country=country, geo_precision=3, span=span)
