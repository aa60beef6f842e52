"""``cpphub allocate``: solves a scenario file, writes generated ones, refuses bad input in one line."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "allocation-scenario.json"


def run(*args: str) -> str:
    out = StringIO()
    call_command("allocate", *args, stdout=out)
    return out.getvalue()


def test_solves_the_example_with_tables_and_reasons() -> None:
    output = run("--scenario", str(EXAMPLE))
    assert "Funded actions" in output
    assert "school-talks" in output
    assert "Not funded" in output
    assert "no partner in its region offers staff" in output  # police-training
    assert "proven gap 0.00%" in output


def test_json_output() -> None:
    data = json.loads(run("--scenario", str(EXAMPLE), "--json", "--time-limit", "5"))
    assert data["status"] == "optimal"
    assert data["objective"] == 87.0
    assert data["objective"] >= data["greedy_objective"]
    assert {"code": "pinned", "params": {"partners": ["telco-th"]}} in data["reasons"]["parents"]


def test_generate_then_solve(tmp_path: Path) -> None:
    out = tmp_path / "tight.json"
    assert "Wrote a tight scenario" in run(
        "--generate", "tight", "--actions", "40", "--partners", "8", "--out", str(out)
    )
    data = json.loads(run("--scenario", str(out), "--json"))
    assert len(data["funded"]) + len(data["unfunded"]) == 40


def test_infeasible_scenario_is_explained(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text())
    data["pins"].append({"partner": "ngo-recife", "action": "helpline", "resource": "staff"})
    path = tmp_path / "bad-pin.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    with pytest.raises(CommandError, match="infeasible"):
        call_command("allocate", "--scenario", str(path), stdout=out)
    assert "does not work in BR" in out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Cannot read"),
        ('{"resources": [}', "not valid JSON: Expecting value at line 1, column 16"),
        ('{"resources": [], "partners": [], "actions": [{"key": "a", "benefit": -1}]}', "actions[0].benefit"),
        ('{"resources": [], "partners": []}', "actions: missing"),
    ],
)
def test_bad_files_give_one_line(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "scenario.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError) as error:
        run("--scenario", str(path))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_arguments() -> None:
    with pytest.raises(CommandError, match="--scenario"):
        run()
    with pytest.raises(CommandError, match="--out"):
        run("--generate", "spare")
