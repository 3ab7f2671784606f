"""Write src/fogwatch/geo/data/common_words.txt: everyday words that are also village names.

"Radio", "Many", "Will", "National", "Berlin", "Kim" are villages in the GeoNames dump
too; capitalised at the start of a sentence or as part of another name they would be
taken as places. This script lists the words of wordfreq's English, Russian and
Ukrainian frequency lists (Zipf >= 3.3 for English, >= 4.0 for the others) whose
skeleton is the name of a place that is neither a town of 15,000+ nor a regional or
raion centre. The matcher then treats them like the `ambiguous` words of rules.yaml:
places only with a cue ("the village of Radio").

A development step, not a dependency: run it in any environment with wordfreq
(`pip install wordfreq`, its word lists are CC BY-SA 4.0) and commit the output.

    python scripts/make_geo_common_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fogwatch.geo.gazetteer import load_gazetteer  # noqa: E402
from fogwatch.geo.normalize import skeleton  # noqa: E402

OUT = ROOT / "src" / "fogwatch" / "geo" / "data" / "common_words.txt"
LISTS = (("en", 3.3, 60_000), ("ru", 4.0, 30_000), ("uk", 4.0, 30_000))
BIG = {"PPLC", "PPLA", "PPLA2"}


def main() -> int:
    gaz = load_gazetteer()
    words: set[str] = set()
    for lang, zipf, n in LISTS:
        for word in top_n_list(lang, n):
            if len(word) < 3 or not word.isalpha() or zipf_frequency(word, lang) < zipf:
                continue
            key = gaz.single_keys.get(skeleton(word))
            if key is None:
                continue
            primary, alternate, _ = gaz.entry(key)
            places = primary + alternate
            if not places or any(gaz.population[i] >= 15_000 or gaz.feature[i] in BIG
                                 for i in places):
                continue
            words.add(word)
    header = ("# Everyday words that are also village names (made by "
              "scripts/make_geo_common_words.py\n# from wordfreq's frequency lists); "
              "places only with a cue such as 'the village of'.\n")
    OUT.write_text(header + "\n".join(sorted(words)) + "\n", "utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
