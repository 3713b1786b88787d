"""Write output files so that a failed build never replaces the last good one."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replaced_on_success(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place only if the
    block finishes without an exception (a rename is atomic on one filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    path = Path(temporary)
    try:
        yield path
        os.replace(path, target)
    finally:
        if path.exists():
            path.unlink()
