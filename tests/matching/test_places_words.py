"""District answers in words, in any script; digits in any script."""

from __future__ import annotations

import pytest

from bot.matching.normalize import normalise
from bot.matching.places import ascii_digits, district_from_text


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Mitte", "mitte"),
        ("ich wohne in Moabit", "mitte"),
        ("Ich wohne im Wedding", "mitte"),
        ("Моабит", "mitte"),
        ("я живу в Моабите", "mitte"),
        ("Веддинг", "mitte"),
        ("Gesundbrunnnen", "mitte"),  # typo
        ("انا ساكن في موابيت", "mitte"),
        ("بموابيت", "mitte"),
        ("Moabit'te oturuyorum", "mitte"),
        ("Hansaviertel", "mitte"),
        ("Tiergarten", "mitte"),
        ("Шарлоттенбург", "charlottenburg-wilmersdorf"),
        ("Charlottenburg-Nord", "charlottenburg-wilmersdorf"),
        ("Charlottenburg-Wilmersdorf", "charlottenburg-wilmersdorf"),
        ("Charlottenbrug", "charlottenburg-wilmersdorf"),
        ("من در شارلوتنبورگ زندگی میکنم", "charlottenburg-wilmersdorf"),
        ("Вільмерсдорф", "charlottenburg-wilmersdorf"),
        ("Halensee", "charlottenburg-wilmersdorf"),
        ("Westend", "charlottenburg-wilmersdorf"),
        ("Schmargendorf", "charlottenburg-wilmersdorf"),
        ("Kreuzberg", "outside"),
        ("ich wohne in Neukölln", "outside"),
        ("Prenzlauer Berg", "outside"),
        ("я живу в Кройцберге", "outside"),
        ("Нойкёльн", "outside"),
        ("اسكن في نويكولن", "outside"),
        ("Spandau", "outside"),
        ("Steglitz", "outside"),
        ("Zehlendorf", "outside"),
        ("Tempelhof", "outside"),
        ("Schöneberg", "outside"),
        ("Friedrichshain", "outside"),
        ("Köpenick", "outside"),
        ("Treptow", "outside"),
        ("Lichtenberg", "outside"),
        ("Marzahn", "outside"),
        ("Reinickendorf", "outside"),
        ("Pankow", "outside"),
    ],
)
def test_place_alone_is_a_district_answer(text: str, district: str) -> None:
    assert district_from_text(text) == district


@pytest.mark.parametrize(
    "text",
    [
        "wo ist das Jobcenter in Mitte",  # a question that mentions a place
        "Sozialamt Moabit Öffnungszeiten",
        "أين مكتب العمل في موابيت",
        "Mitte oder Kreuzberg",  # two districts
        "Berlin",
        "Hamburg",
        "in der Mitte",  # "in the middle"
        "my wedding",
        "Mitte 10115",  # postcodes go to the postcode table
        "mitt",
        "",
    ],
)
def test_not_a_district_answer(text: str) -> None:
    assert district_from_text(text) is None


def test_ascii_digits_maps_arabic_indic_and_persian_digits() -> None:
    assert ascii_digits("١٠١١٥") == "10115"
    assert ascii_digits("۱۰۵۵۵") == "10555"
    assert ascii_digits("PLZ ۱۰۵۵۵, Tel. 030") == "PLZ 10555, Tel. 030"
    assert normalise("١٠١١٥") == ascii_digits("١٠١١٥")  # the same table as normalise()
