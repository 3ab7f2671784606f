"""schemathesis against the app's own OpenAPI schema: no input makes a 500.

Bounded (``EXAMPLES`` per operation) so the whole run stays well under two minutes.
The operations are listed here and checked against the schema, so a new route
without a fuzz run fails the suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from web_helpers import build

from fogwatch.store import make_engine
from fogwatch.web import create_app

TOKEN = "schemathesis-token-0123456789"
EXAMPLES = 40
OPERATIONS = [
    ("GET", "/api/incidents"), ("GET", "/api/incidents/points"),
    ("GET", "/api/incidents/{incident_id}"), ("GET", "/api/stats/daily"),
    ("GET", "/api/documents"), ("POST", "/api/documents"), ("GET", "/api/documents/{doc_id}"),
    ("GET", "/api/export.csv"), ("GET", "/api/export.geojson"), ("GET", "/api/export.jsonl"),
]


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("schemadb") / "fogwatch.db"
    build(f"sqlite:///{path}")
    app = create_app(make_engine(f"sqlite:///{path}"), ingest_token=TOKEN,
                     stages=("clean", "extract-trivial"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(web_schema: Any) -> dict[tuple[str, str], Any]:
    ops = (result.ok() for result in web_schema.get_all_operations())
    return {(op.method.upper(), op.path): op for op in ops}


def test_every_operation_is_fuzzed(web_schema: Any) -> None:
    assert sorted(_operations(web_schema)) == sorted(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_input_makes_a_server_error(web_schema: Any, method: str, path: str) -> None:
    operation = _operations(web_schema)[(method, path)]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                               checks=[not_a_server_error, response_schema_conformance])

    run()
