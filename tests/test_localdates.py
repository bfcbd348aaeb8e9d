"""Dates, times and opening hours in the user's language, at a fixed moment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.i18n import LRI, PDI, Locales, load_locales
from bot.localdates import format_date, format_hours, format_time, format_when, is_always

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 23, 2, 30)  # a Monday night


@pytest.fixture(scope="module")
def locales() -> Locales:
    loaded, problems = load_locales(REPO / "locales")
    assert loaded is not None, [str(p) for p in problems]
    return loaded


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "22. November 2026"),
        ("en", "22 November 2026"),
        ("ar", "22 نوفمبر 2026"),
        ("fa", "22 نوامبر 2026"),
        ("ru", "22 ноября 2026"),
        ("uk", "22 листопада 2026"),
        ("tr", "22 Kasım 2026"),
    ],
)
def test_format_date_names_the_month(locales: Locales, lang: str, expected: str) -> None:
    assert format_date(dt.date(2026, 11, 22), lang, locales) == expected


def test_every_language_names_every_month(locales: Locales) -> None:
    for lang in locales.languages:
        names = {format_date(dt.date(2026, month, 1), lang, locales) for month in range(1, 13)}
        assert len(names) == 12
        assert not any("dates." in name or "-" in name for name in names), lang


def test_format_time_is_24_hour_and_left_to_right_in_rtl() -> None:
    assert format_time(dt.time(16, 0), "de") == "16:00"
    assert format_time(dt.datetime(2026, 1, 1, 9, 5), "en") == "09:05"
    assert format_time(dt.time(16, 0), "ar") == f"{LRI}16:00{PDI}"
    assert format_time(dt.time(7, 30), "fa") == f"{LRI}07:30{PDI}"


def test_format_when_says_today_tomorrow_weekday_or_date(locales: Locales) -> None:
    assert format_when(NOW.replace(hour=16, minute=0), NOW, "de", locales) == ("heute", "16:00")
    assert format_when(NOW + dt.timedelta(days=1), NOW, "en", locales)[0] == "tomorrow"
    assert format_when(NOW + dt.timedelta(days=3), NOW, "ar", locales)[0] == "الخميس"
    assert format_when(NOW + dt.timedelta(days=10), NOW, "de", locales)[0] == "3. Dezember 2026"


@pytest.mark.parametrize(
    ("expression", "lang", "expected"),
    [
        ("Mo-Fr 09:00-16:00; Th 11:00-18:00", "de", "Montag–Mittwoch, Freitag 09:00–16:00; Donnerstag 11:00–18:00"),
        ("Mo-Su 00:00-24:00", "de", "rund um die Uhr (24/7)"),
        ("24/7", "en", "around the clock (24/7)"),
        ("Mo-Su 16:00-24:00", "en", "daily 16:00–24:00"),
        ("Mo-Fr 08:00-18:00; PH off", "ru", "Понедельник–Пятница 08:00–18:00; в праздничные дни закрыто"),
        ("Mo,We 08:00-12:00,13:00-15:00", "tr", "Pazartesi, Çarşamba 08:00–12:00, 13:00–15:00"),
        ("Mo-Fr 07:00-18:00", "uk", "Понеділок–П'ятниця 07:00–18:00"),
        ("Mo-Su 00:00-24:00", "ar", "على مدار الساعة (24/7)"),
        ("Mo-Fr 08:00-18:00; PH off", "ar", f"الاثنين–الجمعة {LRI}08:00–18:00{PDI}؛ مغلق في العطل الرسمية"),
        ("Mo-Su 16:00-24:00", "fa", f"هر روز {LRI}16:00–24:00{PDI}"),
        ("Mo-Fr,PH 10:00-12:00", "en", "Monday–Friday 10:00–12:00; public holidays 10:00–12:00"),
        ("Sa-Mo 10:00-12:00", "en", "Monday, Saturday, Sunday 10:00–12:00"),
        (
            "Mo-Fr 09:00-16:00; Th 11:00-18:00",
            "fa",
            f"دوشنبه–چهارشنبه، جمعه {LRI}09:00–16:00{PDI}؛ پنجشنبه {LRI}11:00–18:00{PDI}",
        ),
    ],
)
def test_format_hours_in_words(locales: Locales, expression: str, lang: str, expected: str) -> None:
    assert format_hours(expression, lang, locales) == expected


@pytest.mark.parametrize(
    "expression", ["Jan-Mar Mo 10:00-12:00", "Mo-Fr 08:00+", "Mo 10:00-12:00 || Tu off", "sunrise-sunset"]
)
def test_unreadable_hours_come_back_as_written(locales: Locales, expression: str) -> None:
    assert format_hours(expression, "de", locales) == expression
    assert format_hours(expression, "ar", locales) == f"{LRI}{expression}{PDI}"


def test_is_always() -> None:
    assert is_always("24/7")
    assert is_always("Mo-Su 00:00-24:00")
    assert is_always("Mo-Fr 00:00-24:00; Sa-Su 00:00-24:00")
    assert not is_always("Mo-Su 16:00-24:00")
    assert not is_always("24/7; PH off")
    assert not is_always("week 1-53 24/7")
