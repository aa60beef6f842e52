"""The production settings pass Django's deployment checklist without a warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"
FIELD_KEY = "7uhe0ZcT9Wq4dHq1m4m3b1vJ2yL0uXcS6kP8fR5tA2E="  # a Fernet key made for this test only


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        # The test run's own settings must not leak in (conftest allows async-unsafe calls, for one).
        if k
        not in {"DEBUG", "SECRET_KEY", "CPPHUB_FIELD_KEYS", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
        and not k.startswith("DJANGO_ALLOW_ASYNC")
    }
    env.update(
        CPPHUB_PRODUCTION="true",
        ALLOWED_HOSTS="cpphub.example.org",
        CPPHUB_VAR_DIR=str(tmp_path),
        CPPHUB_FIELD_KEYS=FIELD_KEY,
        DJANGO_SETTINGS_MODULE="cpphub.settings",
    )
    env.update(extra)
    return env


def run_manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_passes_without_warnings(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))

    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified no issues" in output


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)

    result = run_manage(env, "check")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_collectstatic_builds_the_production_manifest(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))

    result = run_manage(env, "collectstatic", "--noinput", "-v", "0")

    assert result.returncode == 0, result.stdout + result.stderr
    manifest = tmp_path / "static" / "staticfiles.json"
    assert manifest.exists()
    assert "vendor/pico/pico.min.css" in manifest.read_text()


def test_production_refuses_to_start_without_the_field_encryption_key(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=secrets.token_urlsafe(64))
    del env["CPPHUB_FIELD_KEYS"]

    result = run_manage(env, "check")

    assert result.returncode != 0
    assert "CPPHUB_FIELD_KEYS must be set" in result.stderr
    assert not (tmp_path / "field_keys").exists()
