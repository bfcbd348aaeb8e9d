"""Safety intents on the real knowledge/intents.yaml: emergencies in dialects and Latin letters,
asking for a person, urgent legal cases, and messages without words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.matching.gibberish import is_gibberish
from bot.matching.intents import IntentMatcher

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_knowledge(REPO / "knowledge")
    assert result.knowledge is not None, [str(p) for p in result.problems]
    return result.knowledge


@pytest.fixture(scope="module")
def intents(kb: KnowledgeBase) -> IntentMatcher:
    return IntentMatcher.build(kb.intents)


# ------------------------------------------------------------------ emergencies


@pytest.mark.parametrize(
    "text",
    [
        "bade ente7er",  # Arabizi
        "bdi mout",
        "3ayez amoot",
        "ابغى اموت",  # Gulf
        "عايز اموت خلاص",  # Egyptian
        "اريد اموت",  # Iraqi
        "mikham khodkoshi konam",  # Finglish
        "mikham bemiram",
        "میخواهم خود را بکشم",  # Dari
        "не хочу більше жити",  # Ukrainian
        "я хочу покончить з собою",  # Ukrainian and Russian mixed
        "хочу вмерти",
        "ne khochu bilshe zhyty, vtomylasia",  # Ukrainian in Latin letters
        "ne hochu zhit' bol'she, nikomu ne nuzhen",  # Russian in Latin letters
        "ma 3ad baddi 3ish, fakkart 2e2tol 7ali",  # Levantine Arabizi
        "mesh 3ayez a3ish khalas",  # Egyptian Arabizi
        "dige nemikham zende basham",  # Finglish
        "ma bdi 3ish aslan",  # Levantine Arabizi without "anymore"
        "khalas rah mawet 7ali",
    ],
)
def test_suicide_in_dialects_and_latin_letters(intents: IntentMatcher, text: str) -> None:
    found = intents.emergency_kind(text)
    assert found is not None and found[0] == "suicide", text


@pytest.mark.parametrize(
    "text",
    [
        "jozi bedrobni",  # Arabizi
        "3am yedrubni kel yom",
        "zawji yadribuni",
        "ابوي ديضربني",  # Iraqi
        "رجلي يبي يذبحني",  # Gulf
        "جوزي هيموتني",  # Egyptian
        "shoharam mano mizane",  # Finglish
        "شوهرم مرا لت میکند",  # Dari
        "чоловік хоче мене вбити",  # Ukrainian
        "муж мене б'є кожен день",  # mixed
        "abu wlade byedrebna kel lele",  # Arabizi, Levantine vowels, "us"
        "akhoui bidrabni eza ta2akhart",
        "shoharam mara kotak zad dishab",  # Finglish with "mara"
        "pedaram mara mizanad",
    ],
)
def test_violence_in_dialects_and_latin_letters(intents: IntentMatcher, text: str) -> None:
    found = intents.emergency_kind(text)
    assert found is not None and found[0] == "violence", text


@pytest.mark.parametrize(
    "text",
    ["bdi mo3ed bel jobcenter", "mikham zaban yad begiram", "Моабит", "ich möchte mit einem Menschen sprechen"],
)
def test_ordinary_messages_are_no_emergency(intents: IntentMatcher, text: str) -> None:
    assert intents.emergency_kind(text) is None


# ------------------------------------------------------------------ asking for a person


@pytest.mark.parametrize(
    "text",
    [
        "I want to talk to a human",
        "can I speak to a real person please",
        "someone real please",
        "Ich möchte mit einem Menschen sprechen",
        "Mitarbeiter",
        "operator",
        "ابي اكلم شخص",
        "بدي احكي مع موظف",
        "bde e7ki ma3 shi insan",
        "میخوام با یه آدم حرف بزنم",
        "ba ye adam harf bezanam",
        "хочу поговорить с человеком",
        "хочу поговорити з людиною",
        "оператор",
        "bir insanla konusmak istiyorum",
        "canlı destek",
    ],
)
def test_wants_person(intents: IntentMatcher, text: str) -> None:
    assert intents.wants_person(text), text


@pytest.mark.parametrize(
    "text",
    [
        "der Mitarbeiter im Bürgeramt war sehr unfreundlich zu mir",
        "человек без сознания",
        "human rights lawyer",
        "موظف الجوب سنتر ما رد علي",
        "wo ist das Jobcenter",
        "کارمند اداره با من بد رفتار کرد",
    ],
)
def test_questions_about_people_are_not_a_request_for_one(intents: IntentMatcher, text: str) -> None:
    assert not intents.wants_person(text), text


# ------------------------------------------------------------------ urgent legal


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe morgen einen Gerichtstermin",
        "mein Mann ist in Abschiebehaft",
        "they want to deport me next week",
        "my brother is in police custody",
        "يرحلوني بكرا",
        "عندي موعد المحكمة الأسبوع الجاي",
        "bdhom tar7ilni",
        "پلیس منو گرفت",
        "جواب منفی گرفتم، مهلت اعتراض چقدره",
        "мужа задержала полиция",
        "мене затримали в аеропорту",
        "yarın duruşmam var",
    ],
)
def test_urgent_legal(intents: IntentMatcher, text: str) -> None:
    assert intents.urgent_legal(text), text


@pytest.mark.parametrize(
    "text",
    [
        "BAMF hat mir ein Abschiebungsverbot gegeben, was heißt das",
        "wo ist das Bürgeramt",
        "зарплату задержали",
        "بدي حجز موعد بالبلدية",
        "sinirda bekliyorum",
    ],
)
def test_not_urgent_legal(intents: IntentMatcher, text: str) -> None:
    assert not intents.urgent_legal(text), text


# ------------------------------------------------------------------ gibberish


@pytest.mark.parametrize(
    "text",
    ["asdfgh", "jjjjjj", "ыфвфыв", "qweqwe", "xkcdqwrt", "sdfsdf jkljkl", "<b></b>", "```", "???", "...!!!",
     "😀😀😀😀😀😀", "ضصثقف", "شسيبشسيبشسيب"],
)
def test_gibberish(intents: IntentMatcher, text: str) -> None:
    assert intents.is_gibberish(text), text


REAL_SHORT_MESSAGES = [
    "Kita", "WBS", "LEA", "BAMF", "JMD", "10115", "١٠١١٥", "۱۰۵۵۵", "سلام", "jobcenter", "ok", "hi", "Hallo",
    "Anmeldung", "Hilfe", "help", "ja", "nein", "Mitte", "Moabit", "Wedding", "LGBTQ", "Duldung", "Bürgeramt",
    "مرحبا", "شكرا", "نعم", "لا", "مساعدة", "بلدية", "کمک", "بله", "آره", "ممنون", "اقامت",
    "привет", "да", "нет", "помощь", "ВНЖ", "пжлст", "спс", "допомога", "дякую", "так",
    "merhaba", "evet", "hayır", "yardım", "kimlik", "3am", "7aki", "mar7aba", "khodkoshi", "mersi",
    "👍", "🙏", "Jobcenter?", "Kita!!!", "<b>Kita</b>", "asdfgh Jobcenter",
]


@pytest.mark.parametrize("text", REAL_SHORT_MESSAGES)
def test_real_short_messages_are_not_gibberish(intents: IntentMatcher, text: str) -> None:
    assert not intents.is_gibberish(text), text


def test_no_question_or_keyword_of_the_knowledge_base_is_gibberish(kb: KnowledgeBase) -> None:
    texts = [
        text
        for entry in kb.entries
        for t in entry.translations.values()
        for text in (t.title, *t.questions, *t.keywords)
    ]
    texts.extend(kb.intents.smalltalk)
    assert len(texts) > 1000
    assert [text for text in texts if is_gibberish(text)] == []


def test_emoji_only_is_gibberish_unless_a_short_reaction(intents: IntentMatcher) -> None:
    assert is_gibberish("👍")  # the pure rule: no word at all
    assert not intents.is_gibberish("👍")  # but as a reply it is chat, like "thanks"


@pytest.mark.parametrize(
    "text",
    [
        "muzh poteryal soznanie, chto delat",  # Russian in Latin letters
        "rebenok ne dyshit",
        "ditina bez svidomosti",  # Ukrainian in Latin letters
        "baba ma 3am yetnaffas",  # Arabizi
        "pedaram bihoosh shod",  # Finglish
        "پسرم نفس کشیده نمیتانه",  # Dari: cannot breathe
        "دخترم لباش کبود شده",  # lips turned blue
        "bacham rangesh kabood shode",
    ],
)
def test_medical_emergency_in_latin_letters(intents: IntentMatcher, text: str) -> None:
    found = intents.emergency_kind(text)
    assert found is not None and found[0] == "medical", text
