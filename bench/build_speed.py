#!/usr/bin/env python3
"""How fast `kg build` builds N documents cold, rebuilds with nothing changed, and after one change.

usage: bench/build_speed.py --docs N [--runs R] [--jobs J] [--seed S] [--dir DIR]

Writes a synthetic corpus of N plans (kg/synth.py, the texts of bench/synth.py) and then, R times
on a new store each time: a cold `kg build --jobs J` (wall time, documents per second, peak memory
of the build and its workers together, sampled every 50 ms), a rebuild with nothing changed, and a
rebuild after one file changed (a commune plan gets a new number), followed by the `kg lineage`
that must show the change (the bench fails if it does not). Prints each run, then the medians, the
store's size (the graph; the state and the extraction cache beside it) and, last,
`build_docs_per_s: X` (median of the cold builds).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from kg.testing.synthetic_texts import write_corpus

KG = [sys.executable, "-m", "kg"]


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall time, peak memory (bytes, the process and its children summed) and stdout of a command."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"Error: {' '.join(cmd)} exited {proc.returncode}: {err.strip()[-500:]}")
    return elapsed, peak, out


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def change_one_file(corpus: Path, n: int) -> tuple[Path, str, str]:
    """Give the last commune plan a new number; returns the file, its old text and the new number."""
    for path in sorted(corpus.glob("*.txt"), reverse=True):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^Số: (\d+)/KH-UBND$", text, re.M)
        if m and re.match(r"ỦY BAN NHÂN DÂN\nXÃ ", text):
            number = f"{90000 + n}/KH-UBND"  # five digits, as real numbers have
            path.write_text(text.replace(m.group(0), f"Số: {number}", 1), encoding="utf-8")
            return path, text, number
    sys.exit("Error: no commune plan in the corpus to change")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", help="work folder (kept); default: a temporary one, removed at the end")
    a = ap.parse_args()
    work = Path(a.dir) if a.dir else Path(tempfile.mkdtemp(prefix="kg-build-speed-"))
    corpus = work / "corpus"
    try:
        if not (corpus / "GOLD.json").exists() or len(list(corpus.glob("*.txt"))) != a.docs:
            shutil.rmtree(corpus, ignore_errors=True)
            start = time.perf_counter()
            write_corpus(a.docs, corpus, a.seed)
            print(f"corpus: {a.docs} documents, {size(corpus) / 1e6:.1f} MB, written in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
        print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
              f"kg build --jobs {a.jobs}", flush=True)
        runs = []
        for run in range(1, a.runs + 1):
            store = work / f"store-{run}"
            shutil.rmtree(store, ignore_errors=True)
            build = [*KG, "build", str(corpus), "--store", str(store), "--jobs", str(a.jobs), "--quiet"]
            cold, peak, _ = timed(build)
            stages = json.loads((store / "current").resolve().with_suffix(".json").read_text(encoding="utf-8"))
            print(f"run {run}: cold build stages (s): "
                  + ", ".join(f"{k} {v:.1f}" for k, v in stages.get("seconds", {}).items()), flush=True)
            warm, _, out = timed(build)
            if "nothing changed" not in out:
                sys.exit(f"Error: the rebuild with nothing changed did work:\n{out}")
            path, text, number = change_one_file(corpus, run)
            try:
                one, _, out = timed(build)
                if "(1 extracted)" not in out:
                    sys.exit(f"Error: the rebuild after one change did not extract one file:\n{out}")
                look, _, lineage = timed([*KG, "lineage", number, "--up", "--format", "json", "--store", str(store)])
                found = json.loads(lineage)
                if not any(n.get("identifier") == number for n in found["nodes"]) or not found["edges"]:
                    sys.exit(f"Error: kg lineage {number} --up does not show the changed plan and its chain")
            finally:
                path.write_text(text, encoding="utf-8")
            graph = size((store / "current").resolve())
            state = size(store / "state.sqlite")
            cache = size(store / "cache")
            runs.append((cold, peak, warm, one, look, graph, state, cache))
            print(f"run {run}: cold {cold:.1f} s ({a.docs / cold:.0f} docs/s, peak {peak / 2**20:.0f} MiB), "
                  f"nothing changed {warm:.2f} s ({100 * warm / cold:.1f}% of cold), one file changed "
                  f"{one:.2f} s, then kg lineage {look:.2f} s; graph {graph / 1e6:.0f} MB, state {state / 1e6:.0f} MB, "
                  f"cache {cache / 1e6:.0f} MB", flush=True)
            if run < a.runs:
                shutil.rmtree(store, ignore_errors=True)
        med = [statistics.median(r[i] for r in runs) for i in range(8)]
        print(f"median of {a.runs}: cold {med[0]:.1f} s, {a.docs / med[0]:.0f} docs/s, peak memory "
              f"{med[1] / 2**20:.0f} MiB; nothing changed {med[2]:.2f} s ({100 * med[2] / med[0]:.1f}% of cold); "
              f"one file changed {med[3]:.2f} s + kg lineage {med[4]:.2f} s; graph {med[5] / 1e6:.0f} MB, "
              f"state {med[6] / 1e6:.0f} MB, cache {med[7] / 1e6:.0f} MB")
        print(f"build_docs_per_s: {a.docs / med[0]:.0f}")
    finally:
        if not a.dir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
