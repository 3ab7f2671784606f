"""`fogwatch gazetteer build` and `fogwatch geocode`, through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

from geo_helpers import DATA
from typer.testing import CliRunner

from fogwatch.cli import app

runner = CliRunner()


def _build(out: Path) -> None:
    result = runner.invoke(app, ["gazetteer", "build", "--geonames",
                                 str(DATA / "geonames_mini.txt"), "--extra",
                                 str(DATA / "cities500_mini.tsv"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "places" in result.output and out.exists()


def test_build_is_deterministic(tmp_path: Path) -> None:
    _build(tmp_path / "a.json.gz")
    _build(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


def test_geocode_json_shows_candidates_and_choice(tmp_path: Path) -> None:
    out = tmp_path / "g.json.gz"
    _build(out)
    result = runner.invoke(app, ["geocode", "Malotaranovi, Donetsk People's Republic",
                                 "--json", "--gazetteer", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["place"]["geonameid"] == 702055
    assert data["place"]["admin1"] == "Donetsk"
    first = data["mentions"][0]
    assert first["mention"] == "Malotaranovi" and first["via"].startswith("fuzzy")
    assert first["candidates"][0]["name"] == "Malotaranivka"
    assert data["mentions"][1]["region"] == ["Donetsk"]


def test_geocode_table(tmp_path: Path) -> None:
    out = tmp_path / "g.json.gz"
    _build(out)
    result = runner.invoke(app, ["geocode", "Mayak, LNR", "--gazetteer", str(out)])
    assert result.exit_code == 0, result.output
    assert "Maiak" in result.output and "Luhansk" in result.output
    assert "choice: Maiak (Luhansk)" in result.output


def test_missing_gazetteer_is_one_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["geocode", "Kyiv", "--gazetteer", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "gazetteer build" in str(result.exception)
