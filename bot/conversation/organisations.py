"""Find an organisation: by theme, by language, near me, or for a question asking for an association.

An official matter keeps its office first: a message asking for "an association that helps with the
Jobcenter" gets the Jobcenter's card, and the organisations only as an extra button.
"""

from __future__ import annotations

import typing

from bot.knowledge.directory import find_organisations, search_organisations
from bot.knowledge.directory_schema import Organisation, Theme
from bot.languages import DISTRICTS
from bot.matching import Decision

from .common import stale
from .context import Turn
from .orgcard import district_name, language_name, list_line, render_org, theme_name
from .protocol import (
    Action,
    OrgChoose,
    OrgMenu,
    OrgsByLanguage,
    OrgsByTheme,
    OrgsForQuestion,
    OrgsNear,
    ShowMenu,
    ShowOrg,
    SpeakerStart,
)
from .registry import Flow
from .replies import Button, Reply

PAGE_SIZE = 5  # five one-line organisations and their buttons fit a phone screen
MAX_PAGE = 99
THEMES: tuple[str, ...] = typing.get_args(Theme)
BY_THEME, BY_LANGUAGE, BY_DISTRICT, BY_QUESTION = "t", "l", "d", "q"
NO_VALUE = "-"
# Meeting places, participation and volunteering are no official matter: asked for with an association's words,
# the directory answers (the matcher often puts these entries first for "Afghan association" and the like)
COMMUNITY_TOPICS = frozenset({"community"})
Rows = tuple[tuple[Button, ...], ...]
OrgList = OrgsByTheme | OrgsByLanguage | OrgsNear | OrgsForQuestion


def page_action(by: str, value: str, page: int) -> Action:
    """The button of one page of a list."""
    if by == BY_THEME:
        return OrgsByTheme(value, page)
    if by == BY_LANGUAGE:
        return OrgsByLanguage(value, page)
    if by == BY_DISTRICT:
        return OrgsNear(value, page)
    return OrgsForQuestion(page)


def _list_of(action: OrgList) -> tuple[str, str]:
    if isinstance(action, OrgsByTheme):
        return BY_THEME, action.theme
    if isinstance(action, OrgsByLanguage):
        return BY_LANGUAGE, action.lang
    if isinstance(action, OrgsNear):
        return BY_DISTRICT, action.district
    return BY_QUESTION, NO_VALUE


def _active(turn: Turn) -> tuple[Organisation, ...]:
    return tuple(org for org in turn.kb.organisations if org.active)


def _footer(turn: Turn) -> tuple[Button, ...]:
    return (turn.button("buttons.back", OrgMenu()), turn.button("buttons.menu", ShowMenu()))


def menu(turn: Turn, edit: bool = False) -> list[Reply]:
    rows: list[tuple[Button, ...]] = []
    if _active(turn):
        near: Action = OrgChoose(BY_DISTRICT)
        if turn.user.district in DISTRICTS:
            near = OrgsNear(turn.user.district, 0)
        rows += [
            (turn.button("buttons.org_theme", OrgChoose(BY_THEME)),),
            (turn.button("buttons.org_language", OrgChoose(BY_LANGUAGE)),),
            (turn.button("buttons.org_near", near),),
        ]
    rows += [(turn.button("buttons.speaker", SpeakerStart()),), (turn.button("buttons.menu", ShowMenu()),)]
    key = "orgs.menu" if _active(turn) else "orgs.menu_empty"
    return [Reply(turn.t(key), tuple(rows), edit=edit)]


async def menu_button(turn: Turn, action: OrgMenu) -> list[Reply]:
    return menu(turn, edit=True)


def _pairs(buttons: list[Button]) -> Rows:
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


async def choose(turn: Turn, action: OrgChoose) -> list[Reply]:
    orgs = _active(turn)
    if action.by == BY_THEME:
        themes = [theme for theme in THEMES if any(theme in org.themes for org in orgs)]
        buttons = [Button(theme_name(t, turn.services.locales, turn.lang), OrgsByTheme(t, 0).pack())
                   for t in themes]
        key = "orgs.choose_theme"
    elif action.by == BY_LANGUAGE:
        spoken = {code for org in orgs for code in org.languages}
        known = [code for code in turn.kb.language_names if code in spoken]
        codes = known + sorted(spoken - set(known))
        buttons = [Button(language_name(c, turn.kb), OrgsByLanguage(c, 0).pack()) for c in codes]
        key = "orgs.choose_language"
    elif action.by == BY_DISTRICT:
        buttons = [Button(district_name(d, turn.services.locales, turn.lang), OrgsNear(d, 0).pack())
                   for d in DISTRICTS]
        key = "orgs.choose_district"
    else:
        return stale(turn)
    return [Reply(turn.t(key), (*_pairs(buttons), _footer(turn)), edit=True)]


def _found(turn: Turn, by: str, value: str, page: int) -> tuple[tuple[Organisation, ...], str] | None:
    """The organisations of a list (enough for this page and to know whether another follows) and its title;
    None for a list that does not exist (forged or out-of-date button)."""
    kb, locales, lang = turn.kb, turn.services.locales, turn.lang
    if by == BY_THEME and value in THEMES:
        return find_organisations(kb, theme=value), turn.t("orgs.list_theme", theme=theme_name(value, locales, lang))
    if by == BY_LANGUAGE and value != NO_VALUE:
        title = turn.t("orgs.list_language", language=language_name(value, kb))
        return find_organisations(kb, language=value), title
    if by == BY_DISTRICT and value in DISTRICTS:
        title = turn.t("orgs.list_district", district=district_name(value, locales, lang))
        return find_organisations(kb, district=value), title
    if by == BY_QUESTION and value == NO_VALUE and turn.user.pending_question:
        limit = (page + 1) * PAGE_SIZE + 1  # one more than shown: is there a next page?
        found = search_organisations(kb, turn.user.pending_question, lang, turn.user.district, limit=limit)
        return found, turn.t("orgs.list_question")
    return None


def org_list(turn: Turn, by: str, value: str, page: int, edit: bool = False) -> list[Reply]:
    found = _found(turn, by, value, page) if page <= MAX_PAGE else None
    if found is None:
        return stale(turn)
    orgs, title = found
    if not orgs:
        return [Reply(turn.t("orgs.none"), (_footer(turn),), edit=edit)]
    pages = max(1, -(-len(orgs) // PAGE_SIZE))
    page = min(page, pages - 1)
    shown = orgs[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [list_line(org, turn.services.locales, turn.lang) for org in shown]
    rows: list[tuple[Button, ...]] = [(turn.org_button(org),) for org in shown]
    nav: list[Button] = []
    if page > 0:
        nav.append(turn.button("buttons.previous", page_action(by, value, page - 1)))
    if page < pages - 1:
        nav.append(turn.button("buttons.more", page_action(by, value, page + 1)))
    if nav:
        rows.append(tuple(nav))
    rows.append(_footer(turn))
    return [Reply("\n".join([title, "", *lines]), tuple(rows), edit=edit)]


async def list_page(turn: Turn, action: OrgList) -> list[Reply]:
    by, value = _list_of(action)
    return org_list(turn, by, value, action.page, edit=True)


async def show_org(turn: Turn, action: ShowOrg) -> list[Reply]:
    org = turn.org_at(action.gen, action.org)
    if org is None:
        return stale(turn)
    rows: list[tuple[Button, ...]] = []
    if org.speakers is not None:
        rows.append((turn.button("buttons.speaker", SpeakerStart()),))
    rows.append(_footer(turn))
    return [Reply(render_org(org, turn.kb, turn.services.locales, turn.lang)[:4000], tuple(rows))]


def official_matter(turn: Turn, text: str, decision: Decision) -> Decision | None:
    """The service a message asks for besides the organisation words ("a Verein that helps with the Jobcenter"):
    its decision when the rest names a service and the matcher answers it with confidence, else None. A rest that
    names none ("fi jam3iya lal nisa2 arab?": "for women") is who the organisation is for, not an office."""
    matcher = turn.services.matcher
    rest = matcher.intents.without_organisation_words(text)
    if not rest or _communal(decision):
        return None
    _, evidence = matcher.evidence(rest, turn.lang)
    if evidence is None or not evidence.names_service:
        return None
    office = matcher.match(rest, turn.lang, turn.user.district)
    if office.action != "answer" or office.intent != "service" or _communal(office):
        return None
    return decision if decision.action == "answer" else office


def _communal(decision: Decision) -> bool:
    """The matcher's answer is itself about communities (a meeting place, participation, volunteering)."""
    best = decision.best
    return decision.action == "answer" and best is not None and bool(COMMUNITY_TOPICS & set(best.topics))


def also_button(turn: Turn) -> list[Reply]:
    """Under an office's card: the organisations for the same question, only if there are any."""
    question = turn.user.pending_question
    if not question or not search_organisations(turn.kb, question, turn.lang, turn.user.district, limit=1):
        return []
    row = (turn.button("buttons.also_orgs", OrgsForQuestion(0)),)
    return [Reply(turn.t("orgs.also"), (row,))]


def for_question(turn: Turn, text: str) -> list[Reply] | None:
    """The organisations a message asks for, as a list; None when none fits (the matcher answers instead)."""
    if not search_organisations(turn.kb, text, turn.lang, turn.user.district, limit=1):
        return None
    turn.user.pending_question = text
    turn.question_settled()
    return org_list(turn, BY_QUESTION, NO_VALUE, 0)


def none_for_question(turn: Turn) -> list[Reply]:
    """No organisation fits the message: say so, with the ways to browse them."""
    if not _active(turn):
        return []
    return [Reply(turn.t("orgs.none_for_question"), ((turn.button("buttons.organisations", OrgMenu()),),))]


FLOW = Flow(
    buttons={
        OrgMenu: menu_button,
        OrgChoose: choose,
        OrgsByTheme: list_page,
        OrgsByLanguage: list_page,
        OrgsNear: list_page,
        OrgsForQuestion: list_page,
        ShowOrg: show_org,
    }
)
