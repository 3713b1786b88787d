"""Where a sample-page build spends its time, phase by phase (CPU medians).

Rows:
  cold         the first build in a fresh process (imports done first, not
               counted; faces and subsets read back from the user cache);
  warm full    `build_layout` with a new Composer and reader in a warm process;
  warm edit    one character of an article changed, the Composer and reader kept
               (as bench/page.py measures them).
Phases (each includes what is listed after it on the same line):
  build        the whole `build_layout` call
  compose      composing the page (reading articles, breaking, flowing, traps)
  write        drawing, placing supplied files and PDF/X (`write_pdf`):
    draw       reportlab drawing the page (`draw_pages`), of which
      save     reportlab writing its objects (`Canvas.save`)
    pdfx       the PDF/X keys and the one pikepdf save (`write_pdfx`)
  faces        reading parsed faces back from the cache (`read_record`)
  commit       moving the outputs into place (`Transaction.commit`)

    python bench/phases.py [--runs N]
"""
from __future__ import annotations

import argparse
import functools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PHASES = ("build", "compose", "write", "draw", "save", "pdfx", "faces", "commit")
# The one-article edit of bench/page.py: a character of the first article, and back.
EDIT = ("郴州是一座", "郴州是这座")


def timing(spent: dict[str, float]) -> None:
    """Wrap the pipeline's phases so that each adds its CPU time to ``spent``."""
    from reportlab.pdfgen.canvas import Canvas

    import broadsheet.build as build
    import broadsheet.fonts.facecache as facecache
    from broadsheet.layout.page import Composer
    from broadsheet.render.output import Transaction

    def wrap(owner, attribute: str, phase: str) -> None:
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] = spent.get(phase, 0.0) + time.process_time() - started
        setattr(owner, attribute, timed)
    wrap(build, "build_layout", "build")
    wrap(Composer, "compose_pages", "compose")
    wrap(build, "write_pdf", "write")
    wrap(build, "draw_pages", "draw")
    wrap(Canvas, "save", "save")
    wrap(build, "write_pdfx", "pdfx")
    wrap(facecache, "read_record", "faces")
    wrap(Transaction, "commit", "commit")


def project(work: Path) -> Path:
    """A copy of the sample page's sources to edit; its layout's path."""
    (work / "layouts").mkdir(parents=True)
    shutil.copy(ROOT / "layouts" / "sample.yaml", work / "layouts")
    (work / "articles").mkdir()
    for name in ("chenzhou", "xianning"):
        shutil.copy(ROOT / "articles" / f"{name}.md", work / "articles")
    shutil.copytree(ROOT / "articles" / "ads", work / "articles" / "ads")
    return work / "layouts" / "sample.yaml"


def cold_once() -> dict[str, float]:
    """The phases of the first build in this (fresh) process."""
    spent: dict[str, float] = {}
    timing(spent)
    import broadsheet.build as build
    with tempfile.TemporaryDirectory(prefix="broadsheet-phases-") as folder:
        layout = project(Path(folder))
        build.build_layout(layout, Path(folder) / "sample.pdf")
    return spent


def warm(runs: int) -> dict[str, list[dict[str, float]]]:
    spent: dict[str, float] = {}
    timing(spent)
    import broadsheet.build as build
    from broadsheet.layout.page import Composer
    from broadsheet.source.reader import SourceReader
    samples: dict[str, list[dict[str, float]]] = {"warm full": [], "warm edit": []}
    with tempfile.TemporaryDirectory(prefix="broadsheet-phases-") as folder:
        layout = project(Path(folder))
        article = layout.parent.parent / "articles" / "chenzhou.md"
        versions = [article.read_text(encoding="utf-8")]
        versions.append(versions[0].replace(*EDIT, 1))
        composer, reader = Composer(), SourceReader()
        build.build_layout(layout, Path(folder) / "sample.pdf", composer=composer, reader=reader)
        for run in range(runs):
            spent.clear()
            build.build_layout(layout, Path(folder) / "full.pdf", composer=Composer(), reader=SourceReader())
            samples["warm full"].append(dict(spent))
            article.write_text(versions[(run + 1) % 2], encoding="utf-8")
            spent.clear()
            build.build_layout(layout, Path(folder) / "sample.pdf", composer=composer, reader=reader)
            samples["warm edit"].append(dict(spent))
    return samples


def row(name: str, samples: list[dict[str, float]]) -> str:
    medians = [statistics.median(sample.get(phase, 0.0) for sample in samples) * 1000 for phase in PHASES]
    return f"{name:10} | " + " | ".join(f"{value:7.1f}" for value in medians)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cold-once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_once:
        print(json.dumps(cold_once()))
        return
    cold = [json.loads(subprocess.run([sys.executable, __file__, "--cold-once"], check=True, capture_output=True,
                                      text=True).stdout) for _ in range(args.runs)]
    print(f"CPU ms, medians of {args.runs} builds of the sample page")
    print(f"{'':10} | " + " | ".join(f"{phase:>7}" for phase in PHASES))
    print(row("cold", cold))
    for name, samples in warm(args.runs).items():
        print(row(name, samples))


if __name__ == "__main__":
    main()
