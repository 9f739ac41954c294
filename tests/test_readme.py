"""The commands the README shows still run: make targets, environment variables and manage.py commands.

Every ```sh block of README.md is read line by line. Nothing is started: a make target must exist
in the Makefile, a variable set before a command must be read by the settings (or the Makefile),
a `manage.py` command must answer `--help` and know the options the README gives it. A command
this test does not recognise fails it, so a new kind of command gets a check here.
"""

from __future__ import annotations

import io
import re
import shlex
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from django.core.management import call_command

BASE = Path(__file__).resolve().parents[1]
README = (BASE / "README.md").read_text(encoding="utf-8")
MAKEFILE = (BASE / "Makefile").read_text(encoding="utf-8")
SETTINGS = (BASE / "coalition" / "settings.py").read_text(encoding="utf-8")

# Programs from the system rather than this project, shown for a setup step: not run, not checked.
SYSTEM_COMMANDS = {"sudo", "apt-get", "createdb"}


def shell_lines() -> list[str]:
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL):
        lines += [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return lines


def split(line: str) -> tuple[dict[str, str], list[str]]:
    """`A=1 B=2 cmd args  # comment` -> ({"A": "1", "B": "2"}, ["cmd", "args"])."""
    words = shlex.split(line, comments=True)
    env = {}
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return env, words


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, flags=re.MULTILINE))


def read_by_settings(name: str) -> bool:
    return bool(re.search(rf"os\.environ(?:\.get\(|\[)\"{name}\"", SETTINGS))


def read_by_makefile(name: str) -> bool:
    return f"$({name})" in MAKEFILE or f"${{{name}}}" in MAKEFILE


LINES = shell_lines()


def test_the_readme_shows_shell_commands():
    assert len(LINES) >= 10
    assert any(split(line)[1][:2] == ["make", "run"] for line in LINES)


@pytest.mark.parametrize("line", LINES)
def test_each_readme_command_names_what_exists(line):
    env, words = split(line)
    for name in env:
        assert read_by_settings(name) or read_by_makefile(name), f"{name} (in `{line}`) is read by nothing"
    program = words[0]
    if program == "make":
        targets = [word for word in words[1:] if "=" not in word and not word.startswith("-")]
        variables = [word.partition("=")[0] for word in words[1:] if "=" in word]
        assert targets, f"`{line}`: name the target"
        for target in targets:
            assert target in make_targets(), f"`make {target}` is not a target of the Makefile"
        for name in variables:
            assert read_by_makefile(name) or read_by_settings(name), f"`{line}`: {name} is read by nothing"
    elif program.endswith("python") and words[1:2] == ["manage.py"]:
        command, options = words[2], [word.split("=")[0] for word in words[3:] if word.startswith("--")]
        out = io.StringIO()
        with pytest.raises(SystemExit) as stopped, redirect_stdout(out):
            call_command(command, "--help")
        assert stopped.value.code in (0, None)
        for option in options:
            assert option in out.getvalue(), f"`manage.py {command}` has no option {option}"
    elif program == "bash":
        assert (BASE / words[1]).is_file(), f"`{line}`: {words[1]} is missing"
    else:
        assert program in SYSTEM_COMMANDS, f"`{line}`: add a check for `{program}` to this test"


def test_the_documented_settings_are_read():
    """Every variable of the README's settings table is read by the settings."""
    section = README.split("\n## Settings\n", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]  # past the header and the rule
    names = re.findall(r"`([A-Z][A-Z0-9_]+)`", "\n".join(row.split("|")[1] for row in rows))
    assert {"DATABASE_URL", "SECRET_KEY", "TIME_ZONE", "EMAIL_BACKEND", "DEFAULT_FROM_EMAIL"} <= set(names)
    unread = [name for name in names if not read_by_settings(name)]
    assert unread == []


def test_host_and_port_are_variables_of_make_run():
    run = MAKEFILE.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "$(HOST):$(PORT)" in run
    assert re.search(r"^HOST\s*\?=", MAKEFILE, flags=re.MULTILINE)
    assert re.search(r"^PORT\s*\?=", MAKEFILE, flags=re.MULTILINE)
