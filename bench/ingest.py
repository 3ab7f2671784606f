"""Throughput of ``fogwatch ingest`` with the trivial extractor: read, clean, store.

Ingests ``../shared/data/guardian/guardian_2022_dev.jsonl`` (94 articles; env
``FOGWATCH_SHARED`` moves ``../shared``) into a fresh SQLite file and prints
documents/s and peak RSS. Targets (2-core machine): >= 200 documents/s, peak RSS
< 500 MB. Prints figures, asserts nothing: speed lives here, not in the tests.

    .venv/bin/python bench/ingest.py [--repeat N] [--batch-size N] [--jobs N] [--no-cluster]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("FOGWATCH_SHARED") or REPO.parent / "shared")


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path,
                        default=shared_dir() / "data" / "guardian" / "guardian_2022_dev.jsonl")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs, each on a fresh db")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-cluster", action="store_true",
                        help="leave out the clustering hook (store only)")
    args = parser.parse_args()
    if not args.input.exists():
        print(f"skipped: {args.input} is absent (set FOGWATCH_SHARED to the shared folder)")
        return 0

    from fogwatch.ingest_run import default_hooks, ingest
    from fogwatch.pipeline import Resources
    from fogwatch.store import Store

    stages = ("clean", "extract-trivial")
    spent = {"store": 0.0, "hooks": 0.0}

    def timed(hook: Any) -> Any:
        def run(*a: Any) -> Any:
            t = time.process_time()
            try:
                return hook(*a)
            finally:
                spent["hooks"] += time.process_time() - t

        run.__name__, run.__module__ = hook.__name__, hook.__module__
        return run

    class TimedStore(Store):
        def add(self, *a: Any, **k: Any) -> Any:
            t = time.process_time()
            try:
                return super().add(*a, **k)
            finally:
                spent["store"] += time.process_time() - t

    hooks = [] if args.no_cluster else [timed(h) for h in default_hooks()]
    resources = Resources()
    start_rss = peak_rss_mb()
    # Warm-up: imports and the language detector's models load once per process.
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        warm = ingest([str(args.input)], Store(f"{tmp}/warm.db"), stages=stages,
                      resources=resources, hooks=hooks, batch_size=args.batch_size,
                      n_process=args.jobs)
        first = time.perf_counter() - t0
    rates, cpu_rates = [], []
    spent.update(store=0.0, hooks=0.0)
    cpu_total = 0.0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0, c0 = time.perf_counter(), time.process_time()
            summary = ingest([str(args.input)], TimedStore(f"{tmp}/bench.db"), stages=stages,
                             resources=resources, hooks=hooks, batch_size=args.batch_size,
                             n_process=args.jobs)
            rates.append(summary.read / (time.perf_counter() - t0))
            cpu_rates.append(summary.read / (time.process_time() - c0))
            cpu_total += time.process_time() - c0
    print(f"input: {args.input} ({warm.read} documents, {warm.failed} failed, "
          f"{warm.reports} reports)")
    names = [f"{h.__module__}.{h.__name__}" for h in hooks] or ["none"]
    print(f"stages: {', '.join(stages)}; hooks: {', '.join(names)}; "
          f"batch size {args.batch_size}; jobs {args.jobs}")
    print(f"first run (loads detector models): {warm.read / first:.1f} documents/s")
    print(f"steady runs: {', '.join(f'{r:.1f}' for r in rates)} documents/s "
          f"(best {max(rates):.1f}; target >= 200)")
    # Wall time depends on what else the machine runs; CPU time of this process does not
    # (with --jobs 1), so both are printed.
    print(f"per CPU second of this process: {', '.join(f'{r:.1f}' for r in cpu_rates)} "
          f"documents/s (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    store_only = spent["store"] - spent["hooks"]
    print(f"CPU share of steady runs: read+clean+extract "
          f"{(cpu_total - spent['store']) / cpu_total:.0%}, store {store_only / cpu_total:.0%}, "
          f"clustering hook {spent['hooks'] / cpu_total:.0%}")
    print(f"peak RSS: {peak_rss_mb():.1f} MB (at start {start_rss:.1f} MB; target < 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
