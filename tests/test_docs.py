"""The README documents every command and every export kind."""
from __future__ import annotations

from pathlib import Path

import click

from newstrace.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        out.append(full)
        if isinstance(cmd, click.Group):
            out += _commands(cmd, full + " ")
    return out


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(cli) if f"newstrace {c}" not in README]
    assert not missing, f"document these commands in README.md: {missing}"


def test_readme_opens_with_the_two_commands():
    head = README.split("## ", 2)[1]
    assert "make demo" in head and "make test" in head
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
