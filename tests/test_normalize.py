"""Normalisation keeps a map back to the text as read."""

import pytest

from kg.read.normalize import NormalizedText, fold

CASES = [
    # (text as read, normalised) — each change seen in real documents
    ("TM. UỶ BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN"),  # old tone placement (seed 000)
    ("Thành phố Hoà Bình, hoàn thành", "Thành phố Hòa Bình, hoàn thành"),  # only at a word's end
    ("Quyết định số 3380/QÐ-UBND", "Quyết định số 3380/QĐ-UBND"),  # U+00D0 written for Đ
    ("Phòng Tài chính – Kế hoạch", "Phòng Tài chính - Kế hoạch"),  # en dash (seed 000)
    ("ngày\u00a028/9/2022", "ngày 28/9/2022"),  # no-break space
    ("Nghi\u0323 quyê\u0301t", "Nghị quyết"),  # decomposed letters
    ("**KẾ HOẠCH**  \n", "KẾ HOẠCH  \n"),  # markdown bold (seed 004)
    ("## **2. Các nhiệm vụ**", "2. Các nhiệm vụ"),  # markdown heading (seed 004)
    ("quý II\r\nnăm 2024", "quý II\nnăm 2024"),  # CR LF
    ("thuỷ lợi, quý khách", "thủy lợi, quý khách"),  # "uý" after q keeps its place
    ("Nghị định số 137/2020/NĐ-\u0421\u0420 ngày 27", "Nghị định số 137/2020/NĐ-CP ngày 27"),  # Cyrillic С Р (281)
    # a ministry's name wrapped at its hyphen (123), not a new bullet; a real bullet stays one
    ("cụm từ “Sở Lao động\n- Thương binh và Xã hội” thành", "cụm từ “Sở Lao động - Thương binh và Xã hội” thành"),
    ("- Sở Lao động\n- Sở Y tế", "- Sở Lao động\n- Sở Y tế"),
]


@pytest.mark.parametrize("original, expected", CASES)
def test_normalises(original: str, expected: str) -> None:
    assert NormalizedText(original).text == expected


@pytest.mark.parametrize("original, expected", CASES)
def test_every_word_maps_back_to_the_text_as_read(original: str, expected: str) -> None:
    norm = NormalizedText(original)
    for word in expected.split():
        start = norm.text.index(word)
        span = norm.span(start, start + len(word))
        assert original[span.start : span.end] == span.text
        assert fold(span.text.replace("**", "").replace("#", "")) == fold(word)


def test_fold_compares_old_and_new_spellings() -> None:
    assert fold("Uỷ ban  nhân\ndân") == fold("ỦY BAN NHÂN DÂN") == "ủy ban nhân dân"


def test_kinds_scanned_apart_find_what_their_union_finds() -> None:
    """Over the cases above and every document of tests/data/corpus, the same stretches to change."""
    from pathlib import Path

    from kg.read.normalize import _KINDS, _changes, _pattern

    texts = [original for original, _ in CASES]
    texts += [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))]
    for text in texts:
        union = _pattern(tuple(test(text) for _, test in _KINDS))
        assert [m.span() for m in _changes(text)] == [m.span() for m in union.finditer(text)], text[:60]
