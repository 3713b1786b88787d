"""What a cold start keeps on disk: results that depend only on their inputs.

A build process starts from nothing; a few results cost it more to make than
to read back: a face's parsed tables (fonts/facecache.py), a subset's font
program (fonts/embedding.py), a headline's words (jieba, whose import alone
takes 20 ms), a URL's QR modules (qrcode's mask search, 7 ms a code).  Each
is kept in the user cache folder under a name made from everything it
depends on, the versions of the code that made it included, so a changed
input or library makes it afresh and an old file is simply never read again
(delete the folder to reclaim it).

Files are written under a temporary name and renamed into place, so builds
running at once never read half a file; a file that cannot be read is made
again; a folder that cannot be written costs only time.  The same inputs
give the same bytes whether a result was made or read back.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

CACHE_ROOT = Path(os.environ.get("BROADSHEET_CACHE", Path.home() / ".cache" / "broadsheet"))


def entry_path(kind: str, *key: object) -> Path:
    """The file for one result of a ``kind`` (a folder of the cache), named by its key."""
    digest = hashlib.sha256("\0".join(map(str, key)).encode("utf-8")).hexdigest()[:32]
    return CACHE_ROOT / kind / f"{digest}.json"


def read_json(entry: Path) -> Any | None:
    """The value kept in ``entry``; None if there is none or it cannot be read."""
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return None


def write_json(entry: Path, value: Any) -> None:
    write_atomically(entry, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def write_atomically(entry: Path, data: bytes) -> None:
    """``data`` into ``entry`` by a temporary file renamed into place (a
    build running at once reads the old file or the new, never half of one)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, entry)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass   # a read-only or full cache folder: the result is made again next time


@lru_cache(maxsize=None)
def package_stamp(name: str) -> str:
    """Which installed version of a package: its main file's size and
    modification time, found without importing it (importing is what a kept
    result saves)."""
    spec = find_spec(name)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return "absent"
    status = origin.stat()
    return f"{origin}:{status.st_size}:{status.st_mtime_ns}"
