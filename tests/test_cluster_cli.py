"""`fogwatch incidents --status` and `fogwatch show INCIDENT --why`, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cluster_helpers import claim, rep
from test_cluster_store import analysis, doc

from fogwatch.cluster import incident_id_for, update_incidents
from fogwatch.store import Store, make_engine


def fogwatch(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "fogwatch.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_status_filter_and_why(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    store = Store(make_engine(url)).create()
    store.add([analysis(doc("mod", "The ministry says its forces destroyed two HIMARS "
                            "launchers near the village.", "2022-08-07T10:00", "MoD"),
                        rep("mod:0", weapons=("HIMARS",), claims=(claim("MoD", "RU"),)))],
              hooks=[update_incidents])
    store.add([analysis(doc("gs", "The General Staff says the report of destroyed HIMARS "
                            "launchers is fake.", "2022-08-07T12:00", "General Staff"),
                        rep("gs:0", weapons=("HIMARS",),
                            claims=(claim("General Staff", "UA", "denies"),))),
               analysis(doc("k", "HIMARS fired on Kharkiv.", "2022-08-07T12:00", "X"),
                        rep("k:0", event_type="Battles", sub_event_type="Armed clash"))],
              hooks=[update_incidents])
    store.close()
    iid = incident_id_for("mod:0")

    disputed = fogwatch("incidents", "--db", url, "--status", "disputed", "--format", "jsonl")
    assert disputed.returncode == 0, disputed.stderr
    rows = [json.loads(line) for line in disputed.stdout.splitlines()]
    assert [r["incident_id"] for r in rows] == [iid]
    assert rows[0]["status"] == "disputed" and rows[0]["independent_sources"] == 2

    claimed = fogwatch("incidents", "--db", url, "--status", "claimed", "--format", "jsonl")
    assert [json.loads(x)["incident_id"] for x in claimed.stdout.splitlines()] == [
        incident_id_for("k:0")]

    bad = fogwatch("incidents", "--db", url, "--status", "rumoured")
    assert bad.returncode != 0 and "rumoured" in bad.stderr

    why = fogwatch("show", iid, "--why", "--db", url)
    assert why.returncode == 0, why.stderr
    assert "first report" in why.stdout
    assert "same day, 0 km apart, both HIMARS" in why.stdout
    assert "General Staff (UA) denies it" in why.stdout
    lines = why.stdout.splitlines()
    claimed_at = next(i for i, x in enumerate(lines) if x.startswith("│ claimed"))
    disputed_at = next(i for i, x in enumerate(lines) if x.startswith("│ disputed"))
    assert claimed_at < disputed_at
    assert " gs " in lines[disputed_at] and " mod " in lines[claimed_at]
