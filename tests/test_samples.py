"""The five sample documents (data/samples), read by hand: what the extractor must find in each.

These are the project's own expectations, written from the texts; they lock in the behaviour
``kg extract`` is measured by (every reference, its type, date, issuer and relation, and the
relations the texts state between two other documents).
"""

import pytest
from conftest import sample

EXPECTED = {
    "000": (
        {"type": 'Plan', "identifier": None, "symbol": 'KH-UBND', "date": '2024-03',
         "date_range": None, "place": 'An Lão', "issuer": 'Ủy ban nhân dân huyện An Lão',
         "level": 'district', "province": 'Hải Phòng', "signer": 'Ngô Thị Thanh Thủy',
         "position": 'Chủ tịch'},
        [
            ('3380/QĐ-UBND', 'Decision', '2022-09-28', 'Ủy ban nhân dân huyện An Lão', 'reviews'),
            ('94-NQ/HU', 'Resolution', '2022-04-08', 'Ban Thường vụ Huyện ủy An Lão', 'implements'),
            ('Chương trình giáo dục phổ thông 2018', 'Program', None, None, 'cites'),
        ],
        {('3380/QĐ-UBND', 'implements', '94-NQ/HU')},
    ),
    "001": (
        {"type": 'Plan', "identifier": None, "symbol": None, "date": '2023',
         "date_range": ('2023-08-23', '2023-09-20'), "place": None, "issuer": 'Ủy ban nhân dân huyện Cẩm Giàng',
         "level": 'district', "province": 'Hải Dương', "signer": 'Nguyễn Văn Công',
         "position": 'Phó Chủ tịch'},
        [
            ('502-TB/VPTU', 'Notice', '2023-08-17', 'Văn phòng Tỉnh ủy Hải Dương', 'basedOn'),
            ('3131/UBND-VP', 'OfficialLetter', '2023-08-23', 'Ủy ban nhân dân tỉnh Hải Dương', 'implements'),
            ('29-NQ/TW', 'Resolution', '2013-11-04', 'Ban Chấp hành Trung ương Đảng', 'implements'),
            ('51-KL/TW', 'Conclusion', '2019-05-30', 'Ban Bí thư', 'cites'),
            ('Chương trình giáo dục phổ thông 2018', 'Program', None, None, 'cites'),
            ('Luật Giáo dục 2019', 'Law', '2019', 'Quốc hội', 'cites'),
            ('31/CT-TTg', 'Directive', '2019-12-04', 'Thủ tướng Chính phủ', 'implements'),
            ('01-KL/TW', 'Conclusion', '2021-05-18', 'Bộ Chính trị', 'implements'),
            ('05-CT/TW', 'Directive', None, 'Bộ Chính trị', 'cites'),
            ('80/KH-UBND', 'Plan', '2022-08-23', 'Ủy ban nhân dân huyện Cẩm Giàng', 'implements'),
            ('Chương trình “Tăng cường giáo dục lý tưởng cách mạng, đạo đức, lối sống và khơi dậy khát vọng cống hiến cho thanh niên, thiếu niên, nhi đồng giai đoạn 2021 - 2030”', 'Program', None, None, 'cites'),
            ('2239/QĐ-TTg', 'Decision', '2021-12-30', 'Thủ tướng Chính phủ', 'implements'),
            ('Đề án “Giáo dục hướng nghiệp và định hướng phân luồng học sinh trong giáo dục phổ thông giai đoạn 2018 - 2025”', 'Project', None, None, 'implements'),
            ('522/QĐ-TTg', 'Decision', '2018-05-14', 'Thủ tướng Chính phủ', 'implements'),
            ('4808/KH-UBND', 'Plan', '2020-12-31', 'Ủy ban nhân dân tỉnh Hải Dương', 'implements'),
            ('13/2020/TT-BGDĐT', 'Circular', None, 'Bộ Giáo dục và Đào tạo', 'implements'),
            ('14/2020/TT-BGDĐT', 'Circular', None, 'Bộ Giáo dục và Đào tạo', 'implements'),
            ('Đề án “Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo giai đoạn 2022-2025, định hướng đến năm 2030”', 'Project', None, None, 'implements'),
            ('131/QĐ-TTg', 'Decision', '2022-01-25', 'Thủ tướng Chính phủ', 'implements'),
            ('43/KH-UBND', 'Plan', '2022-03-28', 'Ủy ban nhân dân huyện Cẩm Giàng', 'implements'),
            ('06/QĐ-TTg', 'Decision', '2022-01-06', 'Thủ tướng Chính phủ', 'cites'),
            ('Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030”', 'Project', None, None, 'cites'),
            ('30/2021/QĐ-TTg', 'Decision', '2021-10-10', 'Thủ tướng Chính phủ', 'cites'),
        ],
        {('51-KL/TW', 'continues', '29-NQ/TW'), ('01-KL/TW', 'continues', '05-CT/TW'), ('80/KH-UBND', 'implements', 'Chương trình “Tăng cường giáo dục lý tưởng cách mạng, đạo đức, lối sống và khơi dậy khát vọng cống hiến cho thanh niên, thiếu niên, nhi đồng giai đoạn 2021 - 2030”'), ('522/QĐ-TTg', 'promulgates', 'Đề án “Giáo dục hướng nghiệp và định hướng phân luồng học sinh trong giáo dục phổ thông giai đoạn 2018 - 2025”'), ('131/QĐ-TTg', 'promulgates', 'Đề án “Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo giai đoạn 2022-2025, định hướng đến năm 2030”'), ('43/KH-UBND', 'implements', '06/QĐ-TTg'), ('06/QĐ-TTg', 'promulgates', 'Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030”')},
    ),
    "002": (
        {"type": 'Plan', "identifier": None, "symbol": 'KH-UBND', "date": '2026',
         "date_range": None, "place": 'Hà Bắc', "issuer": 'Ủy ban nhân dân xã Hà Bắc',
         "level": 'commune', "province": 'Hải Phòng', "signer": 'Phạm Đức Tiến',
         "position": 'Phó Chủ tịch'},
        [
            ('Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045”', 'Project', None, None, 'implements'),
            ('1733/KH-SGDĐT', 'Plan', '2026-03-26', 'Sở Giáo dục và Đào tạo thành phố Hải Phòng', 'implements'),
            ('Chương trình giáo dục phổ thông 2018', 'Program', None, None, 'cites'),
        ],
        {('1733/KH-SGDĐT', 'implements', 'Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045”')},
    ),
    "003": (
        {"type": 'Plan', "identifier": None, "symbol": 'KH-SGDĐT', "date": '2023',
         "date_range": None, "place": 'Quảng Ngãi', "issuer": 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi',
         "level": 'provincial', "province": 'Quảng Ngãi', "signer": 'Nguyễn Ngọc Thái',
         "position": 'Giám đốc'},
        [
            ('224-KH/TU', 'Plan', '2019-09-30', 'Tỉnh ủy Quảng Ngãi', 'implements'),
            ('51-KL/TW', 'Conclusion', '2019-05-30', 'Ban Bí thư', 'cites'),
            ('29-NQ/TW', 'Resolution', None, 'Ban Chấp hành Trung ương Đảng', 'implements'),
            ('1112/CT-BGDĐT', 'Directive', '2022-08-19', 'Bộ Giáo dục và Đào tạo', 'implements'),
            ('1455/QĐ-UBND', 'Decision', '2022-12-16', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'implements'),
            ('68/QĐ-UBND', 'Decision', '2023-01-19', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'implements'),
            ('1471/QĐ-SGDĐT', 'Decision', '2022-09-14', 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', 'implements'),
            ('158/KH-UBND', 'Plan', '2019-12-16', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'implements'),
            ('Chương trình GDPT 2018', 'Program', None, None, 'cites'),
            ('51-CTr/TU', 'Program', '2014-07-23', 'Tỉnh ủy Quảng Ngãi', 'implements'),
            ('5447/KH-UBND', 'Plan', '2014-11-24', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'implements'),
            ('697/KH-SGDĐT', 'Plan', '2014-12-17', 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', 'implements'),
        ],
        {('224-KH/TU', 'implements', '51-KL/TW'), ('51-KL/TW', 'continues', '29-NQ/TW'), ('158/KH-UBND', 'implements', '51-KL/TW'), ('697/KH-SGDĐT', 'implements', '29-NQ/TW'), ('5447/KH-UBND', 'implements', '29-NQ/TW'), ('51-CTr/TU', 'implements', '29-NQ/TW')},
    ),
    "004": (
        {"type": 'Plan', "identifier": None, "symbol": 'KH-UBND', "date": '2024',
         "date_range": None, "place": 'Cao Lộc', "issuer": 'Ủy ban nhân dân huyện Cao Lộc',
         "level": 'district', "province": 'Lạng Sơn', "signer": 'Nguyễn Văn Thịnh',
         "position": 'Phó Chủ tịch'},
        [
            ('1556-QĐ/TU', 'Decision', '2024-01-09', 'Ban Thường vụ Tỉnh ủy Lạng Sơn', 'implements'),
            ('416-TB/HU', 'Notice', '2024-01-14', 'Ban Thường vụ Huyện ủy Cao Lộc', 'implements'),
            ('18/2018/TT-BGDĐT', 'Circular', '2018-08-22', 'Bộ Giáo dục và Đào tạo', 'implements'),
            ('19/2018/TT-BGDĐT', 'Circular', '2018-08-22', 'Bộ Giáo dục và Đào tạo', 'implements'),
            ('13/2020/TT-BGDĐT', 'Circular', '2020-05-27', 'Bộ Giáo dục và Đào tạo', 'cites'),
            ('14/2020/TT-BGDĐT', 'Circular', '2020-05-26', 'Bộ Giáo dục và Đào tạo', 'cites'),
            ('23/KH-UBND', 'Plan', '2024-01-19', 'Ủy ban nhân dân huyện Cao Lộc', 'implements'),
        ],
        set(),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document(name: str) -> None:
    d = sample(name).document
    got = {"type": d.type, "identifier": d.identifier, "symbol": d.symbol, "date": d.date, "date_range": d.date_range,
           "place": d.place, "issuer": d.issuer.name if d.issuer else None, "level": d.issuer.level if d.issuer else None,
           "province": d.issuer.province if d.issuer else None, "signer": d.signer.name if d.signer else None,
           "position": d.signer.position if d.signer else None}
    assert got == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_references(name: str) -> None:
    got = [(r.identifier or r.title, r.type, r.date, r.issuer.name if r.issuer else None, r.relation)
           for r in sample(name).references]
    assert got == EXPECTED[name][1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_relations_between_other_documents(name: str) -> None:
    got = {(r.source, r.relation, r.target or r.target_title) for r in sample(name).relations}
    assert got == EXPECTED[name][2]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_evidence_points_into_the_text_as_read(name: str) -> None:
    x = sample(name)
    for r in x.references:
        for span in r.evidence:
            assert span.text and x.source.text[span.start : span.end] == span.text
        # at least one mention prints the number (others may be a short form or an alias)
        assert r.identifier is None or any(r.number in s.text for s in r.evidence)


TASKS = [
    # (sample, agency, role, deadline): assignments read by hand
    ("000", "Phòng Giáo dục và Đào tạo huyện An Lão", "lead", "2024-03-30"),
    ("000", "Phòng Tài chính - Kế hoạch huyện An Lão", "report", "2024-03-25"),  # the general report date
    ("001", "Phòng Giáo dục và Đào tạo huyện Cẩm Giàng", "lead", "2023-09-20"),
    ("001", "Phòng Nội vụ huyện Cẩm Giàng", "lead", None),  # "trước tháng 12 hằng năm" recurs
    ("002", "Phòng Văn hóa - Xã hội xã Hà Bắc", "lead", None),
    ("003", "Văn phòng Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "lead", None),
    ("004", "Phòng Tài nguyên và Môi trường huyện Cao Lộc", "lead", "2024-06-30"),  # "trong quý II năm 2024"
    ("004", "Phòng Giáo dục và Đào tạo huyện Cao Lộc", "lead", None),
]


@pytest.mark.parametrize("name, agency, role, deadline", TASKS)
def test_task(name: str, agency: str, role: str, deadline: str | None) -> None:
    found = {(t.agency, t.role, t.deadline.date if t.deadline else None) for t in sample(name).tasks}
    assert (agency, role, deadline) in found


def test_a_recurring_deadline_is_kept_as_such() -> None:
    recurrences = {t.deadline.recurrence for t in sample("001").tasks if t.deadline and t.deadline.recurrence}
    assert "yearly:month=12" in recurrences
