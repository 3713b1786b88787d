"""Benchmark the whole sample-page build as a process, beside Typst on the same text.

Each run is a fresh process, as an editor runs it:
  broadsheet  `broadsheet build layouts/sample.yaml -o …` (whole pipeline, PDF/X file)
  typst       `python -c "import typst; typst.compile(…)"` on an 8-column page of
              the same two articles at 9 pt, justified, lang zh, with the same
              body face (fonts/BroadsheetSerif-Regular.ttf).
Runs alternate (so machine noise hits both alike); the medians and their
ratio are printed.  Typst is optional (`pip install typst`).

    python bench/page.py [--runs N]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from broadsheet.model import ParagraphKind  # noqa: E402
from broadsheet.source.article import read_article  # noqa: E402

TYPST_PAGE = """#set page(width: 390mm, height: 550mm, margin: (x: 19mm, top: 32mm, bottom: 32mm), columns: 8)
#set columns(gutter: 9pt)
#set text(font: "Broadsheet Serif SC", size: 9pt, lang: "zh")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 4.5pt, spacing: 4.5pt)
"""


def typst_source() -> str:
    parts = [TYPST_PAGE]
    for name in ("chenzhou", "xianning"):
        article = read_article(ROOT / "articles" / f"{name}.md")
        parts.append(f"#text(size: 18pt)[{article.kicker.text}]\n\n#text(size: 36pt, weight: \"bold\")"
                     f"[{article.title.text}]\n\n{article.byline.text}\n")
        for paragraph in article.paragraphs:
            text = paragraph.text.replace("#", "\\#")
            parts.append(f"*{text}*\n" if paragraph.kind is ParagraphKind.LEAD else f"{text}\n")
    return "\n".join(parts)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    broadsheet = [shutil.which("broadsheet") or "broadsheet", "build", str(ROOT / "layouts" / "sample.yaml"),
                  "-o", str(work / "sample.pdf")]
    commands = {"broadsheet": broadsheet}
    try:
        import typst  # noqa: F401
        source = work / "sample.typ"
        source.write_text(typst_source(), encoding="utf-8")
        commands["typst"] = [sys.executable, "-c",
                             f"import typst; typst.compile({str(source)!r}, output={str(work / 'typst.pdf')!r}, "
                             f"font_paths=[{str(ROOT / 'fonts')!r}])"]
    except ImportError:
        print("typst not installed: timing broadsheet alone (pip install typst to compare)")
    for command in commands.values():
        timed(command)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:>10}: median {median:.3f} s over {args.runs} runs "
              f"(min {min(times[name]):.3f}, max {max(times[name]):.3f})")
    if "typst" in medians:
        print(f"ratio broadsheet / typst: {medians['broadsheet'] / medians['typst']:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
