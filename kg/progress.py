"""Progress of long work on stderr (kg build, kg push), drawn by tqdm.

On a terminal tqdm redraws one bar in place. In a log (stderr not a terminal) tqdm's redrawing is
carriage returns that a log shows as one endless line, so there the bar is written as a line of
its own at every tenth of the work instead.
"""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm

#: "extract [####----] 120/400 files, 35.2 docs/s, 00:08 left"
BAR_FORMAT = "{{desc}} [{{bar:24}}] {{n_fmt}}/{{total_fmt}} {noun}, {{rate_fmt}}, {{remaining}} left"


class _LogLines(tqdm):
    """tqdm writing a line at each tenth of the work (and at its end) instead of redrawing."""

    def display(self, msg: str | None = None, pos: int | None = None) -> None:
        step = self.n * 10 // self.total if self.total else 0
        line = self.format_meter(**self.format_dict)
        if step != getattr(self, "_step", -1) or (self.n >= (self.total or 0) and not getattr(self, "_ended", False)):
            self._step, self._ended = step, self.n >= (self.total or 0)
            sys.stderr.write(line + "\n")
            sys.stderr.flush()


class _Quiet:
    """Where tqdm's own redrawing goes in a log: nowhere (_LogLines writes the lines)."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def bar(stage: str, total: int, noun: str, rate_unit: str, quiet: bool = False) -> tqdm:
    """A progress bar for ``total`` things of one stage: "extract [####----] 120/400 files,
    35 docs/s, 00:08 left"."""
    tty = sys.stderr.isatty()
    return (tqdm if tty else _LogLines)(
        total=total, desc=stage, unit=f" {rate_unit}", file=sys.stderr if tty else _Quiet(), ascii=" #",
        bar_format=BAR_FORMAT.format(noun=noun), mininterval=0.1, disable=quiet, leave=True, dynamic_ncols=False)


class BuildProgress:
    """kg build's progress (kg.build.summary.Progress): a bar for the stages counted file by file,
    one line for each other stage."""

    COUNTED = ("extract", "files")

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.stage = ""
        self.current: Any = None

    def __call__(self, stage: str, done: int, total: int, what: str) -> None:
        if self.quiet:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            if stage in self.COUNTED and total:
                self.current = bar(stage, total, "files", "docs")
        if self.current is None:
            print(f"{stage}: {what}", file=sys.stderr)
            return
        self.current.update(done - self.current.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        """End the bar in hand: on an interruption too, so that nothing is drawn after the error line."""
        if self.current is not None:
            self.current.close()
            self.current = None
