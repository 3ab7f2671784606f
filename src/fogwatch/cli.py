"""The ``fogwatch`` command: thin wrappers that parse, call one library function, format.

Human output (tables, the progress bar) is Rich; machine output (jsonl, csv, geojson)
goes to stdout untouched so it can be piped. Every failed input is ONE line on
stderr naming it, the batch goes on, and the exit code is 1; usage errors exit 2
(click's convention). Heavy modules are imported inside the commands so that
``fogwatch --help`` is instant.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import FogwatchError
from .model import Status  # light (stdlib only); typer needs the enum at run time

if TYPE_CHECKING:
    from .ingest_run import IngestSummary
    from .model import Document, Incident, Report
    from .pipeline import Analysis
    from .store import Found, Store

__all__ = ["app", "main"]

app = typer.Typer(
    name="fogwatch",
    help="Conflict reporting in, a geocoded, source-attributed incident database out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

def _console(*, stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        # Piped or logged output (make demo, CI logs) is read in wide windows; Rich's
        # 80-column fallback folds every id and date.
        console.width = 160
    return console


out = _console()
err = _console(stderr=True)

#: Columns that are read whole (ids, dates): never wrapped.
_NO_WRAP = frozenset({"id", "document", "incident", "date", "published", "status"})


def _columns(table: Table, names: tuple[str, ...]) -> None:
    for name in names:
        table.add_column(name, no_wrap=name in _NO_WRAP, overflow="fold")


# -- shared options ----------------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FOGWATCH_DB",
        metavar="PATH|URL",
        help="Database: a file path (SQLite) or a SQLAlchemy URL "
        "(postgresql+psycopg://user@host/db). Default: fogwatch.db here.",
        show_default=False,
    ),
]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _filters(since: str | None, until: str | None, event_type: str | None) -> dict[str, Any]:
    """The --since/--until/--type filters that reports, incidents and export share."""
    return {"since": _parse_date(since), "until": _parse_date(until), "event_type": event_type}


SinceOption = Annotated[
    str | None,
    typer.Option(help="Only events on or after this day (YYYY-MM-DD).", show_default=False,
                 metavar="DATE"),
]
UntilOption = Annotated[
    str | None,
    typer.Option(help="Only events on or before this day (YYYY-MM-DD).", show_default=False,
                 metavar="DATE"),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type", help="Only this ACLED event type or sub-event type.", show_default=False,
        metavar="TYPE",
    ),
]


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class IncidentFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    geojson = "geojson"


StagesOption = Annotated[
    str | None,
    typer.Option(
        help="Pipeline stages, comma-separated (e.g. clean,extract-trivial). "
        "Default: the full pipeline.", show_default=False, metavar="NAMES",
    ),
]


def _stages(value: str | None) -> tuple[str, ...]:
    from .pipeline import DEFAULT_STAGES

    if value is None:
        return DEFAULT_STAGES
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise typer.BadParameter("give at least one stage name")
    return names


def _short(doc_id: str) -> str:
    """Hash ids cut to 12 characters, as git does; ``show`` takes the prefix."""
    return doc_id[:12] if len(doc_id) == 64 and all(c in "0123456789abcdef" for c in doc_id) \
        else doc_id


def _error_line(line: str) -> None:
    """One failed input, one line on stderr (never wrapped, never read as markup)."""
    err.print(f"error: {line}", markup=False, highlight=False, soft_wrap=True)


def _open_store(db: str | None, *, create: bool = False) -> Store:
    """The store at ``--db``; read commands (``create=False``) never make a new SQLite file."""
    from .errors import StoreError
    from .store import Store

    store = Store(db)
    path = store.engine.url.database
    if (not create and store.engine.url.get_backend_name() == "sqlite" and path
            and path != ":memory:" and not Path(path).exists()):
        raise StoreError(f"no database at {path}",
                         hint="run 'fogwatch ingest PATH…' first, or point --db at one")
    return store.create()


# -- ingest --------------------------------------------------------------------------


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, URLs, or - for JSONL on stdin.", metavar="INPUT"
        ),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date for inputs that carry none (ISO 8601).",
                     show_default=False, metavar="DATE"),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Source (outlet or channel) for inputs that name none.",
                     show_default=False, metavar="NAME"),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per transaction.", metavar="N")
    ] = 64,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for the pipeline.",
                          metavar="N")
    ] = 1,
    stages: StagesOption = None,
) -> None:
    """Read, clean, extract and store documents; re-ingesting the same text adds nothing."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .ingest_run import ingest as run_ingest

    if published is not None:
        _parse_date(published[:10])
    store = _open_store(db, create=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        TextColumn("{task.fields[rate]:.1f} documents/s"),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("ingesting", total=None, rate=0.0, failed=0)

        def on_progress(summary: IngestSummary) -> None:
            progress.update(task, completed=summary.read, rate=summary.docs_per_second,
                            failed=summary.failed)

        def on_error(line: str) -> None:
            progress.console.print(f"error: {line}", markup=False, highlight=False,
                                   soft_wrap=True)

        summary = run_ingest(
            inputs, store, published=published, source=source, batch_size=batch_size,
            n_process=jobs, stages=_stages(stages), on_error=on_error,
            on_progress=on_progress,
        )
    table = Table(title="ingest summary", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right", overflow="fold")
    table.add_row("database", store.url)
    table.add_row("documents read", str(summary.read))
    table.add_row("stored", str(summary.stored))
    table.add_row("duplicates skipped", str(summary.skipped))
    table.add_row("failed", str(summary.failed))
    table.add_row("reports", str(summary.reports))
    table.add_row("documents/s", f"{summary.docs_per_second:.1f}")
    out.print(table)
    if not summary.ok:
        raise typer.Exit(1)


# -- extract -------------------------------------------------------------------------


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, URLs, or - for JSONL on stdin.",
                       metavar="INPUT"),
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.jsonl,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date for inputs that carry none (ISO 8601).",
                     show_default=False, metavar="DATE"),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Source for inputs that name none.", show_default=False,
                     metavar="NAME"),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for the pipeline.",
                          metavar="N")
    ] = 1,
    stages: StagesOption = None,
) -> None:
    """Print what each document reports (SCHEMA.md extract lines); no database."""
    from .export import document_record, write_jsonl
    from .ingest_run import extract as run_extract

    failures: list[str] = []

    def on_error(line: str) -> None:
        failures.append(line)
        _error_line(line)

    analyses = run_extract(inputs, published=published, source=source, n_process=jobs,
                           stages=_stages(stages), on_error=on_error)
    if fmt is ExtractFormat.jsonl:
        write_jsonl((document_record(a) for a in analyses), sys.stdout)
        sys.stdout.flush()
    elif fmt is ExtractFormat.json:
        records = [document_record(a) for a in analyses]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        _print_extract_table(list(analyses))
    if failures:
        raise typer.Exit(1)


def _place(d: dict[str, Any] | None) -> str:
    if not d:
        return ""
    name = d.get("name") or d.get("mention") or ""
    return f"{name}, {d['admin1']}" if d.get("admin1") and d["admin1"] != name else name


def _print_extract_table(analyses: list[Analysis]) -> None:
    table = Table(title="events by document", title_justify="left")
    _columns(table, ("document", "type", "date", "place", "killed", "injured", "claimed by"))
    for analysis in analyses:
        if not analysis.reports:
            table.add_row(_short(analysis.document.id), Text("no events", style="dim"),
                          *[""] * 5)
        for report in analysis.reports:
            table.add_row(*_report_cells(report, _short(analysis.document.id)))
    out.print(table)


def _report_cells(report: Report, first: str) -> list[str]:
    d = report.to_dict()
    return [
        first,
        report.sub_event_type or report.event_type,
        d["date"] or "",
        _place(d["location"]),
        "" if report.fatalities is None else str(report.fatalities),
        "" if report.injured is None else str(report.injured),
        "; ".join(f"{c.claimant} ({c.side}, {c.stance.value})" for c in report.claims),
    ]


# -- listing -------------------------------------------------------------------------


@app.command()
def documents(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 100,
) -> None:
    """List stored documents: id, date, source, title, languages, reports found."""
    rows = _open_store(db).documents(limit=limit)
    table = Table(title=f"{len(rows)} documents", title_justify="left")
    _columns(table, ("id", "published", "source", "title", "languages", "boilerplate",
                     "reports"))
    for row in rows:
        boilerplate = sum(end - start for start, end in (row["flags"] or {}).get("boilerplate", []))
        table.add_row(
            _short(row["id"]), (row["published"] or "")[:10], row["source"] or "",
            row["title"] or "", ",".join(row["languages"] or []),
            f"{boilerplate} chars" if boilerplate else "", str(row["reports"]),
        )
    out.print(table)


@app.command()
def reports(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    event_type: TypeOption = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.table,
) -> None:
    """List stored reports (one document's account of one event), by date."""
    from .export import write_jsonl

    filters = _filters(since, until, event_type)
    found = _open_store(db).reports(**filters)
    if fmt is ExtractFormat.table:
        table = Table(title=f"{len(found)} reports", title_justify="left")
        _columns(table, ("document", "type", "date", "place", "killed", "injured",
                         "claimed by"))
        for report in found:
            table.add_row(*_report_cells(report, _short(report.doc_id)))
        out.print(table)
    elif fmt is ExtractFormat.jsonl:
        write_jsonl((r.to_dict() for r in found), sys.stdout)
    else:
        sys.stdout.write(json.dumps([r.to_dict() for r in found], ensure_ascii=False,
                                    indent=2) + "\n")


@app.command()
def incidents(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    event_type: TypeOption = None,
    fmt: Annotated[
        IncidentFormat, typer.Option("--format", "-f", help="Output format (csv: ACLED-style).")
    ] = IncidentFormat.table,
    status: Annotated[
        Status | None,
        typer.Option("--status", help="Only incidents with this status.", show_default=False),
    ] = None,
) -> None:
    """List incidents (events across documents, with status and claims)."""
    filters = {**_filters(since, until, event_type),
               "status": status.value if status else None}
    store = _open_store(db)
    if fmt is not IncidentFormat.table:
        from .export import write_incidents

        write_incidents(store, fmt.value, sys.stdout, **filters)
        return
    found = store.incidents(**filters)
    _print_incidents(found)


def _estimate(d: dict[str, Any]) -> str:
    best, low, high = d.get("best"), d.get("low"), d.get("high")
    if best is None:
        return ""
    return str(best) if low == high or low is None else f"{best} ({low}-{high})"


def _print_incidents(found: list[Incident]) -> None:
    table = Table(title=f"{len(found)} incidents", title_justify="left")
    _columns(table, ("incident", "type", "date", "place", "killed", "injured", "status",
                   "sources", "claimed by"))
    for incident in found:
        d = incident.to_dict()
        table.add_row(
            incident.incident_id, incident.sub_event_type or incident.event_type,
            d["date"] or (" to ".join(d["date_range"]) if d["date_range"] else ""),
            _place(d["location"]), _estimate(d["fatalities"]), _estimate(d["injured"]),
            incident.status.value, str(incident.independent_sources or len(incident.documents)),
            "; ".join(sorted({f"{c.claimant} ({c.stance.value})" for c in incident.claims})),
        )
    out.print(table)


# -- show ----------------------------------------------------------------------------


@app.command()
def show(
    key: Annotated[str, typer.Argument(help="A document id (or unique prefix) or an incident id.",
                                       metavar="ID")],
    db: DbOption = None,
    why: Annotated[
        bool, typer.Option("--why", help="For an incident: why each report was merged into it "
                           "and how its status changed, document by document.")
    ] = False,
) -> None:
    """Show a document or an incident with the sentences its fields were read from."""
    from .store import lookup

    store = _open_store(db)
    found = lookup(store, key)
    if found is None:
        err.print(f"error: no document or incident with id {key!r} in the database",
                  markup=False, soft_wrap=True)
        raise typer.Exit(1)
    if found.incident is not None and found.incident.incident_id != key:
        err.print(f"{key} is an old id: its only report joined {found.incident.incident_id}",
                  markup=False, soft_wrap=True)
    if why and found.incident is not None:
        from .store.incidents import explain

        _print_incidents([found.incident])
        _print_why(explain(store, found.incident.incident_id))
        return
    _print_found(found)


def _print_why(why: Any) -> None:
    """The merge reason of every report, then the status history (``show --why``)."""
    table = Table(title=f"why {why.incident_id}: its reports", title_justify="left")
    for column in ("report", "document", "source", "published", "copy of", "merged because"):
        table.add_column(column, overflow="fold")
    for link in why.links:
        table.add_row(link.event_id, link.doc_id, link.source or "", link.published or "",
                      link.copy_of or "", link.reason)
    out.print(table)
    table = Table(title="status history", title_justify="left")
    for column in ("status", "at", "caused by", "because"):
        table.add_column(column, overflow="fold")
    for change in why.history:
        table.add_row(change["status"], change["at"], change["doc_id"] or "",
                      change["reason"] or "")
    out.print(table)


def _sentence_around(document: Document, start: int, end: int) -> tuple[int, int]:
    for sentence in document.sentences:
        if sentence.start <= start < sentence.end or sentence.start < end <= sentence.end:
            return min(sentence.start, start), max(sentence.end, end)
    # No sentence split stored: the line around the span.
    left = document.text.rfind("\n", 0, start) + 1
    right = document.text.find("\n", end)
    return left, right if right != -1 else len(document.text)


def _evidence_text(document: Document, start: int, end: int) -> Text:
    s_start, s_end = _sentence_around(document, start, end)
    text = Text(document.text[s_start:start].lstrip())
    text.append(document.text[start:end], style="bold yellow")
    text.append(document.text[end:s_end].rstrip())
    return text


def _print_report(report: Report, document: Document | None) -> None:
    d = report.to_dict()
    table = Table(title=f"report {report.event_id}", show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name in ("event_type", "sub_event_type", "date", "time"):
        if d.get(name):
            table.add_row(name, str(d[name]))
    if report.location:
        table.add_row("location", _place(d["location"]))
    for name in ("attacker", "target"):
        if d.get(name):
            table.add_row(name, ", ".join(str(v) for v in d[name].values() if v))
    if report.weapons:
        table.add_row("weapons", ", ".join(w.name for w in report.weapons))
    for name in ("munitions", "fatalities", "injured", "children", "civilians"):
        if d.get(name) is not None:
            table.add_row(name, str(d[name]))
    table.add_row("disputed", "yes" if report.disputed else "no")
    if report.summary:
        table.add_row("summary", report.summary)
    if document is not None:
        for field, spans in report.evidence.items():
            for span in spans:
                table.add_row(f"evidence: {field}", _evidence_text(document, span.start, span.end))
        for claim in report.claims:
            said = (_evidence_text(document, claim.span.start, claim.span.end)
                    if claim.span else Text(""))
            label = f"{claim.stance.value}: {claim.claimant} ({claim.side})"
            table.add_row("claim", Text(label + "\n", style="bold").append_text(said))
    out.print(table)


def _print_found(found: Found) -> None:
    if found.kind == "document" and found.document is not None:
        doc = found.document
        table = Table(title=f"document {doc.id}", show_header=False, title_justify="left")
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for name, value in (("title", doc.title), ("source", doc.source), ("url", doc.url),
                            ("published", doc.published), ("origin", doc.origin),
                            ("languages", ", ".join(doc.languages)),
                            ("length", f"{len(doc.text)} characters"),
                            ("boilerplate", ", ".join(f"[{s.start}, {s.end})"
                                                      for s in doc.flags.boilerplate)),
                            ("genre", doc.flags.genre),
                            ("not read", doc.flags.skip_extraction),
                            ("entries", str(len(doc.flags.entries)) if doc.flags.entries else None),
                            ("notes", "\n".join(doc.flags.notes)),
                            ("reports", str(len(found.reports)))):
            if value:
                table.add_row(name, value)
        out.print(table)
        for report in found.reports:
            _print_report(report, doc)
        return
    assert found.incident is not None
    _print_incidents([found.incident])
    incident = found.incident
    if incident.summary:
        out.print(incident.summary)
    for reason in incident.reasons:
        out.print(Text(f"why: {reason}", style="dim"))
    for report in found.reports:
        _print_report(report, found.documents.get(report.doc_id))


# -- export and stats -----------------------------------------------------------------


@app.command()
def export(
    output: Annotated[str, typer.Argument(help="File to write, or - for stdout.",
                                          metavar="OUT")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl (SCHEMA.md), acled-csv, geojson.")
    ] = ExportFormat.jsonl,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    event_type: TypeOption = None,
) -> None:
    """Write the incidents to a file: JSONL, ACLED-style CSV or GeoJSON."""
    from .export import write_incidents

    filters = _filters(since, until, event_type)
    store = _open_store(db)
    if output == "-":
        write_incidents(store, fmt.value, sys.stdout, **filters)
        return
    path = Path(output)
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            n = write_incidents(store, fmt.value, handle, **filters)
    except OSError as error:
        raise FogwatchError(f"{output}: cannot write: {error.strerror}",
                            hint="check the folder exists and is writable") from error
    err.print(f"wrote {n} incidents to {path}", markup=False, soft_wrap=True)


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts: documents, reports, claims, incidents; event types; statuses; dates."""
    figures = _open_store(db).stats()
    table = Table(title=f"database {figures['database']}", show_header=False,
                  title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    for name, count in figures["counts"].items():
        table.add_row(name, str(count))
    table.add_row("sources", str(figures["sources"]))
    if figures["published_first"]:
        table.add_row("published", f"{figures['published_first']} to {figures['published_last']}")
    for name, count in figures["reports_by_type"].items():
        table.add_row(f"reports: {name}", str(count))
    for name, count in figures["incidents_by_status"].items():
        table.add_row(f"incidents: {name}", str(count))
    out.print(table)


# -- serve ---------------------------------------------------------------------------


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless "
                                           "a reverse proxy is in front.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port to listen on.")] = 8000,
    ingest_token: Annotated[
        str | None,
        typer.Option(envvar="FOGWATCH_INGEST_TOKEN", show_default=False,
                     help="Allow POST /api/documents with 'Authorization: Bearer TOKEN' "
                          "(off without it). Prefer the environment variable."),
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(envvar="FOGWATCH_TILES", show_default=False,
                     help="Map tile URL template, e.g. "
                          "https://tile.openstreetmap.org/{z}/{x}/{y}.png (off: no network)."),
    ] = None,
    tiles_attribution: Annotated[str, typer.Option(help="Attribution shown for --tiles.")] = (
        "© OpenStreetMap contributors"),
    workers: Annotated[int, typer.Option(min=1, max=64,
                                         help="Server processes (about one per core).")] = 1,
) -> None:
    """Serve the map, tables, incident pages and the JSON API (OpenAPI at /docs)."""
    from .web.serve import run

    err.print(f"fogwatch on http://{host}:{port}/ (API docs at /docs)", markup=False)
    run(db, host=host, port=port, ingest_token=ingest_token, tile_url=tiles,
        tile_attribution=tiles_attribution if tiles else "", workers=workers)


# -- eval ----------------------------------------------------------------------------


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (SCHEMA.md 'Gold sets').")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show each gold event and false positive.")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for the pipeline.",
                          metavar="N")
    ] = 1,
) -> None:
    """Run the pipeline over a gold set; print event P/R/F1 and the share right per field."""
    from .evaluate import evaluate, print_evaluation

    result = evaluate(gold, n_process=jobs)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str) + "\n")
    else:
        print_evaluation(result, out, verbose=verbose)


# -- geocode / gazetteer (geo/) -------------------------------------------------------

gazetteer_app = typer.Typer(help="Build the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    geonames: Annotated[
        list[Path], typer.Option("--geonames", help="GeoNames country dump (UA.zip); repeatable.")
    ],
    extra: Annotated[
        list[Path] | None,
        typer.Option("--extra", help="cities500-style TSV with more places; repeatable."),
    ] = None,
    hromada: Annotated[
        Path | None, typer.Option("--hromada", help="Hromada centroids CSV (OCHA COD-AB).")
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Output file. Default: the packaged gazetteer.")
    ] = None,
) -> None:
    """Build the compact gazetteer file (same inputs give the same bytes)."""
    from .geo import build_gazetteer

    counts = build_gazetteer(geonames, extra or (), hromada, out_path)
    out.print(f"{counts['places']} places, {counts['names']} name keys, "
              f"{counts['regions']} regions, {counts['bytes']:,} bytes", markup=False)


@app.command()
def geocode(
    text: Annotated[str, typer.Argument(help="A place mention with its context.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", envvar="FOGWATCH_GAZETTEER", help="Gazetteer file."),
    ] = None,
) -> None:
    """Show the place names in TEXT, every candidate with its score, and the choice."""
    from .geo import explain_dict, load_gazetteer

    result = explain_dict(text, load_gazetteer(gazetteer))
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    for m in result["mentions"]:
        choice = m["choice"]
        title = f"{m['mention']} [{m['via']}] -> " + (
            f"{choice['name']} ({choice['admin1']}) precision {choice['geo_precision']}"
            if choice["lat"] is not None else "no guess") + f": {m['why']}"
        if not m["candidates"]:
            out.print(title, markup=False)
            continue
        table = Table(title=Text(title), title_justify="left")
        for col in ("geonameid", "name", "type", "admin1", "admin2", "pop", "score", "reasons"):
            table.add_column(col)
        for c in m["candidates"][:10]:
            table.add_row(str(c["geonameid"] or ""), c["name"], c["feature"], c["admin1"] or "",
                          c["admin2"] or "", str(c["population"]), f"{c['score']:.2f}",
                          "; ".join(c["reasons"]))
        out.print(table)
    place = result["place"]
    out.print("choice: " + (f"{place['name']} ({place['admin1']}) {place['lat']}, {place['lon']} "
                            f"precision {place['geo_precision']}" if place and place["lat"]
                            is not None else "none"), markup=False)


def main() -> None:
    """Console entry point: FogwatchError becomes one stderr line and exit code 1."""
    try:
        app()
    except FogwatchError as error:
        _error_line(str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted; batches committed so far are kept, re-run to finish",
                  markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
