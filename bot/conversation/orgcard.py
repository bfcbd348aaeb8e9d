"""An organisation's card and its line in a list, in the user's language. Pure formatting."""

from __future__ import annotations

import datetime as dt
from html import escape

from bot.i18n import Locales, isolate
from bot.knowledge.directory_schema import Organisation
from bot.knowledge.model import KnowledgeBase
from bot.localdates import format_date

ONE_LINE = 90  # characters of the description in a list: one line on a phone


def district_name(code: str, locales: Locales, lang: str) -> str:
    return locales.t(lang, "orgs.berlin_wide" if code == "berlin" else f"district.{code}")


def theme_name(theme: str, locales: Locales, lang: str) -> str:
    return locales.t(lang, f"themes.{theme}")


def language_name(code: str, kb: KnowledgeBase) -> str:
    return kb.language_names.get(code, code)


def one_line(org: Organisation, lang: str) -> str:
    """The description's first sentence, cut to one line."""
    text = " ".join(org.texts(lang).description.split())
    first = text.split(". ")[0].rstrip(".")
    return first if len(first) <= ONE_LINE else first[: ONE_LINE - 1].rstrip() + "…"


def list_line(org: Organisation, locales: Locales, lang: str) -> str:
    """"• <b>Name</b> – what it does (district)", escaped."""
    places = ", ".join(district_name(d, locales, lang) for d in org.districts)
    return f"• <b>{escape(org.name)}</b> – {escape(one_line(org, lang))} ({escape(places)})"


def information_date(org: Organisation) -> dt.date | None:
    return max((source.as_of for source in org.sources if source.as_of is not None), default=None)


def render_org(org: Organisation, kb: KnowledgeBase, locales: Locales, lang: str) -> str:
    """HTML text of the card; every value from the knowledge files is escaped."""

    def label(key: str) -> str:
        return escape(locales.t(lang, key))

    def latin(value: str) -> str:
        return escape(isolate(value, lang))

    name = f"{org.name} ({org.alternate_name})" if org.alternate_name else org.name
    lines = [f"<b>{latin(name)}</b>", escape(org.texts(lang).description), ""]
    for location in org.locations:
        place = f"{location.name}, {location.address.one_line()}" if location.name else location.address.one_line()
        lines.append(f"📍 {label('card.address')}: {latin(place)}")
    if not org.locations:
        places = ", ".join(district_name(d, locales, lang) for d in org.districts)
        lines.append(f"📍 {label('orgs.active_in')}: {escape(places)}")
    for phone in org.phones:
        lines.append(f"📞 {label('card.phone')}: {latin(phone.number)}")
    if org.email:
        lines.append(f"✉️ {label('card.email')}: {latin(org.email)}")
    if org.website:
        lines.append(f"🌐 {label('card.website')}: {latin(org.website)}")
    if org.languages:
        names = ", ".join(language_name(code, kb) for code in org.languages)
        lines.append(f"🗣 {label('orgs.languages')}: {escape(names)}")
    themes = ", ".join(theme_name(theme, locales, lang) for theme in org.themes)
    lines.append(f"🏷 {label('orgs.themes')}: {escape(themes)}")
    if org.speakers is not None:
        lines.append(f"🎤 {label('orgs.speakers')}: {latin(', '.join(org.speakers.topics))}")
    as_of = information_date(org)
    if as_of is not None:
        lines.append(f"🗓 {escape(locales.t(lang, 'card.as_of', date=format_date(as_of, lang, locales)))}")
    return "\n".join(lines)
