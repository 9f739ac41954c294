"""Every message of the site is translated, and none is fuzzy, in each language it ships.

Extracts the messages afresh (makemessages, templates, Python and scripts) in a scratch copy of
the project, merges them into that copy's catalogues, and counts what is untranslated or fuzzy
with GNU gettext's msgattrib; and checks each committed .mo is its .po compiled. Exits 1 naming
the first few, so CI fails when a new message lands without its translations.
Usage: python scripts/check_translations.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("es", "fr")
DOMAINS = ("django", "djangojs")
IGNORE = [".venv", "tests/*", "bench/*", "staticfiles/*", "static/vendor/*", "media/*", "node_modules/*"]
SKIP = shutil.ignore_patterns(".venv", ".git", "staticfiles", "media", "node_modules", "__pycache__", "screenshots")


def entries(po: Path, *flags: str) -> list[str]:
    command = [shutil.which("msgattrib") or "msgattrib", *flags, "--no-obsolete", str(po)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 -- fixed arguments
    return [block for block in out.stdout.split("\n\n") if "msgid" in block and 'msgid ""\nmsgstr ""\n"' not in block]


def main() -> int:
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
    env = {**os.environ, "DEBUG": "1"}
    problems = 0
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(ROOT, copy, ignore=SKIP)
        for domain in DOMAINS:
            command = [python, "manage.py", "makemessages", "-d", domain, "--no-obsolete"]
            command += [arg for language in LANGUAGES for arg in ("-l", language)]
            command += [arg for pattern in IGNORE for arg in ("--ignore", pattern)]
            subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)  # noqa: S603 -- fixed arguments
        for language in LANGUAGES:
            for domain in DOMAINS:
                po = copy / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
                total = len(entries(po))
                untranslated = entries(po, "--untranslated")
                fuzzy = entries(po, "--only-fuzzy")
                print(f"{language} {domain}: {total} messages, {len(untranslated)} untranslated, {len(fuzzy)} fuzzy")
                for block in (untranslated + fuzzy)[:5]:
                    print("    " + block.strip().replace("\n", "\n    "))
                problems += len(untranslated) + len(fuzzy)
    stale = [str(po.relative_to(ROOT)) for po in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")) if not compiled(po)]
    for name in stale:
        print(f"{name} is newer than its .mo: run `python manage.py compilemessages`.")
    if problems:
        print(f"{problems} messages need a translation: run makemessages, translate them, then compilemessages.")
    return 1 if problems or stale else 0


def compiled(po: Path) -> bool:
    """Whether the committed .mo holds exactly what the .po compiles to."""
    with tempfile.NamedTemporaryFile(suffix=".mo") as fresh:
        msgfmt = [shutil.which("msgfmt") or "msgfmt", "-o", fresh.name, str(po)]
        subprocess.run(msgfmt, check=True, capture_output=True)  # noqa: S603 -- fixed arguments
        mo = po.with_suffix(".mo")
        return mo.exists() and Path(fresh.name).read_bytes() == mo.read_bytes()


if __name__ == "__main__":
    sys.exit(main())
