"""Deadlines as plans print them: dates, quarters, months, and recurrences kept as such."""

import pytest
from conftest import read_as

from kg.extract.tasks import parse_deadline

CASES = [
    # (sentence, date, recurrence): sentences of the seeds and the corpus
    ("tổng hợp số liệu, dự thảo báo cáo chung xong trước ngày 30/3/2024.", "2024-03-30", None),
    ("Các đơn vị nộp báo cáo về Ủy ban nhân dân huyện chậm  nhất ngày 25/3/2024;", "2024-03-25", None),
    ("Thời gian hoàn thành trong quý II năm 2024.", "2024-06-30", None),
    ("- Quý III/2023: huyện Minh Long và Tư Nghĩa;", "2023-09-30", None),
    # corpus 051: a month
    ("xây dựng kế hoạch hoặc văn bản triển khai thực hiện (hoàn thành trong tháng 11/2025) gửi về Công an tỉnh",
     "2025-11-30", None),
    # corpus 143: the first of several quarters
    ("tổ chức, lực lượng trong tìm kiếm, quy tập hài cốt liệt sĩ (Quý IV/2013, Quý I/2014", "2013-12-31", None),
    ("tham mưu tổ chức Hội nghị phân bổ ngân sách chậm nhất vào tháng 11 hằng năm", None, "yearly:month=11"),
    ("Định kỳ 3 tháng/lần báo cáo về UBND huyện", None, "every:3 months"),
    ("Thực hiện chế độ báo cáo định kỳ hằng quý, 6 tháng và hằng năm", None, "every:3 months"),
    ("Tăng cường công tác tuyên truyền", None, None),
]


@pytest.mark.parametrize("sentence, date, recurrence", CASES)
def test_deadline(sentence: str, date: str | None, recurrence: str | None) -> None:
    d = parse_deadline(sentence)
    assert (d.date if d else None, d.recurrence if d else None) == (date, recurrence)


def test_lead_and_coordinating_agencies() -> None:
    x = read_as("Cao Lộc", "III. TỔ CHỨC THỰC HIỆN\n\n4. Phòng Tài nguyên và Môi trường\n\nChủ trì, phối hợp với Phòng "
                           "Giáo dục và Đào tạo, UBND xã Thụy Hùng hướng dẫn lập hồ sơ. Thời gian hoàn thành trong quý II "
                           "năm 2024.\n\n5. Ban Quản lý Dự án đầu tư xây dựng huyện\n\nChủ trì xây dựng phương án thiết kế.")
    got = {(t.agency, t.role, t.deadline.date if t.deadline else None) for t in x.tasks}
    assert got == {
        ("Phòng Tài nguyên và Môi trường huyện Cao Lộc", "lead", "2024-06-30"),
        ("Phòng Giáo dục và Đào tạo huyện Cao Lộc", "coordinate", "2024-06-30"),
        ("Ủy ban nhân dân xã Thụy Hùng", "coordinate", "2024-06-30"),
        ("Ban Quản lý Dự án đầu tư xây dựng huyện", "lead", None),
    }


@pytest.mark.parametrize("items", [
    # 336: a case heading its conditions is no body given work ("Trường" is a school, "Trường hợp" a case)
    "2. Trường hợp vi phạm có một hoặc một số tình tiết sau thì được miễn kỷ luật:\n\na) Được cơ quan có thẩm quyền "
    "xác nhận tình trạng mất năng lực hành vi dân sự khi có hành vi vi phạm;\n",
    # 370: the case named with its colon on the item's own line
    "c) Trường hợp quy định tại Điểm d Khoản 1 Điều 33 của Nghị định: Bản sao lý lịch quân nhân, lý lịch công an nhân "
    "dân có ghi đầy đủ quá trình công tác;\n",
])
def test_a_case_is_no_agency(items: str) -> None:
    assert read_as("Cao Lộc", "III. TỔ CHỨC THỰC HIỆN\n\n" + items).tasks == ()
