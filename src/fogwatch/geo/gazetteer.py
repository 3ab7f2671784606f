"""The offline gazetteer: build it from GeoNames dumps, load it in a fraction of a second.

The shipped file (``data/gazetteer.json.gz``) holds the places (populated places,
raions, hromadas), the regions, and every name already reduced to its skeleton key
(see ``normalize``). Keys are stored *encoded*: each distinct skeleton word n becomes two
characters (a "high" one from one block, a "low" one from another, n = 256 hi + lo),
so a name is a short string of word codes. Two characters rather than one keep the
trie's fan-out small (one character per word made pyahocorasick's root hold 40,000
children and the build take seconds); as keys always start on a high character, a
match can never begin in the middle of a word.
Loading is then a JSON parse plus one ``add_word`` per key into a pyahocorasick
automaton over word codes: the automaton matches whole words only, by construction,
and is built in well under half a second, while an automaton over raw characters of
every spelling would take seconds and hundreds of MB.

The build is deterministic (sorted rows, gzip mtime 0) so a test can rebuild the file
from the dump and compare bytes.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import ahocorasick

from ..errors import GazetteerError
from .normalize import key_of
from .regions import load_regions, region_aliases, region_groups
from .rules import load_rules

__all__ = [
    "DEFAULT_PATH",
    "FORMAT",
    "Gazetteer",
    "PlaceRecord",
    "build_gazetteer",
    "load_gazetteer",
]

FORMAT = "fogwatch-gazetteer/1"
DEFAULT_PATH = Path(__file__).parent / "data" / "gazetteer.json.gz"
_HI = 0x4E00
_LO = 0x5E00
CREDIT = (
    "Place data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/); hromada centroids from OCHA COD-AB."
)

# GeoNames feature codes kept: every populated place (class P) and these divisions.
_ADMIN_CODES = {"ADM2", "ADM2H", "ADM3"}
_SCRIPT_OK = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ' ’ʼ`.\-()]+$")
_ADMIN_SUFFIX = re.compile(
    r"\s+(raion|rayon|district|terytorialna hromada|territorial community|"
    r"united territorial community|hromada|community)$", re.I)


@dataclass(frozen=True)
class PlaceRecord:
    """One gazetteer row, as the resolver sees it."""

    index: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str | None
    admin2: str | None
    population: int


class Gazetteer:
    """Places, regions and the name automaton; built by ``load_gazetteer``.

    Columns are plain lists (one entry per place) to keep loading cheap; ``place(i)``
    gives a ``PlaceRecord`` view.
    """

    def __init__(self, data: dict[str, Any], path: str = "<memory>") -> None:
        if data.get("format") != FORMAT:
            raise GazetteerError(
                f"{path}: not a {FORMAT} file (format={data.get('format')!r})",
                hint="rebuild it with `fogwatch gazetteer build`",
            )
        self.path = path
        admin1: list[str] = data["admin1"]
        admin2: list[str] = data["admin2"]
        places = data["places"]
        self.geonameid: list[int] = places["geonameid"]
        self.name: list[str] = places["name"].split("\n")
        self.lat: list[float] = places["lat"]
        self.lon: list[float] = places["lon"]
        self.feature: list[str] = places["feature"].split("\n")
        self.country: list[str] = places["country"].split("\n")
        self.admin1: list[str | None] = [admin1[i] if i >= 0 else None for i in places["admin1"]]
        self.admin2: list[str | None] = [admin2[i] if i >= 0 else None for i in places["admin2"]]
        self.population: list[int] = places["population"]
        #: region name -> (country, capital place index or -1, ADM1 geonameid, ADM1 name)
        self.regions: dict[str, tuple[str, int, int, str]] = {
            r[0]: (r[1], r[2], r[3], r[4]) for r in data["regions"]
        }
        self.tokens: list[str] = data["tokens"].split("\n") if data["tokens"] else []
        self.token_code: dict[str, int] = dict(zip(self.tokens, range(len(self.tokens)),
                                                   strict=True))
        self.keys: list[str] = data["keys"].split("\n") if data["keys"] else []
        # "primary places|alternate places|regions" per key, parsed on first use: most
        # keys are never matched, and parsing them all would double the load time.
        self._values: list[str] = data["values"].split("\n") if data["keys"] else []
        self._parsed: dict[int, tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]] = {}
        self._encoded: dict[str, str] = {}
        self.automaton = ahocorasick.Automaton()
        add = self.automaton.add_word
        for i, key in enumerate(self.keys):
            add(key, i)
        if self.keys:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.name)

    def place(self, i: int) -> PlaceRecord:
        gid = self.geonameid[i]
        return PlaceRecord(i, gid if gid > 0 else None, self.name[i], self.lat[i], self.lon[i],
                           self.feature[i], self.country[i], self.admin1[i], self.admin2[i],
                           self.population[i])

    def encode(self, skeletons: Iterable[str | None]) -> str:
        """Word skeletons -> the code string the automaton runs over (space = unknown)."""
        enc = self._encoded
        out = []
        for s in skeletons:
            chars = enc.get(s)
            if chars is None:
                c = self.token_code.get(s) if s else None
                chars = enc[s] = "  " if c is None else _encode_code(c)
            out.append(chars)
        if len(enc) > 500_000:
            enc.clear()
        return "".join(out)

    def entry(self, i: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
        """(places named so primarily, places with it as an alternate name, regions)."""
        got = self._parsed.get(i)
        if got is None:
            p, a, r = self._values[i].split("|")
            got = (tuple(int(x) for x in p.split(",") if x),
                   tuple(int(x) for x in a.split(",") if x),
                   tuple(x for x in r.split(",") if x))
            self._parsed[i] = got
        return got

    def key_words(self, i: int) -> int:
        """How many words key ``i`` has."""
        return len(self.keys[i]) // 2

    @cached_property
    def single_keys(self) -> dict[str, int]:
        """One-word skeleton -> entry (for the fuzzy fallback and inflected words)."""
        out = {}
        for i, key in enumerate(self.keys):
            if len(key) == 2:
                out[self.tokens[(ord(key[0]) - _HI) * 256 + ord(key[1]) - _LO]] = i
        return out

    def by_geonameid(self, gid: int) -> int | None:
        return self._gid_index.get(gid)

    @cached_property
    def _gid_index(self) -> dict[int, int]:
        return {g: i for i, g in enumerate(self.geonameid) if g > 0}

    def region_capital(self, region: str) -> int | None:
        country_capital = self.regions.get(region)
        if not country_capital or country_capital[1] < 0:
            return None
        return country_capital[1]


def _encode_code(c: int) -> str:
    return chr(_HI + c // 256) + chr(_LO + c % 256)


_CACHE: dict[str, Gazetteer] = {}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load (once per process and path) the prebuilt gazetteer, the shipped one by default."""
    p = Path(path) if path else DEFAULT_PATH
    key = str(p.resolve())
    if key in _CACHE:
        return _CACHE[key]
    try:
        raw = p.read_bytes()
    except OSError as error:
        raise GazetteerError(
            f"{p}: cannot read the gazetteer ({error.strerror})",
            hint="build one with `fogwatch gazetteer build --geonames UA.zip --out FILE`",
        ) from error
    try:
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError) as error:
        raise GazetteerError(f"{p}: not a gazetteer file ({error})",
                             hint="rebuild it with `fogwatch gazetteer build`") from error
    gazetteer = Gazetteer(data, str(p))
    _CACHE[key] = gazetteer
    return gazetteer


# ---------------------------------------------------------------------------- build

@dataclass
class _Row:
    gid: int
    name: str
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str | None
    admin2: str | None
    population: int
    names: list[str]
    alternates: list[str]


def _clean_names(names: Iterable[str]) -> list[str]:
    out = []
    for n in names:
        n = n.strip()
        if 2 <= len(n) <= 60 and _SCRIPT_OK.match(n):
            out.append(n)
    return out


def _admin_variants(name: str) -> list[str]:
    """'Bakhmut Raion' -> also 'Bakhmut district', 'Bakhmut raion'; same for hromadas."""
    m = _ADMIN_SUFFIX.search(name)
    if not m:
        return [name]
    base = name[: m.start()]
    if m.group(1).lower() in {"raion", "rayon", "district"}:
        return [name, f"{base} raion", f"{base} rayon", f"{base} district"]
    return [name, f"{base} hromada", f"{base} community", f"{base} territorial community"]


def _read_geonames(path: Path) -> Iterator[list[str]]:
    """Rows of a GeoNames country dump: the zip as downloaded, or its .txt (test extracts)."""
    if path.suffix.lower() != ".zip":
        try:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 19:
                        yield cols
        except OSError as error:
            raise GazetteerError(f"{path}: cannot read ({error.strerror})") from error
        return
    try:
        with zipfile.ZipFile(path) as zf:
            member = next(n for n in zf.namelist()
                          if n.endswith(".txt") and n.lower() != "readme.txt")
            with zf.open(member) as fh:
                for line in io.TextIOWrapper(fh, "utf-8"):
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 19:
                        yield cols
    except (OSError, zipfile.BadZipFile, StopIteration) as error:
        raise GazetteerError(f"{path}: not a GeoNames country dump ({error})",
                             hint="pass a file like UA.zip from download.geonames.org") from error


def _geonames_rows(paths: Iterable[Path], region_by_code: dict[str, str],
                   adm1: dict[str, tuple[int, str]]) -> list[_Row]:
    rows: list[_Row] = []
    adm2: dict[tuple[str, str, str], tuple[int, str]] = {}
    landmarks = load_rules().landmarks
    raw = []
    for path in paths:
        for c in _read_geonames(path):
            fclass, fcode = c[6], c[7]
            if fcode == "ADM1" and f"{c[8]}:{c[10]}" in region_by_code:
                adm1[region_by_code[f"{c[8]}:{c[10]}"]] = (int(c[0]), c[1])
            if fcode in ("ADM2", "ADM2H") and c[11]:
                rank = 0 if fcode == "ADM2" else 1
                k = (c[8], c[10], c[11])
                if k not in adm2 or adm2[k][0] > rank:
                    adm2[k] = (rank, c[1])
            if (fclass == "P" or (fclass == "A" and fcode in _ADMIN_CODES)
                    or int(c[0]) in landmarks):
                raw.append(c)
    for c in raw:
        country = c[8]
        admin1 = region_by_code.get(f"{country}:{c[10]}")
        admin2 = adm2.get((country, c[10], c[11]), (0, None))[1] if c[11] else None
        primary = _clean_names([c[1], c[2], *landmarks.get(int(c[0]), ())])
        alternates = _clean_names(c[3].split(",")) if c[3] else []
        if c[6] == "A":
            primary = [v for n in primary for v in _admin_variants(n)]
            alternates = [v for n in alternates for v in _admin_variants(n)]
        # A landmark goes by the first of its English names (Snake Island).
        name = landmarks[int(c[0])][0] if int(c[0]) in landmarks else c[1]
        rows.append(_Row(int(c[0]), name, round(float(c[4]), 5), round(float(c[5]), 5),
                         c[7], country, admin1, admin2, int(c[14] or 0), primary, alternates))
    return rows


def _extra_rows(path: Path, known: set[int], region_by_code: dict[str, str]) -> list[_Row]:
    """cities500-style TSV (header row): adds the places the country dumps lack."""
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                gid = int(rec["geonameid"])
                if gid in known:
                    continue
                country = rec["countrycode"]
                names = (rec.get("alt_names_all") or "").split("|")
                rows.append(_Row(
                    gid, rec["name"], round(float(rec["latitude"]), 5),
                    round(float(rec["longitude"]), 5), "PPL", country,
                    region_by_code.get(f"{country}:{rec['admin1code']}"), None,
                    int(rec.get("population") or 0), _clean_names([rec["name"]]),
                    _clean_names(names)))
    except (OSError, KeyError, ValueError) as error:
        raise GazetteerError(f"{path}: cannot read the extra places table ({error})",
                             hint="expected geonameid, name, countrycode, admin1code, "
                                  "latitude, longitude, population, alt_names_all") from error
    return rows


def _hromada_rows(path: Path, region_by_koatuu: dict[str, str]) -> list[_Row]:
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                en, ua = rec["en"].strip(), rec["ua"].strip()
                names = [f"{en} hromada", f"{en} community", f"{en} territorial community",
                         f"{ua} громада", f"{ua} територіальна громада"]
                rows.append(_Row(
                    0, f"{en} hromada", round(float(rec["lat_centroid"]), 5),
                    round(float(rec["lon_centroid"]), 5), "ADM3", "UA",
                    region_by_koatuu.get(rec["pcode"][2:4]), None, 0,
                    _clean_names(names), []))
    except (OSError, KeyError, ValueError) as error:
        raise GazetteerError(f"{path}: cannot read the hromada table ({error})",
                             hint="expected columns pcode, ua, en, lat_centroid, "
                                  "lon_centroid") from error
    rows.sort(key=lambda r: (r.admin1 or "", r.name, r.lat, r.lon))
    return rows


def build_gazetteer(geonames_zips: Iterable[str | Path], extra_tsv: Iterable[str | Path] = (),
                    hromada_csv: str | Path | None = None,
                    out: str | Path | None = None) -> dict[str, int]:
    """Build the gazetteer file from GeoNames dumps (+ extra places, hromadas).

    Returns counts (places, names, regions) for the caller to report.
    """
    regions = load_regions()
    region_by_code = {f"{r.country}:{r.geonames_code}": r.name for r in regions}
    region_by_koatuu = {r.koatuu: r.name for r in regions if r.koatuu}
    adm1: dict[str, tuple[int, str]] = {}
    rows = _geonames_rows([Path(p) for p in geonames_zips], region_by_code, adm1)
    rows.sort(key=lambda r: r.gid)
    known = {r.gid for r in rows}
    extra: list[_Row] = []
    for path in extra_tsv:
        extra.extend(_extra_rows(Path(path), known, region_by_code))
        known.update(r.gid for r in extra)
    extra.sort(key=lambda r: r.gid)
    rows.extend(extra)
    if hromada_csv:
        rows.extend(_hromada_rows(Path(hromada_csv), region_by_koatuu))
    if not rows:
        raise GazetteerError("no places found in the inputs",
                             hint="pass a GeoNames country dump such as UA.zip")

    admin1_names = sorted({r.admin1 for r in rows if r.admin1})
    admin2_names = sorted({r.admin2 for r in rows if r.admin2})
    a1 = {n: i for i, n in enumerate(admin1_names)}
    a2 = {n: i for i, n in enumerate(admin2_names)}

    # Regional centres: the most populous place of that name in the region.
    capital_of: dict[str, int] = {}
    for region in regions:
        best = -1
        for i, r in enumerate(rows):
            if (r.name == region.capital and r.admin1 == region.name and r.feature.startswith("PPL")
                    and (best < 0 or r.population > rows[best].population)):
                best = i
        if best < 0:  # Kyiv oblast's centre is Kyiv city, in its own region
            for i, r in enumerate(rows):
                if r.name == region.capital and r.feature in ("PPLC", "PPLA"):
                    best = i
                    break
        capital_of[region.name] = best

    primary: dict[str, set[int]] = defaultdict(set)
    alternate: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(rows):
        for n in r.names:
            if k := key_of(n):
                primary[k].add(i)
        for n in r.alternates:
            if (k := key_of(n)) and i not in primary.get(k, ()):
                alternate[k].add(i)
    # Spellings the dump lacks (rules.yaml `aliases`) join their place's names.
    by_gid = {r.gid: i for i, r in enumerate(rows) if r.gid}
    for alias, gid in sorted(load_rules().aliases.items()):
        if gid in by_gid and (k := key_of(alias)):
            alternate[k].add(by_gid[gid])
    region_keys: dict[str, tuple[str, ...]] = dict(region_aliases(bare=False))
    cue_keys = set(region_keys)
    # A group name (Donbas) or a region's bare name that no place has is a region cue too.
    for region in regions:
        for alias in region.aliases:
            k = key_of(alias)
            if k and k not in primary and k not in alternate and k not in region_keys:
                region_keys[k] = (region.name,)
    for alias, names in region_groups().items():
        region_keys[key_of(alias)] = tuple(names)

    keys = sorted(set(primary) | set(alternate) | set(region_keys))
    keys = [k for k in keys if len(k.replace(" ", "")) >= 3 and len(k.split()) <= 6]
    tokens = sorted({t for k in keys for t in k.split()})
    code = {t: i for i, t in enumerate(tokens)}
    entries = []
    for k in keys:
        enc = "".join(_encode_code(code[t]) for t in k.split())
        r = region_keys.get(k, ())
        if k in cue_keys:  # "Крым", "Kuban", "DPR": the region, not a hamlet of that name
            p, a = [], []
        else:
            p = sorted(primary.get(k, ()))
            a = sorted(alternate.get(k, set()) - set(p))
        entries.append((enc, f"{','.join(map(str, p))}|{','.join(map(str, a))}|{','.join(r)}"))
    entries.sort()

    data = {
        "format": FORMAT,
        "credit": CREDIT,
        "admin1": admin1_names,
        "admin2": admin2_names,
        "regions": [[r.name, r.country, capital_of[r.name], *adm1.get(r.name, (0, r.name))]
                    for r in regions],
        "places": {
            "geonameid": [r.gid for r in rows],
            "name": "\n".join(r.name for r in rows),
            "lat": [r.lat for r in rows],
            "lon": [r.lon for r in rows],
            "feature": "\n".join(r.feature for r in rows),
            "country": "\n".join(r.country for r in rows),
            "admin1": [a1[r.admin1] if r.admin1 else -1 for r in rows],
            "admin2": [a2[r.admin2] if r.admin2 else -1 for r in rows],
            "population": [r.population for r in rows],
        },
        "tokens": "\n".join(tokens),
        "keys": "\n".join(e[0] for e in entries),
        "values": "\n".join(e[1] for e in entries),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = Path(out) if out else DEFAULT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    # mtime=0 and no file name: the same inputs give the same bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    target.write_bytes(buf.getvalue())
    _CACHE.pop(str(target.resolve()), None)
    return {"places": len(rows), "names": len(entries), "regions": len(regions),
            "bytes": len(buf.getvalue())}
