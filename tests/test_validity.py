"""When a document takes effect and which documents it ends: the constructions of
data/validity.toml on real sentences of the corpus (the file each comes from is named)."""

import pytest
from conftest import read_as, reference

from kg.extract.validity import constructions

ENDS = [
    # (snippet, identifier ended, relation, part, date stated) — corpus file in the comment
    ("Quyết định này thay thế Quyết định số 29/2020/QĐ-UBND ngày 18 tháng 8 năm 2020 của Ủy ban nhân dân tỉnh.",
     "29/2020/QĐ-UBND", "replaces", None, None),  # 117.txt
    ("1. Nghị quyết này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026, thay thế Nghị quyết số 09/2021/NQ-HĐND "
     "ngày 23 tháng 9 năm 2021 của Hội đồng nhân dân Thành phố quy định mức chuẩn trợ giúp xã hội.",
     "09/2021/NQ-HĐND", "replaces", None, None),  # 082.txt
    ("Bãi bỏ Nghị quyết số 15/2024/NQ-HĐND ngày 16 tháng 7 năm 2024 của Hội đồng nhân dân tỉnh Thừa Thiên Huế quy định "
     "mức thu học phí.", "15/2024/NQ-HĐND", "repeals", None, None),  # 016.txt
    ("b) Bãi bỏ toàn bộ Nghị quyết số 10/2022/NQ-HĐND ngày 07 tháng 7 năm 2022 của Hội đồng nhân dân tỉnh Trà Vinh "
     "quy định nội dung, mức chi.", "10/2022/NQ-HĐND", "repeals", None, None),  # 003.txt
    ("2. Bãi bỏ khoản 1 Điều 3 Nghị quyết số 22/2024/NQ-HĐND ngày 04 tháng 10 năm 2024 của Hội đồng nhân dân thành phố\n"
     "Hà Nội quy định một số nội dung chi.", "22/2024/NQ-HĐND", "repeals", "khoản 1 Điều 3", None),  # 078.txt
    ("2. Quyết định số 78/2016/QĐ-UBND ngày 21 tháng 12 năm 2016 của Ủy ban nhân dân tỉnh Bình Định quy định điều kiện "
     "học sinh trên địa bàn tỉnh được hưởng chính sách hỗ trợ theo Nghị định số 116/2016/NĐ-CP ngày 18 tháng 7 năm 2016 "
     "của\nChính phủ hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     "78/2016/QĐ-UBND", "repeals", None, None),  # 009.txt
    ("2. Các quyết định sau hết hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2025:\n\na) Quyết định số 06/2021/QĐ-UBND "
     "ngày 22 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Thái Nguyên ban hành Quy chế phối hợp.\n\nb) Quyết định số "
     "25/2021/QĐ-UBND ngày 13 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh Bắc Kạn ban hành Quy chế phối hợp.\n",
     "25/2021/QĐ-UBND", "repeals", None, "2025-12-01"),  # 254.txt
    ("QUYẾT ĐỊNH\nBÃI BỎ QUYẾT ĐỊNH\nSỐ 15/2025/QĐ-UBND NGÀY 01/3/2025 CỦA ỦY BAN NHÂN DÂN TỈNH BAN HÀNH QUY ĐỊNH CHỨC\n"
     "NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ NỘI VỤ\nCăn cứ Luật Tổ chức chính quyền địa phương số "
     "72/2025/QH15;", "15/2025/QĐ-UBND", "repeals", None, None),  # 125.txt: in the title
    ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Các thủ tục hành chính trong lĩnh vực nhà ở tại số thứ tự "
     "XI.1, XI.2 của mục 1 phần I phụ lục danh mục thủ tục hành chính nội bộ ban hành kèm theo Quyết định số "
     "497/QĐ-BXD ngày 26/4/2025 của Bộ trưởng Bộ Xây dựng hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     "497/QĐ-BXD", "repeals", "Các thủ tục hành chính trong lĩnh vực nhà ở tại số thứ tự XI.1, XI.2 của mục 1 phần I "
     "phụ lục danh mục thủ tục hành chính nội bộ", None),  # 283.txt: a part of the decision
]

NOT_ENDED = [
    # (snippet, identifier that the document does not end) — corpus file in the comment
    ("Sở Y tế, Sở Giáo dục và Đào tạo rà soát để thay thế hoặc sửa đổi, bổ sung Quyết định số 09/2019/QĐ-UBND ngày "
     "28/5/2019 của Ủy ban nhân dân tỉnh.", "09/2019/QĐ-UBND"),  # work to be done (109.txt's wording)
    ("2. Quyết định số 78/2016/QĐ-UBND ngày 21 tháng 12 năm 2016 của Ủy ban nhân dân tỉnh Bình Định quy định điều kiện "
     "học sinh trên địa bàn tỉnh được hưởng chính sách hỗ trợ theo Nghị định số 116/2016/NĐ-CP ngày 18 tháng 7 năm 2016 "
     "của\nChính phủ hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.", "116/2016/NĐ-CP"),  # 009.txt
]

IN_FORCE = [
    # (snippet, date, on signing) — corpus file in the comment
    ("1. Quyết định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2025.", "2025-12-05", False),  # 109.txt
    ("Nghị quyết này có hiệu lực thi hành từ ngày 28 tháng 11 năm 2025.", "2025-11-28", False),  # 016.txt
    ("1. Nghị quyết này có hiệu lực từ ngày ký ban hành.", None, True),  # 078.txt (the snippet's header has no date)
    ("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", None, True),
    ("1. Quyết định này có hiệu lực kể từ ngày ban hành.", None, True),  # 114.txt
]


@pytest.mark.parametrize("snippet, identifier, relation, part, date", ENDS)
def test_document_ends(snippet: str, identifier: str, relation: str, part: str | None, date: str | None) -> None:
    x = read_as("Quảng Ngãi", snippet)
    ref = reference(x, identifier)
    found = [c for c in x.changes if x.references[c.target] == ref]
    assert [(c.relation, c.part, c.date) for c in found] == [(relation, part, date)]
    assert identifier in found[0].quote.upper()  # the quote names the document it ends
    assert "Căn cứ" not in found[0].quote  # and ends with its sentence
    if part is None:
        assert ref.relation == relation  # and the reference states it (the edge of the graph)


@pytest.mark.parametrize("snippet, identifier", NOT_ENDED)
def test_document_not_ended(snippet: str, identifier: str) -> None:
    x = read_as("Quảng Ngãi", snippet)
    ref = reference(x, identifier)
    assert not [c for c in x.changes if x.references[c.target] == ref]


@pytest.mark.parametrize("snippet, date, on_signing", IN_FORCE)
def test_entry_into_force(snippet: str, date: str | None, on_signing: bool) -> None:
    x = read_as("Quảng Ngãi", snippet)
    entry = x.entry_into_force
    assert entry is not None
    assert (entry.on_signing, entry.date if not on_signing else None) == (on_signing, date)
    if on_signing:
        assert entry.date == x.document.date  # "kể từ ngày ký": the day of signing
    assert "hiệu lực" in entry.evidence.text


def test_entry_into_force_apart_from_signing() -> None:
    """The header's date is the day of signing; the day of effect is kept apart (109.txt)."""
    x = read_as("Quảng Ngãi", "1. Quyết định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2025.")
    assert x.entry_into_force is not None and x.entry_into_force.date == "2025-12-05"
    assert x.document.date != "2025-12-05"


@pytest.mark.parametrize("construction", constructions(), ids=lambda c: f"{c.kind}-{c.source}")
def test_construction_example(construction) -> None:  # type: ignore[no-untyped-def]
    """Every row of data/validity.toml gives what it says on its own example."""
    x = read_as("Quảng Ngãi", construction.example)
    if construction.kind == "entry_into_force":
        assert x.entry_into_force is not None and x.entry_into_force.date == construction.expect
        return
    relation, identifier, *rest = construction.expect.split(" ")
    part = " ".join(rest[1:]) if rest and rest[0] == "part" else None
    date = rest[0] if rest and rest[0] != "part" else None
    found = [(c.relation, x.references[c.target].identifier, c.part, c.date) for c in x.changes]
    assert (relation, identifier, part, date) in found
