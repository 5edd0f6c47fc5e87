#!/usr/bin/env python3
"""Write a synthetic corpus of N plans as text, with its ground truth, and score the extractor on it.

usage: bench/synth.py --docs N [--seed S] --out DIR [--no-score]

The documents (kg/testing/synthetic_texts.py) follow the layouts of the samples and the development
corpus, use the real provinces, districts and communes of the gazetteer (of the era their date
requires) and real central directives, and form a cascade from the directives down to communes. DIR
gets the N files and GOLD.json, the ground truth in the gold format of the seeds' labels
(tests/data/gold/seeds.json); unless --no-score, the extractor is run on DIR and kg.testing.score
prints its score (a miss is a bug in the extractor or in the generator).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from kg.testing.synthetic_texts import write_corpus


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-score", action="store_true")
    a = ap.parse_args()
    start = time.perf_counter()
    gold = write_corpus(a.docs, a.out, a.seed)
    size = sum(p.stat().st_size for p in Path(a.out).glob("*.txt"))
    print(f"{a.docs} documents ({size / 1e6:.1f} MB) and {gold.name} written to {a.out} "
          f"in {time.perf_counter() - start:.1f} s", flush=True)
    if a.no_score:
        return 0
    pred = Path(a.out) / "extracted.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, "-m", "kg", "extract", a.out, "--format", "jsonl"], stdout=f, check=True)
    return subprocess.run([sys.executable, "-m", "kg.testing.score", str(gold), str(pred)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
