#!/usr/bin/env python3
"""How fast `kg viz` writes the page of a large graph, and how soon headless Chromium can use it.

usage: bench/viz_speed.py [--docs N] [--runs R] [--store DIR] [--seed S]

Builds the synthetic citation graph of N documents of bench/synthetic.py into a store, then, as
medians of R runs:
- the time to write the page: `kg viz --out FILE` as a whole command, in a fresh process;
- the time until the page is interactive in headless Chromium: from navigation to the first
  drawing of the network (the page sets window.kgReady then), plus a search and a click that
  lights a lineage, to show it responds.

Prints a table and both medians last (`viz_write_s: X`, `viz_interactive_s: Y`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.graph.resolve import resolve
from kg.testing.reference import write_graph
from kg.testing.synthetic_graph import synthetic_corpus
from kg.viz.browser import chromium


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", default=None, help="build the store here (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="kg-viz-bench-")
    store = a.store or str(Path(tmp.name) / "store")
    page = str(Path(tmp.name) / "graph.html")

    start = time.perf_counter()
    extractions = synthetic_corpus(a.docs, a.seed)
    resolution = resolve(extractions)
    n_quads = write_graph(store, extractions, resolution).triples
    print(f"synthetic graph: {a.docs} documents, {len(resolution.nodes)} document nodes, {n_quads} quads, "
          f"built in {time.perf_counter() - start:.1f} s", flush=True)
    del extractions, resolution

    cmd = [sys.executable, "-m", "kg", "viz", "--out", page, "--store", store]
    writes, said = [], ""
    for _ in range(a.runs):
        start = time.perf_counter()
        said = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
        writes.append(time.perf_counter() - start)
    print(said)

    ready, responses = [], []
    with chromium() as browser:
        for _ in range(a.runs):
            ms = browser.open(page)
            start = time.perf_counter()
            lit = browser.run("const f = kg.search('1/QĐ-TTg'); return f.length ? kg.pick(f[0]).length : 0")
            responses.append(time.perf_counter() - start)
            ready.append(ms / 1000)
            browser.run("location.reload()")
        print(f"a search and a click lit a lineage of {lit} documents")
    rows = [("write the page (kg viz, whole command)", writes), ("page interactive in headless Chromium", ready),
            ("then a search and a click", responses)]
    print(f"\n{'measure':<42} {'median s':>9} {'runs':>30}")
    for label, values in rows:
        print(f"{label:<42} {statistics.median(values):>9.3f}   {' '.join(f'{v:.3f}' for v in values):>28}")
    print(f"viz_write_s: {statistics.median(writes):.3f}")
    print(f"viz_interactive_s: {statistics.median(ready):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
