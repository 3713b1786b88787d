"""Results kept on disk between processes (diskcache.py): headline words and
QR modules.  A build that has seen its headlines and URLs before imports
neither jieba nor qrcode, and gives the same bytes; an entry that cannot be
read, or does not answer its question, is made again."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from broadsheet import diskcache
from broadsheet.layout import qr
from broadsheet.text import segment
from project import ROOT

BUILD_AND_SAY_WHAT_WAS_IMPORTED = """
import sys
from broadsheet.cli import main
main(["build", "layouts/sample.yaml", "-o", sys.argv[1]])
print("imported:", "jieba" in sys.modules, "qrcode" in sys.modules)
"""


def _build(cache, out) -> str:
    done = subprocess.run([sys.executable, "-c", BUILD_AND_SAY_WHAT_WAS_IMPORTED, str(out)], cwd=ROOT,
                          env={**os.environ, "BROADSHEET_CACHE": str(cache)}, capture_output=True, text=True,
                          check=True)
    return done.stdout.splitlines()[-1]


def test_a_build_that_saw_its_headlines_and_urls_before_imports_neither_jieba_nor_qrcode(tmp_path):
    cache = tmp_path / "cache"
    assert _build(cache, tmp_path / "first.pdf") == "imported: True True"
    assert list((cache / segment.CUT_CACHE).glob("*.json")) and list((cache / qr.QR_CACHE).glob("*.json"))
    assert _build(cache, tmp_path / "second.pdf") == "imported: False False"
    assert (tmp_path / "second.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()


def test_a_headline_cut_that_cannot_be_read_or_does_not_fit_its_text_is_cut_again(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_ROOT", tmp_path)
    text = "一座富矿老城如何塑造高质量发展新动能"
    words = segment.cut(text)
    (entry,) = (tmp_path / segment.CUT_CACHE).glob("*.json")
    for kept in (b"[\"\xe4", json.dumps(["别的", "标题"]).encode(), b"{}"):   # cut short; another text's; not a list
        entry.write_bytes(kept)
        assert segment.cut(text) == words
        assert json.loads(entry.read_bytes()) == words   # and kept right again


def test_qr_modules_that_cannot_be_read_or_are_not_a_square_are_coded_again(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_ROOT", tmp_path)
    url = "https://www.example.com/news/2024/03/12/story.html"
    qr._matrix.cache_clear()
    modules = qr._matrix(url)
    (entry,) = (tmp_path / qr.QR_CACHE).glob("*.json")
    for kept in (b"[\"0101", json.dumps(["01", "10", "11"]).encode(), b"\"01\""):
        entry.write_bytes(kept)
        qr._matrix.cache_clear()
        assert qr._matrix(url) == modules
    assert modules == qr._coded(url)
