"""Rewrite the README's table of checks from the registry: `python scripts/update_readme_checks.py`.

The table sits between the ``checks-table`` markers; ``tests/test_registry.py`` fails while the two
differ, so a new check is one class plus one run of this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

from align.checks import registry

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- checks-table:start -->\n", "\n<!-- checks-table:end -->"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    README.write_text(text[:a] + registry.markdown_table() + text[b:], encoding="utf-8")
    print(f"wrote the table of {len(registry.CHECKS)} checks into {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
