"""Geocoder quality on UCDP GED headlines: share placed within 10 km, share with admin1 right.

Runs the matcher and resolver (``fogwatch.geo.geocode``) on each event's headline text
and compares with the coded place. Events coded at country level (no admin1) count as
right for admin1 when the geocoder names no region either.

    .venv/bin/python bench/geocode_ucdp.py [GOLD.jsonl] [-v]

Default gold: ../shared/data/ucdp/ucdp_ged_ukraine_2022-23_dev.jsonl (skips if absent).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from fogwatch.geo import canonical_admin1, geocode, load_gazetteer
from fogwatch.geo.resolve import haversine_km

SHARED = Path(os.environ.get("FOGWATCH_SHARED") or Path(__file__).resolve().parents[1].parent
              / "shared")
DEFAULT = SHARED / "data" / "ucdp" / "ucdp_ged_ukraine_2022-23_dev.jsonl"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"skip: {path} not found (set FOGWATCH_SHARED)")
        return 0
    gaz = load_gazetteer()
    n_pts = ok_pts = n_a1 = ok_a1 = n_none = ok_none = 0
    for line in path.read_text("utf-8").splitlines():
        doc = json.loads(line)
        for event in doc["events"]:
            gold = event.get("location") or {}
            place = geocode(doc["text"], gaz)
            got_a1 = place.admin1 if place else None
            gold_a1 = canonical_admin1(gold.get("admin1"))
            mark = []
            if gold.get("lat") is not None:
                n_pts += 1
                d = (haversine_km(place.lat, place.lon, gold["lat"], gold["lon"])
                     if place and place.lat is not None else None)
                good = d is not None and d <= (gold.get("tolerance_km") or 10)
                ok_pts += good
                mark.append(f"{'ok ' if good else 'BAD'} {d if d is None else round(d, 1)} km")
            if gold_a1:
                n_a1 += 1
                ok_a1 += got_a1 == gold_a1
                mark.append(f"admin1 {'ok' if got_a1 == gold_a1 else 'BAD'}")
            else:
                n_none += 1
                ok_none += got_a1 is None
                mark.append(f"no region {'ok' if got_a1 is None else 'BAD'}")
            if verbose:
                got = f"{place.name} ({place.admin1}) p{place.geo_precision}" if place else "-"
                print(f"{' | '.join(mark):28} gold {gold.get('name')!r:28} got {got:40} "
                      f"{doc['text'][:70]!r}")
    print(f"events with coordinates: {n_pts}; within tolerance (10 km): "
          f"{ok_pts / max(n_pts, 1):.1%} ({ok_pts})")
    print(f"events with admin1: {n_a1}; admin1 right: {ok_a1 / max(n_a1, 1):.1%} ({ok_a1})")
    print(f"country-level events: {n_none}; no region claimed: "
          f"{ok_none / max(n_none, 1):.1%} ({ok_none})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
