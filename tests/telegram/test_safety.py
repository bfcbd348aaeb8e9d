"""Safety paths through the Telegram adapter: emergencies in every state, a person when asked,
urgent legal help, no captured conversation. Each in two languages, one right-to-left."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from harness import GROUP, MARIA, OLENA, OMAR, Harness

from bot.conversation.protocol import AddToTicket, AskPerson, Awaiting, SendDraft
from bot.conversation.ticket_texts import DESK_LANG
from bot.storage import users

SUICIDE = {"de": "Ich will mich umbringen", "ar": "بدي موت، ما عاد فيني كمّل"}
QUESTION = {"de": "Ich brauche einen Deutschkurs", "ar": "ابحث عن كورس لغة المانية"}
DEPORTATION = {
    "de": "Ich habe einen Abschiebungsbescheid bekommen und die Frist ist nächste Woche",
    "ar": "وصلني قرار ترحيل والمهلة الأسبوع الجاي، شو لازم اعمل",
}
PEOPLE = {"de": MARIA, "ar": OMAR, "fa": OMAR, "ru": OLENA}
CRISIS = "berliner-krisendienst"


def texts(calls: list[Any]) -> list[str]:
    return [c.text or "" for c in calls]


def data(calls: list[Any]) -> list[str]:
    return [d for c in calls for d in c.callback_data()]


def title(h: Harness, entry_id: str, lang: str) -> str:
    entry = h.services.kb.get(entry_id)
    assert entry is not None
    return str(entry.texts(lang).title)


def shows_emergency_help(h: Harness, calls: list[Any], lang: str) -> bool:
    return h.et(lang, "question.emergency_first") in texts(calls) and any(
        title(h, CRISIS, lang) in t for t in texts(calls)
    )


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_open_ticket_never_swallows_an_emergency(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, DEPORTATION[lang])
    calls = await h.say(person, SUICIDE[lang])
    assert shows_emergency_help(h, calls, lang), texts(calls)
    assert h.et(lang, "handoff.emergency_added", ticket=ticket.id) in texts(calls)
    assert await h.deliver() == 1
    urgent = h.to(GROUP)[-1].text or ""
    assert h.et(DESK_LANG, "desk.urgent", ticket=ticket.id) in urgent and SUICIDE[lang] in urgent


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_emergency_while_writing_to_a_caseworker_gets_help_and_stays_in_the_draft(
    desk: Harness, lang: str
) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    await h.say(person, DEPORTATION[lang])
    await h.press(person, AskPerson().pack())
    calls = await h.say(person, SUICIDE[lang])
    assert shows_emergency_help(h, calls, lang), texts(calls)
    record = await users.get(h.db, person.id)
    assert record is not None and record.awaiting == Awaiting.HANDOFF and SUICIDE[lang] in (record.draft or "")
    assert SendDraft().pack() in data(calls)  # the question can still be sent


async def test_an_emergency_in_latin_russian_while_writing_to_a_caseworker_in_german_gets_help(desk: Harness) -> None:
    """Someone who chose German writes Russian in Latin letters when it matters: help at once, draft kept."""
    h, person = desk, PEOPLE["de"]
    await h.onboard(person, "de")
    await h.say(person, DEPORTATION["de"])
    await h.press(person, AskPerson().pack())
    danger = "muzh b'et menja, on seichas doma"
    calls = await h.say(person, danger)
    assert h.et("de", "question.emergency_first") in texts(calls), texts(calls)
    assert any(title(h, "notruf-110-polizei", "de") in t for t in texts(calls))
    record = await users.get(h.db, person.id)
    assert record is not None and record.awaiting == Awaiting.HANDOFF and danger in (record.draft or "")


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_an_emergency_at_the_district_question_gets_help_at_once(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.command(person, "start")
    await h.press(person, f"L:{lang}")
    calls = await h.say(person, SUICIDE[lang])
    assert shows_emergency_help(h, calls, lang), texts(calls)
    record = await users.get(h.db, person.id)
    assert record is not None and record.awaiting == Awaiting.DISTRICT  # still asked, later


@pytest.mark.parametrize(("lang", "text", "helper"), [
    ("ru", "muzh b'et menja", "notruf-110-polizei"),  # found in Cyrillic: бьет меня
    ("uk", "cholovik b'ie mene", "notruf-110-polizei"),  # б'є мене
    ("ru", "u otca bol v grudi", "notruf-112-feuerwehr-rettungsdienst"),  # found as typed (боль needs its ь)
])
async def test_an_emergency_in_latin_letters_gets_help_at_once(
    desk: Harness, lang: str, text: str, helper: str
) -> None:
    """Russian and Ukrainian typed in Latin letters are read as typed and in Cyrillic: the emergency words of both."""
    h, person = desk, OLENA
    await h.command(person, "start")
    await h.press(person, f"L:{lang}")
    calls = await h.say(person, text)
    assert h.et(lang, "question.emergency_first") in texts(calls), texts(calls)
    assert any(title(h, helper, lang) in t for t in texts(calls)), texts(calls)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "mein mann schlägt mich und mein aufenthalt hängt an ihm, wenn ich gehe, verliere ich ihn?"),
    ("ar", "jawzi bedrobni w el iqame ta3ti marbouta fi, iza tarakto shu bisir?"),
])
async def test_violence_with_a_residence_at_stake_gets_help_first_then_a_caseworker_offer(
    desk: Harness, lang: str, text: str
) -> None:
    """The police and the violence hotlines at once; the residence tied to the partner is a case for a person, so the
    Ask-a-person button follows (pressing it opens the draft with this message as the question)."""
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, text)
    shown = texts(calls)
    assert shown[0] == h.et(lang, "question.emergency_first"), shown
    assert any(title(h, "notruf-110-polizei", lang) in t for t in shown)
    assert h.et(lang, "question.personal_case") in shown and AskPerson().pack() in data(calls)
    draft = await h.press(person, AskPerson().pack())
    record = await users.get(h.db, person.id)
    assert record is not None and record.awaiting == Awaiting.HANDOFF and text in (record.draft or ""), texts(draft)


async def test_violence_alone_gets_help_without_a_caseworker_offer(desk: Harness) -> None:
    h, person = desk, PEOPLE["de"]
    await h.onboard(person, "de")
    calls = await h.say(person, "mein mann schlägt mich, er ist gerade zu hause")
    assert h.et("de", "question.emergency_first") in texts(calls)
    assert h.et("de", "question.personal_case") not in texts(calls)


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_with_an_open_ticket_new_questions_are_answered_and_added_only_on_request(
    desk: Harness, lang: str
) -> None:
    h, person = desk, PEOPLE[lang]
    ticket = await h.open_ticket(person, lang, DEPORTATION[lang])
    calls = await h.say(person, QUESTION[lang])
    assert h.et(lang, "handoff.followup_added", ticket=ticket.id) not in texts(calls)
    assert calls[-1].text == h.et(lang, "handoff.add_offer", ticket=ticket.id)
    assert calls[-1].callback_data() == [AddToTicket(ticket.id).pack()]
    assert len(calls) >= 2  # the question itself got an answer (a card or a choice) before the offer
    assert await h.deliver() == 0
    added = await h.press(person, AddToTicket(ticket.id).pack())
    assert texts(added) == [h.et(lang, "handoff.followup_added", ticket=ticket.id)]
    assert await h.deliver() == 1 and QUESTION[lang] in (h.to(GROUP)[-1].text or "")


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_urgent_legal_cases_get_legal_help_today_and_a_person(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, DEPORTATION[lang])
    assert h.et(lang, "question.urgent_legal") in texts(calls), texts(calls)
    legal = [title(h, e, lang) for e in h.services.kb.intents.urgent_legal_help]
    labels = [b["text"] for c in calls for b in c.buttons()]
    assert legal and all(name[:58] in " ".join(labels) for name in legal)
    assert AskPerson().pack() in data(calls)


OWN_FILE = {"de": "Können Sie nachschauen, ob mein Antrag schon bearbeitet ist? Ich habe die Antragsnummer",
            "ar": "ممكن حدا يشوف ملفي ليش ما في رد من ٥ شهور"}


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_a_question_about_ones_own_file_gets_a_person_and_no_urgent_legal_help(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, OWN_FILE[lang])
    assert AskPerson().pack() in data(calls)  # only a caseworker can look into it
    assert h.et(lang, "question.urgent_legal") not in texts(calls)  # no deadline or deportation was mentioned
    # said as what it is: the answer depends on the person's own situation, not "I found no good answer"
    assert h.et(lang, "question.personal_case") in texts(calls)
    assert h.et(lang, "question.offer_person") not in texts(calls)


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_none_of_these_and_ticket_command_offer_a_person(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    ticket_calls = await h.command(person, "ticket")
    assert ticket_calls[-1].text == h.et(lang, "handoff.none_open")
    assert ticket_calls[-1].callback_data() == [AskPerson().pack()]
    await h.press(person, "N")  # "none of these" under a choice
    none = await h.press(person, "N")
    assert AskPerson().pack() in data(none)


GIBBERISH = {"de": "asdfghjkl", "ar": "؟؟؟؟؟", "fa": "ححححححح"}
HUMAN = {"de": "Ich möchte mit einem Menschen sprechen", "fa": "میخوام با یه آدم حرف بزنم", "ar": "بدي احكي مع انسان"}


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_nonsense_gets_i_did_not_understand_and_no_hand_off(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    calls = await h.say(person, GIBBERISH[lang])
    assert texts(calls) == [h.et(lang, "errors.not_understood")]
    assert AskPerson().pack() not in data(calls)


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_asking_for_a_human_in_words_starts_a_question_for_a_caseworker(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    await h.say(person, DEPORTATION[lang])
    calls = await h.say(person, HUMAN[lang])
    assert SendDraft().pack() in data(calls), texts(calls)  # the preview, with the earlier question as draft
    record = await users.get(h.db, person.id)
    assert record is not None and record.draft == DEPORTATION[lang]


async def test_asking_for_a_human_in_latin_letters_is_the_same_request(desk: Harness) -> None:
    """Ukrainian in Latin letters is read in Cyrillic by the matcher: the request for a person it makes there
    starts the same question for a caseworker as the request typed in Cyrillic."""
    h = desk
    latin, cyrillic = "meni potribna zhyva liudyna, a ne bot", "мені потрібна жива людина, а не бот"
    assert not h.services.matcher.intents.wants_person(latin) and h.services.matcher.intents.wants_person(cyrillic)
    await h.onboard(PEOPLE["ru"], "ru")
    await h.onboard(PEOPLE["de"], "ru")
    by_latin = await h.say(PEOPLE["ru"], latin)
    by_cyrillic = await h.say(PEOPLE["de"], cyrillic)
    assert texts(by_latin) == texts(by_cyrillic) and data(by_latin) == data(by_cyrillic)
    assert h.et("ru", "question.offer_person") not in texts(by_latin)


@pytest.mark.parametrize(("lang", "typed", "district"), [
    ("de", "Moabit", "mitte"), ("ru", "Моабит", "mitte"), ("ar", "١٠١١٥", "mitte"),
    ("fa", "شارلوتنبورگ", "charlottenburg-wilmersdorf"), ("de", "Kreuzberg", "outside"),
])
async def test_a_place_or_a_postcode_in_any_script_answers_the_district_question(
    desk: Harness, lang: str, typed: str, district: str
) -> None:
    h, person = desk, PEOPLE.get(lang, MARIA)
    await h.command(person, "start")
    await h.press(person, f"L:{lang}")
    await h.say(person, typed)
    record = await users.get(h.db, person.id)
    assert record is not None and record.district == district and record.awaiting is None


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_at_night_the_crisis_card_leads_with_the_open_phone_line(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    h.services.clock = lambda: dt.datetime(2026, 12, 9, 2, 30)  # a Wednesday, 02:30
    await h.onboard(person, lang)
    calls = await h.say(person, SUICIDE[lang])
    card = next(t for t in texts(calls) if title(h, CRISIS, lang) in t)
    first_hours = next(line for line in card.split("\n") if line.startswith(("🕒", "📞", "🔴", "🟢")))
    assert first_hours.startswith(("📞", "🟢")), card
    assert h.et(lang, "card.closed") not in card


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_another_district_never_gets_a_wrong_districts_office_as_headline(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.command(person, "start")
    await h.press(person, f"L:{lang}")
    await h.press(person, "D:outside")
    question = {"de": "Ich brauche Bürgergeld vom Jobcenter", "ar": "بدي اقدم على Bürgergeld بالجوب سنتر"}[lang]
    calls = await h.say(person, question)
    everything = "\n".join(texts(calls))
    for office in ("jobcenter-mitte", "jobcenter-charlottenburg-wilmersdorf"):
        assert title(h, office, lang) not in everything
    assert "service.berlin.de" in everything


@pytest.mark.parametrize("lang", ["de", "ar"])
async def test_deleting_my_data_keeps_my_language_choice_in_my_hands(desk: Harness, lang: str) -> None:
    h, person = desk, PEOPLE[lang]
    await h.onboard(person, lang)
    await h.command(person, "deletemydata")
    calls = await h.press(person, "X:1")
    assert texts(calls)[-1] == h.et(lang, "language.choose")  # asked in the language they chose, not reset
    await h.press(person, f"L:{lang}")
    mydata = await h.command(person, "mydata")
    assert "1970" not in (mydata[-1].text or "")


class ModelSaysCrisis:
    """A semantic layer whose model finds every message closest to the crisis service's examples."""

    async def vector(self, matcher: Any, text: str, lang: str | None = None) -> Any:
        import numpy as np

        return np.zeros(4, dtype=np.float32)


async def test_an_emergency_no_listed_word_names_is_caught_by_the_model_also_with_an_open_ticket(
    desk: Harness,
) -> None:
    from matching.test_semantic_emergency import Similarities

    from bot.matching.tuning import SEMANTIC_EMERGENCY

    h, person, lang = desk, PEOPLE["de"], "de"
    ticket = await h.open_ticket(person, lang, DEPORTATION[lang])
    story = "steh gerade ganz oben und schau runter, es ist vorbei"
    matcher = h.services.matcher
    assert matcher.intents.emergency_kind(story) is None
    saved_index, saved_layer = matcher.semantic, h.services.semantic
    matcher.semantic = Similarities(tuple(e.id for e in h.services.kb.active),  # type: ignore[assignment]
                                    {CRISIS: SEMANTIC_EMERGENCY + 0.03})
    h.services.semantic = ModelSaysCrisis()  # type: ignore[assignment]
    try:
        calls = await h.say(person, story)
    finally:
        matcher.semantic, h.services.semantic = saved_index, saved_layer
    assert shows_emergency_help(h, calls, lang), texts(calls)
    assert h.et(lang, "handoff.emergency_added", ticket=ticket.id) in texts(calls)
