"""Cleaning: repair the text, flag boilerplate and languages, split sentences.

The text is repaired (ftfy) but never cut: boilerplate and other-language stretches
are recorded as spans in ``Document.flags`` so that every offset a later stage
produces still points into the text a user can read, and a wrong boilerplate rule
costs a flag, not lost evidence. Extraction skips what ``in_boilerplate`` says.

Cost matters (every document passes here): English-only text never reaches the
language detector, because a text with no Cyrillic letter can only be English among
EN/RU/UK; lingua is asked only to tell Russian from Ukrainian in Cyrillic stretches
that letter hints (ы э ъ ё vs і ї є ґ) do not decide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Flags, LanguageSpan, Span

if TYPE_CHECKING:
    from lingua import LanguageDetector

    from .pipeline import Analysis, Resources

__all__ = [
    "Genre",
    "boilerplate_spans",
    "clean",
    "detect_genre",
    "entry_date",
    "entry_markers",
    "entry_spans",
    "get_detector",
    "in_boilerplate",
    "join_split_capitals",
    "language_spans",
    "make_stage",
    "repair",
    "repeated_spans",
    "split_sentences",
    "summary_entries",
]

PATTERNS_PATH = Path(__file__).parent / "profiles" / "boilerplate.yaml"
GENRE_PATH = Path(__file__).parent / "profiles" / "genre.yaml"


# --- repair -------------------------------------------------------------------------


#: Text made only of these characters is left alone by ftfy (checked exhaustively for
#: every string of up to five of them, and no mojibake or entity can be spelled with
#: them: no "&", no control characters, no Latin-1 letters), so it skips ftfy, which
#: is otherwise most of the cost of cleaning an English article.
_FTFY_NOOP = re.compile(r"[\t\n\x20-\x25\x27-\x7e’‘“”–—…•]*")


def repair(text: str) -> str:
    """ftfy's repairs (mojibake, HTML entities, line breaks), keeping curly quotes.

    Curly quotes are kept because they are part of what the source wrote and the
    extractor's quote rules know both kinds. Words split after their first capital
    (a styled initial letter flattened to text) are joined again: see ``join_split_capitals``.
    """
    if not _FTFY_NOOP.fullmatch(text):
        import ftfy

        text = ftfy.fix_text(text, uncurl_quotes=False)
    return join_split_capitals(text)


#: A lone capital letter, a space, then lower-case letters: "M inistry". Rare in prose
#: except as a flattened drop-cap or bold initial, but also in "Z symbol", "plan B is".
_SPLIT_CAPITAL = re.compile(r"(?<![\w.’'-])([A-Z]) ([a-z]{2,})\b")
#: Zipf frequencies (wordfreq): the fragment must be no English word and the joined
#: form a common one, so "Z symbol" or "plan B is" stay as written.
_FRAGMENT_MAX_ZIPF = 1.5
_JOINED_MIN_ZIPF = 3.0


def join_split_capitals(text: str) -> str:
    """Join a word split after its first capital ("M inistry of D efence").

    Web pages style the first letter of a word or paragraph apart (drop caps, bold
    initials), and flattening the HTML can leave a space inside the word, which then
    matches no actor, body or place name. Joining is decided by word frequency, not a
    list of known victims, so any word split this way is mended; wordfreq is loaded
    only when a candidate appears (a few documents in a hundred).
    """
    if _SPLIT_CAPITAL.search(text) is None:
        return text
    from wordfreq import zipf_frequency

    def join(match: re.Match[str]) -> str:
        initial, rest = match.group(1), match.group(2)
        if (
            zipf_frequency(rest, "en") <= _FRAGMENT_MAX_ZIPF
            and zipf_frequency(initial + rest, "en") >= _JOINED_MIN_ZIPF
        ):
            return initial + rest
        return match.group(0)

    return _SPLIT_CAPITAL.sub(join, text)


# --- boilerplate --------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    max_line_chars: int
    tail_headers: re.Pattern[str]
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    headline_max_chars: int
    headline_max_words: int
    headline_max_words_with_full_stop: int
    headline_max_lines: int
    entry_markers: re.Pattern[str] | None = None
    min_entries: int = 2
    heading_max_chars: int = 0
    body_opener: re.Pattern[str] | None = None
    summary_heading: re.Pattern[str] | None = None
    repeat_min_words: int = 0


@cache
def _patterns(path: Path = PATTERNS_PATH) -> _Patterns:
    """Load and compile the boilerplate patterns once per process."""
    import yaml

    from .errors import FogwatchError

    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        headers = "|".join(f"(?:{p})" for p in data["tail_headers"])
        lines = tuple(
            (kind, re.compile(pattern, re.IGNORECASE))
            for kind, patterns in data["lines"].items()
            for pattern in patterns
        )
        headline = data["headline"]
        entries = data.get("entries") or {}
        markers = entries.get("markers") or []
        return _Patterns(
            max_line_chars=int(data["max_line_chars"]),
            tail_headers=re.compile(rf"(?:{headers})\s*:?", re.IGNORECASE),
            lines=lines,
            headline_max_chars=int(headline["max_chars"]),
            headline_max_words=int(headline["max_words"]),
            headline_max_words_with_full_stop=int(headline["max_words_with_full_stop"]),
            headline_max_lines=int(headline["max_lines"]),
            entry_markers=re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE)
            if markers else None,
            min_entries=int(entries.get("min_entries", 2)),
            heading_max_chars=int(entries.get("heading_max_chars", 0)),
            body_opener=re.compile(
                r"(?<=[\w’'”\")\]])\s+(?=(?:"
                + "|".join(re.escape(w) for w in entries["body_openers"]) + r")\s)")
            if entries.get("body_openers") else None,
            summary_heading=re.compile(
                "|".join(f"(?:{h})" for h in entries["summary_headings"]), re.IGNORECASE)
            if entries.get("summary_headings") else None,
            repeat_min_words=int(data.get("repeat_min_words", 0)),
        )
    except (OSError, KeyError, TypeError, ValueError, re.error, yaml.YAMLError) as error:
        raise FogwatchError(
            f"{path}: boilerplate patterns cannot be loaded: {type(error).__name__}: {error}",
            hint="fix the file; each pattern must be a valid Python regex",
        ) from error


_LINE = re.compile(r"[^\n]+")


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, whitespace trimmed."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def _looks_like_headline(line: str, p: _Patterns) -> bool:
    words = len(line.split())
    if len(line) > p.headline_max_chars or words > p.headline_max_words:
        return False
    return not line.endswith(".") or words <= p.headline_max_words_with_full_stop


def boilerplate_spans(text: str) -> tuple[Span, ...]:
    """Spans of boilerplate lines and of a trailing headline block, sorted and merged."""
    p = _patterns()
    lines = _lines(text)
    found: list[tuple[int, int]] = []
    tail_start = len(lines)
    first_candidate = max(0, len(lines) - p.headline_max_lines - 1)
    for index in range(first_candidate, len(lines)):
        start, end = lines[index]
        if p.tail_headers.fullmatch(text, start, end) and all(
            _looks_like_headline(text[s:e], p) for s, e in lines[index + 1 :]
        ):
            found.append((start, lines[-1][1]))
            tail_start = index
            break
    for start, end in lines[:tail_start]:
        if end - start > p.max_line_chars:
            continue
        line = text[start:end]
        if any(pattern.search(line) for _, pattern in p.lines):
            found.append((start, end))
    return _merged([Span(s, e) for s, e in found])


def in_boilerplate(document: Document, span: Span) -> bool:
    """True when at least half of ``span`` lies inside the document's boilerplate.

    Half, not "any overlap", so that a sentence the splitter ran into a credit line
    is not thrown away for a few characters.
    """
    if not document.flags.boilerplate:
        return False
    covered = sum(
        max(0, min(span.end, b.end) - max(span.start, b.start)) for b in document.flags.boilerplate
    )
    return covered * 2 >= max(1, len(span))


# --- live blog entries --------------------------------------------------------------


def entry_markers(text: str) -> tuple[Span, ...]:
    """Spans of the timestamps that open the entries of a live blog, or () for a story.

    A marker counts only at the start of a line, and only when there are at least
    ``min_entries`` of them: a single "02:18" before a video caption is no blog.
    """
    p = _patterns()
    if p.entry_markers is None:
        return ()
    found = []
    for start, end in _lines(text):
        match = p.entry_markers.match(text, start, end)
        if match and match.end() > match.start():
            found.append(Span(match.start(), match.end()))
    return tuple(found) if len(found) >= p.min_entries else ()


def entry_spans(text: str, markers: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """The entries of a live blog: each from its marker to the next one (or the end).

    Text before the first marker (a standfirst, a summary) is no entry; it is read
    as its own stretch because no entry covers it.
    """
    markers = entry_markers(text) if markers is None else markers
    ends = [m.start for m in markers[1:]] + [len(text)]
    spans = (_trimmed(text, m.start, end) for m, end in zip(markers, ends, strict=False))
    return tuple(span for span in spans if span is not None)


def summary_entries(text: str, markers: tuple[Span, ...], entries: tuple[Span, ...]
                    ) -> tuple[Span, ...]:
    """The entries (of ``entry_spans``) whose heading says they retell the day:
    "Summary", "What we know", "Key events", "Catch up"."""
    p = _patterns()
    if p.summary_heading is None or not markers:
        return ()
    out = []
    for marker in markers:
        heading = p.summary_heading.match(text, _skip_space(text, marker.end))
        if heading is not None:
            out += [e for e in entries if e.start <= marker.start < e.end]
    return tuple(out)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def repeated_spans(text: str, sentences: tuple[Span, ...],
                   summaries: tuple[Span, ...] = ()) -> tuple[Span, ...]:
    """Copies of a long sentence told elsewhere in the same document, word for word.

    Live blogs retell an entry's lines in their summary entries, and a flattened bullet
    list repeats each item's last sentence at the start of the next; read twice, one
    incident becomes two or its evidence doubles. One occurrence is kept: the first
    that is outside every summary entry (it was told in its own entry, under its own
    timestamp), else the first. Short sentences ("Two people were hurt.") may truly
    be said of two incidents, so only sentences of ``repeat_min_words`` words count.
    """
    min_words = _patterns().repeat_min_words
    if min_words <= 0:
        return ()
    words = {span: text[span.start : span.end].split() for span in sentences}
    groups: dict[str, list[Span]] = {}
    for span in sentences:
        if len(words[span]) >= min_words:
            groups.setdefault(" ".join(words[span]), []).append(span)
    # an entry's heading runs into its first sentence when the page loses its HTML
    # ("Port hit Drones struck the terminal ..."): a sentence ending in another's words
    # is a copy of it too
    for span in sentences:
        own = words[span]
        for cut in range(1, len(own) - min_words + 1):
            group = groups.get(" ".join(own[cut:]))
            if group is not None:
                group.append(span)
                break

    def in_summary(span: Span) -> bool:
        return any(e.start <= span.start < e.end for e in summaries)

    copies: list[Span] = []
    for spans in groups.values():
        if len(spans) > 1:
            spans.sort(key=lambda sp: sp.start)
            keep = next((sp for sp in spans if not in_summary(sp)), spans[0])
            copies += [sp for sp in spans if sp is not keep]
    return _merged(copies)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    out: list[list[int]] = []
    for span in sorted(spans, key=lambda sp: (sp.start, sp.end)):
        if out and span.start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], span.end)
        else:
            out.append([span.start, span.end])
    return tuple(Span(a, b) for a, b in out)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
           "dec")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)


def _entry_marker(text: str, entry: Span) -> re.Match[str] | None:
    p = _patterns()
    return p.entry_markers.match(text, entry.start, entry.end) if p.entry_markers else None


#: A marker's clock time right after its year: "13 Jul 2022 01.10", "July 12, 2022 2:05 PM".
_MARKER_CLOCK = re.compile(r"\b\d{4}\s+(?P<h>\d{1,2})[.:]\d{2}\b(?:\s*(?P<ap>[ap])\.?m\b)?",
                           re.I)


def entry_hour(text: str, entry: Span) -> int | None:
    """The hour (0-23, the blog's local time) an entry's marker gives after its day, or
    None: what tells an entry written just after midnight."""
    marker = _entry_marker(text, entry)
    clock = _MARKER_CLOCK.search(marker.group()) if marker is not None else None
    if clock is None:
        return None
    hour = int(clock["h"])
    if clock["ap"]:
        hour = hour % 12 + (12 if clock["ap"].lower() == "p" else 0)
    return hour


def entry_date(text: str, entry: Span) -> dt.date | None:
    """The calendar day an entry's marker gives ("12 Jul 2022 22.37"), or None.

    A marker without a day ("10.42 GMT", "1h ago") dates its entry by the blog's own date.
    """
    marker = _entry_marker(text, entry)
    if marker is None:
        return None
    found = _DAY_MONTH_YEAR.search(marker.group())
    if found:
        day, month, year = found.groups()
    else:
        found = _MONTH_DAY_YEAR.search(marker.group())
        if not found:
            return None
        month, day, year = found.groups()
    if month.lower() not in _MONTHS:
        return None
    try:
        return dt.date(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def _heading_end(text: str, start: int, end: int) -> int | None:
    """Where an entry's run-on headline ends and its body begins, or None if unsure."""
    p = _patterns()
    if p.body_opener is None:
        return None
    limit = min(end, start + p.heading_max_chars)
    match = p.body_opener.search(text, start, limit)
    if match is None:
        return None
    words = text[start : match.start()].split()
    capitalised = sum(1 for w in words[1:] if w[:1].isupper())
    if len(words) < 3 or capitalised * 3 > len(words) - 1:
        return None
    return match.start()


def _split_at_markers(text: str, sentences: tuple[Span, ...], markers: tuple[Span, ...]
                      ) -> tuple[Span, ...]:
    """A marker is a sentence of its own: "21 May 2022 23.34 Blast hits depot" would
    otherwise read the entry's timestamp as the date the headline tells of."""
    if not markers:
        return sentences
    out: list[Span] = []
    for sentence in sentences:
        start = sentence.start
        for marker in markers:
            if start <= marker.start and marker.end < sentence.end:
                if start < marker.start:
                    out.append(Span(start, marker.start))
                out.append(marker)
                start = marker.end
                heading = _heading_end(text, start, sentence.end)
                if heading is not None:
                    out.append(Span(start, heading))
                    start = heading
        out.append(Span(start, sentence.end))
    trimmed = (_trimmed(text, span.start, span.end) for span in out)
    return tuple(span for span in trimmed if span is not None)


# --- genre --------------------------------------------------------------------------


@dataclass(frozen=True)
class Genre:
    """What kind of piece a document is, the cue that said so, and whether to read
    incidents from it."""

    name: str
    cue: str
    extract: bool


@dataclass(frozen=True)
class _GenreRule:
    name: str
    extract: bool
    where: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class _GenreCues:
    text_chars: int
    site_suffixes: tuple[re.Pattern[str], ...]
    rules: tuple[_GenreRule, ...]


@cache
def _genre_rules(path: Path = GENRE_PATH) -> _GenreCues:
    """Load and compile the genre cues once per process."""
    import yaml

    from .errors import FogwatchError

    try:
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules = []
        for name, spec in data["genres"].items():
            where = tuple(
                (field_name, re.compile(pattern, re.IGNORECASE | re.MULTILINE))
                for field_name in ("url", "title", "text")
                for pattern in spec.get(field_name) or ()
            )
            rules.append(_GenreRule(str(name), bool(spec.get("extract", True)), where))
        suffixes = tuple(re.compile(p, re.IGNORECASE) for p in data.get("site_suffixes") or ())
        return _GenreCues(int(data.get("text_chars", 300)), suffixes, tuple(rules))
    except (OSError, KeyError, TypeError, ValueError, AttributeError, re.error,
            yaml.YAMLError) as error:
        raise FogwatchError(
            f"{path}: genre cues cannot be loaded: {type(error).__name__}: {error}",
            hint="fix the file; each cue must be a valid Python regex under url/title/text",
        ) from error


def _without_site(title: str, suffixes: tuple[re.Pattern[str], ...]) -> str:
    """The title without trailing site and section names ("| World news | The Guardian")."""
    title = title.strip()
    while True:
        for suffix in suffixes:
            cut = suffix.sub("", title)
            if cut != title and cut.strip():
                title = cut.strip()
                break
        else:
            return title


def detect_genre(title: str | None, url: str | None, text: str) -> Genre | None:
    """The first genre (in the file's order) one of whose cues matches, or None."""
    cues = _genre_rules()
    fields = {"url": url or "", "title": _without_site(title or "", cues.site_suffixes),
              "text": text[: cues.text_chars]}
    for rule in cues.rules:
        for field_name, pattern in rule.where:
            value = fields[field_name]
            match = pattern.search(value) if value else None
            if match:
                return Genre(rule.name, f"{field_name} {match.group().strip()!r}", rule.extract)
    return None


# --- sentences ----------------------------------------------------------------------
#
# A regex splitter rather than spaCy's sentencizer or pysbd: the sentencizer breaks
# after every full stop ("Art. | 439", "Mr. | Konashenkov"), pysbd is not a project
# dependency and costs milliseconds per article, and this pass runs on every
# document. Rules: a sentence ends at . ! ? … (plus closing quotes or brackets) when
# the next word does not start in lower case and the word before is not a known
# abbreviation or an initial ("U.S.", "J."); a blank line always ends one; a single
# line break ends one unless the next line starts in lower case or the line ends in
# , ; : or a dash (text hard-wrapped by a scraper).

_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cpl", "pvt",
        "adm", "gov", "sen", "rep", "rev", "st", "mt", "ft", "art", "arts", "no", "nos", "vol",
        "vols", "p", "pp", "para", "ch", "sec", "fig", "op", "jr", "sr", "inc", "ltd", "corp", "co",
        "bros", "dept", "est", "approx", "ca", "cf", "vs", "e.g", "i.e", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "г", "гг", "ул", "им", "т", "д",
        "тыс", "млн", "млрд", "руб", "обл", "р-н", "пгт", "с", "пос",
    ]
)
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([—–-"
_INITIALISM = re.compile(r"(?:\w\.)+\w")
_BREAK_LINE_END = ",;:(-–—"


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:dot].lstrip(_OPENERS + _CLOSERS)
    if not token:
        return False
    if len(token) == 1 and token.isalpha():
        return True
    return token.lower() in _ABBREVIATIONS or bool(_INITIALISM.fullmatch(token))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Stretches between forced breaks (blank lines, line breaks that end a sentence)."""
    blocks = []
    start = 0
    position = 0
    previous = ""
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if position > 0 and previous and stripped:
            continues = stripped[0].islower() or previous[-1] in _BREAK_LINE_END
            if not continues:
                blocks.append((start, position))
                start = position
        elif not stripped and previous:
            blocks.append((start, position))
            start = position
        previous = stripped
        position += len(line)
    blocks.append((start, len(text)))
    return blocks


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans: ordered, disjoint, whitespace-trimmed, covering all other text."""
    spans: list[Span] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for match in _TERMINAL.finditer(text, block_start, block_end):
            end = match.end()
            following = end
            while following < block_end and text[following].isspace():
                following += 1
            if following == end or following >= block_end:
                continue  # no space after it (3.5, "U.S.-made") or end of block
            nxt = text[following]
            if nxt in _OPENERS and following + 1 < block_end:
                nxt = text[following + 1]
            if nxt.islower() or not (nxt.isalnum() or nxt in _OPENERS):
                continue
            if match.group()[0] == "." and _is_abbreviation(text, match.start()):
                continue
            span = _trimmed(text, start, end)
            if span:
                spans.append(span)
            start = end
        span = _trimmed(text, start, block_end)
        if span:
            spans.append(span)
    return tuple(spans)


# --- languages ----------------------------------------------------------------------

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_RU_ONLY = frozenset("ыэъёЫЭЪЁ")
_UK_ONLY = frozenset("іїєґІЇЄҐ")
#: Runs of fewer words than this, with the other script on both sides, are absorbed
#: (a Latin place name inside a Russian clause, one quoted Russian word in English).
_MIN_RUN_WORDS = 3


@cache
def get_detector() -> LanguageDetector:
    """The lingua detector for EN/RU/UK, built once per process on first use.

    Restricted to three languages because all-language mode mislabels English and
    takes over a gigabyte.
    """
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN
    ).build()


def _cyrillic_language(fragment: str, detector: LanguageDetector | None) -> str:
    letters = set(fragment)
    ru, uk = bool(letters & _RU_ONLY), bool(letters & _UK_ONLY)
    if ru != uk:
        return "ru" if ru else "uk"
    detector = detector or get_detector()
    scores = {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in detector.compute_language_confidence_values(fragment)
    }
    return "uk" if scores.get("uk", 0.0) > scores.get("ru", 0.0) else "ru"


#: A Cyrillic sentence shorter than this, without telling letters, takes the language
#: of the stretch around it: lingua is unreliable on a few words of RU vs UK.
_MIN_SENTENCE_WORDS = 4


def _cyrillic_pieces(
    text: str, start: int, end: int, detector: LanguageDetector | None
) -> list[tuple[int, int, str, int]]:
    """(start, end, language, words) of a Cyrillic stretch, sentence by sentence.

    A Russian post quoting a Ukrainian statement is one Cyrillic run; deciding per
    sentence keeps the two apart.
    """
    fragment = text[start:end]
    whole = _cyrillic_language(fragment, detector)
    sentences = split_sentences(fragment)
    if len(sentences) <= 1:
        return [(start, end, whole, len(_WORD.findall(fragment)))]
    pieces: list[tuple[int, int, str, int]] = []
    for sentence in sentences:
        part = sentence.text(fragment)
        words = len(_WORD.findall(part))
        letters = set(part)
        ru, uk = bool(letters & _RU_ONLY), bool(letters & _UK_ONLY)
        if ru != uk or words >= _MIN_SENTENCE_WORDS:
            language = _cyrillic_language(part, detector)
        else:
            language = whole
        pieces.append((start + sentence.start, start + sentence.end, language, words))
    return pieces


def _script_runs(text: str) -> list[list[Any]]:
    """[script, start, end, words] runs of Cyrillic ("cyr") and Latin ("lat") words."""
    runs: list[list[Any]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if _CYRILLIC.search(word):
            script = "cyr"
        elif _LATIN.search(word):
            script = "lat"
        else:
            continue  # digits and the like belong to whatever surrounds them
        if runs and runs[-1][0] == script:
            runs[-1][2] = match.end()
            runs[-1][3] += 1
        else:
            runs.append([script, match.start(), match.end(), 1])
    changed = True
    while changed:  # absorb short runs flanked by the other script, shortest first
        changed = False
        order = sorted(range(1, len(runs) - 1), key=lambda i: runs[i][3])
        for i in order:
            if runs[i][3] < _MIN_RUN_WORDS and runs[i - 1][0] == runs[i + 1][0]:
                before, after = runs[i - 1], runs[i + 1]
                runs[i - 1 : i + 2] = [
                    [before[0], before[1], after[2], before[3] + runs[i][3] + after[3]]
                ]
                changed = True
                break
    return runs


def language_spans(
    text: str, detector: LanguageDetector | None = None
) -> tuple[LanguageSpan, ...]:
    """Language spans covering the whole text (``en``, ``ru``, ``uk``).

    Text with no Cyrillic is English as a whole, without running any model. Otherwise
    Cyrillic and Latin runs of words are found; Latin runs are English, and each
    sentence of a Cyrillic run is Russian or Ukrainian. Whitespace and punctuation
    between runs go to the main language, so a foreign fragment's span is exactly
    its words.
    """
    if not text:
        return ()
    if not _CYRILLIC.search(text):
        return (LanguageSpan(Span(0, len(text)), "en"),)
    runs = _script_runs(text)
    if not runs:  # Cyrillic signs but no words (a lone "҂"): nothing to tell apart
        return (LanguageSpan(Span(0, len(text)), "en"),)
    labelled: list[tuple[int, int, str, int]] = []
    for script, start, end, words in runs:
        if script == "lat":
            labelled.append((start, end, "en", words))
        else:
            labelled.extend(_cyrillic_pieces(text, start, end, detector))
    totals: dict[str, int] = {}
    for _, _, language, words in labelled:
        totals[language] = totals.get(language, 0) + words
    main = max(totals, key=lambda k: totals[k])
    pieces: list[list[Any]] = []
    for start, end, language, _ in labelled:
        if not pieces:
            pieces.append([0, end, language])
        elif pieces[-1][2] == language:
            pieces[-1][1] = end
        elif language == main:  # the gap before a return to the main language is main
            pieces.append([pieces[-1][1], end, language])
        else:
            pieces[-1][1] = start
            pieces.append([start, end, language])
    pieces[-1][1] = len(text)
    return tuple(LanguageSpan(Span(s, e), lang) for s, e, lang in pieces)


# --- the stage ----------------------------------------------------------------------


def clean(document: Document, detector: LanguageDetector | None = None) -> Document:
    """Repaired text with boilerplate, language and sentence spans into it.

    Pass ``detector`` to reuse a lingua detector; otherwise one is built lazily, and
    only if the text has Cyrillic in it.
    """
    text = repair(document.text)
    languages = language_spans(text, detector)
    markers = entry_markers(text)
    genre = detect_genre(document.title, document.url, text)
    if genre is None and markers:
        genre = Genre("liveblog", f"{len(markers)} timestamped entries", True)
    skip = None if genre is None or genre.extract else f"{genre.name} ({genre.cue})"
    sentences = _split_at_markers(text, split_sentences(text), markers)
    entries = entry_spans(text, markers)
    copies = repeated_spans(text, sentences, summary_entries(text, markers, entries))
    boilerplate = boilerplate_spans(text)
    flags = Flags(
        boilerplate=_merged([*boilerplate, *copies]) if copies else boilerplate,
        languages=languages,
        repaired=text != document.text,
        notes=document.flags.notes,
        entries=entries,
        genre=genre.name if genre else None,
        skip_extraction=skip,
    )
    language = document.language or flags.main_language
    return replace(document, text=text, flags=flags, sentences=sentences, language=language)


def make_stage(resources: Resources) -> Callable[[Analysis], Analysis]:
    """The "clean" pipeline stage; needs no resources (patterns load on first use)."""

    def stage(analysis: Analysis) -> Analysis:
        return replace(analysis, document=clean(analysis.document))

    return stage

