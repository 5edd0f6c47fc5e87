"""The processes of a build die with it. The worker pool's processes are forked by a forkserver
that kg build starts; killed (SIGKILL, SIGTERM, the out-of-memory killer), kg build could leave the
forkserver and its workers running for good, holding its output open. Each asks the kernel to be
killed when its parent dies (Linux's PR_SET_PDEATHSIG): the forkserver when kg build dies, a worker,
from the moment it is forked, when the forkserver does. Elsewhere than on Linux this does nothing."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Be killed when the parent process dies, and now if it already has (if it is no longer
    ``parent``, or no longer the parent this process had when it asked)."""
    if not sys.platform.startswith("linux"):
        return
    parent = parent or os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
