"""Benchmark the sample-page build beside Typst on the same text: cold and warm.

Cold: each run is a fresh process, as an editor runs it:
  broadsheet  `broadsheet build layouts/sample.yaml -o …` (whole pipeline, PDF/X file)
  typst       `python -c "import typst; typst.compile(…)"` on an 8-column page of
              the same two articles at 9 pt, justified, lang zh, with the same
              body face (fonts/BroadsheetSerif-Regular.ttf), system fonts ignored.
Warm, in this process (imports done, fonts loaded), with the PDF written:
  full rebuild     `build_layout` with a new Composer (nothing kept) beside a new
                   `typst.Compiler(...).compile()` (its fresh-compiler time);
  one-article edit one character of an article changed, `build_layout` with the
                   Composer kept from the last build beside the same Typst
                   compiler recompiling its edited source.
Runs alternate (so machine noise hits both alike); the medians and their
ratios are printed as a table.  Typst is optional (`pip install typst`).

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


# Targets from issue 13: broadsheet / Typst.
COLD_TARGET = 1.5
WARM_FULL_TARGET = 2.0
WARM_EDIT_TARGET = 3.0
# The one-article edit: a character of the first article, and back.
EDIT = ("郴州是一座", "郴州是这座")


def row(measure: str, ours: float, theirs: float | None, target: float) -> str:
    if theirs is None:
        return f"{measure} | {ours * 1000:.0f} ms | – | – | ≤ {target:g}"
    return f"{measure} | {ours * 1000:.0f} ms | {theirs * 1000:.0f} ms | {ours / theirs:.2f} | ≤ {target:g}"


def warm_rows(work: Path, runs: int) -> list[str]:
    """Full rebuilds and one-article edits in this process, beside Typst's."""
    from broadsheet.build import build_layout
    from broadsheet.layout.page import Composer
    project = work / "warm"
    (project / "layouts").mkdir(parents=True)
    (project / "articles").mkdir()
    shutil.copy(ROOT / "layouts" / "sample.yaml", project / "layouts")
    for name in ("chenzhou", "xianning"):
        shutil.copy(ROOT / "articles" / f"{name}.md", project / "articles")
    shutil.copytree(ROOT / "articles" / "ads", project / "articles" / "ads")   # the page's advertisement
    layout, article = project / "layouts" / "sample.yaml", project / "articles" / "chenzhou.md"
    versions = [article.read_text(encoding="utf-8")]
    versions.append(versions[0].replace(*EDIT, 1))
    try:
        import typst
        source = project / "sample.typ"
        typst_versions = [typst_source()]
        typst_versions.append(typst_versions[0].replace(*EDIT, 1))
        source.write_text(typst_versions[0], encoding="utf-8")

        def typst_compiler():
            return typst.Compiler(str(source), font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
        compiler = typst_compiler()
        compiler.compile(output=str(project / "typst.pdf"))
    except ImportError:
        typst = None
    composer = Composer()
    build_layout(layout, project / "sample.pdf", composer=composer)
    times: dict[str, list[float]] = {"full": [], "typst fresh": [], "edit": [], "typst edit": []}

    def timed_call(name: str, call) -> None:
        started = time.perf_counter()
        call()
        times[name].append(time.perf_counter() - started)

    for run in range(runs):
        version = (run + 1) % 2
        timed_call("full", lambda: build_layout(layout, project / "full.pdf", composer=Composer()))
        if typst is not None:
            timed_call("typst fresh", lambda: typst_compiler().compile(output=str(project / "fresh.pdf")))
            source.write_text(typst_versions[version], encoding="utf-8")
            timed_call("typst edit", lambda: compiler.compile(output=str(project / "typst.pdf")))
        article.write_text(versions[version], encoding="utf-8")
        timed_call("edit", lambda: build_layout(layout, project / "sample.pdf", composer=composer))
    medians = {name: statistics.median(values) if values else None for name, values in times.items()}
    return [row("warm full rebuild vs Typst fresh compiler", medians["full"], medians["typst fresh"],
                WARM_FULL_TARGET),
            row("warm one-article edit vs Typst warm recompile", medians["edit"], medians["typst edit"],
                WARM_EDIT_TARGET)]


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
                             f"font_paths=[{str(ROOT / 'fonts')!r}], ignore_system_fonts=True)"]
    except ImportError:
        print("typst not installed: timing broadsheet alone (pip install typst to compare)")
    for command in commands.values():
        timed(command)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"medians of {args.runs} runs each, alternating")
    print("measure | broadsheet | typst | ratio | target")
    print(row("cold whole-process sample page", medians["broadsheet"], medians.get("typst"), COLD_TARGET))
    for line in warm_rows(work, args.runs):
        print(line)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
