"""The gazetteer, before and after the 2025 reform, and names shared by several places."""

import pytest
from conftest import sample

from kg import extract_text
from kg.extract.places import era_for, gazetteer
from kg.resources import load_table


def test_era_follows_the_date() -> None:
    assert era_for("2024-03") == "legacy"
    assert era_for("2025-06-30") == "legacy"
    assert era_for("2025-07-01") == "2025"
    assert era_for("2026") == "2025"


def test_two_districts_named_an_lao() -> None:
    provinces = {u.province for u in gazetteer().find("An Lão", "legacy", level="district")}
    assert provinces == {"Hải Phòng", "Bình Định"}
    # seed 000 never says which: the text's mentions of Hải Phòng decide
    assert sample("000").document.issuer.province == "Hải Phòng"  # type: ignore[union-attr]


def test_a_district_the_text_never_places() -> None:
    assert gazetteer().find("Cao Lộc", "legacy", level="district")[0].province == "Lạng Sơn"
    assert sample("004").document.issuer.province == "Lạng Sơn"  # type: ignore[union-attr]


def test_a_commune_after_the_2025_reform() -> None:
    units = gazetteer().find("Hà Bắc", "2025", level="commune", fallback=False)
    assert [u.province for u in units] == ["Hải Phòng"]
    assert sample("002").document.issuer.level == "commune"  # type: ignore[union-attr]


def test_old_spellings_find_the_same_place() -> None:
    assert gazetteer().province("Hoà Bình", "legacy") == gazetteer().province("Hòa Bình", "legacy")
    assert gazetteer().province("Thừa Thiên Huế", "legacy").name == "Huế"  # type: ignore[union-attr]


@pytest.mark.parametrize("row", load_table("places.toml")["province"], ids=lambda r: r["name"])
def test_a_province_is_named_as_its_documents_of_the_era_print_it(row: dict[str, str]) -> None:
    # data/places.toml: the gazetteer lists Bắc Ninh, Quảng Ninh, Đồng Nai as cities (a later change)
    d = extract_text(row["example"]).document
    assert d.issuer is not None and d.issuer.name == f"Ủy ban nhân dân {row['designator']} {row['name']}"
    assert gazetteer().province(row["name"], "2025").full_name == f"{row['designator']} {row['name']}"  # type: ignore[union-attr]


def test_names_are_spelt_with_the_new_tone_marks_as_documents_print_them() -> None:
    # 116: "Quyết định số 08/2019/QĐ-UBND ngày 25 tháng 3 năm 2019 của UBND tỉnh Hòa Bình" (the
    # gazetteer's older data spells it "Hoà Bình")
    refs = extract_text("a) Quyết định số 08/2019/QĐ-UBND ngày 25 tháng 3 năm 2019 của UBND tỉnh Hòa Bình\n").references
    assert [r.issuer.name for r in refs if r.issuer] == ["Ủy ban nhân dân tỉnh Hòa Bình"]
