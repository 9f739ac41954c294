"""The time zone comes from the environment; `make run` gives the demo its region's zone unless one is set."""

import os
import shutil
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_ZONE = "America/Los_Angeles"  # the Pacific coast: the harbour task force and the Tijuana border network


def _setting(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "TIME_ZONE"}
    environ.update(DJANGO_SETTINGS_MODULE="coalition.settings", SECRET_KEY="x" * 50, **env)
    script = "from django.conf import settings; print(settings.TIME_ZONE)"
    done = subprocess.run([sys.executable, "-c", script], env=environ, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_time_zone_setting_follows_the_environment():
    assert _setting(TIME_ZONE="America/Guatemala") == "America/Guatemala"
    assert _setting() == "UTC"
    assert _setting(TIME_ZONE="") == "UTC"


def _make_run(tmp_path: Path, **env: str) -> list[str]:
    """The TIME_ZONE each command of `make run` sees, with a stand-in for the virtualenv's python."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    (venv / ".runtime").touch()  # newer than requirements.txt: nothing to install
    python = venv / "bin" / "python"
    python.write_text('#!/bin/sh\necho "$TIME_ZONE"\n')
    python.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k not in ("TIME_ZONE", "MAKEFLAGS", "MFLAGS")}
    environ.update(env)
    done = subprocess.run(
        ["make", "--no-print-directory", "-s", "run", f"VENV={venv}"],
        env=environ,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_gives_the_demo_its_regions_time_zone_unless_one_is_set(tmp_path):
    zoneinfo.ZoneInfo(DEMO_ZONE)  # a real zone
    assert _make_run(tmp_path) == [DEMO_ZONE] * 3  # migrate, seed_demo, runserver
    assert _make_run(tmp_path, TIME_ZONE="America/Mexico_City") == ["America/Mexico_City"] * 3
