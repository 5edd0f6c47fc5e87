"""Phase 1 of a build: which files are new, changed, unchanged or gone since the last build."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.build.cache import file_sha
from kg.build.state import FileRecord
from kg.build.workers import ExtractJob
from kg.errors import ReadError
from kg.read import scan
from kg.read.files import display_name


@dataclass
class Changes:
    """The files under the paths of a build, against what the last build read."""

    unchanged: dict[str, FileRecord] = field(default_factory=dict)  # as the last build read them
    notes: dict[str, tuple[int, int]] = field(default_factory=dict)  # notes about a folder, as they were
    touched: list[FileRecord] = field(default_factory=list)  # the same content, a new modification time
    to_extract: list[ExtractJob] = field(default_factory=list)  # new or changed
    removed: list[str] = field(default_factory=list)  # files of the last build that are gone
    failed: list[str] = field(default_factory=list)  # "path: reason"

    @property
    def none(self) -> bool:
        return not self.to_extract and not self.removed


def find_changes(paths: list[str], last: dict[str, FileRecord],
                 notes: dict[str, tuple[int, int]] | None = None) -> Changes:
    """Compare the files under ``paths`` with ``last`` (the last build's files; empty for a cold
    build). A file whose size and modification time are as they were is unchanged without being
    read; one whose time changed is read, and unchanged if its content is. A new file's content
    hash is read by the worker that extracts it. A note about a folder (``notes``: the last build's)
    whose size and time are as they were is not read again."""
    out = Changes()
    for found in scan(paths):
        if isinstance(found, ReadError):
            out.failed.append(str(found))
            continue
        path, st = found.path, found.stat
        rec = last.get(path)
        if rec is None and (notes or {}).get(path) == (st.st_size, st.st_mtime_ns):
            out.notes[path] = (st.st_size, st.st_mtime_ns)
        elif rec is None:
            out.to_extract.append(ExtractJob(path, in_folder=found.in_folder))
        elif (rec.size, rec.mtime) == (st.st_size, st.st_mtime_ns):
            out.unchanged[path] = rec
        else:
            try:
                sha = file_sha(path)
            except OSError as e:
                out.failed.append(str(ReadError(path, e.strerror or str(e))))
                continue
            if rec.sha == sha:
                new = FileRecord(path, display_name(path), sha, st.st_size, st.st_mtime_ns)
                out.touched.append(new)
                out.unchanged[path] = new
            else:
                out.to_extract.append(ExtractJob(path, sha, found.in_folder))
    seen = set(out.unchanged) | {job.path for job in out.to_extract}
    out.removed = [path for path in last if path not in seen]
    return out
