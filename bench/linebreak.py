"""Benchmark the line breaker alone: characters per second, and how time grows.

Sets one paragraph made of the sample articles' text, repeated to 10k, 20k,
40k, 80k and 160k characters, at the 13-character broadsheet measure, and
prints the time per size and the ratio to the 10k time.  Linear time means
the ratios double with the size (2, 4, 8, 16); quadratic would give 4, 16, 64…

    python bench/linebreak.py [--repeat N]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from broadsheet.fonts import load_font_set
from broadsheet.source.article import read_article
from broadsheet.text.justify import set_paragraph
from broadsheet.text.linebreak import Measure

ROOT = Path(__file__).resolve().parent.parent
SIZES = [10_000, 20_000, 40_000, 80_000, 160_000]
MEASURE_EM = 13


def sample_text() -> str:
    parts = []
    for name in ("chenzhou", "xianning"):
        parts += [p.text for p in read_article(ROOT / "articles" / f"{name}.md").paragraphs]
    return "".join(parts)


def best_time(text: str, metrics, repeat: int) -> tuple[float, int]:
    best, lines = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        lines = len(set_paragraph(text, metrics, Measure(MEASURE_EM, 2)))
        best = min(best, time.perf_counter() - started)
    return best, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    args = parser.parse_args()
    metrics = load_font_set()["body"].metrics
    source = sample_text()
    print(f"{'characters':>10} {'lines':>7} {'seconds':>8} {'chars/s':>9} {'× 10k time':>10}")
    base = None
    for size in SIZES:
        text = (source * (size // len(source) + 1))[:size]
        seconds, lines = best_time(text, metrics, args.repeat)
        base = base or seconds
        print(f"{size:>10} {lines:>7} {seconds:>8.3f} {size / seconds:>9.0f} {seconds / base:>10.2f}")


if __name__ == "__main__":
    main()
