"""Service cards: every value escaped, Latin fragments isolated in Arabic."""

from __future__ import annotations

import datetime as dt
import re
from html import escape, unescape

import pytest

from bot.conversation.card import render_card
from bot.i18n import LRI, PDI, isolate
from bot.knowledge.schema import Address, Entry, Phone, Schedule
from bot.runtime import Loaded

NOW = dt.datetime(2026, 3, 10, 10, 0)  # a Tuesday morning
OFFICE_HOURS = "Mo-Fr 09:00-16:00"
ENTRIES = (
    "elterngeldstelle-mitte",  # address, phone, website, e-mail, appointment
    "behoerdennummer-115",  # opening hours, two phones
    "zentrum-sexuelle-gesundheit-mitte",  # documents to bring
    "giftnotruf-berlin",  # 24/7
)
_BOLD = re.compile(r"</?b>")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#x27);")


def card(loaded: Loaded, entry: Entry, lang: str) -> str:
    return render_card(entry, loaded.kb, loaded.locales, lang, NOW)


def assert_html_safe(html: str) -> None:
    """Only the card's own <b> tags; every other <, > and & arrives as an entity."""
    bare = _BOLD.sub("", html)
    assert "<" not in bare and ">" not in bare, bare
    assert "&" not in _ENTITY.sub("", bare), bare


def values(entry: Entry, lang: str) -> list[str]:
    t = entry.texts(lang)
    found = [t.title, t.summary, *t.required_documents, *(v for v in (t.how_to_book, t.eligibility, t.cost) if v)]
    latin = [p.number for p in entry.phones] + [v for v in (entry.website, entry.email) if v]
    if entry.address:
        latin.append(entry.address.one_line())
    return found + [isolate(v, lang) for v in latin]


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("entry_id", ENTRIES)
def test_every_value_of_a_real_entry_is_shown_escaped(loaded: Loaded, entry_id: str, lang: str) -> None:
    entry = loaded.kb.by_id[entry_id]
    html = card(loaded, entry, lang)
    assert_html_safe(html)
    assert html.startswith(f"<b>{escape(entry.texts(lang).title)}</b>\n")
    shown = unescape(html)
    for value in values(entry, lang):
        assert value in shown, value


def hostile(entry: Entry) -> Entry:
    texts = {
        lang: t.model_copy(
            update={
                "title": "<script>alert(1)</script> & Co",
                "summary": 'Sagen Sie "Hallo" <i>bitte</i>',
                "required_documents": ("<b>Pass</b>", "Mietvertrag & Meldebescheinigung"),
                "cost": "0 € <br>",
            }
        )
        for lang, t in entry.translations.items()
    }
    return entry.model_copy(
        update={
            "translations": texts,
            "address": Address(address_1="Straße <7> & Hof 'links'", postal_code="10115"),
            "phones": (Phone(number="+49 30 <123>"),),
            "website": "https://example.org/?a=1&b=<2>",
            "email": "a&b@example.org",
        }
    )


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_markup_in_knowledge_files_never_reaches_telegram_as_html(loaded: Loaded, lang: str) -> None:
    entry = hostile(loaded.kb.by_id["elterngeldstelle-mitte"])
    html = card(loaded, entry, lang)
    assert_html_safe(html)
    assert "<script>" not in html and "<i>" not in html and "<br>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;Pass&lt;/b&gt;" in html
    shown = unescape(card(loaded, entry, lang))
    assert isolate("Straße <7> & Hof 'links', 10115 Berlin", lang) in shown
    assert isolate("https://example.org/?a=1&b=<2>", lang) in shown


def with_office_hours(entry: Entry) -> Entry:
    """The entry with plain walk-in hours and phones without hours of their own."""
    phones = tuple(Phone(number=p.number, purpose=p.purpose) for p in entry.phones)
    return entry.model_copy(update={"schedules": (Schedule(opening_hours=OFFICE_HOURS),), "phones": phones})


def test_arabic_cards_isolate_latin_address_phone_website_and_times(loaded: Loaded) -> None:
    office = with_office_hours(loaded.kb.by_id["elterngeldstelle-mitte"])
    html = card(loaded, office, "ar")
    assert office.address is not None
    assert f"{LRI}{escape(office.address.one_line())}{PDI}" in html
    for phone in office.phones:
        assert f"{LRI}{escape(phone.number)}{PDI}" in html
    assert f"{LRI}{escape(office.website or '')}{PDI}" in html
    assert f"{LRI}{escape(office.email or '')}{PDI}" in html
    assert f"{LRI}16:00{PDI}" in html  # "open until 16:00"
    assert html.count(LRI) == html.count(PDI)


@pytest.mark.parametrize("entry_id", ENTRIES)
def test_left_to_right_cards_carry_no_isolates(loaded: Loaded, entry_id: str) -> None:
    html = card(loaded, loaded.kb.by_id[entry_id], "de")
    assert LRI not in html and PDI not in html


def test_opening_hours_follow_the_clock(loaded: Loaded) -> None:
    office = with_office_hours(loaded.kb.by_id["elterngeldstelle-mitte"])
    t = loaded.locales.t
    morning = render_card(office, loaded.kb, loaded.locales, "en", NOW)
    night = render_card(office, loaded.kb, loaded.locales, "en", NOW.replace(hour=20))
    friday = render_card(office, loaded.kb, loaded.locales, "en", dt.datetime(2026, 3, 13, 20, 0))
    assert escape(t("en", "card.open_until", time="16:00")) in morning
    assert escape(t("en", "card.closed_opens", day=t("en", "days.tomorrow"), time="09:00")) in night
    assert escape(t("en", "card.closed_opens", day=t("en", "days.mo"), time="09:00")) in friday
