"""Write src/broadsheet/text/data/words.txt: jieba's dictionary, sorted for lookup in place.

jieba loads its 349k-word dictionary into a Python dict before the first
cut, which takes half a second: more than the rest of a page build.
broadsheet instead searches this sorted copy by bisection (text/segment.py),
so the first headline costs milliseconds and the words found are the same.
Lines are "word frequency", sorted by UTF-8 bytes; the first line holds the
frequency total jieba would compute.  jieba and its dictionary are MIT-licensed.

    python tools/make_word_index.py
"""
from __future__ import annotations

from pathlib import Path

import jieba

TARGET = Path(__file__).resolve().parent.parent / "src" / "broadsheet" / "text" / "data" / "words.txt"


def main() -> None:
    source = Path(jieba.__file__).parent / "dict.txt"
    frequencies: dict[str, int] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, frequency = line.split(" ")[:2]
        frequencies[word] = int(frequency)
    words = sorted(frequencies, key=lambda word: word.encode("utf-8"))
    lines = [f"# total {sum(frequencies.values())}"] + [f"{word} {frequencies[word]}" for word in words]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(words)} words")


if __name__ == "__main__":
    main()
