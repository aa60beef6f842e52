"""The published OpenAPI schema (docs/openapi.yaml) is valid and matches the code.

Regenerate it with `make schema` after changing the API.
"""

from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


def test_the_schema_is_valid_without_warnings_and_not_stale(tmp_path):
    fresh = tmp_path / "openapi.yaml"
    call_command("spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(fresh))
    assert fresh.read_text() == SCHEMA.read_text(), "docs/openapi.yaml is stale: run `make schema`"
