"""Issue 12's acceptance counts, measured on galleys of the mixed-text samples.

Sets each sample as a galley at 10, 13 and 17 characters, reads every glyph
back with pdfium and counts: one-character lines, lines starting with a blank
(U+3000) or with ∶, CJK–Latin gaps over ½ em or under ⅛ em, loose lines
(> ¼ em per ideograph gap; those in a paragraph that has no tighter setting
at all counted apart, each with the worst line of the least loose setting the
rules allow, found by an exhaustive search), and characters refused (not in
the body face).

    python bench/typography.py [ARTICLE ...]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from broadsheet.errors import SourceError  # noqa: E402
from broadsheet.fonts import load_font_set  # noqa: E402
from broadsheet.galley import DEFAULT_GALLEY_SIZE, GALLEY_BLEED, GALLEY_MARGIN, build_galley  # noqa: E402
from broadsheet.model import ParagraphKind  # noqa: E402
from broadsheet.source.article import read_article  # noqa: E402
from broadsheet.text.linebreak import FIRST_PASS_MAX_RATIO, Measure, _total_fit  # noqa: E402
from broadsheet.text.prepare import prepare  # noqa: E402
from exhaustive import least_loose  # noqa: E402
from readback import paragraphs_of, read_lines  # noqa: E402
from typography_checks import (ideographic_space_edges, loose_lines, mixed_gap_bounds,  # noqa: E402
                               one_character_lines)

SAMPLES = ["articles/samples/mixed.md", "articles/samples/briefs.md"]
MEASURES = [10, 13, 17]
INDENT_EM = 2.0
COLUMNS = ["one-char lines", "blank/∶ starts", "gaps out of ⅛–½", "loose (avoidable)", "loose (forced)", "refused"]


def measure_galley(sample: Path, measure: int, out: Path, metrics) -> list[int]:
    article = read_article(sample)
    texts = [p.text for p in article.paragraphs if p.kind is ParagraphKind.BODY]
    refused = sum(1 for text in texts for char in text if not metrics.has(char))
    pdf = out / f"{sample.stem}-{measure}.pdf"
    try:
        build_galley(sample, pdf, measure=measure)
    except SourceError as error:
        print(f"  {sample.name}@{measure}: refused: {error}")
        return [0, 0, 0, 0, 0, max(refused, 1)]
    em = DEFAULT_GALLEY_SIZE
    left = GALLEY_BLEED + GALLEY_MARGIN
    name = f"{sample.name}@{measure}"
    counts = [0] * len(COLUMNS)
    for text, lines in zip(texts, paragraphs_of(read_lines(pdf), texts)):
        findings = [one_character_lines(name, lines), ideographic_space_edges(name, lines, left, em),
                    mixed_gap_bounds(name, lines, em, metrics.advance)]
        loose = loose_lines(name, lines, em)
        prepared, line_measure = prepare(text, metrics), Measure(measure, INDENT_EM)
        forced = bool(loose) and _total_fit(prepared, line_measure, FIRST_PASS_MAX_RATIO) is None
        if forced:
            least = least_loose(prepared, line_measure)
            loose = [f"{finding} (the least loose setting allowed has a +{least:.2f} em line)" for finding in loose]
        findings += [[] if forced else loose, loose if forced else []]
        for column, found in enumerate(findings):
            counts[column] += len(found)
            for finding in found:
                print("  " + finding)
    counts[-1] = refused
    return counts


def main(samples: list[str]) -> int:
    metrics = load_font_set()["body"].metrics
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for sample in samples or SAMPLES:
            for measure in MEASURES:
                rows.append((f"{Path(sample).name}@{measure}",
                             measure_galley(ROOT / sample, measure, Path(scratch), metrics)))
    width = max(len(name) for name, _ in rows)
    print(f"{'galley':<{width}}  " + "  ".join(COLUMNS))
    for name, counts in rows:
        print(f"{name:<{width}}  " + "  ".join(f"{count:>{len(column)}}" for count, column in zip(counts, COLUMNS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
