"""The tiny gazetteer the fast geo tests use, built from the committed GeoNames extract.

``tests/data/geonames_mini.txt`` and ``cities500_mini.tsv`` are written by
``scripts/make_geo_fixture.py`` (GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import os
from pathlib import Path

from fogwatch.geo.gazetteer import Gazetteer, build_gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"
SHARED = Path(os.environ.get("FOGWATCH_SHARED") or Path(__file__).resolve().parents[1].parent
              / "shared")


def mini_gazetteer(tmp_dir: Path) -> Gazetteer:
    out = tmp_dir / "mini.json.gz"
    build_gazetteer([DATA / "geonames_mini.txt"], [DATA / "cities500_mini.tsv"], None, out)
    return load_gazetteer(out)
