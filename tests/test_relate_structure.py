"""Relations read from the structure of a sentence (issue 15, kinds 1 and 2), on real snippets of the
development corpus, copied here (the file named on each row). Each rule is checked here on a
document other than the one whose error prompted it."""

import pytest
from conftest import read_as, reference

from kg.extract.tables import Cue, relation_cues
from kg.model import RELATIONS

NESTED = [
    # (corpus file, snippet, the relations it states between two other documents)
    # a passive list: every document after "được sửa đổi, bổ sung bởi" amends the one described
    ("075", "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 được sửa đổi, bổ sung bởi Luật số 59/2020/QH14, Luật số "
            "56/2024/QH15;",
     {("59/2020/QH14", "amends", "83/2015/QH13"), ("56/2024/QH15", "amends", "83/2015/QH13")}),
    # only a law amends a law: the decrees amend the decree whose description names the law
    ("219", "Căn cứ Nghị định số 19/2011/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Nuôi con "
            "nuôi được sửa đổi, bổ sung bởi Nghị định số 24/2019/NĐ-CP, Nghị định số 06/2025/NĐ-CP;",
     {("19/2011/NĐ-CP", "guides", "Luật Nuôi con nuôi"), ("24/2019/NĐ-CP", "amends", "19/2011/NĐ-CP"),
      ("06/2025/NĐ-CP", "amends", "19/2011/NĐ-CP")}),
    # the cue heads the description after its date and issuer, and reaches past the part acted on
    ("098", "Căn cứ Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ hướng dẫn thi hành một "
            "số nội dung của Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục "
            "hành chính theo cơ chế một cửa;",
     {("03/2025/TT-VPCP", "guides", "118/2025/NĐ-CP")}),
    ("010", "Căn cứ Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ về "
            "việc hướng dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính "
            "phủ;",
     {("03/2025/TT-VPCP", "guides", "118/2025/NĐ-CP")}),
    # the issuer's later name in parentheses; a part named without "của" (the rules came from corpus 042, 009)
    ("064", "Căn cứ Quyết định số 4255/QĐ-BNN-KHCN ngày 04/12/2024 của Bộ Nông nghiệp và Phát triển nông thôn\n(nay là "
            "Bộ Nông nghiệp và Môi trường) về việc phê duyệt Chương trình “Quan trắc môi trường phục vụ quản lý ngành "
            "Nông nghiệp và Phát triển nông thôn đến năm 2040” và Kế hoạch 223/KH- UBND ngày 24/10/2025 của UBND tỉnh về quan "
            "trắc, cảnh báo môi trường nuôi trồng thủy sản giai đoạn 2026 - 2030;",  # the plan is no part of the programme
     {("4255/QĐ-BNN-KHCN", "promulgates",
       "Chương trình “Quan trắc môi trường phục vụ quản lý ngành Nông nghiệp và Phát triển nông thôn đến năm 2040”")}),
    ("042", "Căn cứ Thông tư số 12/2024/TT-BNNPTNT ngày 24/10/2024 của Bộ Nông nghiệp và PTNT (nay là Bộ Nông nghiệp và "
            "Môi trường) về sửa đổi, bổ sung một số điều của Thông tư số 04/2016/TT-BNNPTNT ngày 10/5/2016 của Bộ trưởng "
            "Bộ Nông nghiệp và PTNT;", {("12/2024/TT-BNNPTNT", "amends", "04/2016/TT-BNNPTNT")}),
    ("110", "2. Điều 63 Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của Chính phủ quy định chi tiết một số điều của Luật "
            "Bảo vệ môi trường (được sửa đổi, bổ sung tại các khoản 25, khoản 26, khoản 27 Điều 1 Nghị định số "
            "05/2025/NĐ-CP ngày 06/01/2025 của\nChính phủ sửa đổi, bổ sung một số điều của Nghị định số 08/2022/NĐ-CP).",
     {("08/2022/NĐ-CP", "guides", "Luật Bảo vệ môi trường"), ("05/2025/NĐ-CP", "amends", "08/2022/NĐ-CP")}),
    # one meaning said twice: "quy định chi tiết ..., hướng dẫn thi hành" (the rule came from corpus 088)
    ("096", "Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một số điều và "
            "biện pháp để tổ chức, hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật;",
     {("78/2025/NĐ-CP", "guides", "Luật Ban hành văn bản quy phạm pháp luật")}),
    ("046", "Căn cứ Quyết định số 650/QĐ-LĐTBXH ngày 21 tháng 7 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã "
            "hội (được điều chỉnh bổ sung bởi Quyết định số 128/QĐ-LĐTBXH ngày 17 tháng 3 năm 2023 của Bộ trưởng Bộ Lao "
            "động - Thương binh và Xã hội", {("128/QĐ-LĐTBXH", "amends", "650/QĐ-LĐTBXH")}),
    # a change to the text another document carries ("ban hành kèm theo") is a change to that document
    ("103", "- Thông tư số 139/2011/TT-BQP ngày 01/8/2011 của Bộ trưởng Bộ Quốc phòng sửa đổi, bổ sung một số điều của\n"
            "Quy định về khám bệnh, chữa bệnh đối với sĩ quan phục viên có đủ 15 năm phục vụ trong Quân đội ban hành kèm "
            "theo Quyết định số 33/2003/QĐ-BQP ngày 07/4/2023 của Bộ trưởng Bộ Quốc phòng;",
     {("139/2011/TT-BQP", "amends", "33/2003/QĐ-BQP")}),
    ("108", "2. Bãi bỏ toàn bộ Quyết định số 24/2019/QĐ-UBND ngày 02/5/2019 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung "
            "một số điều của Quy định về quản lý và sử dụng tạm thời vỉa hè ngoài mục đích giao thông trên các tuyến "
            "đường thuộc địa bàn thành phố Đà Nẵng ban hành kèm theo Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 của "
            "UBND thành phố Đà Nẵng.",
     {("24/2019/QĐ-UBND", "amends", "55/2014/QĐ-UBND")}),
    # a submission proposes a change; it makes none (the rule came from corpus 089 and 264)
    ("123", "Sở Nội vụ tại Tờ trình số 6482/TTr-SNV ngày 29/10/2025 về việc sửa đổi, bổ sung một số nội dung của Quyết "
            "định số 48/2024/QĐ-UBND ngày 22/7/2024 của UBND thành phố Hà Nội.", set()),
    # a list of documents after one reached through the text it carries is no list of that change
    ("108", "Quyết định số 24/2019/QĐ-UBND ngày 02/5/2019 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung một số điều của Quy "
            "định về quản lý và sử dụng tạm thời vỉa hè ngoài mục đích giao thông trên các tuyến đường thuộc địa bàn thành "
            "phố Đà Nẵng ban hành kèm theo Quyết định số 55/2014/QĐ-UBND ngày 31/12/2014 của UBND thành phố Đà Nẵng và "
            "Quyết định số 08/2023/QĐ-UBND ngày 23/02/2023 của UBND thành phố Đà Nẵng Sửa đổi, bổ sung một số điều của Quy "
            "định ban hành kèm theo Quyết định số 55/2014/QĐ-UBND.",
     {("24/2019/QĐ-UBND", "amends", "55/2014/QĐ-UBND"), ("08/2023/QĐ-UBND", "amends", "55/2014/QĐ-UBND")}),
    # repealing a part of the text a decision carries amends the decision (the only instance in the corpus)
    ("129", "Quyết định số 08/2025/QĐ-UBND ngày 01/3/2025 của Ủy ban nhân dân tỉnh bãi bỏ một phần Quy định chức năng, "
            "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp ban hành kèm theo Quyết định số 09/2022/QĐ-UBND ngày "
            "25/3/2022 của Ủy ban nhân dân tỉnh.", {("08/2025/QĐ-UBND", "amends", "09/2022/QĐ-UBND")}),
    # a plan of the province acting on a central resolution, with and without "về"
    ("060", "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 24/KH-UBND ngày "
            "14/8/2025 của UBND tỉnh thực hiện Nghị quyết số 66-NQ/TW ngày 30 tháng 4 năm 2025 của Bộ Chính trị về đổi "
            "mới công tác xây dựng và thi hành pháp luật, UBND tỉnh ban hành Kế hoạch như sau:",
     {("24/KH-UBND", "implements", "66-NQ/TW")}),
    # what a circular guides is done under a decision: the circular guides the decision
    ("362", "Căn cứ Thông tư liên tịch số 08/2012/TTLT-BLĐTBXH-BNV-BTC ngày 16 tháng 4 năm 2012 của liên Bộ LĐTBXH, Bộ "
            "Nội vụ và Bộ Tài chính hướng dẫn thực hiện chế độ trợ cấp đối với thanh niên xung phong đã hoàn thành "
            "nhiệm vụ trong kháng chiến theo Quyết định số 40/2011/QĐ-TTg;",
     {("08/2012/TTLT-BLĐTBXH-BNV-BTC", "guides", "40/2011/QĐ-TTg")}),
    # ... named with all its issuers, the second one wrapped at its hyphen
    ("103", "- Thông tư liên tịch số 01/2012/TTLT-BQP-BLĐTBXH- BTC ngày 05/01/2012 của Bộ Quốc phòng, Bộ Lao động\n"
            "- Thương binh và Xã hội hướng dẫn thực hiện Quyết định số 62/2011/QĐ-TTg của\nThủ tướng Chính phủ về chế "
            "độ, chính sách đối với đối tượng tham gia chiến tranh bảo vệ Tổ quốc;",
     {("01/2012/TTLT-BQP-BLĐTBXH-BTC", "guides", "62/2011/QĐ-TTg")}),
    ("373", "Căn cứ Thông tư liên tịch số 08/2012/TTLT-BLĐTBXH-BTC-BNV ngày 16 tháng 4 năm 2012 của Bộ Lao động - "
            "Thương binh và Xã hội, Bộ Nội vụ, Bộ Tài chính hướng dẫn thực hiện chế độ trợ cấp đối với thanh niên xung "
            "phong đã hoàn thành nhiệm vụ trong kháng chiến theo Quyết định số 40/2011/QĐ-TTg ngày 27 tháng 7 năm 2011 "
            "của Thủ tướng Chính phủ;",
     {("08/2012/TTLT-BLĐTBXH-BTC-BNV", "guides", "40/2011/QĐ-TTg")}),
    ("362", "số 144/2008/TTLT-BQP-BLĐTBXH-BTC ngày 27 tháng 11 năm 2008 của Bộ Quốc phòng - Bộ LĐTBXH - Bộ Tài chính "
            "hướng dẫn thực hiện Quyết định số 142/2008/QĐ-TTg ;",
     {("144/2008/TTLT-BQP-BLĐTBXH-BTC", "guides", "142/2008/QĐ-TTg")}),  # issuers joined by hyphens
    ("140", "Căn cứ Thông tư số 98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính hướng dẫn việc quản lý, cấp "
            "phát, thanh toán, quyết toán nguồn vốn hỗ trợ người có công với cách mạng về nhà ở theo Quyết định số "
            "22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013 của Thủ tướng Chính phủ;",
     {("98/2013/TT-BTC", "guides", "22/2013/QĐ-TTg")}),
    # an amending law named without "của" before the law it amends (218)
    ("218", "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật Sửa đổi, "
            "bổ sung một số điều Luật\nBan hành văn bản quy phạm pháp luật số 87/2025/QH15;",
     {("87/2025/QH15", "amends", "64/2025/QH15")}),
    # a decree that details a law and the measures to carry it out guides it (216)
    ("216", "- Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13 ngày 20/6/2012\n\n- Nghị định số 28/2013/NĐ-CP ngày "
            "04/4/2013 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Phổ biến, giáo dục pháp "
            "luật.",
     {("28/2013/NĐ-CP", "guides", "14/2012/QH13")}),
    # a second document of the changed one's type, joined by "và" after its description, is changed too
    # (331); but not one younger than the change, the next of an outer list (345)
    ("331", "được sửa đổi, bổ sung tại Nghị định số 116/2024/NĐ-CP ngày 17 tháng 9 năm 2024 của Chính phủ sửa đổi, bổ "
            "sung một số điều của Nghị định số 138/2020/NĐ-CP ngày 27 tháng 11 năm 2020 quy định về tuyển dụng, sử "
            "dụng và quản lý công chức và Nghị định số 06/2023/NĐ-CP ngày 21 tháng 02 năm 2023 quy định về kiểm định chất "
            "lượng đầu vào công chức.",
     {("116/2024/NĐ-CP", "amends", "138/2020/NĐ-CP"), ("116/2024/NĐ-CP", "amends", "06/2023/NĐ-CP")}),
    ("345", "Quyết định số 38/2010/QĐ-TTg ngày 06 tháng 5 năm 2010 của Thủ tướng Chính phủ về việc sửa đổi, bổ sung "
            "Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 của Thủ tướng Chính phủ về việc thực hiện chế độ đối "
            "với quân nhân tham gia kháng chiến chống Mỹ cứu nước có dưới 20 năm công tác trong quân đội đã phục viên, "
            "xuất ngũ về địa phương và Quyết định số 53/2010/QĐ-TTg ngày 20 tháng 8 năm 2010 của Thủ tướng Chính phủ quy "
            "định về chế độ",
     {("38/2010/QĐ-TTg", "amends", "142/2008/QĐ-TTg")}),
    # a decision approving a plan that acts on another decision
    ("042", "Căn cứ Quyết định số 1529/QĐ-UBND ngày 27/10/2021 của UBND tỉnh về phê duyệt kế hoạch hành động thực hiện "
            "Quyết định số 339/QĐ-TTg ngày 11/3/2021 của Thủ tướng Chính phủ về phê duyệt chiến lược phát triển thủy sản "
            "Việt Nam đến năm 2030, tầm nhìn đến năm 2045;",
     {("1529/QĐ-UBND", "implements", "339/QĐ-TTg")}),
    # "và các văn bản hướng dẫn thi hành Luật ...": the guiding documents are others, unnamed (320)
    ("320", "được thực hiện theo quy định của Luật Di sản văn hóa số 28/2001/QH10 đã được sửa đổi, bổ sung một số điều "
            "theo Luật số 32/2009/QH12 và các văn bản hướng dẫn thi hành Luật Di sản văn hóa số 28/2001/QH10 đã được sửa "
            "đổi, bổ sung một số điều theo Luật số 32/2009/QH12.", {("32/2009/QH12", "amends", "28/2001/QH10")}),
    # no document acts on a younger one: the law a 2016 decree details is not the law of 2025 (264)
    ("264", "Căn cứ Luật Ngân sách Nhà nước số 89/2025/QH15;\n\nCăn cứ Nghị định số 163/2016/NĐ-CP của Chính phủ quy "
            "định chi tiết thi hành một số điều của Luật\nNgân sách nhà nước;",
     {("163/2016/NĐ-CP", "guides", "Luật Ngân sách nhà nước")}),
    # ... nor issues one younger than itself: the answer after the colon is no part of 1565's description (314)
    ("314", "triển khai các nhiệm vụ trọng tâm tại Quyết định số 1565/QĐ-TTg ngày 18 tháng 7 năm 2025 của Thủ tướng\nChính "
            "phủ: Về vấn đề này, Chính phủ đã ban hành Nghị quyết số 214/NQ-CP ngày 23 tháng 7 năm 2025 ban hành Kế "
            "hoạch hành động của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số toàn diện.", set()),
    # a decree listed after an ordinance's amendment does not amend it (371)
    ("371", "2. Tiếp tục áp dụng quy định tại Pháp lệnh số 26/2005/PL-UBTVQH11 được sửa đổi, bổ sung một số điều theo "
            "Pháp lệnh số 04/2012/PL-UBTVQH13 và Nghị định số 31/2013/NĐ-CP ngày 09 tháng 4 năm 2013 của Chính phủ quy "
            "định chi tiết, hướng dẫn thi hành một số điều của Pháp lệnh Ưu đãi người có công với cách mạng để lập hồ sơ "
            "theo hướng dẫn tại Nghị định này.", {("04/2012/PL-UBTVQH13", "amends", "26/2005/PL-UBTVQH11")}),
    # a change to what another document states, however long the name of what is changed
    ("109", "b) Quyết định số 06/2020/QĐ-UBND ngày 13/02/2020 của Ủy ban nhân dân tỉnh Kon Tum bổ sung tiêu chuẩn, định "
            "mức sử dụng máy móc, thiết bị chuyên dùng quy định tại Quyết định 09/2019/QĐ-UBND ngày 28 tháng 5 năm 2019 "
            "của Ủy ban nhân dân tỉnh;", {("06/2020/QĐ-UBND", "amends", "09/2019/QĐ-UBND")}),
    ("109", "h) Quyết định số 76/2024/QĐ-UBND ngày 10/12/2024 của Ủy ban nhân dân tỉnh Kon Tum sửa đổi, bổ sung tiêu "
            "chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng của các cơ quan, tổ chức, đơn vị thuộc phạm vi quản lý "
            "của tỉnh Kon Tum quy định tại điều 1 của Quyết định số 09/2019/QĐ-UBND ngày 28 tháng 5 năm 2019 của Ủy ban "
            "nhân dân tỉnh Kon Tum (đã được sửa đổi, bổ sung);", {("76/2024/QĐ-UBND", "amends", "09/2019/QĐ-UBND")}),
]


@pytest.mark.parametrize("corpus, snippet, expected", NESTED, ids=[row[0] for row in NESTED])
def test_relation_stated_in_a_description(corpus: str, snippet: str, expected: set[tuple[str, str, str]]) -> None:
    got = {(r.source, r.relation, r.target or r.target_title) for r in read_as("Quảng Ngãi", snippet).relations}
    assert expected <= got, got
    # unknown before wrong: nothing is stated that the snippet does not say
    assert got == expected, got - expected


OWN = [
    # (corpus file, snippet, identifier, what the document does to it)
    # documents amending the one a text is based on are bases too
    ("075", "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 được sửa đổi, bổ sung bởi Luật số 59/2020/QH14, Luật số "
            "56/2024/QH15;", "56/2024/QH15", "basedOn"),
    # the article on entry into force replaces or repeals, wherever the article stands and however joined
    ("082", "1. Nghị quyết này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026, thay thế Nghị quyết số "
            "09/2021/NQ-HĐND ngày 23 tháng 9 năm 2021 của Hội đồng nhân dân Thành phố quy định mức chuẩn trợ giúp xã "
            "hội.", "09/2021/NQ-HĐND", "replaces"),
    ("094", "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Quyết định số 927/QĐ-UBND "
            "ngày 27 tháng 6 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng về việc công bố danh mục thủ tục hành "
            "chính.", "927/QĐ-UBND", "replaces"),
    ("119", "Điều 2. Hiệu lực thi hành\n\nQuyết định này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2025 và thay "
            "thế Quyết định số 26/2019/QĐ-UBND ngày 16 tháng 8 năm 2019 của Ủy ban nhân dân tỉnh Lai Châu.",
     "26/2019/QĐ-UBND", "replaces"),  # under the article's heading (the rule came from corpus 106)
    ("206", "VII. Tổ chức thực hiện\n\nHướng dẫn này, các phụ lục 1, 2A, 2B, 3A, 3B kèm theo có hiệu lực từ ngày ký và "
            "thay thế các Hướng dẫn số 16-HD/BTCTW ngày 15/02/2022, Hướng dẫn số 21-HD/BTCTW ngày 20/9/2022 của Ban Tổ "
            "chức Trung ương.", "21-HD/BTCTW", "replaces"),  # the only instance of this form in the corpus
    ("230", "Quyết định này có hiệu lực từ ngày 10 tháng 12 năm 2025, bãi bỏ Quyết định số 32/2024/QĐ-UBND ngày 15 "
            "tháng 10 năm 2024 của Ủy ban nhân dân tỉnh Bắc Giang Ban hành Quy chế quản lý.", "32/2024/QĐ-UBND",
     "repeals"),
    ("115", "1. Quyết định này có hiệu lực kể từ ngày 12 tháng 12 năm 2025 và thay thế các Quyết định: số 23/2016/QĐ-UBND "
            "ngày 05/8/2016 của Ủy ban nhân dân tỉnh Hải Dương.", "23/2016/QĐ-UBND", "replaces"),  # "các Quyết
    # định:" names no part
    ("111", "Quyết định này có hiệu lực từ ngày 04/12/2025 và thay thế:\nĐiều 14, 18 Quyết định số 15/2022/QĐ-UBND ngày "
            "30/3/2022 của UBND thành phố Hà Nội ban hành Quy định một số nội dung về quản lý đầu tư.",
     "15/2022/QĐ-UBND", "amends"),  # two articles of it: a part
    # a list introduced by what the document does to its items
    ("006", "5. Nghị quyết này bãi bỏ các Nghị quyết:\na) Nghị quyết số 11/2024/NQ-HĐND ngày 29 tháng 6 năm 2024 của Hội "
            "đồng nhân dân tỉnh Trà Vinh quy định mức thu học phí.\nb) Nghị quyết số 15/2024/NQ-HĐND ngày 12 tháng 7 năm "
            "2024 của Hội đồng nhân dân tỉnh Bến Tre quy định mức thu học phí.", "15/2024/NQ-HĐND", "repeals"),
    ("109", "2. Các Quyết định sau hết hiệu lực thi hành kể từ ngày Quyết định này có hiệu lực:\n\na) Quyết định số "
            "09/2019/QĐ-UBND ngày 28/5/2019 của Ủy ban nhân dân tỉnh Kon Tum về việc ban hành tiêu chuẩn;\n\nb) Quyết "
            "định số 06/2020/QĐ-UBND ngày 13/02/2020 của Ủy ban nhân dân tỉnh Kon Tum bổ sung tiêu chuẩn.",
     "06/2020/QĐ-UBND", "repeals"),
    ("118", "Điều 1. Bãi bỏ các văn bản quy phạm pháp luật do UBND tỉnh Quảng Bình, UBND tỉnh Quảng Trị (cũ) ban hành "
            "trong lĩnh vực xây dựng, cụ thể như sau:\n1. Quyết định 90/2004/QĐ-UB ngày 16/12/2004 của UBND tỉnh Quảng "
            "Bình Ban hành điều lệ quản lý xây dựng theo quy hoạch chi tiết khu đất ở Nam đường Trần Hưng Đạo, phường Nam "
            "Lý - Đồng Hới\n- Quảng Bình;\n2. Quyết định số 02/2007/QĐ-UBND ngày 31/01/2007 của UBND tỉnh Quảng Bình ban "
            "hành Quy định đánh số và gắn biển số nhà;", "02/2007/QĐ-UBND", "repeals"),  # an item running on
    # a cue far off the list ("các văn bản hướng dẫn thi hành") leaves it to the task before it (the
    # only instance of this form in the corpus)
    ("049", "- Tiếp tục phổ biến, quán triệt, triển khai có hiệu quả các quy định của pháp luật và các văn bản hướng dẫn "
            "thi hành công tác bảo vệ bí mật nhà nước của Chính phủ, địa phương, nhất là: Luật Bảo vệ bí mật nhà nước, "
            "Luật An ninh mạng, Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng\nChính phủ về tăng cường công tác bảo "
            "vệ bí mật nhà nước trong tình hình mới; Kế hoạch số 321-KH/TU ngày 11/4/2025 của Tỉnh ủy Nghệ An về triển "
            "khai thực hiện công tác bảo vệ bí mật nhà nước năm 2025;", "321-KH/TU", "implements"),
    # a cue far before a document, with an object of its own, does not act on it (a noun's "thực
    # hiện"; "thi hành án", a court's judgment carried out)
    ("085", "Điều 5. Quy định về trách nhiệm thực hiện đối với nhà chung cư, tập thể không đảm bảo yêu cầu về phòng "
            "cháy, chữa cháy được đưa vào sử dụng trước khi Luật Phòng cháy và chữa cháy số 27/2001/QH10 có hiệu lực",
     "27/2001/QH10", "cites"),
    ("255", "Phương án xử lý tài sản do đại diện cơ quan chuyên môn về tài chính thuộc Ủy ban nhân dân phường, xã nơi cơ "
            "quan thi hành án khu vực đóng trụ sở lập theo Mẫu số 05-PA ban hành kèm theo Nghị định số 77/2025/NĐ-CP.",
     "77/2025/NĐ-CP", "cites"),
    # ... but what is done "theo" a document acts on it (seed 004, and here a list after "theo các")
    ("004", "- Tiếp tục triển khai thực hiện hiệu quả các quy định về kiểm định chất lượng giáo dục và công nhận chuẩn "
            "quốc gia theo các Thông tư số 18/2018/TT-BGDĐT, số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào "
            "tạo.",
     "19/2018/TT-BGDĐT", "implements"),
    # what the document does, said twice in one clause: the second cue speaks for it as the first
    ("371", "Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định chi tiết về việc công nhận và giải quyết chế độ ưu đãi "
            "đối với người có công với cách mạng, thân nhân người có công với cách mạng và các biện pháp thi hành Pháp "
            "lệnh số 02/2020/UBTVQH ngày 09 tháng 12 năm 2020 của Ủy ban Thường vụ Quốc hội về Ưu đãi người có công với "
            "cách mạng", "02/2020/UBTVQH", "guides"),
    # a procedure's legal basis, named as a noun in its table, is no basis of the document (216)
    ("216", "11. Căn cứ pháp lý của TTHC:\n\n- Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13 của Quốc hội ngày "
            "20/6/2012\n\n- Nghị định số 28/2013/NĐ-CP ngày 04/4/2013 của Chính phủ quy định chi tiết một số điều và "
            "biện pháp thi hành Luật Phổ biến, giáo dục pháp luật.", "28/2013/NĐ-CP", "cites"),
    # a review far before a document, of something that is no document, does not act on it (349)
    ("349", "Qua Sơ kết đánh giá kết quả thực hiện thí điểm Phương thức chi trả qua hệ thống Bưu điện tại 06 địa phương, "
            "ngày 16/8/2018 Bộ Lao động - Thương binh và Xã hội đã có Công văn số 3395/LĐTBXH-KHTC gửi Tổng công ty Bưu "
            "điện Việt Nam về việc chấp thuận chủ trương", "3395/LĐTBXH-KHTC", "cites"),
    # what is done under a provision of a document follows a rule: no act on the document (233)
    ("233", "3. Trung tâm Phục vụ hành chính công tỉnh được giao quản lý tài khoản có chức năng thực hiện công tác kiểm "
            "soát\nTTHC trên Hệ thống thông tin giải quyết TTHC tỉnh theo Chương\nIII Nghị định số 45/2020/NĐ-CP.",
     "45/2020/NĐ-CP", "cites"),
    # items separated by ";" after the line that says what is done to them, a part of each (111)
    ("111", "Quyết định này có hiệu lực từ ngày 04/12/2025 và thay thế:\nĐiều 14, 18 Quyết định số 15/2022/QĐ-UBND ngày "
            "30/3/2022 của UBND thành phố Hà Nội ban hành Quy định một số nội dung về quản lý đầu tư; Điều 3\nQuyết định "
            "số 07/2022/QĐ- UBND ngày 13/01/2022 của Ủy ban nhân dân thành phố\nHà Nội ban hành Quy định chi tiết một số "
            "nội dung về cấp giấy phép xây dựng trên địa bàn thành phố Hà Nội; Điều 8, 11, 13, 25, 26, 27, 28 Quyết định "
            "số 33/2021/QĐ-UBND ngày 31/12/2021 của UBND Ủy ban nhân dân thành phố Hà Nội ban hành Quy định trách nhiệm.",
     "33/2021/QĐ-UBND", "amends"),
    # issuing a plan that acts on a directive
    ("041", "Ủy ban nhân dân thành phố Cần Thơ ban hành Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 "
            "của Thủ tướng Chính phủ về việc tăng cường thực hiện công tác dân số trong tình hình mới, cụ thể như sau:",
     "27/CT-TTg", "implements"),
    # "ban hành theo" after a named text: issued under that resolution, by no act of this document
    ("081", "Xét Tờ trình số 16384/TTr-UBND ngày 12 tháng 11 năm 2025 của Ủy ban nhân dân thành phố về việc ban hành "
            "Nghị quyết sửa đổi, bổ sung một số điều của Quy định các chính sách hỗ trợ giảm nghèo bền vững tỉnh Thừa "
            "Thiên Huế giai đoạn 2023-2025 ban hành theo Nghị quyết số 20/2023/NQ-HĐND ngày 21 tháng 8 năm 2023 của Hội "
            "đồng nhân dân tỉnh.", "20/2023/NQ-HĐND", "cites"),
    # following the rules of a decree is no act on it
    ("089", "b) Việc đền bù chi phí đào tạo sau đại học đối với công chức thực hiện theo quy định tại Nghị định số "
            "171/2025/NĐ-CP; việc đền bù chi phí đào tạo sau đại học đối với viên chức thực hiện theo quy định pháp luật "
            "về viên chức.", "171/2025/NĐ-CP", "cites"),
    # after a ";", a provision goes on the list of provisions the cue before it acts on
    ("078", "2. Bãi bỏ khoản 1 Điều 3 Nghị quyết số 22/2024/NQ-HĐND ngày 04 tháng 10 năm 2024 của Hội đồng nhân dân thành "
            "phố\nHà Nội quy định một số nội dung chi, mức chi xây dựng văn bản triển khai thi hành Luật Thủ đô số "
            "39/2024/QH15; khoản 1 Mục\nI của Phụ lục ban hành kèm theo Nghị quyết số 33/2025/NQ-HĐND ngày 29 tháng 9 năm "
            "2025 của Hội đồng nhân dân Thành phố quy định nội dung chi.", "33/2025/NQ-HĐND", "amends"),
    ("326", "Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội "
            "bắt buộc và chế độ đối với người lao động không đủ điều kiện hưởng lương hưu và chưa đủ tuổi hưởng trợ cấp "
            "hưu trí xã hội; điểm 13 của Nghị quyết số 142/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội về Nghị quyết "
            "kỳ họp thứ 7, Quốc hội Khóa XV.", "142/2024/QH15", "guides"),
    # the document itself adds equipment to what a decision states: no change to that decision
    ("126", "1. Bổ sung số lượng, loại máy móc, thiết bị phục vụ công tác các chức danh đã quy định tại khoản 1 Điều 4 "
            "Quyết định số 15/2025/QĐ-TTg.", "15/2025/QĐ-TTg", "cites"),
]


@pytest.mark.parametrize("corpus, snippet, identifier, relation", OWN, ids=[f"{row[0]}-{row[2]}" for row in OWN])
def test_what_the_document_does(corpus: str, snippet: str, identifier: str, relation: str) -> None:
    assert reference(read_as("Quảng Ngãi", snippet), identifier).relation == relation


@pytest.mark.parametrize("cue", relation_cues(), ids=lambda c: c.gives[:40])
def test_what_each_cue_of_the_table_gives_in_its_example(cue: Cue) -> None:
    x = read_as("Quảng Ngãi", cue.example)
    words = cue.gives.split(" ", 2)
    if words[0] in RELATIONS:  # "RELATION IDENTIFIER": what the document does to the reference
        assert reference(x, words[1]).relation == words[0]
    else:  # "SOURCE RELATION TARGET": what the example states between two others
        assert (words[0], words[1], words[2]) in {(r.source, r.relation, r.target or r.target_title) for r in x.relations}


def test_what_is_done_under_a_law_follows_it() -> None:
    # corpus 060 (the rule came from corpus 131): a plan's tasks done "theo Luật Ngân sách nhà nước"
    x = read_as("Quảng Ngãi", "2. Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành, đơn vị và UBND cấp xã bố trí "
                              "kinh phí chi thường xuyên trong dự toán ngân sách nhà nước hàng năm cho các cơ quan, đơn "
                              "vị để triển khai thực hiện các nhiệm vụ, giải pháp của Kế hoạch này theo Luật Ngân sách "
                              "nhà nước;")
    assert [(r.title, r.relation) for r in x.references] == [("Luật Ngân sách nhà nước", "cites")]


STATED_BY_LAYOUT = [
    # (corpus file, snippet, relation, the (from, to) pairs of that relation the snippet states)
    # a consolidated text's note quotes the preamble of each document it consolidates: their bases
    ("369", "Nghị định số 77/2024/NĐ-CP ngày 01 tháng 7 năm 2024 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định "
            "số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của Chính phủ quy định mức hưởng trợ cấp, phụ cấp và các chế độ "
            "ưu đãi người có công với cách mạng đã được sửa đổi, bổ sung một số điều theo Nghị định số 55/2023/NĐ-CP "
            "ngày 21 tháng 7 năm 2023 của Chính phủ (sau đây viết tắt là Nghị định số 77/2024/NĐ-CP), có hiệu lực kể từ "
            "ngày 01 tháng 7 năm 2024, có căn cứ ban hành như sau:\n\n“Căn cứ Pháp lệnh Ưu đãi người có công với cách "
            "mạng ngày 09 tháng 12 năm 2020;\n\nCăn cứ Nghị quyết số 142/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội "
            "về Kỳ họp thứ 7, Quốc hội khóa XV;\n\nTheo đề nghị của Bộ trưởng Bộ Lao động - Thương binh và Xã hội;\n\n"
            "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 "
            "năm 2021 của Chính phủ”.\n\n[2] Điều này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 của Nghị "
            "định số 55/2023/NĐ-CP ngày 21 tháng 7 năm 2023 của Chính phủ, có hiệu lực kể từ ngày 05 tháng 9 năm 2023.",
     "basedOn", {("77/2024/NĐ-CP", "142/2024/QH15")}),
    ("324", "[1] Thông tư số 101/2025/TT-BQP sửa đổi, bổ sung một số điều các Thông tư về điều tra, khảo sát, rà phá bom "
            "mìn vật nổ, có căn cứ ban hành như sau:\n\n“Căn cứ Nghị định số 18/2019/NĐ-CP ngày 01 tháng 02 năm 2019 "
            "của Chính phủ về quản lý và thực hiện hoạt động khắc phục hậu quả bom mìn vật nổ sau chiến tranh;\n\nTheo "
            "đề nghị của Tư lệnh Binh chủng Công binh;\n\nBộ trưởng Bộ Quốc phòng ban hành Thông tư sửa đổi, bổ sung một "
            "số điều các Thông tư về điều tra, khảo sát, rà phá bom mìn vật nổ”.",
     "basedOn", {("101/2025/TT-BQP", "18/2019/NĐ-CP")}),
    # a consolidated text opens with what it consolidates and, one paragraph each, what changed it
    ("324", "Thông tư số 195/2019/TT-BQP ngày 27 tháng 12 năm 2019 của Bộ trưởng Bộ Quốc phòng quy định chi tiết một số "
            "điều và biện pháp thi hành Nghị định số 18/2019/NĐ-CP ngày 01 tháng 02 năm 2019 của Chính phủ về quản lý và "
            "thực hiện hoạt động khắc phục hậu quả bom mìn vật nổ sau chiến tranh, có hiệu lực kể từ ngày 11 tháng 02 năm "
            "2020, được sửa đổi, bổ sung bởi:\n\nThông tư số 101/2025/TT-BQP ngày 13 tháng 9 năm 2025 của Bộ trưởng Bộ "
            "Quốc phòng sửa đổi, bổ sung một số điều các Thông tư về điều tra, khảo sát, rà phá bom mìn vật nổ, có hiệu "
            "lực kể từ ngày 28 tháng 10 năm\n2025.\n\nCăn cứ Nghị định số 164/2017/NĐ-CP ngày 30 tháng 12 năm 2017 của "
            "Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Quốc phòng;",
     "amends", {("101/2025/TT-BQP", "195/2019/TT-BQP")}),
    ("370", "Thông tư số 05/2013/TT-BLĐTBXH ngày 15 tháng 5 năm 2013 của Bộ Lao động - Thương binh và Xã hội, có hiệu lực "
            "kể từ ngày 01 tháng 7 năm 2013, được sửa đổi bổ sung bởi:\n\nThông tư số 18/2022/TT-BLĐTBXH ngày 30 tháng 9 "
            "năm 2022 của Bộ Lao động - Thương binh và Xã hội bãi bỏ văn bản quy phạm pháp luật do Bộ trưởng Bộ Lao động "
            "- Thương binh và Xã hội ban hành, liên tịch ban hành, có hiệu lực kể từ ngày 15 tháng 11 năm 2022.\n\nCăn "
            "cứ Nghị định số 106/2012/NĐ-CP ngày 20 tháng 12 năm 2012 của Chính phủ quy định chức năng;",
     "amends", {("18/2022/TT-BLĐTBXH", "05/2013/TT-BLĐTBXH")}),
]


@pytest.mark.parametrize("corpus, snippet, relation, expected", STATED_BY_LAYOUT, ids=[r[0] for r in STATED_BY_LAYOUT])
def test_what_a_consolidated_text_states_by_its_layout(corpus: str, snippet: str, relation: str,
                                                       expected: set[tuple[str, str]]) -> None:
    got = {(r.source, r.target) for r in read_as("Quảng Ngãi", snippet).relations if r.relation == relation}
    assert got == expected  # none from the note after a quote, nor from the "Căn cứ" after the list
