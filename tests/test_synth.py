"""The synthetic corpus of kg/testing/synthetic_texts.py: realistic plans the extractor reads as their ground truth says."""

from __future__ import annotations

import json
from pathlib import Path

from kg import extract_file
from kg.extract.serialize import to_dict
from kg.testing.score import load_predictions, score
from kg.testing.synthetic_texts import REFORM, synthetic_texts, write_corpus


def test_the_extractor_scores_at_least_0_99_on_every_measure(tmp_path: Path) -> None:
    gold = write_corpus(300, tmp_path / "docs", seed=5)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for p in sorted((tmp_path / "docs").glob("*.txt")):
            f.write(json.dumps(to_dict(extract_file(str(p))), ensure_ascii=False) + "\n")
    result = score(json.loads(gold.read_text(encoding="utf-8")), load_predictions(pred))
    assert all(v >= 0.99 for v in result.figures().values()), "\n".join(result.misses)


def test_the_cascade_is_realistic() -> None:
    docs = list(synthetic_texts(400, seed=2))
    golds = [g for _, _, g in docs]
    levels = {g["document"]["issuer_level"] for g in golds}
    assert levels == {"provincial", "district", "commune"}
    for _, text, g in docs:
        d = g["document"]
        parent = next(r for r in g["references"] if r["relation"] == "implements" and r["type"] in ("Plan",
                                                                                                   "Resolution",
                                                                                                   "Conclusion",
                                                                                                   "Directive",
                                                                                                   "Decision"))
        assert parent["date"] < d["date"]  # weeks to months after what it carries out
        if d["issuer_level"] == "district":
            assert d["date"] < REFORM.isoformat()  # districts end in July 2025
        assert text.count("\n") > 40
        assert f"Số: {d['identifier']}" in text or f"Số {d['identifier']}" in text
    names = [name for name, _, _ in docs]
    assert len(set(names)) == len(names)
