"""The geocoder: place names in text -> gazetteer places, resolved in context.

Public surface:

- ``load_gazetteer(path=None)`` / ``build_gazetteer(...)`` (``gazetteer.py``)
- ``find_places(text, gazetteer)`` -> ``PlaceMatch`` list: every name, every candidate
- ``explain(text, gazetteer=None)`` -> ``Resolution`` list: candidates, scores, choice
  (``explain_dict``: the same as plain data, behind ``fogwatch geocode``)
- ``geocode(text, gazetteer=None)`` -> the one ``Place`` a short text is about
- ``DocumentGeocoder(text, gazetteer, sentences)``: matches a document once, then
  ``locate(report)`` for each of its reports
- ``make_stage(resources)``: the pipeline's "geocode" stage
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import Place, Report, Span
from .gazetteer import Gazetteer, build_gazetteer, load_gazetteer
from .match import PlaceMatch, around, bare_regions, find_places, rescue_in_regions
from .regions import canonical_admin1
from .resolve import Candidate, Resolution, region_place, resolve_matches, tied, to_place

if TYPE_CHECKING:
    from ..pipeline import Analysis, Resources

__all__ = [
    "Candidate",
    "best_place",
    "DocumentGeocoder",
    "Gazetteer",
    "PlaceMatch",
    "Resolution",
    "build_gazetteer",
    "canonical_admin1",
    "explain",
    "explain_dict",
    "find_places",
    "geocode",
    "load_gazetteer",
    "make_stage",
]


def explain(text: str, gazetteer: Gazetteer | None = None) -> list[Resolution]:
    """Every place name in ``text`` with its scored candidates and the choice made."""
    gaz = gazetteer or load_gazetteer()
    return resolve_matches(text, find_places(text, gaz), gaz)


def best_place(resolutions: Sequence[Resolution], gaz: Gazetteer,
               span: Span | None = None) -> Place | None:
    """The place a stretch of text is about: the first of its most precise resolved
    places (a settlement before "near X" before a region), else the first place name
    whose homonyms the text could not tell apart (mention kept, no coordinates)."""
    inside = [r for r in resolutions if not r.match.part_of
              and (span is None or span.contains(r.match.span))]
    for precision in (1, 2, 3):  # the most specific place named, first one first
        for r in inside:
            if r.chosen is not None and r.precision == precision:
                return to_place(gaz, r)
    for r in inside:  # a real place name whose homonyms the text cannot tell apart
        if not r.match.is_region and len(r.candidates) > 1 and "old or foreign" not in r.why:
            return to_place(gaz, r)
    return None


def geocode(text: str, gazetteer: Gazetteer | None = None) -> Place | None:
    """The one place a short text (a headline, a mention with its context) is about."""
    gaz = gazetteer or load_gazetteer()
    return best_place(explain(text, gaz), gaz)


#: "the governor of X", "speaking from X": X is where someone speaks, not where it happened.
_SPEAKS_FOR = re.compile(r"(?:\b(?:governor|mayor|head|administration|council|authorities|"
                         r"officials?|police|prosecutors?|spokes(?:man|woman|person))\s+"
                         r"(?:of|in|for)|\b(?:speaking|said|told|wrote)\s+"
                         r"(?:\w+\s+)?(?:from|in))\s+(?:the\s+)?$", re.I)


class DocumentGeocoder:
    """All place names of one document, matched and resolved once, for its reports."""

    def __init__(self, text: str, gazetteer: Gazetteer,
                 sentences: Sequence[Span] | None = None,
                 boilerplate: Sequence[Span] = ()) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.sentences = tuple(sentences or ())
        # Names in boilerplate (footers, "More Stories") are neither places of the
        # reports nor context for them.
        self.matches = [m for m in find_places(text, gazetteer)
                        if not any(b.overlaps(m.span) for b in boilerplate)]
        self.resolutions = resolve_matches(text, self.matches, gazetteer, self.sentences)

    def locate(self, report: Report) -> Place | None:
        """``report.location`` resolved (mention and span kept), or found in its sentences.

        A report placed only in a region whose own sentences name a settlement of that
        region ("drones struck the Rostov region ... the facilities of Novoshakhtinsk")
        is placed at that settlement: it says more exactly where the act happened. Not
        at the regional centre: named beside its region it is mostly named for something
        else ("the rail link between Kherson and Crimea").
        """
        place = self._locate(report)
        if place is not None and place.span is not None and _SPEAKS_FOR.search(
                self.text, max(0, place.span.start - 40), place.span.start):
            # "the administration in Zaporizhzhia said rockets hit Tokmak": the place a
            # speaker speaks for gives way to the one its act sentence names
            place = self._settlement_in(report, None, place.span) or place
        if place is None or not place.admin1:
            return place
        if place.geo_precision == 3 or (place.geo_precision == 2 and self._centre(place)):
            # "near Kherson", then "the bus was hit near Dovhove": the village is where
            return self._settlement_in(report, place.admin1, place.span) or place
        if report.event_type == "Battles" and place.geo_precision == 1 \
                and self._bare_centre(place):
            # "fighting continued in Luhansk, where troops pushed on Bilohorivka": the
            # fighting is in the region, at the village its sentence names
            return self._settlement_in(report, place.admin1, place.span) or place
        return place

    def _bare_centre(self, place: Place) -> bool:
        """A regional centre named by the bare name it shares with its region, with no
        word saying the city ("Luhansk", not "the city of Luhansk")."""
        if not self._centre(place) or place.span is None:
            return False
        for r in self.resolutions:
            m = r.match
            if m.span.overlaps(place.span) and not m.cue and m.key in bare_regions():
                # the match may have taken the possessive in ("Luhansk's"): around()
                # gives it back, so "Luhansk's mayor" still says the city
                after = around(self.text, m, 12)[1]
                return not re.match(r"^(?:\s+city\b|[’']s\s+mayor\b)", after)
        return False

    def _centre(self, place: Place) -> bool:
        i = self.gazetteer.by_geonameid(place.geonameid) if place.geonameid else None
        return i is not None and self.gazetteer.feature[i] in ("PPLA", "PPLC")

    def _settlement_in(self, report: Report, admin1: str | None,
                       own: Span | None = None) -> Place | None:
        """Only in a sentence that tells of the act (one of its triggers), and not a
        place someone speaks for ("the mayor of X said"). With ``admin1`` (a place of
        that region replaces a vaguer one) not its regional centre; without (the
        report's place was the speaker's) any settlement."""
        triggers = report.evidence.get("event_type", ())
        for sentence in report.sentences:
            if triggers and not any(sentence.contains(t) for t in triggers):
                continue
            for r in self.resolutions:
                m = r.match
                if (r.chosen is not None and r.precision in (1, 2) and not m.is_region
                        and not m.part_of and sentence.contains(m.span)
                        and (own is None or not own.overlaps(m.span))
                        and (admin1 is None or (
                            self.gazetteer.admin1[r.chosen] == admin1
                            and self.gazetteer.feature[r.chosen] not in ("PPLA", "PPLC")))
                        and not _SPEAKS_FOR.search(self.text, max(0, m.span.start - 40),
                                                   m.span.start)):
                    return to_place(self.gazetteer, r)
        return None

    def _locate(self, report: Report) -> Place | None:
        loc = report.location
        if loc is not None and loc.resolved:
            return loc
        gaz = self.gazetteer
        if loc is not None:
            admin1 = canonical_admin1(loc.admin1)
            place = self._in_region(loc, admin1) if admin1 else None
            if place is None:
                place = self._resolve_mention(loc)
            if place is not None and place.resolved:
                return replace(place, mention=loc.mention, span=loc.span)
            if admin1:
                region = region_place(gaz, admin1, loc.mention, loc.span)
                if region is not None:
                    return region
            return loc
        for sentence in report.sentences:
            place = best_place(self.resolutions, gaz, sentence)
            if place is not None:
                return place
        return None

    def _in_region(self, loc: Place, admin1: str) -> Place | None:
        """The extractor read a region next to the mention: the best-scoring homonym in
        that region, if the mention has one."""
        if loc.span is None:
            return None
        for r in self.resolutions:
            if r.match.span.overlaps(loc.span) and not r.match.is_region \
                    and not r.match.part_of:
                if r.chosen is not None and self.gazetteer.population[r.chosen] >= 100_000:
                    return None  # "Kyiv" stays the capital whatever region is near
                gaz = self.gazetteer
                mine = [c for c in r.candidates if gaz.admin1[c.index] == admin1]
                if not mine:
                    continue
                best = mine[0]
                if r.chosen is not None and gaz.admin1[r.chosen] == admin1:
                    best = next(c for c in mine if c.index == r.chosen)
                elif len(mine) > 1 and tied(gaz, best, mine[1]):
                    return None  # two far-apart places of the region: no guess
                precision = 2 if r.match.relative else 1
                return to_place(gaz, replace(r, chosen=best.index, precision=precision))
        return None

    def _whole_of(self, inside: Sequence[Resolution]) -> Place | None:
        """'the Kuibyshevsky district of Donetsk': a part named is placed at the whole."""
        for r in inside:
            if r.match.part_of:
                n = self.resolutions.index(r)
                if n + 1 < len(self.resolutions):
                    place = best_place(self.resolutions[n + 1:n + 2], self.gazetteer)
                    if place is not None and place.resolved:
                        return place
        return None

    def _resolve_mention(self, loc: Place) -> Place | None:
        if loc.span is not None:
            inside = [r for r in self.resolutions if r.match.span.overlaps(loc.span)]
            place = best_place(inside, self.gazetteer)
            if place is not None and place.resolved:
                return place
            whole = self._whole_of(inside)
            if whole is not None:
                return whole
            if any(len(r.candidates) > 1 and not r.match.part_of for r in inside):
                # The document's context could not tell the homonyms apart; the mention
                # alone, with less context, must not pick one by size.
                return None
        if not loc.mention:
            return None
        # The extractor says this is a place, so the fuzzy rescue may run on the mention
        # itself; the document's region names still decide among homonyms.
        own = find_places(loc.mention, self.gazetteer, assume_place=True)
        if not own and loc.span is not None:
            # "Yaroviv was hit, the Lviv governor said": no "in" before the name to let
            # the document's rescue run, but its sentence names the region
            rescued = rescue_in_regions(self.text, loc.span, self.gazetteer, self.matches)
            if rescued is not None:
                return best_place(resolve_matches(self.text, [rescued], self.gazetteer),
                                  self.gazetteer)
        if not own:
            return None
        regions = [m for m in self.matches if m.is_region]
        shifted = [replace(m, span=Span(m.span.start + len(self.text) + 1,
                                        m.span.end + len(self.text) + 1)) for m in own]
        combined = self.text + "\n" + loc.mention
        resolved = resolve_matches(combined, [*regions, *shifted], self.gazetteer)
        return best_place(resolved[len(regions):], self.gazetteer)


def make_stage(resources: Resources) -> Callable[[Analysis], Analysis]:
    """The "geocode" stage: resolve every report's location in its document's context."""

    def geocode_stage(analysis: Analysis) -> Analysis:
        if not analysis.reports:
            return analysis
        doc = analysis.document
        geocoder = DocumentGeocoder(doc.text, resources.gazetteer, doc.sentences,
                                    doc.flags.boilerplate)
        reports = tuple(_relocated(r, geocoder.locate(r)) for r in analysis.reports)
        return replace(analysis, reports=reports)

    return geocode_stage


def _relocated(report: Report, place: Place | None) -> Report:
    """The report at ``place``; when the geocoder read another mention than the
    extractor did, the evidence and the summary follow it."""
    old = report.location
    if place is None or old is None or place.span is None:
        return replace(report, location=place)
    moved_span = place.span != old.span
    # The extractor's region guess ("the Kiev region of Donetsk" read as Kyiv oblast)
    # that the geocoder overruled must not stay in the summary.
    other_region = bool(old.admin1 and place.admin1
                        and canonical_admin1(old.admin1) != place.admin1)
    if not (moved_span or other_region):
        return replace(report, location=place)
    from ..extract.summary import summarise  # the extractor's wording, only when needed

    evidence = {**report.evidence, "location": (place.span,)} if moved_span else report.evidence
    if other_region:  # the region now comes from the gazetteer, not from that span
        evidence = {k: v for k, v in evidence.items() if k != "admin1"}
    moved = replace(report, location=place, evidence=evidence)
    return replace(moved, summary=summarise(moved)) if report.summary else moved


def explain_dict(text: str, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """``explain`` as plain data (for ``fogwatch geocode --json`` and tables)."""
    gaz = gazetteer or load_gazetteer()
    resolutions = explain(text, gaz)
    mentions = []
    for r in resolutions:
        m = r.match
        mentions.append({
            "mention": m.text,
            "span": m.span.to_list(),
            "via": m.via if m.via != "fuzzy" else f"fuzzy {m.similarity:.0f}",
            "region": list(m.regions) if m.is_region else None,
            "relative": m.relative,
            "part_of_next": m.part_of,
            "candidates": [{
                "geonameid": gaz.geonameid[c.index] or None,
                "name": gaz.name[c.index],
                "feature": gaz.feature[c.index],
                "admin1": gaz.admin1[c.index],
                "admin2": gaz.admin2[c.index],
                "country": gaz.country[c.index],
                "lat": gaz.lat[c.index],
                "lon": gaz.lon[c.index],
                "population": gaz.population[c.index],
                "score": c.score,
                "reasons": list(c.reasons),
            } for c in r.candidates],
            "choice": to_place(gaz, r).to_dict(),
            "why": r.why,
        })
    best = best_place(resolutions, gaz)
    return {"text": text, "mentions": mentions, "place": best.to_dict() if best else None}
