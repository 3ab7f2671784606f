"""Draw reports at random from a corpus and print them for a human judge.

    .venv/bin/python scripts/sample_reports.py CORPUS.jsonl [-n 40] [--seed 1]

Runs the default pipeline (what ``fogwatch extract`` runs) over the corpus, draws N
of all the reports with the given seed, and prints for each: its fields, the sentence
every field was read from, and the paragraph around the report's first sentence, so
that the judgement "a real incident with every field right?" can be made, and made
again on the same draw after a change. The draw depends only on the seed and on the
list of reports, so two runs of one version print the same reports.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap

from fogwatch.ingest_run import extract
from fogwatch.model import Document, Report, Span

FIELDS = ("event_type", "sub_event_type", "date", "date_range", "time_precision", "time",
          "location", "geo_precision", "attacker", "target", "weapons", "munitions",
          "fatalities", "injured", "children", "civilians", "claims", "disputed")


def _paragraph(text: str, span: Span) -> str:
    """The blank-line paragraph around ``span`` (at most 1,500 characters of it)."""
    start = max(text.rfind("\n\n", 0, span.start), 0)
    end = text.find("\n\n", span.end)
    end = len(text) if end < 0 else end
    if end - start > 1500:
        start, end = max(start, span.start - 700), min(end, span.end + 700)
    return re.sub(r"\s+", " ", text[start:end]).strip()


def _sentence(document: Document, span: Span) -> str:
    """The sentence holding an evidence span (the span itself when none does)."""
    for sentence in document.sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence.text(document.text)
    return span.text(document.text)


def show(number: int, document: Document, report: Report) -> str:
    data = report.to_dict()
    data["geo_precision"] = report.location.geo_precision if report.location else None
    lines = [f"#{number} {report.event_id}  ({document.title or ''}, {document.published})",
             f"  summary: {report.summary}"]
    for name in FIELDS:
        value = data.get(name)
        # `value in (None, [], False)` would also drop 0 (0 == False), and a stated
        # "no fatalities" is exactly what the judge must see; only absent values are hidden.
        if value is None or value == []:
            continue
        if name == "location" and value:
            value = {k: value[k] for k in ("mention", "name", "admin1", "country")}
        lines.append(f"  {name}: {value}")
        told = dict.fromkeys(_sentence(document, s) for s in report.evidence.get(name, ()))
        lines += [f"      <- {sentence!r}" for sentence in told]
    for claim in report.claims:
        if claim.span is not None:
            lines.append(f"  claim {claim.claimant} ({claim.stance.value}) <- "
                         f"{_sentence(document, claim.span)!r}")
    first = min(report.sentences) if report.sentences else Span(0, 0)
    lines.append("  paragraph:")
    lines += textwrap.wrap(_paragraph(document.text, first), 100, initial_indent="    ",
                           subsequent_indent="    ")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="a JSONL corpus, as `fogwatch extract` reads it")
    parser.add_argument("-n", type=int, default=40, help="how many reports (default 40)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    pairs = [(a.document, r) for a in extract([args.corpus]) for r in a.reports]
    drawn = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))
    drawn.sort(key=lambda pair: pair[1].event_id)
    print(f"{len(drawn)} of {len(pairs)} reports, seed {args.seed}\n")
    for number, (document, report) in enumerate(drawn, start=1):
        print(show(number, document, report), end="\n\n")


if __name__ == "__main__":
    main()
