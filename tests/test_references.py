"""References: type, date and issuer, as printed or as the symbol and the context give them."""

import pytest
from conftest import read_as, reference

CASES = [
    # (place of the document, snippet, identifier, type, date, issuer)
    ("Cẩm Giàng", "Căn cứ Thông báo số 502-TB/VPTU ngày 17/8/2023 của Văn phòng Tỉnh \nủy thông báo kết luận;",
     "502-TB/VPTU", "Notice", "2023-08-17", "Văn phòng Tỉnh ủy Hải Dương"),
    ("Cẩm Giàng", "Thực hiện Công văn số 3131/UBND-VP ngày 23/8/2023 của UBND tỉnh về triển khai;",
     "3131/UBND-VP", "OfficialLetter", "2023-08-23", "Ủy ban nhân dân tỉnh Hải Dương"),
    ("Cẩm Giàng", "Kế hoạch số 80/KH-UBND ngày \n23/8/2022 của UBND huyện triển khai Chương trình.",
     "80/KH-UBND", "Plan", "2022-08-23", "Ủy ban nhân dân huyện Cẩm Giàng"),
    ("Cẩm Giàng", "theo Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính và Kế hoạch số 43/KH-UBND.",
     "131/QĐ-TTg", "Decision", "2022-01-25", "Thủ tướng Chính phủ"),  # a word dropped (seed 001)
    ("Cẩm Giàng", "Nghị quyết số 29-NQ/TW, ngày 04/11/2013 của Ban \nChấp hành Trung ương Đảng (khóa XI) về “Đổi mới”.",
     "29-NQ/TW", "Resolution", "2013-11-04", "Ban Chấp hành Trung ương Đảng"),
    ("Cẩm Giàng", "Nghị quyết số 29-NQ/TW ngày \n04/11/2013 Hội nghị lần thứ 8 Ban chấp hành Trung ương (khóa XI) và",
     "29-NQ/TW", "Resolution", "2013-11-04", "Ban Chấp hành Trung ương Đảng"),  # no "của"
    ("Quảng Ngãi", "Chỉ thị số 1112/CT-BGDĐT ngày 19/8/2022 của Bộ GDĐT về thực hiện nhiệm vụ.",
     "1112/CT-BGDĐT", "Directive", "2022-08-19", "Bộ Giáo dục và Đào tạo"),
    ("Quảng Ngãi", "Quyết định số 1471/QĐ-SGDĐT ngày 14/9/2022 về việc ban hành Kế hoạch công tác.",
     "1471/QĐ-SGDĐT", "Decision", "2022-09-14", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi"),  # from the symbol
    ("Quảng Ngãi", "Chương trình hành động số 51-CTr/TU ngày 23/7/2014 của Tỉnh ủy Quảng Ngãi.",
     "51-CTr/TU", "Program", "2014-07-23", "Tỉnh ủy Quảng Ngãi"),
    ("Cao Lộc", "Thực hiện Quyết định số 1556-QĐ/TU, ngày 09/01/2024 của Ban Thường vụ Tỉnh ủy về việc phê duyệt.",
     "1556-QĐ/TU", "Decision", "2024-01-09", "Ban Thường vụ Tỉnh ủy Lạng Sơn"),  # Lạng Sơn from the gazetteer
    ("Hà Bắc", "Thực hiện Kế hoạch số: 1733/KH-SGDĐT ngày 26/3/2026 của Sở giáo dục và đào tạo về Kế hoạch.",
     "1733/KH-SGDĐT", "Plan", "2026-03-26", "Sở Giáo dục và Đào tạo thành phố Hải Phòng"),  # after the 2025 reform
    ("Quảng Ngãi", "Căn cứ Quyết định số 2045/QĐ-BGDĐT ngày 01/8/2024 của Bộ trưởngBộ Giáo dục và Đào tạo về việc.",
     "2045/QĐ-BGDĐT", "Decision", "2024-08-01", "Bộ Giáo dục và Đào tạo"),  # office holder, glued (corpus 001)
    ("Quảng Ngãi", "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá.",
     "57-NQ/TW", "Resolution", "2024-12-22", "Bộ Chính trị"),
    ("Quảng Ngãi", "Chỉ thị số 05-CT/TW về đẩy mạnh học tập.",
     "05-CT/TW", "Directive", None, "Bộ Chính trị"),  # "/TW" says no body: the catalogue does
    ("Quảng Ngãi", "Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019;",
     "43/2019/QH14", "Law", "2019-06-14", "Quốc hội"),
    ("Quảng Ngãi", "Căn cứ Nghị định số 62/2025/NĐ-CP ngày 04 tháng 3 năm 2025 của Chính phủ quy định chi tiết.",
     "62/2025/NĐ-CP", "Decree", "2025-03-04", "Chính phủ"),
    ("Quảng Ngãi", "Báo cáo thẩm tra số 109/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế Hội đồng nhân dân tỉnh;",
     "109/BC-BPC", "Report", "2025-11-22", "Ban Pháp chế Hội đồng nhân dân tỉnh Quảng Ngãi"),
    # lists that share a type, a date or an issuer
    ("Cao Lộc", "theo các Thông tư số 18/2018/TT-BGDĐT, số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo.",
     "18/2018/TT-BGDĐT", "Circular", "2018-08-22", "Bộ Giáo dục và Đào tạo"),
    ("Quảng Ngãi", "Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ngày 29/12/2023 của Ban Thường vụ Tỉnh ủy;",
     "31-CT/TU", "Directive", "2023-06-06", "Ban Thường vụ Tỉnh ủy Quảng Ngãi"),
    ("Quảng Ngãi", "Căn cứ các Nghị định của\nChính phủ: số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát; số 48/2013/NĐ-CP ngày 14/5/2013;",
     "48/2013/NĐ-CP", "Decree", "2013-05-14", "Chính phủ"),
    # a letter dropped from "số"
    ("Quảng Ngãi", "Thực hiện Quyết định s 1455/QĐ-UBND ngày 16/12/2022 của UBND tỉnh.",
     "1455/QĐ-UBND", "Decision", "2022-12-16", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    # the type word printed wins over the code ("CT" is a directive's code)
    ("Quảng Ngãi", "Chương trình hành động số 17-CT/TU ngày 20/3/2014 của Tỉnh ủy Quảng Ngãi.",
     "17-CT/TU", "Program", "2014-03-20", "Tỉnh ủy Quảng Ngãi"),
    # an ordinance's name holds "có" and "với" (081.txt): it is read whole, and its issuer is the Standing
    # Committee; an ordinance is no law (CONTRACT.md's Law is a Luật): Other
    ("Quảng Ngãi", "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14;",
     "02/2020/UBTVQH14", "Other", None, "Ủy ban Thường vụ Quốc hội"),
    # its type code, and the Standing Committee of an earlier term (370)
    ("Quảng Ngãi", "Căn cứ Pháp lệnh số 26/2005/PL-UBTVQH11 ngày 29 tháng 6 năm 2005", "26/2005/PL-UBTVQH11", "Other",
     "2005-06-29", "Ủy ban Thường vụ Quốc hội"),
    # "và" and a small letter inside a law's name before its number (267.txt): a law, not a "Quy hoạch"
    ("Quảng Ngãi", "Căn cứ Luật Quy hoạch đô thị và nông thôn số 47/2024/QH15;",
     "47/2024/QH15", "Law", None, "Quốc hội"),
    # ... but a name never runs into the next document (074.txt): the decree's number is not the law's
    ("Quảng Ngãi", "Thông tư số 36/2025/TT-BCA ngày 15/5/2025 của Bộ Công an quy định chi tiết một số điều của Luật "
                   "Phòng cháy, chữa cháy và cứu nạn, cứu hộ và Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính phủ.",
     "105/2025/NĐ-CP", "Decree", "2025-05-15", "Chính phủ"),
    # ... nor into the next line's document (103.txt)
    ("Quảng Ngãi", "Theo quy định của Luật Bảo hiểm y tế\n- Quyết định số 33/2003/QĐ-BQP ngày 07/4/2023 của Bộ trưởng Bộ "
                   "Quốc phòng Quy định về khám bệnh;", "33/2003/QĐ-BQP", "Decision", "2023-04-07", "Bộ Quốc phòng"),
    # a province's tax department, not the ministry its code "CT" reads as (133.txt)
    ("Quảng Ngãi", "Xét đề nghị của Cục Thuế tỉnh Gia Lai tại Tờ trình số 2520/TTr-CT ngày 12/10/2011,",
     "2520/TTr-CT", "Submission", "2011-10-12", "Cục Thuế tỉnh Gia Lai"),
    # "Văn bản" names any document: the code decides (114.txt: a submission)
    ("Quảng Ngãi", "Theo đề nghị của Sở Ngoại vụ tại Văn bản số 1605/TTr-SNgV ngày 06/11/2025.",
     "1605/TTr-SNgV", "Submission", "2025-11-06", "Sở Ngoại vụ tỉnh Quảng Ngãi"),
    ("Quảng Ngãi", "Thực hiện Văn bản số 3131/UBND-VP ngày 23/8/2023 của UBND tỉnh.",
     "3131/UBND-VP", "OfficialLetter", "2023-08-23", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
]


@pytest.mark.parametrize("place, snippet, identifier, type_, date, issuer", CASES)
def test_reference(place: str, snippet: str, identifier: str, type_: str, date: str | None, issuer: str) -> None:
    r = reference(read_as(place, snippet), identifier)
    assert (r.type, r.date, r.issuer.name if r.issuer else None) == (type_, date, issuer)


def test_a_list_shares_what_is_printed_once() -> None:
    x = read_as("Cao Lộc", "theo các Thông tư số 18/2018/TT-BGDĐT, số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ GDĐT.")
    assert [(r.identifier, r.type, r.date) for r in x.references] == [
        ("18/2018/TT-BGDĐT", "Circular", "2018-08-22"), ("19/2018/TT-BGDĐT", "Circular", "2018-08-22")]


def test_a_semicolon_list_does_not_share_dates() -> None:
    x = read_as("Quảng Ngãi", "1. Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI); Kế hoạch số "
                              "158/KH-UBND ngày 16/12/2019 của UBND tỉnh Quảng Ngãi.")
    assert reference(x, "29-NQ/TW").date is None


def test_defined_terms_and_short_forms_are_not_new_documents() -> None:
    x = read_as("Cẩm Giàng", "Thực hiện Nghị quyết số 94-NQ/HU ngày 08/4/2022 của Ban Thường vụ Huyện ủy Cẩm Giàng "
                             "(sau đây gọi tắt là Nghị quyết), ngày 28/9/2022 Ủy ban nhân dân huyện đã ra Quyết định số "
                             "3380/QĐ-UBND ban hành Kế hoạch hành động thực hiện Nghị quyết 94-NQ/HU (sau đây gọi tắt là "
                             "Kế hoạch 3380). Tiếp tục thực hiện Kế hoạch 3380 và Nghị quyết 94.")
    assert [r.identifier for r in x.references] == ["94-NQ/HU", "3380/QĐ-UBND"]
    # the defined term and the later short form are mentions of the decision, not other documents
    assert [e.text for e in reference(x, "3380/QĐ-UBND").evidence][1:] == [
        "Kế hoạch 3380", "Tiếp tục thực hiện Kế hoạch 3380"]


def test_the_documents_own_blank_number_is_not_a_reference() -> None:
    x = read_as("Quảng Ngãi", "ĐỀ CƯƠNG BÁO CÁO\n(Ban hành kèm theo Kế hoạch số /KH-SGDĐT ngày tháng năm 2023)")
    assert x.references == ()


def test_the_same_number_in_two_years_is_two_documents() -> None:
    x = read_as("Quảng Ngãi", "Chỉ thị số 02/CT-TTg ngày 04/7/2018 của Thủ tướng Chính phủ về công tác bảo vệ. Kế hoạch "
                              "thực hiện Chỉ thị số 02/CT-TTg ngày 15/11/2019 của Thủ tướng Chính phủ về tăng cường.")
    assert sorted(r.date for r in x.references) == ["2018-07-04", "2019-11-15"]


def test_two_papers_of_one_body_under_one_date_share_it() -> None:
    # 305: the Government's submission and its scheme, one date after both; the report after them,
    # of another body, keeps its own
    x = read_as("Quảng Ngãi", "Xét đề nghị của Chính phủ tại Tờ trình số 349/TTr-CP và Đề án số 350/ĐA-CP ngày 09 "
                              "tháng 5 năm 2025, Báo cáo thẩm tra số 440/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy "
                              "ban Pháp luật và Tư pháp,")
    assert [(r.identifier, r.date) for r in x.references] == [
        ("349/TTr-CP", "2025-05-09"), ("350/ĐA-CP", "2025-05-09"), ("440/BC-UBPLTP15", "2025-06-03")]


def test_two_documents_of_different_bodies_do_not_share_a_date() -> None:
    # 140: the Prime Minister's decision and the ministry's circular, the date the circular's only
    x = read_as("Quảng Ngãi", "- Bố trí kinh phí quản lý để triển khai thực hiện chính sách hỗ trợ về nhà ở cho người "
                              "có công với cách mạng theo quy định tại Khoản 1 Điều 4 của Quyết định số 22/2013/QĐ-TTg "
                              "và Thông tư số 98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính.")
    assert [(r.identifier, r.date) for r in x.references] == [("22/2013/QĐ-TTg", None), ("98/2013/TT-BTC", "2013-07-24")]


@pytest.mark.parametrize("snippet, identifier, date", [
    # the date that opens a sentence telling that a body issued the document (352, 357)
    ("Ngày 12/6/2015, Bộ Quốc phòng đã có Công văn số 4966/BQP-CT trả lời Ủy ban nhân dân tỉnh Long An về những "
     "trường hợp quân nhân", "4966/BQP-CT", "2015-06-12"),
    ("Ngày 16/7/2012, Ủy ban Thường vụ Quốc hội khóa 13 đã ban hành Pháp lệnh số 04/2012/UBTVQH13 sửa đổi, bổ sung một "
     "số điều của Pháp lệnh ưu đãi người có công với cách mạng.", "04/2012/UBTVQH13", "2012-07-16"),
    # ... not a date of another document's description (105)
    ("Căn cứ Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 của Thủ tướng Chính phủ và Kế hoạch tổng thể ban hành "
     "kèm Quyết định số 3103/QĐ-BTC ngày 05 tháng 9 năm 2025 của Bộ Tài chính;", "3103/QĐ-BTC", "2025-09-05"),
])
def test_a_date_printed_before_the_body_that_issued(snippet: str, identifier: str, date: str) -> None:
    assert reference(read_as("Quảng Ngãi", snippet), identifier).date == date


def test_a_law_numbered_in_one_place_is_dated_where_it_is_named() -> None:
    # 315: "Luật Điện lực ngày 30 tháng 11 năm 2024" in the preamble, its number in an article
    x = read_as("Quảng Ngãi", "Căn cứ Luật Điện lực ngày 30 tháng 11 năm 2024;\n\n1. Phạm vi điều chỉnh\n\nThông tư "
                              "này quy định chi tiết một số điều của Luật Điện lực số 61/2024/QH15, bao gồm:")
    assert [(r.identifier, r.date) for r in x.references] == [("61/2024/QH15", "2024-11-30")]


NAMED = [
    # (place, snippet, type, title)
    ("Hà Bắc", "Triển khai thực hiện Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030, tầm nhìn "
               "đến năm 2045” trên địa bàn xã.", "Project",
     "Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045”"),
    ("Cẩm Giàng", "những điểm mới của Luật Giáo dục 2019 và việc đổi mới.", "Law", "Luật Giáo dục 2019"),
    # 371: "như sau" follows a name, as "số" or "ngày" do
    ("Quảng Ngãi", "1. Sửa đổi, bổ sung một số điều của Nghị định quy định chi tiết và hướng dẫn biện pháp thi hành một "
                   "số điều của Luật Bảo hiểm y tế như sau:", "Law", "Luật Bảo hiểm y tế"),
    ("Cẩm Giàng", "Thực hiện Nghị quyết Đại hội Đảng bộ huyện Cẩm Giàng lần thứ XXVI, nhiệm kỳ 2020 - 2025 nhằm",
     "Resolution", "Nghị quyết Đại hội Đảng bộ huyện Cẩm Giàng lần thứ XXVI, nhiệm kỳ 2020 - 2025"),
    ("Cẩm Giàng", "thực hiện Chương trình giáo dục phổ thông 2018 theo lộ trình.", "Program",
     "Chương trình giáo dục phổ thông 2018"),
    ("Quảng Ngãi", "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
                   "địa phương ngày 22/11/2019;", "Law",
     "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"),
    # a comma inside a law's name (316, 109), up to what follows a name: its date, the end of the
    # clause, the next document of a list (225)
    ("Quảng Ngãi", "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khám bệnh, chữa bệnh;", "Law",
     "Luật Khám bệnh, chữa bệnh"),
    ("Quảng Ngãi", "Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;", "Law",
     "Luật Quản lý, sử dụng tài sản công"),
    # ... but not into the clause that goes on after it (371, 320)
    ("Quảng Ngãi", "hướng dẫn biện pháp thi hành một số điều của Luật Bảo hiểm y tế, có hiệu lực kể từ ngày 03 tháng "
                   "12 năm 2023.", "Law", "Luật Bảo hiểm y tế"),
    ("Quảng Ngãi", "các trường hợp quy định tại điểm c khoản 2 Điều 67 Luật Di sản văn hóa, người đứng đầu cơ quan "
                   "chuyên môn về văn hóa cấp tỉnh xem xét, quyết định thu hồi.", "Law", "Luật Di sản văn hóa"),
    # an amending law with "Điều" in capitals (132)
    ("Quảng Ngãi", "Căn cứ Luật Sửa đổi, bổ sung một số Điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
                   "địa phương ngày 22 tháng 11 năm 2019;", "Law",
     "Luật Sửa đổi, bổ sung một số Điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"),
]


def test_a_law_named_with_a_comma_before_the_next_document_of_its_list() -> None:
    # 225: the law's whole name, then the decree its list goes on with
    x = read_as("Quảng Ngãi", "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ Quy định biện pháp để tổ chức, "
                              "hướng dẫn thi hành Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng "
                              "6 năm 2025;")
    assert [(r.identifier, r.title) for r in x.references if r.type in ("Law", "Decree")][:2] == [
        (None, "Luật Thi đua, khen thưởng"), ("152/2025/NĐ-CP", x.references[2].title)]


def test_a_law_named_with_its_date_and_with_its_year_is_one_reference() -> None:
    # 331: "Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025" in the preamble, "... năm 2025" in the body
    x = read_as("Quảng Ngãi", "Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;\n\nnội dung thuộc thẩm quyền "
                              "của cơ quan sử dụng công chức theo quy định của Luật Cán bộ, công chức năm 2025.")
    assert [(r.title, r.date) for r in x.references] == [("Luật Cán bộ, công chức", "2025-06-24")]


def test_a_body_printed_after_a_law_is_not_its_issuer() -> None:
    # 273: a table of procedures, the legal basis in one cell and the deciding body in the next
    x = read_as("Quảng Ngãi", "Căn cứ pháp lý:\n- Luật Dự trữ quốc gia năm 2012\nBộ Nông nghiệp và\nMôi trường 7 5.000124\n")
    assert [(r.title, r.issuer.name if r.issuer else None) for r in x.references] == [
        ("Luật Dự trữ quốc gia năm 2012", "Quốc hội")]


@pytest.mark.parametrize("place, snippet, type_, title", NAMED)
def test_documents_named_without_a_number(place: str, snippet: str, type_: str, title: str) -> None:
    x = read_as(place, snippet)
    assert [(r.identifier, r.type, r.title) for r in x.references] == [(None, type_, title)]


def test_a_named_law_joins_its_numbered_mention() -> None:
    x = read_as("Quảng Ngãi", "Căn cứ Luật Điện lực số 61/2024/QH15; cụ thể hóa các quy định tại Luật Điện lực năm 2024.")
    assert [(r.identifier, r.title) for r in x.references] == [("61/2024/QH15", "Luật Điện lực")]


@pytest.mark.parametrize("snippet", [
    # 311: a slogan in quotes after a common noun
    "Tổ quốc mong đợi nên mỗi cá nhân, chủ thể tham gia dự án “chỉ bàn làm không có bàn lùi”; tăng cường",
    # 110: the Youth Union's movement, not a document of the province
    "Hằng năm xây dựng và tổ chức thực hiện chương trình “Kế hoạch nhỏ” (thu gom chất thải có khả năng tái chế)",
])
def test_a_small_letter_before_a_quote_names_no_document(snippet: str) -> None:
    assert read_as("Quảng Ngãi", snippet).references == ()
