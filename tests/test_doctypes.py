"""Document types come from one table (data/doctypes.toml): the JSON names, the ontology classes,
the Vietnamese labels, the short forms people type, the colours of the page. Headers and references
of real documents: a Công điện is a Dispatch, a Tờ trình a Submission, and with no type word printed
the symbol's code decides."""

from __future__ import annotations

import pytest

from kg import extract_text
from kg.extract.tables import doc_types
from kg.graph.vocab import KG, TYPE_CLASS
from kg.sparql.query import _type_of_word
from kg.viz.page import TYPE_COLORS


def test_every_type_has_a_class_a_label_and_a_colour() -> None:
    names = doc_types().names()
    assert set(TYPE_CLASS) == set(TYPE_COLORS) == set(names)
    assert TYPE_CLASS["Dispatch"] == KG.Dispatch and TYPE_CLASS["Other"] == KG.OtherDocument
    assert [doc_types().label(t) for t in ("OfficialLetter", "Dispatch", "Submission")] == [
        "Công văn", "Công điện", "Tờ trình"]


@pytest.mark.parametrize("typed, type_", [("KH", "Plan"), ("qđ", "Decision"), ("Công điện", "Dispatch"),
                                          ("CĐ", "Dispatch"), ("TTr", "Submission"), ("Nghị quyết", "Resolution")])
def test_a_short_form_names_its_type(typed: str, type_: str) -> None:
    assert _type_of_word(typed) == type_


HEADERS = [
    # 328.txt: the Prime Minister's dispatch, its type word on a line of its own
    ("THỦ TƯỚNG CHÍNH\nPHỦ\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 217/CĐ-TTg\n"
     "Hà Nội, ngày 16 tháng 11 năm 2025\n\nCÔNG ĐIỆN\n\nV/V CHỦ ĐỘNG PHÒNG,\nTRÁNH, ỨNG PHÓ MƯA LŨ TẠI KHU VỰC "
     "TRUNG BỘ\n\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n\n- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh,\n"
     "Quảng Trị, Huế, Đà Nẵng, Quảng Ngãi, Gia Lai, Đắk Lắk, Khánh Hòa;\n",
     "Dispatch", "217/CĐ-TTg", "Thủ tướng Chính phủ"),
    # 297.txt: the type word glued to the title by the copy ("NGHỊ QUYẾTVề việc")
    ("Số: 1670/NQ-UBTVQH15\n\nNGHỊ QUYẾTVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lai Châu năm 2025\n\n"
     "Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lai Châu năm 2025\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\n"
     "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n",
     "Resolution", "1670/NQ-UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
    # 317.txt: the same in a decree
    ("Số: 173/2025/NĐ-CP\n\nNGHỊ ĐỊNHVề hợp đồng thực hiện nhiệm vụ của công chức\n\nVề hợp đồng thực hiện "
     "nhiệm vụ của công chức\n\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n\nChính phủ ban hành "
     "Nghị định về hợp đồng thực hiện nhiệm vụ của công chức.\n",
     "Decree", "173/2025/NĐ-CP", "Chính phủ"),
]


@pytest.mark.parametrize("text, type_, identifier, issuer", HEADERS)
def test_header_type(text: str, type_: str, identifier: str, issuer: str) -> None:
    d = extract_text(text).document
    assert (d.type, d.identifier, d.issuer.name if d.issuer else None) == (type_, identifier, issuer)


def test_a_letter_whose_code_is_also_a_type_code_stays_a_letter() -> None:
    # 310.txt: "CT" is Cục Thuế here, not Chỉ thị: under a "V/v" line only a Dispatch's or a
    # Submission's code outweighs the letter
    d = extract_text("BỘ TÀI CHÍNH\nCỤC THUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                     "Số:\n5680/CT-CS\nV/v thuế TNCN từ tiền lương, tiền công.\nHà Nội, ngày 01 tháng 12 năm 2025\n\n"
                     "Kính gửi: Ban Tuyên giáo và Dân vận Trung ương\n\nCục Thuế nhận được công văn số "
                     "1879-CV/BTGVTW ngày 13/8/2025 của Ban Tuyên giáo và Dân vận\nTrung ương.\n").document
    assert (d.type, d.identifier) == ("OfficialLetter", "5680/CT-CS")


REFERENCES = [
    # 061.txt, 250.txt: dispatches of the Prime Minister, of a province, of a ministry
    ("Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về tập trung ứng phó lũ đặc biệt "
     "lớn tại Khánh Hòa, Đắk Lắk và Gia Lai; Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số "
     "009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND ngày 20/11/2025 của UBND tỉnh về khẩn trương tập trung ứng phó;",
     {"223/CĐ-TTg": "Dispatch", "007/CĐ-UBND": "Dispatch", "010/CĐ-UBND": "Dispatch"}),
    ("Công điện số 05/CĐ-BTC ngày 25/7/2025 của Bộ trưởng Bộ Tài chính về việc đẩy mạnh tháo gỡ khó khăn;",
     {"05/CĐ-BTC": "Dispatch"}),
    # 001.txt, 297.txt: submissions, one written "số357" without a space
    ("Theo đề nghị của Giám đốc Sở Giáo dục và Đào tạo tại Tờ trình số 107/TTr-SGDĐT ngày 09/8/2024 về việc ban "
     "hành Kế hoạch thời gian năm học 2024-2025.", {"107/TTr-SGDĐT": "Submission"}),
    ("Xét đề nghị của Chính phủ tại Tờ trình số357/TTr-CP và Đề án số 358/ĐA-CP ngày 09tháng 5 năm 2025, Báo cáo "
     "thẩm tra số 429/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư pháp,",
     {"357/TTr-CP": "Submission", "358/ĐA-CP": "Project", "429/BC-UBPLTP15": "Report"}),
    # 362.txt: a bare "số" after a decision named in the last member's description keeps its own code's type
    ("Thực hiện theo hướng dẫn tại các Thông tư liên tịch số 21/2008/TTLT-BQP-BLĐTBXH-BTC ngày 26 tháng 02 năm 2008 "
     "của liên Bộ Quốc phòng - Bộ LĐTBXH - Bộ Tài chính sửa đổi, bổ sung Thông tư số 191/2005/TTLT-BQP-BLĐTBXH-BTC; "
     "số 144/2008/TTLT-BQP-BLĐTBXH-BTC ngày 27 tháng 11 năm 2008 của Bộ Quốc phòng - Bộ LĐTBXH - Bộ Tài chính hướng "
     "dẫn thực hiện Quyết định số 142/2008/QĐ-TTg ; số 05/2010/TTLT-BCA-BLĐTBXH-BTC ngày 8 tháng 11 năm 2010 của liên "
     "Bộ Công an, Bộ LĐTBXH và Bộ Tài chính hướng dẫn thực hiện Quyết định số 53/2010/QĐ-TTg ;",
     {"144/2008/TTLT-BQP-BLĐTBXH-BTC": "Circular", "142/2008/QĐ-TTg": "Decision",
      "05/2010/TTLT-BCA-BLĐTBXH-BTC": "Circular"}),
]


@pytest.mark.parametrize("text, types", REFERENCES)
def test_reference_type(text: str, types: dict[str, str]) -> None:
    found = {r.identifier: r.type for r in extract_text(text).references}
    assert {k: found.get(k) for k in types} == types


@pytest.mark.parametrize("symbol, ordinance", [
    ("PL-UBTVQH11", True),  # the table's codes ("Pháp lệnh số 26/2005/PL-UBTVQH11", 371)
    ("UBTVQH14", True),  # "Pháp lệnh ... số 02/2020/UBTVQH14" (081)
    ("NQ-UBTVQH15", False),  # a resolution of the Standing Committee
    ("QH15", False),  # a law's, and the National Assembly's resolutions' ("197/2025/QH15")
])
def test_an_ordinance_is_told_by_its_symbol(symbol: str, ordinance: bool) -> None:
    assert doc_types().ordinance_symbol(symbol) is ordinance


@pytest.mark.parametrize("title, of_the_legislature", [
    ("Pháp lệnh Ưu đãi người có công với cách mạng", True),  # the table's example (081)
    ("Luật Giáo dục", True),
    ("Bộ luật Lao động", True),
    ("Hiến pháp năm 2013", True),
    ("Quyết định số 12/QĐ-UBND", False),
    ("Luậtsư", False),  # a word that only begins like one
])
def test_acts_of_the_legislature(title: str, of_the_legislature: bool) -> None:
    assert doc_types().of_the_legislature(title) is of_the_legislature


def test_the_joint_codes_example_is_issued_by_every_body_its_symbol_names() -> None:
    from kg.extract.agencies import Context, joint_issuer
    from kg.resources import load_table

    example = load_table("doctypes.toml")["joint"]["example"]  # 144
    x = extract_text(example + ".\n")
    assert "liên tịch" in example.lower() and [r.issuer.name for r in x.references if r.issuer] == [
        "Bộ Giáo dục và Đào tạo, Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội"]
    assert joint_issuer("TT-BGDĐT", Context()) is None  # one body: no joint issuer
    assert joint_issuer("QĐ-BGDĐT-BTC", Context()) is None  # only the joint codes say "several bodies"
