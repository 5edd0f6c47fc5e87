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
    # 205: the Central Committee's header over a regulation the Secretariat signs for
    ("BAN CHẤP HÀNH\nTRUNG ƯƠNG\n\nĐẢNG CỘNG SẢN\nVIỆT NAM\nSố 384-QĐ/TW\nHà Nội, ngày 19 tháng 11 năm 2025\n\nQUY "
     "ĐỊNH\n\nVỀ\nKẾT NỐI, CHIA SẺ DỮ LIỆU GIỮA CÁC CƠ QUAN ĐẢNG VỚI CÁC CƠ QUAN, TỔ CHỨC KHÁC\n\n- Lưu Văn phòng Trung "
     "ương Đảng.\nT/M BAN BÍ THƯ\nTrần Cẩm Tú\n", "Ban Bí thư", "central", None),
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
    assert (d.date, d.date_range) == (None, ("2025-05-09", None))  # no younger than what it cites


def test_a_signer_in_a_copy_with_letters_spread_apart() -> None:
    # 136: the signature's table cell, its name broken inside a word ("Đặ ng")
    d = extract_text("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
                     "Hạnh phúc\nSố: 1351/QĐ-UBND | Quảng Ngãi, ngày 04 tháng 10 năm 2022\n\nNơi nhận: - Như Điều 4; - "
                     "Bộ Lao động - Thương binh và X ã hội; - Cục Kiểm soát TTHC - VPCP; - CT, các PCT UBND tỉnh; - VPUB: "
                     "PCVP, KGVX, CBTH; - Lưu: VT, TTHC(htd). | CHỦ TỊCH Đặ ng Văn Minh\n").document
    assert d.signer is not None and (d.signer.name, d.signer.position) == ("Đặng Văn Minh", "Chủ tịch")


SIGNED_MARK = [
    # 318: a decree whose copy keeps only the mark and the name, on the last line
    ("- Lưu: VT, NC (02). MC\n( Đã ký) Lê Thành Long\n", ("Lê Thành Long", None)),
    # 365: the name before the mark, in the signature's table cell
    ("Thông tư này có hiệu lực thi hành kể từ ngày ký.\n\n | Nguyễn Mạnh Kiểm (Đã ký)\n", ("Nguyễn Mạnh Kiểm", None)),
    # 338: the signature block's lines run together, the position just before the mark
    ("- Lưu: VT, TCCV (2) | TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Nguyễn Hòa Bình\n",
     ("Nguyễn Hòa Bình", "Phó Thủ tướng")),
    # 302: the line of the body ran into the position's ("QUỐC HỘICHỦ TỊCH"), the name on the next line
    ("- Lưu: HC, PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\nTrần Thanh Mẫn\n", ("Trần Thanh Mẫn", "Chủ tịch")),
    # 306: the same block with no name under it
    ("- Lưu: HC, PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\n", None),
    # 324 and 316: a military rank before the name of a consolidated text's signer
    ("- Lưu: VT, NCTH. D76.\nXÁC THỰC VĂN BẢN\nHỢP NHẤT\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Võ Minh Lương\n",
     ("Võ Minh Lương", "Thứ trưởng")),
    ("- Lưu: VT, NCTH, Dien88.\nXÁC THỰC VĂN\nBẢN HỢP NHẤT\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐại tướng Nguyễn Tân Cương\n",
     ("Nguyễn Tân Cương", "Thứ trưởng")),
    # 287: a mark with no name beside it names no one
    ("- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH,Ủy ban MTTQVN thành phố Huế; - Lưu: HC, PLTP.\n(đã ký)\n", None),
]


@pytest.mark.parametrize("closing, signer", SIGNED_MARK)
def test_a_signer_beside_the_mark_of_a_signature_or_under_a_run_together_block(closing: str, signer: tuple[str, str | None] | None) -> None:
    d = extract_text("CHÍNH PHỦ\n" + MOTTO + "Số: 16/2025/NĐ-CP\nHà Nội, ngày 04 tháng 02 năm 2025\n\nNGHỊ ĐỊNH\n"
                     "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP\n\nĐiều 1. Phạm vi.\n\n" + closing).document
    assert ((d.signer.name, d.signer.position) if d.signer else None) == signer


@pytest.mark.parametrize("header, identifier", [
    # 331 and 336: the number right after the body's name and its rule, before the motto, in one cell
    ("CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc"
     "______________________\n\nNGHỊ ĐỊNH\n\nQuy định về tuyển dụng, sử dụng và quản lý công chức\n", "170/2025/NĐ-CP"),
    ("CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – Hạnh phúc"
     "________________________ Hà Nội, ngày 30 tháng 6 năm 2025\n\nNGHỊ ĐỊNH\n\nQuy định về xử lý kỷ luật cán bộ, "
     "công chức\n", "172/2025/NĐ-CP"),
])
def test_a_number_after_the_body_s_name_in_its_cell(header: str, identifier: str) -> None:
    x = extract_text(header + "\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n")
    assert x.document.identifier == identifier and identifier not in {r.identifier for r in x.references}
