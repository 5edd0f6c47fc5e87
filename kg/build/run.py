"""``kg build``: extract every file, resolve, load into the store; report what was built."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kg.build.cold import ColdBuild
from kg.build.incremental import IncrementalBuild
from kg.build.state import SCHEMA_VERSION, State
from kg.build.store import StoreError, current_build, locked
from kg.build.summary import BuildSummary, Progress
from kg.extract.version import extractor_version


def build(paths: list[str], store_dir: str, out: str | None = None, progress: Progress | None = None,
          jobs: int | None = None) -> BuildSummary:
    """Build the graph of the documents under ``paths`` into the store at ``store_dir``.

    Only what changed since the store's last build is redone: files are extracted again only
    when their content (or the extractor) changed, in ``jobs`` processes (default: every core),
    and the groups of claims they touch are resolved again; the new build is the previous one
    with those files' named graphs and the merged view's nodes and edges that depend on them
    rewritten. The previous graph stays current until the new one is complete: an interrupted or
    failed build leaves it as it was; when no file at all can be read, nothing is replaced.
    """
    jobs = jobs or os.cpu_count() or 1
    with locked(store_dir) as root:
        try:
            state = State(root / "state.sqlite")
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the build's state {root / 'state.sqlite'}: {e}") from e
        try:
            kind = IncrementalBuild if continues(root, state) else ColdBuild
            summary = kind(root, state, progress or (lambda *_: None), jobs).run(paths, out)
        except (OSError, sqlite3.Error) as e:  # a full disk, a file gone: no bug, and nothing lost
            state.close(commit=False)
            raise StoreError(f"the build stopped ({e}); the previous graph is unchanged") from e
        except BaseException:
            state.close(commit=False)
            raise
        state.close(commit=True)
        return summary


def continues(root: Path, state: State) -> bool:
    """Whether the state describes the current build, made by this extractor with this schema: a
    new build can then change that one instead of starting cold."""
    current = current_build(root)
    return (current is not None and state.get("build") == current and state.get("version") == extractor_version()
            and state.get("schema") == SCHEMA_VERSION)
