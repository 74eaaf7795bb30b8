"""Render docs/icons/icon.svg to the PNG sizes the web app manifest lists, with the local Chromium.

Run after editing the SVG: `.venv/bin/python scripts/make_icons.py`. The PNGs
are committed, so building the site needs no image library.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "docs" / "icons"
SIZES = (192, 512)


def main() -> int:
    svg = (ICONS / "icon.svg").read_text(encoding="utf-8")
    executable = shutil.which("chromium") or shutil.which("google-chrome")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f"<style>html,body{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}"
            )
            page.screenshot(path=str(ICONS / f"icon-{size}.png"), omit_background=True)
            print(f"wrote docs/icons/icon-{size}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
