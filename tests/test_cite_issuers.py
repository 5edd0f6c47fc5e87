"""The issuer of a cited document (issue 15, kind 3): named as in its own time and place, not the
citing document's; the body that proposes a submission. Real sentences (the corpus file at each)."""

from __future__ import annotations

import pytest

from kg import extract_text
from kg.model import Extraction

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def issuers_read(x: Extraction) -> dict[str | None, str | None]:
    """The issuer read for each reference of an extraction, by identifier."""
    return {r.identifier: r.issuer.name if r.issuer else None for r in x.references}


def test_a_cited_document_keeps_the_name_of_its_own_time() -> None:
    # 016 (a 2025 resolution of thành phố Huế) and 255: the 2024 and 2019 documents are the province's
    refs = extract_text("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HUẾ\n" + MOTTO + "Số: 36/2025/NQ-HĐND\nThành phố Huế, ngày 18 "
                        "tháng 11 năm 2025\n\nNGHỊ QUYẾT\n\nBãi bỏ Nghị quyết số 15/2024/NQ-HĐND ngày 16 tháng 7 năm "
                        "2024 của Hội đồng nhân dân tỉnh Thừa Thiên\nHuế quy định mức thu học phí.\n\n2. Quyết định này "
                        "thay thế Quyết định số 15/2019/QĐ-UBND ngày 22 tháng 3 năm 2019 của Ủy ban nhân dân tỉnh.\n"
                        ).references
    assert {r.identifier: r.issuer.name for r in refs if r.issuer} == {
        "15/2024/NQ-HĐND": "Hội đồng nhân dân tỉnh Thừa Thiên Huế",
        "15/2019/QĐ-UBND": "Ủy ban nhân dân tỉnh Thừa Thiên Huế"}


PLACED_BY_DESCRIPTION = [
    # 095, a decision of tỉnh Bắc Ninh (2025): the 2019 resolution "của Hội đồng nhân dân tỉnh" is
    # Bắc Giang's, as its description says
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n" + MOTTO + "Số: 1521/QĐ-UBND\nBắc Ninh, ngày 22 tháng 11 năm 2025\n\n"
     "- Nghị quyết số 43/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh Bắc Giang về sửa đổi khoản 1, Điều 1 Nghị quyết "
     "số 17/2019/NQ-HĐND ngày 11 tháng 7 năm 2019 của Hội đồng nhân dân tỉnh quy định chính sách hỗ trợ chi phí hoả "
     "táng trên địa bàn tỉnh Bắc\nGiang;\n", "17/2019/NQ-HĐND", "Hội đồng nhân dân tỉnh Bắc Giang"),
    # 002's sentence (a decision of Bình Định, 2022) cited in 019's letter of Hà Nội (2025)
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n" + MOTTO + "Số: 5095/SGDĐT-CTTTHSSV\nHà Nội, ngày "
     "03 tháng 12 năm 2025\n\nCăn cứ Quyết định số 3208/QĐ-UBND ngày 03/10/2022 của UBND tỉnh ban hành Đề án đảm bảo "
     "cơ sở vật chất cho chương trình giáo dục mầm non và giáo dục phổ thông trên địa bàn tỉnh Bình Định giai đoạn "
     "2022-2025;\n", "3208/QĐ-UBND", "Ủy ban nhân dân tỉnh Bình Định"),
    # 003: a submission of the document's own province keeps it
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG\n" + MOTTO + "Số: 22/2025/NQ-HĐND\nVĩnh Long, ngày 18 tháng 11 năm 2025\n\n"
     "Xét Tờ trình số 473/TTr-UBND ngày 12 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về dự thảo Nghị quyết quy định "
     "nội dung, mức chi để tổ chức các kỳ thi, cuộc thi, hội thi trong lĩnh vực giáo dục và đào tạo trên địa bàn tỉnh "
     "Vĩnh Long;\n", "473/TTr-UBND", "Ủy ban nhân dân tỉnh Vĩnh Long"),
]


@pytest.mark.parametrize("text, identifier, issuer", PLACED_BY_DESCRIPTION)
def test_a_cited_document_keeps_the_place_its_description_names(text: str, identifier: str, issuer: str) -> None:
    refs = {r.identifier: r for r in extract_text(text).references}
    assert refs[identifier].issuer is not None and refs[identifier].issuer.name == issuer  # type: ignore[union-attr]


PROPOSED_BY = [
    # 134 (2012, Hồ Chí Minh): the department's submission, though its symbol reads like the ministry's
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n" + MOTTO + "Số: 49/2012/QĐ-UBND\nThành phố Hồ Chí Minh, ngày 23 tháng "
     "10 năm 2012\n\nXét đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 4965/LĐTBXH-KH ngày "
     "23 tháng 5 năm 2012 và ý kiến của Sở Tài chính tại Công văn số 9622/STC-HCSN ngày 05 tháng 10 năm 2012,\n",
     {"4965/LĐTBXH-KH": "Sở Lao động - Thương binh và Xã hội thành phố Hồ Chí Minh",
      "9622/STC-HCSN": "Sở Tài chính thành phố Hồ Chí Minh"}),
    # 124: a symbol whose code no table knows
    ("ỦY\nBAN NHÂN DÂN\nTỈNH QUẢNG NINH\n" + MOTTO + "Số:\n97/2025/QĐ-UBND\nQuảng Ninh, ngày 20 tháng 11 năm 2025\n\n"
     "Theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số 596/TTr-SNN&MT ngày 31/10/2025; ý kiến thẩm định của Sở Tư pháp tại Báo cáo số 358/BC-STP.\n",
     {"596/TTr-SNN&MT": "Sở Nông nghiệp và Môi trường tỉnh Quảng Ninh"}),
    # 239: "đề xuất" for "đề nghị", the department's name broken across lines
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\n" + MOTTO + "Số: 2813/QĐ-UBND\nĐồng Nai, ngày 21 tháng 11 năm 2025\n\n"
     "Theo đề xuất của Giám đốc Sở\nNông nghiệp và Môi trường tại Tờ trình số 454/TTr-SoNNMT ngày 17 tháng 11 năm\n2025.\n",
     {"454/TTr-SoNNMT": "Sở Nông nghiệp và Môi trường tỉnh Đồng Nai"}),
    # 353: "ý kiến xử lý của" the provincial tax department "tại Công văn số ..."
    ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n" + MOTTO + "Số: 1414/TCT-CS\nHà Nội, ngày 04 tháng 05 năm 2013\n\nCăn cứ quy định nêu trên, Tổng "
     "cục Thuế đồng ý với ý kiến xử lý của Cục Thuế tỉnh Hà Tĩnh tại Công văn số 1752/CT-THNVDT ngày 07/12/2012 về việc "
     "miễn, giảm tiền sử dụng đất gửi UBND tỉnh Hà Tĩnh.\n",
     {"1752/CT-THNVDT": "Cục Thuế tỉnh Hà Tĩnh"}),
    # 103: the province's military command, named after its commander on the line before
    ("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n" + MOTTO + "Số: 2929/QĐ-UBND\nSơn La, ngày 18 tháng 11 năm 2025\n\n"
     "Theo đề nghị của Chỉ huy trưởng\nBộ Chỉ huy Quân sự tỉnh tại Tờ trình số 5829/TTr-BCH ngày 14 tháng 11 năm 2025.\n",
     {"5829/TTr-BCH": "Bộ Chỉ huy Quân sự tỉnh Sơn La"}),
]


@pytest.mark.parametrize("text, issuers", PROPOSED_BY)
def test_a_submission_is_of_the_body_that_proposes_it(text: str, issuers: dict[str, str]) -> None:
    found = issuers_read(extract_text(text))
    assert {k: found.get(k) for k in issuers} == issuers


BEFORE_A_BRACKET = [
    # 359: a province's letter in brackets after its name, in a decision of Hà Nội's era and place
    ("Xét đề nghị của Ủy ban nhân dân tỉnh Nghệ An (Công văn số 5969/UBND-TM ngày 19 tháng 8 năm 2014), ý kiến của "
     "các Bộ: Lao động - Thương binh và Xã hội (Công văn số 3418/LĐTBXH-NCC ngày 17 tháng 9 năm 2014), Ban Thi đua - "
     "Khen thưởng Trung ương (Công văn số 2211/BTĐKT-VIII ngày 12 tháng 9 năm 2014).",
     {"5969/UBND-TM": "Ủy ban nhân dân tỉnh Nghệ An", "3418/LĐTBXH-NCC": "Bộ Lao động - Thương binh và Xã hội",
      "2211/BTĐKT-VIII": None}),  # a body no table knows stays unknown
    # 365: the Prime Minister's letter, not the Government's its code reads as
    ("Sau khi thống nhất ý kiến với Ban tổ chức Trung ương Đảng (Văn bản số 152/CV-TCTW ngày 6/6/2001), Bộ Tài chính "
     "(Văn bản số 4773/TC-CSTC ngày 25/5/2001) và được sự đồng ý của Thủ tướng Chính phủ (Văn bản số 710/CP-CN ngày "
     "6/8/2001).",
     {"710/CP-CN": "Thủ tướng Chính phủ", "4773/TC-CSTC": "Bộ Tài chính", "152/CV-TCTW": "Ban Tổ chức Trung ương"}),
]


@pytest.mark.parametrize("body, issuers", BEFORE_A_BRACKET)
def test_a_letter_in_brackets_is_of_the_body_named_before_them(body: str, issuers: dict[str, str | None]) -> None:
    x = extract_text("THỦ TƯỚNG CHÍNH PHỦ\n" + MOTTO + "Số: 1867/QĐ-TTg\nHà Nội, ngày 14 tháng 10 năm 2014\n\n"
                     "QUYẾT ĐỊNH\nVề việc bổ sung kinh phí\n\n" + body + "\n")
    found = issuers_read(x)
    assert {k: found.get(k, "missing") for k in issuers} == issuers


def test_the_party_committee_of_a_state_body() -> None:
    """"của Đảng ủy UBND tỉnh" (237.txt) is the committee of the People's Committee, not the province's;
    "Đảng ủy xã Hà Bắc" stays a commune's."""
    x = extract_text("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\n" + MOTTO + "Số: 44/2025/QĐ-CTUBND\nGia Lai, ngày 20 tháng 11 năm "
                     "2025\n\nQUYẾT ĐỊNH\nVề việc phân cấp\n\nCăn cứ Kết luận số 100-KL/ĐU ngày 17/11/2025 của\nĐảng ủy "
                     "UBND tỉnh về kết luận của Ban Thường vụ Đảng ủy UBND tỉnh;\nCăn cứ Nghị quyết số 05-NQ/ĐU của Đảng "
                     "ủy xã Hà Bắc;\n")
    found = issuers_read(x)
    assert found["100-KL/ĐU"] == "Đảng ủy Ủy ban nhân dân tỉnh Gia Lai"
    assert found["05-NQ/ĐU"] == "Đảng ủy xã Hà Bắc"


OF_THE_ISSUING_BODY = [
    # 250: a decision of Hà Nội's public service centre (QĐ-TTPVHCC) cites another of its decisions
    # without naming who issued it, a code no table knows; the ministry's decision stays the ministry's
    ("UBND THÀNH PHỐ HÀ NỘI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n" + MOTTO + "Số: 1610/QĐ-TTPVHCC\nHà Nội, ngày 25 tháng "
     "11 năm 2025\n\nQUYẾT ĐỊNH\n\nMột số thủ tục tại Quyết định số 2304/QĐ-BNNMT đã được điều chỉnh bởi Quyết định "
     "số 3380/QĐ-TTPVHCC ngày 25/8/2025 về việc công bố thủ tục hành chính mới ban hành.\n",
     {"2304/QĐ-BNNMT": "Bộ Nông nghiệp và Môi trường",
      "3380/QĐ-TTPVHCC": "Trung tâm Phục vụ hành chính công thành phố Hà Nội"}),
    # 089: a resolution of Hà Nội's council cites its legal committee's report ("của Ban\nPháp chế")
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n" + MOTTO + "Số: 73/2025/NQ-HĐND\nHà Nội, ngày 04 tháng 12 năm 2025\n\n"
     "NGHỊ QUYẾT\n\nXét Báo cáo thẩm tra số 117/BC-BPC ngày 22 tháng 11 năm 2025 của Ban\nPháp chế; Báo cáo tiếp thu, "
     "giải trình số 465/BC-UBND ngày 24 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố;\n",
     {"117/BC-BPC": "Ban Pháp chế Hội đồng nhân dân thành phố Hà Nội",
      "465/BC-UBND": "Ủy ban nhân dân thành phố Hà Nội"}),
]


@pytest.mark.parametrize("text, expected", OF_THE_ISSUING_BODY)
def test_a_body_the_text_leaves_implicit_is_of_the_issuing_document(text: str, expected: dict[str, str]) -> None:
    assert issuers_read(extract_text(text)) == expected


JOINT = [
    # 370 (Hà Nội, 2025): the two ministers, printed as such; the symbol names both ministries
    ("Thông tư liên tịch số 41/2013/TTLT-BYT-BLĐTBXH ngày 18 tháng 11 năm 2013 của Bộ trưởng Bộ Y tế và Bộ trưởng Bộ "
     "Lao động - Thương binh và Xã hội hướng dẫn khám giám định bệnh, tật, dị dạng, dị tật;\n", "41/2013/TTLT-BYT-BLĐTBXH",
     ("Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội")),
    # 106: a slash after the joint code
    ("Căn cứ Thông tư liên tịch 88/2016/TTLT/BTC-BTNMT ngày 22 tháng 6 năm 2016 của Liên Bộ trưởng Bộ Tài chính và Bộ "
     "trưởng Bộ Tài nguyên và Môi trường quy định về hồ sơ và trình tự, thủ tục tiếp nhận;\n", "88/2016/TTLT/BTC-BTNMT",
     ("Bộ Tài chính", "Bộ Tài nguyên và Môi trường")),
    # 144: a ministry's code cut at a hyphen ("BGD-ĐT")
    ("của họ vẫn được thực hiện theo qui định của Thông tư Liên tịch số 16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC./.\n",
     "16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC", ("Bộ Lao động - Thương binh và Xã hội", "Bộ Giáo dục và Đào tạo", "Bộ Tài chính")),
    # 373: a code no table knows (the Youth Union's): the issuer stays the body the text prints first
    ("- Thông tư Liên tịch số 26/2007/TTLT- LĐTBXH-TWĐTNCSHCM ngày 21/11/2007 của Bộ Lao động - Thương binh và Xã hội - "
     "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh.\n", "26/2007/TTLT-LĐTBXH-TWĐTNCSHCM",
     ("Bộ Lao động - Thương binh và Xã hội",)),
]


@pytest.mark.parametrize("line, identifier, bodies", JOINT)
def test_a_joint_circular_is_issued_by_every_body_its_symbol_names(line: str, identifier: str,
                                                                  bodies: tuple[str, ...]) -> None:
    x = extract_text("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n" + MOTTO + "Số: 12/QĐ-UBND\nHà Nội, ngày 03 tháng 12 năm "
                     "2025\n\n" + line)
    issuer = {r.identifier: r.issuer for r in x.references}[identifier]
    assert issuer is not None and issuer.name == ", ".join(bodies)
    assert tuple(m.name for m in issuer.members) == (bodies if len(bodies) > 1 else ())
    assert issuer.lead.name == bodies[0]  # the one body the graph names


@pytest.mark.parametrize("line, identifier", [
    # 094: a decree printed "của" a ministry, a slip of the text
    ("Tổ chức, cá nhân đầu tư dự án chi trả\nĐiều 21 Nghị định số 131/2025/NĐ-CP ngày 12/6/2025 của Bộ Nông nghiệp và "
     "Môi trường.\n", "131/2025/NĐ-CP"),
    # 273: the ministry in the table's next cell
    ("- Điều 35 Luật Bảo vệ và kiểm dịch thực vật năm 2013;\n- Điều 8, 10, 11, 12 Nghị định số 116/2014/NĐ-CP\nBộ "
     "Nông nghiệp và\nMôi trường 4 5.000121\n", "116/2014/NĐ-CP"),
])
def test_a_decree_of_the_government_is_the_government_s_whatever_ministry_stands_after_it(line: str,
                                                                                         identifier: str) -> None:
    x = extract_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n" + MOTTO + "Số: 12/QĐ-UBND\nQuảng Ngãi, ngày 03 tháng 12 năm "
                     "2025\n\n" + line)
    assert issuers_read(x)[identifier] == "Chính phủ"


def test_a_code_yields_to_the_body_the_text_prints() -> None:
    # 106: a ministry cited by its name of 2025 with its older code (and 134's department, in PROPOSED_BY)
    x = extract_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n" + MOTTO + "Số: 12/QĐ-UBND\nQuảng Ngãi, ngày 03 tháng 12 năm "
                     "2025\n\nThực hiện Quyết định số 2304/QĐ-BTNMT ngày 23 tháng 6 năm 2025 của Bộ trưởng Bộ Nông nghiệp và "
                     "Môi trường về việc công bố thủ tục hành chính trong lĩnh vực đất đai thuộc phạm vi chức năng quản lý "
                     "nhà nước của Bộ Nông nghiệp và Môi trường;\n")
    assert issuers_read(x)["2304/QĐ-BTNMT"] == "Bộ Nông nghiệp và Môi trường"
