"""Write a build's outputs as one transaction: every file replaced, or none.

Each output (the PDF, an edition's page PDFs, the report, the PNG proofs) is
written to a temporary file beside its target.  Only when all of them exist
are they moved into place, one rename each; if a rename fails, those already
made are undone from hard-linked copies of the files they replaced.  On any
error, Ctrl-C or SIGTERM the temporaries are removed and the targets stay
byte for byte as they were.

Temporaries are named ``.page.pdf.broadsheet-partial-<pid>`` (``-<role>``
for scratch files such as reportlab's raw PDF, ``-old`` for the copies kept
while committing): a build killed with SIGKILL leaves at most these, and the
next build writing into the same folder removes those whose process is gone.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path

from ..errors import BuildError

# What a newly created file may be (rw for all), before the user's umask.
NEW_FILE_MODE = 0o666
TEMPORARY_MARK = "broadsheet-partial"
_TEMPORARY_NAME = re.compile(rf"^\..+\.{TEMPORARY_MARK}-(\d+)(?:-[a-z]+)?$")
BACKUP_ROLE = "old"
# Signals that must not cut a commit in half: they are held until it is done.
DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# For the tests of interrupted builds: with this set to a number of seconds,
# a build that has staged every output says so on stderr and waits that long
# before committing, so a test can signal it at a known point.
HOLD_VARIABLE = "BROADSHEET_TEST_HOLD_BEFORE_COMMIT"
HOLD_NOTICE = "broadsheet: every output staged; holding before commit"
_committed = 0   # transactions this process has put in place


def commits() -> int:
    """How many transactions this process has committed (a signal handler
    tells from it whether outputs were already replaced)."""
    return _committed


class Transaction:
    """The outputs of one build.  ``stage(target)`` gives the temporary path to
    write ``target``'s new content to; leaving the ``with`` block without an
    exception commits them all, with one discards them all."""

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}     # target → its temporary
        self._scratch: list[Path] = []
        self._swept: set[Path] = set()

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None:
            self.discard()
            return
        try:
            _hold_for_tests()
        except BaseException:
            self.discard()
            raise
        self.commit()

    def stage(self, target: Path) -> Path:
        """A fresh temporary beside ``target`` (its folder is made if missing)."""
        if target in self._staged:
            raise BuildError(f"{target} is written twice by one build")
        temporary = self._create(target, None)
        if target.is_dir():
            temporary.unlink()
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        self._staged[target] = temporary
        return temporary

    def scratch(self, target: Path, role: str) -> Path:
        """A working file beside ``target`` that is removed whatever happens."""
        path = self._create(target, role)
        self._scratch.append(path)
        return path

    @property
    def staged(self) -> dict[Path, Path]:
        return dict(self._staged)

    def commit(self) -> None:
        """Move every staged file into place; if one cannot be, undo the others."""
        global _committed
        with _signals_held():
            try:
                for temporary in self._staged.values():
                    with open(temporary, "rb") as written:  # on disk before the rename: no empty file after a crash
                        os.fsync(written.fileno())
                    os.chmod(temporary, NEW_FILE_MODE & ~_umask())
                self._replace_all()
                _committed += 1
            finally:
                self._remove_temporaries()

    def discard(self) -> None:
        with _signals_held():
            self._remove_temporaries()

    def _replace_all(self) -> None:
        backups: dict[Path, Path | None] = {}
        replaced: list[Path] = []
        try:
            for target, temporary in self._staged.items():
                backups[target] = self._backup(target)
                try:
                    os.replace(temporary, target)
                except OSError as error:
                    raise BuildError(f"cannot write {target}: {error.strerror or error}") from error
                replaced.append(target)
        except BaseException:
            for target in replaced:
                backup = backups[target]
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
            raise
        finally:
            for backup in backups.values():
                if backup is not None:
                    backup.unlink(missing_ok=True)

    def _backup(self, target: Path) -> Path | None:
        """The file ``target`` names now, kept under another name (a hard link:
        no copy) to be put back if a later rename fails."""
        if not target.is_file():
            return None
        backup = self._name(target, BACKUP_ROLE)
        backup.unlink(missing_ok=True)
        try:
            os.link(target, backup, follow_symlinks=False)
        except OSError:   # a file system without hard links
            shutil.copy2(target, backup, follow_symlinks=False)
        return backup

    def _create(self, target: Path, role: str | None) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.parent not in self._swept:
            remove_stale_temporaries(target.parent)
            self._swept.add(target.parent)
        path = self._name(target, role)
        path.unlink(missing_ok=True)   # our own, from an earlier build this process made
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return path

    @staticmethod
    def _name(target: Path, role: str | None) -> Path:
        return target.with_name(f".{target.name}.{TEMPORARY_MARK}-{os.getpid()}" + (f"-{role}" if role else ""))

    def _remove_temporaries(self) -> None:
        for path in [*self._staged.values(), *self._scratch]:
            path.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove what builds killed outright (SIGKILL, a power cut) left in
    ``folder``: temporaries whose process no longer runs."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _TEMPORARY_NAME.match(path.name)
        if match and int(match[1]) != os.getpid() and not _running(int(match[1])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's process
        return True
    return True


class _signals_held:
    """Ctrl-C and SIGTERM wait until the block is done (then take effect)."""

    def __enter__(self) -> None:
        self._before = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED_SIGNALS)

    def __exit__(self, *exception) -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, self._before)


def _hold_for_tests() -> None:
    seconds = os.environ.get(HOLD_VARIABLE)
    if seconds:
        print(HOLD_NOTICE, file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def _umask() -> int:
    """The process's umask (it can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
