"""Benchmark the sample-page build beside Typst on the same text: cold and warm.

Cold: each run is a fresh process, as an editor runs it:
  broadsheet  `broadsheet build layouts/sample.yaml -o …` (whole pipeline, PDF/X file)
  typst       `python -c "import typst; typst.compile(…)"` on an 8-column page of
              the same two articles at 9 pt, justified, lang zh, with the same
              body face (fonts/BroadsheetSerif-Regular.ttf), system fonts ignored.
Warm, in this process (imports done, fonts loaded), with the PDF written:
  full rebuild     `build_layout` with a new Composer and reader (nothing kept) beside a new
                   `typst.Compiler(...).compile()` (its fresh-compiler time);
  one-article edit one character of an article changed, `build_layout` with the
                   Composer and SourceReader kept from the last build beside the same Typst
                   compiler recompiling its edited source.
Floors, the same way (what no change inside broadsheet can go under):
  cold   a fresh process that only imports the libraries a sample build
         needs (reportlab, PyYAML, markdown-it-py, qrcode, pikepdf);
  warm   reportlab alone writing the page's characters, 13 to a line, with
         the body face embedded as a subset (no composition, no PDF/X).
Before the cold runs broadsheet's own modules are compiled to bytecode, as an
installed wheel is: where PYTHONDONTWRITEBYTECODE is set (this workplace sets
it) an editable install would otherwise compile every module on every run.
Runs alternate (so machine noise hits both alike); the medians and their
ratios are printed as a table, wall time first, then CPU time (all threads and
processes): on a machine others load, a longer run waits more often for a core,
so the CPU ratio shows what a quiet machine would.  Typst is optional
(`pip install typst`).

    python bench/page.py [--runs N]
"""
from __future__ import annotations

import argparse
import compileall
import resource
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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command run as a fresh process."""
    started, cpu_started = time.perf_counter(), _children_cpu()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu_started


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Targets from issue 13: broadsheet / Typst.
COLD_TARGET = 1.5
WARM_FULL_TARGET = 2.0
WARM_EDIT_TARGET = 3.0
# The one-article edit: a character of the first article, and back.
EDIT = ("郴州是一座", "郴州是这座")


# The cold floor: the libraries a sample build cannot do without, imported.
IMPORT_FLOOR = "import reportlab.pdfgen.canvas, yaml, markdown_it, qrcode, pikepdf"


# reportlab alone, in a process of its own (a face registered in this one may
# be one broadsheet's font cache made, which reportlab would reuse).
REPORTLAB_FLOOR = """
import io, json, sys, time
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
font, runs, lines = sys.argv[1], int(sys.argv[2]), json.loads(sys.stdin.read())
pdfmetrics.registerFont(TTFont("FloorBody", font))
samples = []
for _ in range(runs):
    started, cpu_started = time.perf_counter(), time.process_time()
    canvas = Canvas(io.BytesIO(), pagesize=(1106, 1559))
    canvas.setFont("FloorBody", 9)
    for number, line in enumerate(lines):
        column, row_in_column = divmod(number, 102)
        canvas.drawString(54 + column * 126, 1468 - row_in_column * 13.5, line)
    canvas.showPage()
    canvas.save()
    samples.append((time.perf_counter() - started, time.process_time() - cpu_started))
print(json.dumps(samples))
"""


def reportlab_floor(runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) of reportlab writing the sample's body characters in the
    body face, 13 to a line, 102 lines a column, a subset embedded: the least a
    PDF of this page costs with our writer, before any typesetting.  Timed in a
    fresh process, the face registered from its file, after one warm-up page."""
    import json
    text = "".join(paragraph.text for name in ("chenzhou", "xianning")
                   for paragraph in read_article(ROOT / "articles" / f"{name}.md").paragraphs)
    chars_a_line = 13
    lines = [text[start:start + chars_a_line] for start in range(0, len(text), chars_a_line)]
    done = subprocess.run([sys.executable, "-c", REPORTLAB_FLOOR, str(ROOT / "fonts" / "BroadsheetSerif-Regular.ttf"),
                           str(runs + 1)], input=json.dumps(lines), capture_output=True, text=True, check=True)
    return [tuple(sample) for sample in json.loads(done.stdout)[1:]]


def floor_row(measure: str, floor: list[tuple[float, float]], theirs: list[tuple[float, float]],
              target: float) -> str:
    """A floor beside Typst: how far under the target ratio the floor alone already is."""
    wall, their_wall = statistics.median(s[0] for s in floor), statistics.median(s[0] for s in theirs)
    return (f"{measure} | {wall * 1000:.0f} ms | {their_wall * 1000:.0f} ms | {wall / their_wall:.2f} | ≤ {target:g} "
            f"| the floor alone is {wall / their_wall / target:.1f} × the target")


def row(measure: str, times: dict[str, list[tuple[float, float]]], ours: str, theirs: str, target: float) -> str:
    """One line of the table from (wall, CPU) samples: medians and their ratios."""
    wall = {name: statistics.median(sample[0] for sample in samples) for name, samples in times.items() if samples}
    cpu = {name: statistics.median(sample[1] for sample in samples) for name, samples in times.items() if samples}
    if theirs not in wall:
        return f"{measure} | {wall[ours] * 1000:.0f} ms | – | – | ≤ {target:g} | CPU {cpu[ours] * 1000:.0f} ms"
    return (f"{measure} | {wall[ours] * 1000:.0f} ms | {wall[theirs] * 1000:.0f} ms | {wall[ours] / wall[theirs]:.2f} "
            f"| ≤ {target:g} | CPU {cpu[ours] * 1000:.0f} vs {cpu[theirs] * 1000:.0f} ms: "
            f"{cpu[ours] / cpu[theirs]:.2f}")


def warm_rows(work: Path, runs: int) -> list[str]:
    """Full rebuilds and one-article edits in this process, beside Typst's."""
    from broadsheet.build import build_layout
    from broadsheet.layout.page import Composer
    from broadsheet.source.reader import SourceReader
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
    composer, reader = Composer(), SourceReader()
    build_layout(layout, project / "sample.pdf", composer=composer, reader=reader)
    times: dict[str, list[tuple[float, float]]] = {"full": [], "typst fresh": [], "edit": [], "typst edit": []}

    def timed_call(name: str, call) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        times[name].append((time.perf_counter() - started, time.process_time() - cpu_started))

    for run in range(runs):
        version = (run + 1) % 2
        timed_call("full", lambda: build_layout(layout, project / "full.pdf", composer=Composer()))
        if typst is not None:
            timed_call("typst fresh", lambda: typst_compiler().compile(output=str(project / "fresh.pdf")))
            source.write_text(typst_versions[version], encoding="utf-8")
            timed_call("typst edit", lambda: compiler.compile(output=str(project / "typst.pdf")))
        article.write_text(versions[version], encoding="utf-8")
        timed_call("edit", lambda: build_layout(layout, project / "sample.pdf", composer=composer, reader=reader))
    rows = [row("warm full rebuild vs Typst fresh compiler", times, "full", "typst fresh", WARM_FULL_TARGET),
            row("warm one-article edit vs Typst warm recompile", times, "edit", "typst edit", WARM_EDIT_TARGET)]
    if times["typst fresh"]:
        floor = reportlab_floor(runs)
        rows.append(floor_row("floor: reportlab writing the characters, vs fresh", floor, times["typst fresh"],
                              WARM_FULL_TARGET))
        rows.append(floor_row("floor: reportlab writing the characters, vs edit", floor, times["typst edit"],
                              WARM_EDIT_TARGET))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    broadsheet = [shutil.which("broadsheet") or "broadsheet", "build", str(ROOT / "layouts" / "sample.yaml"),
                  "-o", str(work / "sample.pdf")]
    compileall.compile_dir(ROOT / "src", quiet=1)
    commands = {"broadsheet": broadsheet, "import floor": [sys.executable, "-c", IMPORT_FLOOR]}
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
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    print(f"medians of {args.runs} runs each, alternating")
    print("measure | broadsheet | typst | ratio | target | CPU time")
    print(row("cold whole-process sample page", times, "broadsheet", "typst", COLD_TARGET))
    if "typst" in times:
        print(floor_row("floor: python importing the libraries it needs", times["import floor"], times["typst"],
                        COLD_TARGET))
    for line in warm_rows(work, args.runs):
        print(line)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
