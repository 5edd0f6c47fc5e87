"""Agencies written out in full, with the locality the text leaves implicit taken from the document."""

import pytest

from kg.extract.agencies import Context, parse_agency
from kg.extract.places import gazetteer
from kg.read.normalize import NormalizedText


def context(name: str | None, level: str | None, era: str = "legacy") -> Context:
    if name is None:
        return Context(era=era)  # type: ignore[arg-type]
    unit = gazetteer().find(name, era, level=level)[0]  # type: ignore[arg-type]
    return Context(unit=unit, era=era, text="Hải Phòng")  # type: ignore[arg-type]


CASES = [
    # (snippet, the document's locality, name, level, province)
    ("UBND tỉnh về triển khai", ("Cẩm Giàng", "district"), "Ủy ban nhân dân tỉnh Hải Dương", "provincial", "Hải Dương"),
    ("UBND huyện triển khai", ("Cẩm Giàng", "district"), "Ủy ban nhân dân huyện Cẩm Giàng", "district", "Hải Dương"),
    ("Ban Thường vụ \n\nHuyện ủy An Lão về", ("An Lão", "district"), "Ban Thường vụ Huyện ủy An Lão", "district",
     "Hải Phòng"),
    ("Ủy ban nhân dân huyện An Lão về", ("An Lão", "district"), "Ủy ban nhân dân huyện An Lão", "district", "Hải Phòng"),
    ("Bộ GDĐT về", (None, None), "Bộ Giáo dục và Đào tạo", "central", None),
    ("Bộ trưởng Bộ Giáo dục và Đào tạo về", (None, None), "Bộ Giáo dục và Đào tạo", "central", None),
    ("Chủ tịch UBND tỉnh Ninh Bình", (None, None), "Ủy ban nhân dân tỉnh Ninh Bình", "provincial", "Ninh Bình"),
    ("Thủ tướng Chính phủ về", (None, None), "Thủ tướng Chính phủ", "central", None),
    ("Chính phủ quy định", (None, None), "Chính phủ", "central", None),  # not the Prime Minister
    ("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n", (None, None), "Ủy ban nhân dân tỉnh Tuyên Quang", "provincial",
     "Tuyên Quang"),
    ("UBND THÀNH PHỐ HÀ\nNỘI\n", (None, None), "Ủy ban nhân dân thành phố Hà Nội", "provincial", "Hà Nội"),
    ("Sở giáo dục và đào tạo về", ("Hà Bắc", "commune", "2025"), "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
     "provincial", "Hải Phòng"),
    ("Phòng Tài chính – Kế hoạch: Báo cáo", ("An Lão", "district"), "Phòng Tài chính - Kế hoạch huyện An Lão",
     "district", "Hải Phòng"),
    ("Chánh Văn phòng Sở GDĐT có trách nhiệm", ("Quảng Ngãi", "provincial"),
     "Văn phòng Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "provincial", "Quảng Ngãi"),
    ("Ban Chấp hành Đảng bộ tỉnh thực hiện", ("Hậu Giang", "provincial"), "Ban Chấp hành Đảng bộ tỉnh Hậu Giang",
     "provincial", "Hậu Giang"),
    ("Thành ủy Cần Thơ thực hiện", (None, None), "Thành ủy Cần Thơ", "provincial", "Cần Thơ"),
    # a hyphen written without its spaces is the same name (corpus 356's header, 362's body)
    ("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI ------- | CỘNG HÒA", (None, None), "Bộ Lao động - Thương binh và Xã hội",
     "central", None),
    ("Bộ Lao động-Thương binh và Xã hội hướng dẫn cấp phát", (None, None), "Bộ Lao động - Thương binh và Xã hội",
     "central", None),
]


@pytest.mark.parametrize("snippet, where, name, level, province", CASES)
def test_agency(snippet: str, where: tuple, name: str, level: str, province: str | None) -> None:
    text = NormalizedText(snippet).text
    m = parse_agency(text, 0, context(*where))
    assert m is not None
    assert (m.agency.name, m.agency.level, m.agency.province) == (name, level, province)


@pytest.mark.parametrize("snippet", ["UBND các xã, thị trấn", "Ủy ban nhân dân xã chỉ đạo các trường", "ngày 12"])
def test_no_single_agency(snippet: str) -> None:
    m = parse_agency(snippet, 0, context("Hà Bắc", "commune", "2025"))
    assert m is None or m.agency.name == "Ủy ban nhân dân xã Hà Bắc"  # never a commune named "Chỉ Đạo"
