"""Shared by the breakage scripts: a set of file changes, checked first and written last.

Every change is validated against the project before anything is written (a file to edit
must contain the exact text to replace, once; a file to delete must exist), so a breakage
either applies whole or not at all. Changes compose: a later edit sees earlier pending
ones, which lets ``nuclear.py`` stack the phases.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple


class BreakageError(Exception):
    """The project is not the pristine sample this breakage expects."""


class Breakage:
    def __init__(self, root: Path):
        self.root = root
        self._pending: Dict[str, Optional[str]] = {}  # project-relative path -> new text, None = delete

    def read(self, rel: str) -> str:
        if rel in self._pending:
            text = self._pending[rel]
            if text is None:
                raise BreakageError(f"{rel} is already deleted by this breakage")
            return text
        path = self.root / rel
        if not path.is_file():
            raise BreakageError(f"{rel} is missing; run the breakage on a fresh copy of samples/athena")
        return path.read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        found = text.count(old)
        if found != 1:
            raise BreakageError(f"{rel} contains the text to replace {found} times, expected once "
                                f"(already broken, or the sample changed): {old.strip().splitlines()[0]!r}")
        self._pending[rel] = text.replace(old, new)

    def append(self, rel: str, text: str) -> None:
        self._pending[rel] = self.read(rel) + text

    def write(self, rel: str, text: str) -> None:
        self._pending[rel] = text

    def delete(self, rel: str) -> None:
        self.read(rel)
        self._pending[rel] = None

    def log(self, entries: List[Tuple[str, str, str]]) -> None:
        """Appends lines to data/logs/system.log as the running system would have written them."""
        now = datetime.now()
        lines = []
        for n, (level, logger, message) in enumerate(entries):
            at = now - timedelta(seconds=2 * (len(entries) - n))
            lines.append(f"{at:%Y-%m-%d %H:%M:%S},{at.microsecond // 1000:03d} {level:<7} {logger}: {message}\n")
        self.append("data/logs/system.log", "".join(lines))

    def apply(self) -> List[str]:
        """Writes the changes; returns them as lines like ``deleted src/a.py``."""
        done = []
        for rel, text in sorted(self._pending.items()):
            path = self.root / rel
            if text is None:
                path.unlink()
                done.append(f"{'deleted':<8} {rel}")
            else:
                done.append(f"{'changed' if path.exists() else 'added':<8} {rel}")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return done


TEXT_NORMALIZER = '''"""Clean-up for product names and texts: Unicode form, dashes, control characters, spaces."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\\s+")
_DASHES = str.maketrans({"\\u2013": "-", "\\u2014": "-", "\\u2212": "-"})


def normalize_whitespace(text: str) -> str:
    """Runs of whitespace become one space; nothing at either end."""
    return _SPACES.sub(" ", text).strip()


def clean_product_name(text: str) -> str:
    """A name as supplier feeds send it, made fit for a description."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    text = "".join(ch for ch in text if ch in "\\t\\n" or unicodedata.category(ch) != "Cc")
    return normalize_whitespace(text)
'''

TEXT_NORMALIZER_TEST = '''import unittest

from src.utils.data_loader import DataLoader
from src.utils.text_normalizer import clean_product_name, normalize_whitespace


class TextNormalizerTest(unittest.TestCase):

    def test_whitespace_dashes_and_control_characters_are_cleaned(self):
        self.assertEqual(normalize_whitespace("  Arc \\t lamp\\n "), "Arc lamp")
        self.assertEqual(clean_product_name("Desk\\u00a0lamp \\u2013 brass\\x07"), "Desk lamp - brass")

    def test_loaded_names_are_clean(self):
        loader = DataLoader([{"id": 1, "name": " Reading\\u2014lamp\\x00 ", "category": "lamp"}])
        self.assertEqual(loader.load_items()[0].name, "Reading-lamp")
'''


def add_good_change(b: Breakage) -> None:
    """Work done alongside the consolidation that has nothing to do with it, and must survive
    the rollback: a new helper module, its test, and its use in the data loader."""
    b.write("src/utils/text_normalizer.py", TEXT_NORMALIZER)
    b.write("tests/test_text_normalizer.py", TEXT_NORMALIZER_TEST)
    b.edit("src/utils/data_loader.py",
           "from typing import Dict, Iterator, List, Optional\n",
           "from typing import Dict, Iterator, List, Optional\n\nfrom .text_normalizer import clean_product_name\n")
    b.edit("src/utils/data_loader.py",
           'return Item(str(record["id"]), record["name"].strip(), record["category"], attributes)',
           'return Item(str(record["id"]), clean_product_name(record["name"]), record["category"], attributes)')


def main(build: Callable[[Breakage], str], argv: List[str] = None) -> int:
    """``python3 <script> PROJECT``: applies the breakage, prints what it did, exit 0; else one line, exit 2."""
    argv = sys.argv if argv is None else argv
    script = os.path.basename(argv[0])
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(f"usage: python3 {script} PROJECT_DIR  (a fresh copy of samples/athena)", file=sys.stderr)
        return 2
    root = Path(argv[1])
    if not (root / "src" / "batch_processor").is_dir():
        print(f"{script}: {root} is not a copy of the Athena sample (no src/batch_processor/)", file=sys.stderr)
        return 2
    try:
        b = Breakage(root)
        summary = build(b)
        changed = b.apply()
    except BreakageError as error:
        print(f"{script}: {error}; nothing was changed", file=sys.stderr)
        return 2
    print(summary)
    for line in changed:
        print("  " + line)
    return 0
