"""The library behind ``fogwatch ingest`` and ``fogwatch extract``: read, process, store.

Reading never stops for a bad input: each one becomes one error line (through
``on_error``) and the batch goes on. Documents flow through the pipeline (in worker
processes with ``n_process > 1``) and are stored ``batch_size`` at a time, each batch
in one transaction with the clustering hook, so an interrupted run keeps every batch
committed before it and a re-run stores only what is missing.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from .errors import InputError
from .model import Document
from .pipeline import DEFAULT_STAGES, Analysis, Pipeline, Resources
from .store import BatchResult, Hook, Store

__all__ = ["IngestSummary", "default_hooks", "extract", "ingest", "read_documents"]

ErrorSink = Callable[[str], None]


@dataclasses.dataclass
class IngestSummary:
    """What one ingest run did, for the CLI's summary table and exit code."""

    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    reports: int = 0
    seconds: float = 0.0
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return self.failed == 0


def default_hooks() -> list[Hook]:
    """The per-batch hooks that exist in this installation: clustering, once it is there.

    Looked up at run time so that the store does not depend on clustering, and a
    package without ``fogwatch.cluster`` still ingests.
    """
    if importlib.util.find_spec("fogwatch.cluster") is None:
        return []
    hook = getattr(importlib.import_module("fogwatch.cluster"), "update_incidents", None)
    return [hook] if callable(hook) else []


def read_documents(
    inputs: Iterable[str],
    on_error: ErrorSink,
    *,
    published: str | None = None,
    source: str | None = None,
    **reader_options: Any,
) -> Iterator[Document]:
    """Documents from files, folders, URLs or ``-``; each bad input goes to ``on_error``."""
    from .ingest import read_inputs  # the readers pull in trafilatura, feedparser, httpx

    for item in read_inputs(inputs, published=published, source=source, **reader_options):
        if isinstance(item, InputError):
            on_error(str(item))
        else:
            yield item


def _batches(items: Iterable[Analysis], size: int) -> Iterator[list[Analysis]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    inputs: Iterable[str],
    store: Store,
    *,
    published: str | None = None,
    source: str | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    stages: Sequence[str] = DEFAULT_STAGES,
    resources: Resources | None = None,
    hooks: Sequence[Hook] | None = None,
    on_error: ErrorSink | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    reader_options: dict[str, Any] | None = None,
) -> IngestSummary:
    """Read ``inputs``, run the pipeline, store in batches; returns the counts.

    ``hooks`` default to ``default_hooks()`` (clustering). ``on_error`` gets one line
    per failed input or document; ``on_progress`` is called after every document.
    The store's tables are created if missing.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    summary = IngestSummary()
    started = time.perf_counter()

    def failed(line: str) -> None:
        summary.failed += 1
        summary.errors.append(line)
        if on_error:
            on_error(line)

    store.create()
    pipeline = Pipeline(stages, resources)
    hooks = default_hooks() if hooks is None else hooks
    documents = read_documents(
        inputs, failed, published=published, source=source, **(reader_options or {})
    )

    def counted(analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            summary.read += 1
            summary.seconds = time.perf_counter() - started
            if analysis.error:
                failed(analysis.error)
            if on_progress:
                on_progress(summary)
            yield analysis

    for batch in _batches(counted(pipeline.pipe(documents, n_process=n_process)), batch_size):
        result: BatchResult = store.add([a for a in batch if not a.error], hooks=hooks)
        summary.stored += result.stored
        summary.skipped += result.skipped
        summary.reports += result.reports
        for line in result.errors:
            failed(line)
    summary.seconds = time.perf_counter() - started
    return summary


def extract(
    inputs: Iterable[str],
    *,
    published: str | None = None,
    source: str | None = None,
    n_process: int = 1,
    stages: Sequence[str] = DEFAULT_STAGES,
    resources: Resources | None = None,
    on_error: ErrorSink | None = None,
    reader_options: dict[str, Any] | None = None,
) -> Iterator[Analysis]:
    """Read and process without a database (``fogwatch extract``), in input order.

    Documents whose processing failed are reported to ``on_error`` and not yielded.
    """
    sink: ErrorSink = on_error or (lambda _line: None)
    documents = read_documents(
        inputs, sink, published=published, source=source, **(reader_options or {})
    )
    for analysis in Pipeline(stages, resources).pipe(documents, n_process=n_process):
        if analysis.error:
            sink(analysis.error)
        else:
            yield analysis
