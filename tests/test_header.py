"""Headers as real documents lay them out: broken lines, table rows, spaced letters, no header."""

import pytest
from conftest import DATA

from kg import extract_file, extract_text

CORPUS = [
    # (file, type, identifier, date, place, issuer, signer)
    ("001.txt", "Decision", "986/QĐ-UBND", "2024-08-13", "Tuyên Quang", "Ủy ban nhân dân tỉnh Tuyên Quang",
     "Hoàng Việt Phương"),  # one table row: "ỦY BAN ... ------- | CỘNG HÒA ... | Số: ... | Tuyên Quang, ngày ..."
    ("005.txt", "OfficialLetter", "5155/SGDĐT-GDTXNNĐH", "2025-11-28", "Thành phố Hồ Chí Minh",
     "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh", "Trương Hải Thanh"),  # a department under its city
    ("088.txt", "Resolution", "74/2025/NQ-HĐND", "2025-11-27", "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội",
     "Phùng Thị Hồng Hà"),  # "Số:" and the number on two lines
    ("140.txt", "Decision", "3210/QĐ-UBND", "2014-06-28", None, "Ủy ban nhân dân thành phố Hồ Chí Minh",
     "Nguyễn Hữu Tín"),  # letters spread apart: "P HÓ CHỦ T Ị CH Ngu y ễn Hữu Tín"
    ("142.txt", "OfficialLetter", "2638/LĐTBXH-KHTC", "2019-07-03", "Hà Nội",
     "Bộ Lao động - Thương binh và Xã hội", "Phạm Quang Phụng"),  # "B Ộ LAO ĐỘNG ... V À X Ã HỘI"
    ("143.txt", "Plan", "252/KH-BCĐQG1237", "2013-11-11", "Hà Nội",
     "Ban Chỉ đạo quốc gia về tìm kiếm, quy tập hài cốt liệt sĩ", "Nguyễn Thiện Nhân"),  # a body no table lists
]


@pytest.mark.parametrize("name, type_, identifier, date, place, issuer, signer", CORPUS)
def test_corpus_header(name, type_, identifier, date, place, issuer, signer) -> None:  # type: ignore[no-untyped-def]
    d = extract_file(str(DATA / "corpus" / name)).document
    got = (d.type, d.identifier, d.date, d.issuer.name if d.issuer else None, d.signer.name if d.signer else None)
    assert got == (type_, identifier, date, issuer, signer)
    if place is not None:
        assert d.place == place


TITLES = [
    ("073.txt", "KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ PHẠM MINH CHÍNH TẠI BUỔI LÀM VIỆC VỚI THƯỜNG TRỰC TỈNH ỦY THANH HÓA"),
    ("019.txt", "tăng cường các biện pháp cấp bách về kiểm soát ô nhiễm môi trường không khí trên địa bàn Thành phố"),
    ("001.txt", "BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC 2024-2025 ĐỐI VỚI GIÁO DỤC MẦM NON, GIÁO DỤC PHỔ THÔNG VÀ GIÁO "
                "DỤC THƯỜNG XUYÊN ÁP DỤNG TRÊN ĐỊA BÀN TỈNH TUYÊN QUANG"),  # stops at the enacting authority
]


@pytest.mark.parametrize("name, title", TITLES)
def test_title(name: str, title: str) -> None:
    assert extract_file(str(DATA / "corpus" / name)).document.title == title


def test_a_document_without_header_takes_its_issuer_from_the_body() -> None:
    x = extract_text(" KẾ HOẠCH\nTổ chức thực hiện Kết luận\n\nThực hiện Công văn số 3131/UBND-VP ngày 23/8/2023 của "
                     "UBND tỉnh về triển khai, UBND huyện ban hành kế hoạch.\n\n1. Phòng Nội vụ huyện Cẩm Giàng chủ trì "
                     "trước ngày 20/9/2023.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Công\n")
    d = x.document
    assert (d.issuer.name, d.date, d.date_range) == (  # type: ignore[union-attr]
        "Ủy ban nhân dân huyện Cẩm Giàng", "2023", ("2023-08-23", "2023-09-20"))
    assert (d.signer.name, d.signer.position) == ("Nguyễn Văn Công", "Phó Chủ tịch")  # type: ignore[union-attr]
