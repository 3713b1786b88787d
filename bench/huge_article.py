"""Resource bounds: build the sample page with a generated 1 MB article.

    python bench/huge_article.py [--shape paragraphs|short-paragraphs|one-paragraph] [--megabytes 1] [--json]

``short-paragraphs`` is one short line per paragraph (100,000 of them in
2.2 MB); ``one-paragraph`` is refused past 200,000 characters (about 0.6 MB).

Prints wall time, CPU time and peak memory (resident set, from
resource.getrusage) of one in-process build, and the block's figures (as
JSON with --json).  Each run is a fresh process, so the peak is this build's
alone.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BYTES_PER_MEGABYTE = 1_000_000
# VmHWM and ru_maxrss are in kilobytes on Linux.
KILOBYTES_PER_MEGABYTE = 1024


def peak_megabytes() -> float:
    """This process's peak resident memory.  Linux's VmHWM belongs to the
    process's own memory map; ru_maxrss also carries the peak of the process
    that forked it (a large pytest process made a 90 MB build read 1.09 GB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / KILOBYTES_PER_MEGABYTE
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KILOBYTES_PER_MEGABYTE


def article_text(shape: str, size_bytes: int) -> str:
    """The sample article's body repeated (``paragraphs``), numbered one-line
    paragraphs (``short-paragraphs``), or its characters run together without
    punctuation or breaks (``one-paragraph``)."""
    sample = (ROOT / "articles" / "chenzhou.md").read_text(encoding="utf-8")
    front, body = sample.split("\n---\n", 1)
    if shape == "short-paragraphs":
        text, number, length = [], 0, 0
        while length < size_bytes:   # characters, at most the bytes: cut to bytes below
            text.append(f"第{number}段短文。\n\n")
            length += len(text[-1])
            number += 1
        return front + "\n---\n" + "".join(text).encode("utf-8")[:size_bytes].decode("utf-8", errors="ignore")
    if shape == "one-paragraph":
        han = "".join(char for char in body if "\u4e00" <= char <= "\u9fff")
        unit = han
    else:
        unit = body.strip() + "\n\n"
    repeats = size_bytes // len(unit.encode("utf-8")) + 1
    text = (unit * repeats).encode("utf-8")[:size_bytes].decode("utf-8", errors="ignore")
    return front + "\n---\n" + text + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=("paragraphs", "short-paragraphs", "one-paragraph"), default="paragraphs")
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    from broadsheet.build import build_layout
    from broadsheet.errors import BroadsheetError

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "layouts").mkdir()
        (project / "articles").mkdir()
        shutil.copy(ROOT / "layouts" / "sample.yaml", project / "layouts")
        shutil.copy(ROOT / "articles" / "xianning.md", project / "articles")
        shutil.copytree(ROOT / "articles" / "ads", project / "articles" / "ads")
        article = project / "articles" / "chenzhou.md"
        article.write_text(article_text(args.shape, int(args.megabytes * BYTES_PER_MEGABYTE)), encoding="utf-8")
        size = article.stat().st_size
        start, cpu_start = time.perf_counter(), time.process_time()
        blocks: dict[str, dict[str, int]] = {}
        try:
            result = build_layout(project / "layouts" / "sample.yaml", project / "page.pdf")
            blocks = {block.name: {"set": block.characters_set, "overset": block.characters_overset}
                      for block in result.pages[0].blocks}
            outcome = "; ".join(f"{name}: {figures['set']} set, {figures['overset']} overset"
                                for name, figures in blocks.items())
        except BroadsheetError as error:
            outcome = f"failed cleanly: {error}"
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = peak_megabytes()
    if args.json:
        print(json.dumps({"bytes": size, "shape": args.shape, "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": peak,
                          "blocks": blocks, "outcome": outcome}, ensure_ascii=False))
    else:
        print(f"article {size / BYTES_PER_MEGABYTE:.2f} MB ({args.shape}): {wall:.1f} s wall, {cpu:.1f} s CPU, "
              f"peak RSS {peak:.0f} MB\n{outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
