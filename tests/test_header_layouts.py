"""Headers of every layout, each clue weighed (issue 15, kind 3): the body that issues, not its
parent; a province named as in the document's own era; a place line broken over lines or without
its comma; the enacting authority and the body's words when the header prints no place; signers
under the titles of the 2025 reform. Snippets are real (the corpus file is named at each)."""

from __future__ import annotations

import pytest

from kg import extract_text

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"

ISSUERS = [
    # (header, issuer, level, province)
    ("BỘ TÀI CHÍNH\nCỤC THUẾ\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 3509/QĐ-CT\n"
     "Hà Nội, ngày 17 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\nBAN\nHÀNH QUY TẮC ỨNG XỬ VỚI NGƯỜI NỘP THUẾ\n",  # 282
     "Cục Thuế", "central", None),
    ("BỘ TÀI CHÍNH TỔNG CỤC THUẾ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "---------------\nSố: 1414/TCT-CS V/v hỗ trợ người có công với cách mạng cải thiện nhà ở. | Hà Nội, ngày 04 "
     "tháng 05 năm 2013\n\nKính gửi: Cục Thuế tỉnh Hà Tĩnh.\n",  # 353, a table row of 2013
     "Tổng cục Thuế", "central", None),
    ("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 1539/VLO-QLDN3\nV/v trả lãi tiền vay cho cổ đông\nVĩnh Long, ngày 02 tháng 12 năm 2025\n\n",  # 271
     "Thuế tỉnh Vĩnh Long", "provincial", "Vĩnh Long"),
    ("UBND THÀNH PHỐ HÀ\nNỘI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc\nSố:\n1594/QĐ-TTPVHCC\nHà Nội, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n",  # 236
     "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "provincial", "Hà Nội"),
    ("BAN CHẤP HÀNH\nTRUNG ƯƠNG\nVĂN PHÒNG\n\nĐẢNG CỘNG SẢN\nVIỆT NAM\nSố 07-KL/VPTW\nHà Nội, ngày 01 tháng 12 "
     "năm 2025\n\nKẾT LUẬN\n\nCỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG TRUNG ƯƠNG ĐẢNG\n",  # 203
     "Văn phòng Trung ương Đảng", "central", None),
    ("BAN CHẤP HÀNH\nTRUNG ƯƠNG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n\nĐẢNG CỘNG SẢN\nVIỆT NAM\nSố: 1147-QĐ/BTGDVTW\n"
     "Hà Nội, ngày 01 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\n",  # 201
     "Ban Tuyên giáo và Dân vận Trung ương", "central", None),
    ("BAN CHỈ ĐẠO NHÀ\nNƯỚC\nVỀ DU LỊCH\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 170/QĐ-BCĐNNDL\nHà Nội, ngày 21 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n",  # 275: national, not Hà Nội's
     "Ban Chỉ đạo nhà nước về du lịch", "central", None),
    ("CHỦ TỊCH NHÂN\nDÂN\nTHÀNH PHỐ HUẾ\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:\n"
     "123/2025/QĐ-CTUBND\nHuế, ngày 24 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n",  # 255: the chair's decision
     "Ủy ban nhân dân thành phố Huế", "provincial", "Huế"),
    ("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "---------------\nSố: 1040/LĐTBXH-NCC V/v hướng dẫn giải quyết chế độ người HĐKC bị nhiễm chất độc hóa học | Hà "
     "Nội, ngày 09 tháng 04 năm 2012\n",  # 356: a hyphen without its spaces, in capitals
     "Bộ Lao động - Thương binh và Xã hội", "central", None),
    # the province as its documents of 2025 print it (the gazetteer already has it a city): 095
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 1521/QĐ-UBND\nBắc Ninh, ngày 22 tháng 11 năm 2025\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n",
     "Ủy ban nhân dân tỉnh Bắc Ninh", "provincial", "Bắc Ninh"),
]


@pytest.mark.parametrize("text, issuer, level, province", ISSUERS)
def test_the_issuer_is_the_body_that_issues(text: str, issuer: str, level: str, province: str | None) -> None:
    d = extract_text(text).document
    assert d.issuer is not None and (d.issuer.name, d.issuer.level, d.issuer.province) == (issuer, level, province)


#: 095's header and enacting authority, and 041's sentence, as a header printing only the body's
#: kind ("ỦY BAN NHÂN DÂN" alone, the layout of a table-row header) would leave them.
BARE = "ỦY BAN NHÂN DÂN\n" + MOTTO + "Số: 1521/QĐ-UBND\n"
UNNAMED_PLACE = [
    (BARE + "Bắc Ninh, ngày 22 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố\n\n"
     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
     "Ủy ban nhân dân tỉnh Bắc Ninh", "Bắc Ninh"),  # place line and authority agree
    (BARE + "ngày 22 tháng 11 năm 2025\n\nKẾ HOẠCH\nThực hiện Chỉ thị\n\nĐể đạt được các mục tiêu theo Chỉ thị số "
     "27/CT-TTg. Ủy ban nhân dân thành phố Cần Thơ ban hành Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 "
     "năm 2024\n", "Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ"),  # the body names it
    (BARE + "Bắc Ninh, ngày 22 tháng 11 năm 2025\n\nKẾ HOẠCH\nThực hiện Chỉ thị\n\nỦy ban nhân dân thành phố Cần Thơ "
     "ban hành Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024\n", "Ủy ban nhân dân", None),
    # the clues disagree: unknown before wrong
]


@pytest.mark.parametrize("text, issuer, province", UNNAMED_PLACE)
def test_a_header_without_a_place_takes_it_from_clues_that_agree(text: str, issuer: str, province: str | None) -> None:
    d = extract_text(text).document
    assert d.issuer is not None and (d.issuer.name, d.issuer.province) == (issuer, province)


PLACE_LINES = [
    ("ỦY\nBAN NHÂN DÂN\nTỈNH CAO BẰNG\n" + MOTTO + "Số: 53/2025/QĐ-UBND\nCao\nBằng, ngày 28 tháng 11 năm 2025\n"
     "QUYẾT ĐỊNH\n", "Cao Bằng", "2025-11-28"),  # 014: broken across lines
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n" + MOTTO + "Số:\n83/2025/NQ-HĐND\nHà\nNội, ngày 27 tháng 11 năm 2025\n\n"
     "NGHỊ QUYẾT\n", "Hà Nội", "2025-11-27"),  # 079
    # 310's place line as a copy that lost its comma prints it
    ("BỘ TÀI CHÍNH\nCỤC THUẾ\n" + MOTTO + "Số:\n5680/CT-CS\nV/v thuế TNCN từ tiền lương, tiền công.\n"
     "Hà Nội ngày 01 tháng 12 năm 2025\n\nKính gửi: Ban Tuyên giáo và Dân vận Trung ương\n", "Hà Nội", "2025-12-01"),
]


@pytest.mark.parametrize("text, place, date", PLACE_LINES)
def test_place_and_date(text: str, place: str, date: str) -> None:
    d = extract_text(text).document
    assert (d.place, d.date) == (place, date)


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


def test_a_document_of_before_the_renaming_is_the_province_s() -> None:
    # 076's title: the 2022 resolution of "HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ" as its own header
    d = extract_text("HỘI ĐỒNG NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\n" + MOTTO + "Số: 11/2022/NQ-HĐND\nThừa\nThiên Huế, ngày 14 "
                     "tháng 7 năm 2022\n\nNGHỊ QUYẾT\n").document
    assert (d.issuer.name if d.issuer else None, d.place, d.date) == (
        "Hội đồng nhân dân tỉnh Thừa Thiên Huế", "Thừa Thiên Huế", "2022-07-14")


def test_a_signer_under_a_title_of_the_2025_reform() -> None:
    # 271
    d = extract_text("CỤC THUẾ\nTHUẾ TỈNH VĨNH LONG\n" + MOTTO + "Số: 1539/VLO-QLDN3\nV/v trả lãi tiền vay cho cổ đông\n"
                     "Vĩnh Long, ngày 02 tháng 12 năm 2025\n\nThuế tỉnh Vĩnh Long thông báo.\n\nNơi nhận:\n- Như trên;\n"
                     "- Lưu: VT, QLDN3. H(4)\nKT. TRƯỞNG THUẾ\nTỈNH\nPHÓ TRƯỞNG THUẾ TỈNH\nHuỳnh Minh Giám\n").document
    assert d.signer is not None and (d.signer.name, d.signer.position) == ("Huỳnh Minh Giám", "Phó Trưởng Thuế tỉnh")


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


def test_a_resolution_dated_by_its_adoption_and_numbered_after_a_rule() -> None:
    # 302: the number after a rule of dashes, no issuer in the header, the date only in the closing
    # words ("khóa XVthông qua" glued in the copy)
    d = extract_text("------------------ Số: 1661/NQ-UBTVQH15 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - "
                     "Hạnh phúc------------------\n\nNGHỊ QUYẾT\n\nVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh "
                     "Điện Biên năm 2025\n\nỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Luật Tổ chức chính quyền địa phương số "
                     "72/2025/QH15;\n\nNghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt "
                     "Nam khóa XVthông qua ngày 16 tháng 6 năm 2025.\n").document
    assert (d.identifier, d.date, d.issuer.name if d.issuer else None) == (
        "1661/NQ-UBTVQH15", "2025-06-16", "Ủy ban Thường vụ Quốc hội")


def test_an_adoption_date_older_than_a_cited_document_is_a_slip() -> None:
    # 294 prints "thông qua ngày 16 tháng 4 năm 2025" and cites a submission of 09/5/2025
    d = extract_text("Số: 1656/NQ-UBTVQH15\n\nNGHỊ QUYẾT\n\nXét đề nghị của Chính phủ tại Tờ trình số 368/TTr-CP và Đề án "
                     "số 369/ĐA-CP ngày 09 tháng 5 năm 2025,\n\nNghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng "
                     "hòa xã hội chủ nghĩa Việt Nam khóa XV thông qua ngày 16 tháng 4 năm 2025.\n").document
    assert d.date != "2025-04-16"


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
]


@pytest.mark.parametrize("text, issuers", PROPOSED_BY)
def test_a_submission_is_of_the_body_that_proposes_it(text: str, issuers: dict[str, str]) -> None:
    found = {r.identifier: r.issuer.name if r.issuer else None for r in extract_text(text).references}
    assert {k: found.get(k) for k in issuers} == issuers
