"""Write SHA-1 hashes of the seed page's 8-word runs to tests/data/seed_shingles.txt.

The seed page is copyrighted third-party text, so the repository keeps only
hashes of its normalised 8-word shingles. The content tests hash every 8-word
run of every built page the same way and fail on any match.

Usage: python scripts/seed_shingles.py [SEED_TEXT_FILE]
(default: ../shared/content/seed-relapse-management.txt beside the repository)
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO.parent / "shared" / "content" / "seed-relapse-management.txt"
OUTPUT = REPO / "tests" / "data" / "seed_shingles.txt"
SIZE = 8

RE_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['’](?=[a-z])")
RE_TOKEN = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words only: apostrophes inside words dropped, all other punctuation a break."""
    return RE_TOKEN.findall(RE_APOSTROPHE.sub("", text.lower()))


def shingle_hashes(tokens: list[str], size: int = SIZE) -> set[str]:
    """SHA-1 hex digests of every run of `size` consecutive words."""
    return {
        hashlib.sha1(" ".join(tokens[i : i + size]).encode(), usedforsecurity=False).hexdigest()
        for i in range(len(tokens) - size + 1)
    }


def write(hashes: Iterable[str], path: Path = OUTPUT) -> None:
    """One hash per line, sorted, after a comment saying what the file is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# SHA-1 of each normalised {SIZE}-word run of the seed page (scripts/seed_shingles.py)."]
    path.write_text("\n".join([*lines, *sorted(hashes)]) + "\n", encoding="utf-8")


def read(path: Path = OUTPUT) -> set[str]:
    """The stored hashes."""
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def main(argv: list[str]) -> int:
    seed = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    if not seed.is_file():
        sys.stderr.write(f"seed text not found: {seed}\n")
        return 1
    hashes = shingle_hashes(words(seed.read_text(encoding="utf-8")))
    write(hashes)
    sys.stdout.write(f"{len(hashes)} shingle hashes written to {OUTPUT.relative_to(REPO)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
