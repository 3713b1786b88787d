"""Write output files so that a failed build never replaces the last good one."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# What a newly created file may be (rw for all), before the user's umask.
NEW_FILE_MODE = 0o666


@contextmanager
def replaced_on_success(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place only if the
    block finishes without an exception (a rename is atomic on one filesystem).

    The file is flushed to disk before the rename, so that a crash right after
    it cannot leave an empty file where the last good one was, and it gets
    the permissions an ordinary new file would (mkstemp makes it owner-only)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    path = Path(temporary)
    try:
        yield path
        with open(path, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(path, NEW_FILE_MODE & ~_umask())
        os.replace(path, target)
    finally:
        if path.exists():
            path.unlink()


def _umask() -> int:
    """The process's umask (it can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
