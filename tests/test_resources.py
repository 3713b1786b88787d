"""Resource bounds: a 1 MB article (about 330,000 characters, a hundred
times the block) completes in bounded time and memory, in a process of its
own so that the memory peak is this build's.  The figures measured here are
about 4 s and 200 MB; the bounds are generous, to catch a runaway (a
quadratic step, a copy per line), not to time the machine: the time bound is
on the process's CPU seconds, which a busy machine does not inflate."""
from __future__ import annotations

import json
import subprocess
import sys

from project import ROOT

MEGABYTE = 1_000_000
MAX_SECONDS = 60.0
MAX_PEAK_MEGABYTES = 1_000.0


def test_one_megabyte_article_completes_within_bounds():
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "huge_article.py"), "--json"], capture_output=True,
                         text=True, check=True, timeout=2 * MAX_SECONDS)
    figures = json.loads(run.stdout)
    assert figures["bytes"] >= MEGABYTE
    assert figures["cpu_s"] < MAX_SECONDS
    assert figures["peak_rss_mb"] < MAX_PEAK_MEGABYTES
    assert figures["blocks"]["chenzhou"]["overset"] > figures["blocks"]["chenzhou"]["set"] > 0
