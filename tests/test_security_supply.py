"""The supply chain is pinned: hashed requirements, installed with --require-hashes."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

RE_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)(?P<rest>(?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)", re.MULTILINE
)
RE_PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)\s*$", re.MULTILINE)
PAIRS = [("requirements.in", "requirements.txt"), ("requirements-test.in", "requirements-test.txt")]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(text: str) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for every requirement of a locked file."""
    return {_norm(m.group("name")): (m.group("version"), m.group("rest").count("--hash=")) for m in
            RE_REQUIREMENT.finditer(text)}


@pytest.mark.parametrize(("source", "locked"), PAIRS)
def test_every_locked_requirement_has_hashes_and_matches_its_source_pin(source: str, locked: str) -> None:
    text = (REPO / locked).read_text(encoding="utf-8")
    entries = _locked(text)
    lines = [line for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(entries) == len(lines) >= 20, "a requirement line without the name==version form"
    assert all(hashes >= 1 for _version, hashes in entries.values()), [n for n, (_v, h) in entries.items() if not h]
    for match in RE_PIN.finditer((REPO / source).read_text(encoding="utf-8")):
        assert entries[_norm(match.group("name"))][0] == match.group("version"), match.group(0)


def test_a_requirement_without_a_hash_is_caught() -> None:
    entries = _locked("mkdocs==1.6.1\nrispy==0.10.0 \\\n    --hash=sha256:" + "a" * 64 + "\n")
    assert entries == {"mkdocs": ("1.6.1", 0), "rispy": ("0.10.0", 1)}


def test_make_installs_with_require_hashes_and_no_editable_in_locked_files() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile and "--no-deps --no-build-isolation -e ." in makefile
    for _source, locked in PAIRS:
        text = (REPO / locked).read_text(encoding="utf-8")
        assert "-e " not in text and "--index-url" not in text and "--extra-index-url" not in text
