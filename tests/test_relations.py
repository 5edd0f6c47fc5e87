"""The relation of the document to each reference, and those it states between two others."""

import pytest
from conftest import read_as, reference

OWN = [
    # (place, snippet, identifier, relation of the document to it)
    ("Quảng Ngãi", "Thực hiện Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về thực hiện Kết luận số "
                   "51-KL/TW ngày 30/5/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 8 "
                   "khóa XI về đổi mới; Chỉ thị số 1112/CT-BGDĐT ngày 19/8/2022 của Bộ GDĐT về nhiệm vụ.",
     "1112/CT-BGDĐT", "implements"),  # the cue reaches over ";" to the next document of the list
    ("Quảng Ngãi", "Thực hiện Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về thực hiện Kết luận số "
                   "51-KL/TW ngày 30/5/2019 của Ban Bí thư.", "51-KL/TW", "cites"),  # only named in 224's description
    ("Cẩm Giàng", "Căn cứ Thông báo số 502-TB/VPTU ngày 17/8/2023 của Văn phòng Tỉnh ủy;", "502-TB/VPTU", "basedOn"),
    ("Cẩm Giàng", "tổ chức phổ biến, quán triệt các nhiệm vụ, giải pháp tại Thông báo số 502-TB/VPTU ngày 17/8/2023.",
     "502-TB/VPTU", "cites"),
    ("Cẩm Giàng", "2.1. Tiếp tục thực hiện hiệu quả Chỉ thị số 31/CT-TTg ngày 04/12/2019 của Thủ tướng Chính phủ.",
     "31/CT-TTg", "implements"),  # a local plan that "continues" a directive implements it
    ("Cẩm Giàng", "Triển khai xây dựng các hạng mục công trình theo quy định tại Quyết định số 30/2021/QĐ-TTg ngày "
                  "10/10/2021 của Thủ tướng Chính phủ.", "30/2021/QĐ-TTg", "cites"),
    ("Cẩm Giàng", "3.1. Triển khai thực hiện Chiến lược phát triển giáo dục nghề nghiệp giai đoạn 2021 - 2030 theo "
                  "Quyết định số 2239/QĐ-TTg ngày 30/12/2021 của Thủ tướng Chính phủ.", "2239/QĐ-TTg", "implements"),
    ("Cẩm Giàng", "Tiếp tục triển khai thực hiện hiệu quả Đề án “Tăng cường ứng dụng công nghệ thông tin” ban hành "
                  "theo Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính và Kế hoạch số 43/KH-UBND, ngày "
                  "28/3/2022 của UBND huyện về Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022.", "43/KH-UBND",
     "implements"),
    ("Quảng Ngãi", "Điều 1. Bãi bỏ toàn bộ Nghị quyết số 30/2013/NQ-HĐND ngày 06 tháng 12 năm 2013 của Hội đồng nhân "
                   "dân tỉnh.", "30/2013/NQ-HĐND", "repeals"),
    ("Quảng Ngãi", "Quyết định này thay thế Quyết định số 11/2022/QĐ-UBND ngày 03 tháng 6 năm 2022 của Ủy ban nhân "
                   "dân tỉnh.", "11/2022/QĐ-UBND", "replaces"),
    ("Quảng Ngãi", "Quyết định số 11/2022/QĐ-UBND ngày 03 tháng 6 năm 2022 của Ủy ban nhân dân tỉnh ban hành Quy định "
                   "về an toàn điện hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     "11/2022/QĐ-UBND", "repeals"),
    ("Quảng Ngãi", "- Chủ trì, phối hợp với các cơ quan tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế\nQuyết định "
                   "số 15/2021/QĐ-UBND ngày 08/7/2021 của UBND tỉnh Nghệ An về ban hành quy chế.",
     "15/2021/QĐ-UBND", "cites"),  # work to be done, not what this document does
    ("Quảng Ngãi", "Căn cứ Nghị định số 78/2025/NĐ-CP của Chính phủ.", "78/2025/NĐ-CP", "basedOn"),
    # a colon printed for a semicolon before the next citation (136.txt): still "Căn cứ"
    ("Quảng Ngãi", "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ "
                   "hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính: Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của "
                   "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn thi hành một số quy định của Nghị định số "
                   "61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", "01/2018/TT-VPCP", "basedOn"),
    ("Quảng Ngãi", "Điều 1. Bãi bỏ khoản 2 Điều 1 Nghị quyết số 246/NQ-HĐND ngày 10 tháng 9 năm 2025 của Hội đồng nhân dân "
                   "tỉnh.", "246/NQ-HĐND", "amends"),  # repealing a part of a document amends it (corpus 003)
    ("Quảng Ngãi", "Bãi bỏ toàn bộ Quyết định số 10/2016/QĐ-UBND ngày 21/3/2016 của Ủy ban nhân dân tỉnh ban hành Quy "
                   "định chức năng và Quyết định số 14/2022/QĐ-UBND ngày 15/6/2022 của Ủy ban nhân dân tỉnh về sửa đổi.",
     "14/2022/QĐ-UBND", "repeals"),  # the second of two documents joined by "và" (corpus 114)
]


@pytest.mark.parametrize("place, snippet, identifier, relation", OWN)
def test_relation_of_the_document(place: str, snippet: str, identifier: str, relation: str) -> None:
    assert reference(read_as(place, snippet), identifier).relation == relation


def test_a_regulation_promulgated_by_a_decision_is_amended_not_promulgated() -> None:
    from kg import extract_text

    x = extract_text("Số: 97/2025/QĐ-UBND\nQuảng Ninh, ngày 20 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nSỬA ĐỔI, BỔ SUNG MỘT SỐ "
                     "ĐIỀU CỦA QUY ĐỊNH VỀ BỒI THƯỜNG KHI NHÀ NƯỚC THU HỒI ĐẤT BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ "
                     "40/2024/QĐ-UBND NGÀY 04/10/2024 CỦA ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Đất đai số 31/2024/QH15;\n")
    assert reference(x, "40/2024/QĐ-UBND").relation == "amends"


def test_a_cue_in_the_title_speaks_for_the_document() -> None:
    from kg import extract_text

    x = extract_text("Số: /KH-UBND\n\nAn Lão, ngày tháng 3 năm 2024\n\nKẾ HOẠCH\n\nSơ kết 02 năm thực hiện Quyết định "
                     "số: 3380/QĐ-UBND, \n\n ngày 28/9/2022 của Ủy ban nhân dân huyện An Lão về việc ban hành\n\nKế "
                     "hoạch hành động\n\nThực hiện Nghị quyết số 94-NQ/HU ngày 08/4/2022 của Ban Thường vụ Huyện ủy.\n")
    assert reference(x, "3380/QĐ-UBND").relation == "reviews"
    assert reference(x, "94-NQ/HU").relation == "implements"


NESTED = [
    # (place, snippet, (from, relation, to or to_title))
    ("Quảng Ngãi", "Thực hiện Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về thực hiện Kết luận số "
                   "51-KL/TW ngày 30/5/2019 của Ban Bí thư.", ("224-KH/TU", "implements", "51-KL/TW")),
    ("Cẩm Giàng", "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện \nChỉ thị số 05-CT/TW "
                  "về đẩy mạnh học tập.", ("01-KL/TW", "continues", "05-CT/TW")),
    ("Cẩm Giàng", "Kết luận số \n51-KL/TW ngày 30/5/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết Trung \nương 8 "
                  "khóa XI về “Đổi mới căn bản”.", ("51-KL/TW", "continues", "29-NQ/TW")),  # an alias
    ("Hà Bắc", "Thực hiện Kế hoạch số: 1733/KH-SGDĐT ngày 26/3/2026 của Sở giáo dục và đào tạo về Kế hoạch triển khai "
               "thực hiện Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030”.",
     ("1733/KH-SGDĐT", "implements", "Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030”")),
    ("Cẩm Giàng", "Tiếp tục thực hiện có hiệu quả Đề án “Giáo dục hướng nghiệp và định hướng phân luồng học sinh” theo "
                  "Quyết định 522/QĐ-TTg ngày 14/5/2018 của Thủ tướng Chính phủ.",
     ("522/QĐ-TTg", "promulgates", "Đề án “Giáo dục hướng nghiệp và định hướng phân luồng học sinh”")),
    ("Quảng Ngãi", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số "
                   "87/2025/QH15;", ("87/2025/QH15", "amends", "64/2025/QH15")),  # passive voice
    ("Quảng Ngãi", "Kế hoạch số 75/KH- UBND ngày 09/7/2018 của UBND tỉnh Sóc Trăng về việc thực hiện\nNghị quyết số "
                   "137/NQ-CP ngày 31/12/2017 của Chính phủ và Chương trình số 27-CTr/TU ngày 12/3/2018.",
     ("75/KH-UBND", "implements", "27-CTr/TU")),  # both documents joined by "và"
    # a law's name in small letters before its number (229.txt), "đã được"
    ("Quảng Ngãi", "Căn cứ Luật ban hành văn bản quy phạm pháp luật số 64/2025/QH15 đã được sửa đổi, bổ sung bởi Luật số "
                   "87/2025/QH15;", ("87/2025/QH15", "amends", "64/2025/QH15")),
    # the amending law named whole with its own number (335.txt)
    ("Quảng Ngãi", "Căn cứ Luật Xây dựng số 50/2014/QH13 (được sửa đổi, bổ sung tại Luật sửa đổi, bổ sung một số điều "
                   "của Luật Xây dựng số 62/2020/QH14);", ("62/2020/QH14", "amends", "50/2014/QH13")),
    # a numbered decree listed after the law a decree guides: on the list of what is amended (259.txt)
    ("Quảng Ngãi", "Căn cứ Nghị định số 187/2025/NĐ-CP của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
                   "78/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn thi "
                   "hành Luật Ban hành văn bản quy phạm pháp luật và Nghị định số 79/2025/NĐ-CP của Chính phủ về kiểm "
                   "tra, rà soát, hệ thống hóa và xử lý văn bản quy phạm pháp luật;",
     ("187/2025/NĐ-CP", "amends", "79/2025/NĐ-CP")),
    # a misprint "bới" for "bởi" (260.txt): still passive, never "64 amends 87"
    ("Quảng Ngãi", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bới Luật số "
                   "87/2025/QH15;", ("87/2025/QH15", "amends", "64/2025/QH15")),
    # a ";" before "được sửa đổi" (325.txt, also 217 and 324): the passive still speaks of the law before it
    ("Quảng Ngãi", "Căn cứ Luật Viên chức số 58/2010/QH12; được sửa đổi, bổ sung bởi Luật số 52/2019/QH14;",
     ("52/2019/QH14", "amends", "58/2010/QH12")),
    # in brackets without "được" (325.txt)
    ("Quảng Ngãi", "trừ trường hợp quy định tại khoản 6 Điều 36 Nghị định số 112/2020/NĐ-CP ngày 18/9/2020 về xử lý kỷ "
                   "luật cán bộ, công chức, viên chức (sửa đổi, bổ sung tại Nghị định số 71/2023/NĐ-CP ngày 20/9/2023 "
                   "của Chính phủ).", ("71/2023/NĐ-CP", "amends", "112/2020/NĐ-CP")),
    # a government resolution amends the government's, not the Party resolution it implements (105.txt)
    ("Quảng Ngãi", "Căn cứ Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 của Chính phủ Ban hành chương trình hành "
                   "động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ\nChính trị về "
                   "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia được sửa đổi, bổ "
                   "sung cập nhật một số điều tại Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ;",
     ("71/NQ-CP", "amends", "03/NQ-CP")),
    # "và" and a part of the next document: the same change reaches it (133.txt)
    ("Quảng Ngãi", "Căn cứ Quyết định số 117/2007/QĐ-TTg ngày 25/7/2007 của Thủ tướng Chính phủ về việc sửa đổi, bổ sung "
                   "một số Điều của Quyết định số 118/TTg ngày 27/02/1996 và Điều 3, Quyết định số 20/2000/QĐ-TTg ngày "
                   "03/02/2000 của Thủ tướng Chính phủ về việc hỗ trợ người hoạt động cách mạng;",
     ("117/2007/QĐ-TTg", "amends", "20/2000/QĐ-TTg")),
    # a second change joined by "và" after the first one's object and its date is the subject's (135.txt)
    ("Quảng Ngãi", "Căn cứ Thông tư liên tịch số 25/2010/TTLT-BLĐTBXH-BTC-BYT ngày 11/9/2010 của Liên Bộ: Lao động "
                   "Thương binh và Xã hội, Tài chính, Y tế về việc sửa đổi, bổ sung Thông tư liên tịch số: "
                   "17/2006/TTLT-BLĐTBXH-BTC-BYT ngày 21/11/2006 và thay thế Thông tư liên tịch số "
                   "06/2007/TTLT-BLĐTBXH-BTC-BYT ngày 12/4/2007;",
     ("25/2010/TTLT-BLĐTBXH-BTC-BYT", "replaces", "06/2007/TTLT-BLĐTBXH-BTC-BYT")),
    # an amending law's name says what it amends, the law of that name cited with its number (230.txt)
    ("Quảng Ngãi", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15, Luật Sửa đổi, bổ sung một số điều "
                   "của\nLuật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;",
     ("87/2025/QH15", "amends", "64/2025/QH15")),
    # the one number after a list of amended laws named without numbers is the amending law's (255.txt)
    ("Quảng Ngãi", "Căn cứ Luật Đầu tư công số 58/2024/QH15;\nCăn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, "
                   "Luật Đầu tư công theo phương thức đối tác công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế "
                   "xuất khẩu, thuế nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công số "
                   "90/2025/QH15;", ("90/2025/QH15", "amends", "58/2024/QH15")),
]


@pytest.mark.parametrize("place, snippet, expected", NESTED)
def test_nested_relation(place: str, snippet: str, expected: tuple[str, str, str]) -> None:
    x = read_as(place, snippet)
    assert expected in {(r.source, r.relation, r.target or r.target_title) for r in x.relations}


def test_a_document_that_amends_in_its_own_description_is_the_next_of_a_list() -> None:
    """"số 58/2023/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP và số 22/2025/NĐ-CP
    ngày 11/02/2025 sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP" (120.txt): 22/2025 amends
    37/2019, and 58/2023 does not amend 22/2025."""
    x = read_as("Quảng Ngãi", "Căn cứ các Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Quy "
                              "hoạch (Số 37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ngày 12/8/2023 sửa đổi, bổ sung một "
                              "số điều của Nghị định số 37/2019/NĐ-CP và số 22/2025/NĐ-CP ngày 11/02/2025 sửa đổi, bổ sung "
                              "một số điều của Nghị định số 37/2019/NĐ-CP đã được sửa đổi, bổ sung một số điều theo Nghị "
                              "định số 58/2023/NĐ-CP);")
    found = {(r.source, r.relation, r.target) for r in x.relations}
    assert found == {("58/2023/NĐ-CP", "amends", "37/2019/NĐ-CP"), ("22/2025/NĐ-CP", "amends", "37/2019/NĐ-CP")}


def test_the_numbers_after_an_amending_law_of_several_are_the_amended_laws() -> None:
    """"Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 ...":
    each number is the law amended, not the amending law's (105.txt): no law amends another here."""
    x = read_as("Quảng Ngãi", "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024, được sửa đổi, bổ sung một "
                              "số điều tại\nLuật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở "
                              "số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng "
                              "số 32/2024/QH15;")
    assert not {r for r in x.relations if r.relation == "amends" and r.source and r.target}
    assert reference(x, "27/2023/QH15").title == "Luật Nhà ở"


def test_the_line_that_ends_the_preamble_ends_a_description() -> None:
    """"... của Ủy ban Pháp luật và Tư pháp,\n\nQUYẾT NGHỊ:" (296.txt): no title "QUYẾT NGHỊ"."""
    x = read_as("Quảng Ngãi", "Xét đề nghị của Chính phủ tại Tờ trình số 398/TTr-CP và Đề án số 399/ĐA-CP ngày 09 tháng 5 "
                              "năm 2025, Báo cáo thẩm tra số 430/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật "
                              "và Tư pháp,\n\nQUYẾT NGHỊ:\n\nĐiều 1. Sắp xếp các đơn vị hành chính cấp xã.")
    report = reference(x, "430/BC-UBPLTP15")
    assert report.title is None and report.issuer is not None and report.issuer.name == "Ủy ban Pháp luật và Tư pháp"


def test_a_trailing_clause_belongs_to_the_whole_list() -> None:
    x = read_as("Quảng Ngãi", "2. Công tác lãnh đạo: Chương trình hành động số 51-CTr/TU ngày 23/7/2014 của Tỉnh ủy "
                              "Quảng Ngãi, Kế hoạch số 5447/KH-UBND ngày 24/11/2014 của UBND tỉnh Quảng Ngãi, Kế hoạch số "
                              "697/KH-SGDĐT ngày 17/12/2014 của Sở Giáo dục và Đào tạo về thực hiện Nghị quyết số "
                              "29-NQ/TW về đổi mới căn bản.")
    got = {(r.source, r.relation, r.target) for r in x.relations}
    assert got == {(s, "implements", "29-NQ/TW") for s in ("697/KH-SGDĐT", "5447/KH-UBND", "51-CTr/TU")}


def test_what_a_description_names_is_not_nested_without_a_cue() -> None:
    x = read_as("Cao Lộc", "- Đầu tư cơ sở vật chất trường học theo Thông tư số 13/2020/TT-BGDĐT ngày 27/5/2020 của Bộ "
                           "Giáo dục và Đào tạo ban hành Quy định tiêu chuẩn cơ sở vật chất các trường có nhiều cấp học và "
                           "Thông tư số 14/2020/TT-BGDĐT ngày 26/5/2020 của Bộ Giáo dục và Đào tạo ban hành Quy định.")
    assert x.relations == ()
    assert [r.relation for r in x.references] == ["cites", "cites"]


def test_a_submission_proposing_a_repeal_does_not_repeal() -> None:
    x = read_as("Quảng Ngãi", "Xét Tờ trình số 423/TTr-UBND ngày 21 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về việc "
                              "đề nghị Hội đồng nhân dân tỉnh ban hành Nghị quyết bãi bỏ Nghị quyết số 30/2013/NQ-HĐND.")
    assert x.relations == ()


@pytest.mark.parametrize("snippet, wrong", [
    # corpus 105: "ban hành kèm" belongs to "Kế hoạch tổng thể", not to the decision before it
    ("Căn cứ Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ và Kế hoạch tổng thể ban "
     "hành kèm Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính;",
     {("06/QĐ-TTg", "promulgates", "3103/QĐ-BTC"), ("3103/QĐ-BTC", "promulgates", "06/QĐ-TTg")}),
    # corpus 105: a law not yet issued ("chưa ban hành") is promulgated by nothing
    ("Căn cứ Nghị quyết số 66.2/2025/NQ-CP ngày 28 tháng 8 năm 2025 của Chính phủ Quy định xử lý khó khăn, vướng "
     "mắc về việc điều chỉnh quy hoạch trong thời gian chưa ban hành Luật Quy hoạch (sửa đổi);",
     {("66.2/2025/NQ-CP", "promulgates", "Luật Quy hoạch")}),
])
def test_no_promulgation_is_read_where_none_is_said(snippet: str, wrong: set[tuple[str, str, str]]) -> None:
    x = read_as("Quảng Ngãi", snippet)
    got = {(r.source, r.relation, r.target or r.target_title) for r in x.relations}
    assert not got & wrong, got
