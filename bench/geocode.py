"""Geocoder speed: gazetteer load time and memory, mentions resolved per second.

    .venv/bin/python bench/geocode.py [--seconds N]

Load is measured in a fresh process (import + file read + automaton build), memory as
that process's peak RSS. Throughput runs ``DocumentGeocoder`` (match + resolve, the
work the pipeline stage does) over short texts of our own, each naming places with
homonyms and region cues, and counts the place mentions resolved.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

_LOAD = """
import json, resource, time
t, c = time.perf_counter(), time.process_time()
from fogwatch.geo import load_gazetteer
g = load_gazetteer()
load, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": load, "cpu_s": cpu, "rss_mb": rss, "places": len(g),
                  "keys": len(g.keys)}))
"""

TEXTS = [
    "Rockets hit Alchevsk and Stakhanov overnight, the LPR said; a school in Kadiivka burned.",
    "Two launchers were hit near the village of Malotaranovi, Donetsk People's Republic.",
    "Shelling of Nikopol and Marhanets from Enerhodar across the reservoir, Dnipropetrovsk region.",
    "Fighting south of Kramatorsk, near Bakhmut and on the outskirts of Soledar continued.",
    "Russian troops struck Kherson Oblast 42 times; Beryslav and Kherson were hit.",
    "Взрывы в Донецке и Макеевке, обстрел Горловки и Ясиноватой.",
    "A drone attack on Belgorod and Shebekino was repelled, the governor said.",
    "Partisans blew up a car in Melitopol; in Berdyansk and Mayak, Zaporizhzhia oblast, calm.",
]


def main(argv: list[str]) -> int:
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 3.0
    loads = [json.loads(subprocess.run([sys.executable, "-c", _LOAD], check=True,
                                       capture_output=True, text=True).stdout)
             for _ in range(3)]
    best = min(loads, key=lambda d: d["load_s"])
    print(f"gazetteer: {best['places']:,} places, {best['keys']:,} name keys")
    print(f"load time: {best['load_s']:.3f} s wall, {best['cpu_s']:.3f} s CPU "
          f"(best of 3; target < 0.5 s)")
    print(f"memory after load: {max(d['rss_mb'] for d in loads):.0f} MB peak RSS "
          f"(target < 300 MB)")

    from fogwatch.geo import DocumentGeocoder, find_places, load_gazetteer
    from fogwatch.geo.resolve import resolve_matches

    gaz = load_gazetteer()
    DocumentGeocoder(TEXTS[0], gaz)  # warm caches
    mentions = docs = 0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for text in TEXTS:
            geocoder = DocumentGeocoder(text, gaz)
            mentions += len(geocoder.resolutions)
            docs += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"match + resolve: {mentions / elapsed:,.0f} mentions/s wall, {mentions / cpu:,.0f} "
          f"per CPU-second ({docs / cpu:,.0f} short texts per CPU-second, one core)")
    # Resolution alone (the matches of each text found once, as the stage does per document).
    matched = [(t, find_places(t, gaz)) for t in TEXTS]
    n, cpu = 0, time.process_time()
    while time.process_time() - cpu < seconds:
        for text, found in matched:
            n += len(resolve_matches(text, found, gaz))
    cpu = time.process_time() - cpu
    print(f"resolve only: {n / cpu:,.0f} mentions per CPU-second (target >= 20,000/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
