"""Every file kg writes (a page, a report, TriG, the summary and views beside a build, the cache's
extractions) is written whole under a temporary name and renamed over its target in one step: a
reader never sees half a file, and a failure (a full disk) leaves the previous file as it was.

The temporary file is created exclusively (O_CREAT | O_EXCL | O_NOFOLLOW: never through a link
planted at its name), under a name nobody can guess, in the target's own folder (so that the rename
stays on one file system). A link at the target's name is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError


class WriteError(KgError):
    """A file could not be written (no space left, no permission, no such folder)."""


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: The mode a new file gets, as open() would give it (mkstemp makes its files 0600).
_MODE = _default_mode()


def write_file(target: str | Path, content: bytes | Callable[[BinaryIO], object], durable: bool = True) -> Path:
    """Write ``content`` (bytes, or a function writing into a binary file) to ``target`` whole.

    ``durable``: the data reaches the disk before the rename (an output); a cache entry, which a
    crash may lose without harm, skips that. WriteError when the file cannot be written.
    """
    target = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise WriteError(f"cannot write {target}: {e.strerror or e}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            if isinstance(content, bytes):
                f.write(content)
            else:
                content(f)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, _MODE)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise WriteError(f"cannot write {target}: {e.strerror or e}") from e
        raise
    return target


def write_text(target: str | Path, text: str, durable: bool = True) -> Path:
    return write_file(target, text.encode("utf-8"), durable)
