"""A Python client generated from the API's OpenAPI schema by openapi-python-client, as an
integrator would make one, for tests that use the API through it.

`generated_client(schema_text, cache_dir)` runs the generator (a subprocess, no network) on the
schema and imports the package it writes. The package is kept under `cache_dir/<hash>`, keyed by
the schema and the generator's version, so a run whose schema did not change imports it at once.
Generating takes about 1-2 s on this project's machines.
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from openapi_python_client.strings import snake_case

PACKAGE = "coalition_tracker_client"
# No formatting hook (the generator runs ruff by default): the code is imported, not read.
CONFIG = f"package_name_override: {PACKAGE}\npost_hooks: []\n"
GENERATOR_TIMEOUT_S = 120


class GenerationFailed(AssertionError):
    pass


def _generate(schema_text: str, target: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="generating-", dir=target.parent))
    try:
        (work / "schema.yaml").write_text(schema_text, encoding="utf-8")
        (work / "config.yaml").write_text(CONFIG, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(work / "schema.yaml"),
            "--config",
            str(work / "config.yaml"),
            "--output-path",
            str(work / "out" / PACKAGE),
            "--meta",
            "none",
            # A warning means part of the schema could not be expressed as client code.
            "--fail-on-warning",
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=GENERATOR_TIMEOUT_S, check=False)
        if done.returncode != 0:
            raise GenerationFailed(f"openapi-python-client failed:\n{done.stdout}\n{done.stderr}")
        try:
            (work / "out").rename(target)
        except OSError:
            if not (target / PACKAGE / "__init__.py").exists():  # not a parallel worker's copy either
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _import(root: Path) -> ModuleType:
    """Import the package found under `root`, replacing any other copy imported before."""
    loaded = sys.modules.get(PACKAGE)
    if loaded is not None and Path(loaded.__file__).parent.parent != root:
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    package = importlib.import_module(PACKAGE)
    for part in ("models", "types"):  # so that `package.models.Meeting` resolves
        importlib.import_module(f"{PACKAGE}.{part}")
    return package


def generated_client(schema_text: str, cache_dir: Path) -> ModuleType:
    """The client package generated from `schema_text`, imported."""
    key = f"{version('openapi-python-client')}\n{CONFIG}\n{schema_text}"
    target = cache_dir / hashlib.sha256(key.encode()).hexdigest()[:16]
    if not (target / PACKAGE / "__init__.py").exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        _prune(cache_dir)
        _generate(schema_text, target)
    return _import(target)


def _prune(cache_dir: Path, older_than_s: float = 86400) -> None:
    """Forget clients of schemas older than a day, so the cache holds a few at most."""
    now = time.time()
    for old in cache_dir.iterdir():
        if old.is_dir() and now - old.stat().st_mtime > older_than_s:
            shutil.rmtree(old, ignore_errors=True)


def operation(package: ModuleType, operation_id: str) -> ModuleType:
    """The generated module of one operation: `api/<tag>/<operation_id>.py`, whatever its tag."""
    name = snake_case(operation_id)
    found = sorted(Path(package.__file__).parent.glob(f"api/*/{name}.py"))
    assert len(found) == 1, f"the generated client has {len(found)} modules for operation {operation_id}"
    return importlib.import_module(f"{package.__name__}.api.{found[0].parent.name}.{name}")
