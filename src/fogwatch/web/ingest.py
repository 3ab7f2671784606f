"""Ingestion over HTTP: SCHEMA.md input records -> pipeline -> store (+ clustering hook).

The CLI's ``ingest_run.ingest`` reads paths and URLs; over HTTP we must never touch a
path a client names, so this takes the already-parsed records instead and shares the
rest (``document_from_record``, the pipeline, ``Store.add`` with ``default_hooks``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..ingest._common import document_from_record
from ..ingest_run import default_hooks
from ..model import Document
from ..pipeline import DEFAULT_STAGES, Analysis, Pipeline, Resources
from ..store import Store

__all__ = ["HttpIngest", "IngestResult"]


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    reports: int = 0
    errors: list[str] = field(default_factory=list)


class HttpIngest:
    """Owns one lazily built pipeline; a lock serialises use (spaCy is not re-entrant)."""

    def __init__(self, store: Store, stages: Sequence[str] | None = None,
                 resources: Resources | None = None) -> None:
        self.store = store
        self.stages = tuple(stages or DEFAULT_STAGES)
        self.resources = resources
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def warm(self) -> threading.Thread:
        """Load the pipeline's models (spaCy, the gazetteer) in the background.

        The server answers at once; a first POST waits on the lock until loading is
        done instead of timing out while it happens.
        """
        thread = threading.Thread(target=self._warm, name="fogwatch-ingest-warm", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        sample = Document(id="warm-up", text="Shelling hit Kharkiv on Monday, officials said.",
                          published="2022-05-02")
        self._analyse([sample])

    def _analyse(self, documents: Sequence[Document]) -> list[Analysis]:
        """Run the pipeline under the lock, building it on first use (in-process: the
        server's own threads are the concurrency, and spaCy is not re-entrant)."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.stages, self.resources)
            return list(self._pipeline.pipe(documents, n_process=1))

    def __call__(self, records: Sequence[Mapping[str, Any]]) -> IngestResult:
        result = IngestResult()
        documents = []
        for index, record in enumerate(records):
            try:
                documents.append(document_from_record(record, f"body[{index}]",
                                                      origin="http"))
            except InputError as error:
                result.errors.append(str(error))
        if not documents:
            return result
        analyses = self._analyse(documents)
        for analysis in analyses:
            if analysis.error:
                result.errors.append(analysis.error)
        batch = self.store.add([a for a in analyses if not a.error], hooks=default_hooks())
        result.stored = list(batch.stored_ids)
        result.skipped = list(batch.skipped_ids)
        result.reports = batch.reports
        return result
