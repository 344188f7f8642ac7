"""Make the README's screenshots: runs the browser tests that take them with SAVE_SCREENSHOTS=1,
which writes the PNGs to docs/screenshots/ (a live server with the demo data, headless
Chromium at 1280 and 360 px).

Usage: .venv/bin/python scripts/screenshots.py [more test modules or pytest options]"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The storefront, allocation and member pages; add tests/e2e/test_admin_on_a_phone.py for the
# admin pages' phone screenshots.
MODULES = ["tests/e2e/test_storefront_screenshots.py"]

if __name__ == "__main__":
    env = {**os.environ, "SAVE_SCREENSHOTS": "1"}
    command = [sys.executable, "-m", "pytest", "-m", "e2e", "-q", "-p", "no:cacheprovider"]
    sys.exit(subprocess.call([*command, *MODULES, *sys.argv[1:]], cwd=ROOT, env=env))
