"""A throwaway copy of the sample project (layout and articles) for tests that
break its sources; fonts stay in the repository, as fonts/roles.yaml names them."""
from __future__ import annotations

import shutil
from pathlib import Path

from broadsheet.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LAYOUT = "layouts/sample.yaml"
SAMPLE_ARTICLES = ("articles/chenzhou.md", "articles/xianning.md")
SAMPLE_AD = "articles/ads/jiangzhou-bank-350x228.pdf"


class Project:
    """The sample page's sources under ``root``, edited in place by a test."""

    def __init__(self, root: Path):
        self.root = root
        for relative in (SAMPLE_LAYOUT, *SAMPLE_ARTICLES, SAMPLE_AD):
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / relative, root / relative)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str | bytes) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_bytes(text.encode("utf-8"))

    def replace(self, relative: str, old: str, new: str) -> None:
        """Edit a source: ``old`` must be there, or the test would test nothing."""
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1))

    def build(self, capsys, *args: str, layout: str = SAMPLE_LAYOUT) -> tuple[int, str, str]:
        """Run ``broadsheet build`` as a user does, from the project folder
        (the caller chdirs there): (exit status, stdout, stderr)."""
        capsys.readouterr()
        status = main(["build", layout, *args])
        out, err = capsys.readouterr()
        return status, out, err
