"""Benchmark a 24-page edition on two cores, and how a galley grows with its text.

  edition  a 24-page edition generated from the sample articles: pages 1–2 are
           layouts/lead-story*.yaml (a lead story that jumps, 转版, to page 2),
           pages 3–24 the sample page's layout with the articles in turn.
           Built as a whole process (`broadsheet build … --jobs 1` and
           `--jobs 2`, alternating); medians, their ratio, the workers' peak
           memory, whether both builds gave the same bytes, and the CPU time
           each took (this process's children: the build and its workers) —
           on a shared machine the CPU left to us, not --jobs, may set the pace.
  galley   `build_galley` in this process on 10k and 160k characters of the
           sample text (PDF written), alternating; medians and their ratio.

    python bench/edition.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import hashlib
import re
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

ARTICLES = ("chenzhou", "xianning", "river-patrol", "old-street", "spring-farming", "farm-comment", "briefing")
JUMP_PAGES = ("lead-story.yaml", "lead-story-2.yaml")
GALLEY_SIZES = (10_000, 160_000)
# Targets from issue 13.
EDITION_TARGET = 0.6
GALLEY_TARGET = 17.0


def make_edition(project: Path, pages: int) -> Path:
    """Write an edition of ``pages`` pages under ``project``; its path."""
    shutil.copytree(ROOT / "articles", project / "articles")
    (project / "layouts").mkdir()
    listed = []
    for name in JUMP_PAGES:
        shutil.copy(ROOT / "layouts" / name, project / "layouts" / name)
        listed.append(f"layouts/{name}")
    sample = (ROOT / "layouts" / "sample.yaml").read_text(encoding="utf-8")
    for number in range(len(JUMP_PAGES) + 1, pages + 1):
        first = ARTICLES[(2 * number) % len(ARTICLES)]
        second = ARTICLES[(2 * number + 1) % len(ARTICLES)]
        text = re.sub(r"(?m)^page_number: \d+", f"page_number: {number}", sample)
        text = re.sub(r"(?m)^  page_number: \d+", f"  page_number: {number}", text)
        text = text.replace("name: chenzhou", f"name: p{number}-a").replace("name: xianning", f"name: p{number}-b")
        text = text.replace("articles/chenzhou.md", f"articles/{first}.md")
        text = text.replace("articles/xianning.md", f"articles/{second}.md")
        path = project / "layouts" / f"page-{number:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        listed.append(f"layouts/{path.name}")
    edition = project / "edition.yaml"
    edition.write_text("title: 基准测试日报\nissue_date: 2024-03-12\npages:\n"
                       + "".join(f"  - {item}\n" for item in listed), encoding="utf-8")
    return edition


def build_command(edition: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "broadsheet.cli", "build", str(edition), "-o", str(out), "--jobs", str(jobs)]


def digest(out: Path) -> str:
    files = sorted(out.parent.glob(f"{out.stem}*.pdf"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def edition_rows(work: Path, runs: int, pages: int) -> list[str]:
    edition = make_edition(work / "project", pages)
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    memory = ""
    digests = {}
    for run in range(runs + 1):          # the first round warms the file and font caches
        for jobs in times:
            out = work / f"jobs{jobs}" / "edition.pdf"
            started, cpu_started = time.perf_counter(), _children_cpu()
            done = subprocess.run(build_command(edition, out, jobs), check=True, capture_output=True, text=True)
            if run:
                times[jobs].append(time.perf_counter() - started)
                cpu[jobs].append(_children_cpu() - cpu_started)
            digests[jobs] = digest(out)
            memory = next((line for line in done.stdout.splitlines() if "page worker" in line), memory)
    serial, parallel = statistics.median(times[1]), statistics.median(times[2])
    same = "same bytes" if digests[1] == digests[2] else "BYTES DIFFER"
    return [f"{pages}-page edition, --jobs 2 vs --jobs 1 (whole process) | {parallel:.2f} s | {serial:.2f} s | "
            f"{parallel / serial:.2f} | ≤ {EDITION_TARGET} | {same}; CPU {statistics.median(cpu[2]):.2f} s vs "
            f"{statistics.median(cpu[1]):.2f} s; {memory}"]


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def galley_article(work: Path, characters: int) -> Path:
    """The sample article's front matter over its body repeated to ``characters`` characters."""
    sample = (ROOT / "articles" / "chenzhou.md").read_text(encoding="utf-8")
    front, body = sample.split("\n---\n", 1)
    unit = body.strip() + "\n\n"
    text = (unit * (characters // len(unit) + 1))[:characters]
    path = work / f"galley-{characters}.md"
    path.write_text(front + "\n---\n" + text.rstrip() + "\n", encoding="utf-8")
    return path


def galley_rows(work: Path, runs: int) -> list[str]:
    from broadsheet.galley import build_galley
    articles = {size: galley_article(work, size) for size in GALLEY_SIZES}
    times: dict[int, list[float]] = {size: [] for size in GALLEY_SIZES}
    for run in range(runs + 1):
        for size, article in articles.items():
            started = time.perf_counter()
            build_galley(article, work / f"galley-{size}.pdf", warnings=[])
            if run:
                times[size].append(time.perf_counter() - started)
    small, large = (statistics.median(times[size]) for size in GALLEY_SIZES)
    return [f"galley 160k vs 10k characters (in process, PDF written) | {large:.2f} s | {small:.3f} s | "
            f"{large / small:.1f} | ≤ {GALLEY_TARGET:g} |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=24)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    try:
        print("measure | broadsheet | reference | ratio | target | notes")
        for row in edition_rows(work, args.runs, args.pages) + galley_rows(work, args.runs):
            print(row)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
