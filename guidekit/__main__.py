"""``python -m guidekit prepare``: see guidekit.site.prepare."""

from __future__ import annotations

import sys

from guidekit.site.prepare import main

USAGE = "usage: python -m guidekit prepare [-f mkdocs.yml] [--strict]"


def run(argv: list[str]) -> int:
    if not argv or argv[0] != "prepare":
        print(USAGE, file=sys.stderr)
        return 2
    return main(argv[1:])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
