"""docs/cli.md is the ``--help`` of every command; this test fails when it is stale.

Regenerate with ``.venv/bin/python tests/test_cli_docs.py`` (as Datasette does, the
reference is generated, so an undocumented command or option cannot slip in).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from fogwatch.cli import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

HEADER = """# fogwatch command reference

Generated from `fogwatch … --help` by `tests/test_cli_docs.py`; do not edit by hand
(run `.venv/bin/python tests/test_cli_docs.py` after changing a command).
"""


# Typer ships its own copy of click, so commands are looked at by duck typing.
def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted(getattr(group, "commands", {}).items()):
        if not sub.hidden:
            found.extend(_commands(sub, (*path, name)))
    return found


def render() -> str:
    runner = CliRunner()
    parts = [HEADER]
    for path in _commands(typer.main.get_command(app)):
        result = runner.invoke(app, [*path, "--help"], prog_name="fogwatch",
                               terminal_width=100, env={"COLUMNS": "100"})
        assert result.exit_code == 0, result.output
        title = " ".join(("fogwatch", *path))
        parts.append(f"\n## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "".join(parts)


def test_cli_reference_is_current() -> None:
    assert DOC.exists(), "docs/cli.md is missing: run python tests/test_cli_docs.py"
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run .venv/bin/python tests/test_cli_docs.py"
    )


def test_every_command_and_option_has_help_text() -> None:
    root = typer.main.get_command(app)
    missing = []
    for path in _commands(root)[1:]:
        command = root
        for name in path:
            command = command.commands[name]
        if not (command.help or command.short_help):
            missing.append(" ".join(path))
        for param in command.params:
            if (param.param_type_name == "option" and not param.help
                    and param.name != "help"):
                missing.append(f"{' '.join(path)} {param.opts[0]}")
    assert missing == []


if __name__ == "__main__":
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
