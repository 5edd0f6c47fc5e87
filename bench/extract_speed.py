#!/usr/bin/env python3
"""How fast the extractor reads a corpus, on one core.

usage: bench/extract_speed.py [PATH] [--runs N]

PATH is a folder of documents (default: the development corpus, ../shared/corpus/docs, when it is
beside this checkout, else the corpus documents of the tests, tests/data/corpus). The files are
read into memory first; each run extracts all of them in this one process (one core), and the
whole-corpus throughput is the UTF-8 size divided by the time. Prints the median of the runs, the
spread, the peak memory of the process, and ``extract_mb_per_s: X`` last.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from kg.errors import ReadError
from kg.extract import extract
from kg.read import iter_paths, read_source


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    default = next(p for p in (here.parent / "shared" / "corpus" / "docs", here / "tests" / "data" / "corpus")
                   if p.is_dir())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(default))
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if not Path(a.path).exists():
        print(f"Error: {a.path}: no such folder", file=sys.stderr)
        return 2
    sources, skipped = [], []
    for p in iter_paths([a.path]):
        if not isinstance(p, str):
            continue
        try:
            sources.append(read_source(p))
        except ReadError as e:  # a README or a list of sources beside the documents
            skipped.append(f"{Path(p).name} ({e.reason})")
    if skipped:
        print(f"skipped {len(skipped)} file(s) that are not documents: {'; '.join(skipped)}")
    if not sources:
        print(f"Error: {a.path}: no documents", file=sys.stderr)
        return 2
    size_mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    extract(sources[0])  # load the tables and the gazetteer before timing
    times = []
    for _ in range(a.runs):
        start = time.perf_counter()
        references = sum(len(extract(s).references) for s in sources)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(sources)} documents, {size_mb:.2f} MB, {references} references")
    print(f"runs: {a.runs}, seconds per run: median {median:.3f}, min {min(times):.3f}, max {max(times):.3f}")
    print(f"per document: {1000 * median / len(sources):.1f} ms")
    print(f"peak memory: {peak_mb:.0f} MB")
    print(f"extract_mb_per_s: {size_mb / median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
