"""Direct tests of the pure matching logic: normalisation, language id, intents, the matcher
on the real knowledge base, and the `wegweiser ask --batch` JSON-lines contract."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.knowledge.model import KnowledgeBase
from bot.matching import Decision, Matcher
from bot.matching.index import content_tokens
from bot.matching.intents import IntentMatcher
from bot.matching.langid import detect
from bot.matching.normalize import normalise, tokens

REPO = Path(__file__).resolve().parents[2]
REAL_KNOWLEDGE = REPO / "knowledge"


@pytest.fixture(scope="module")
def kb(real_kb: KnowledgeBase) -> KnowledgeBase:
    return real_kb


@pytest.fixture(scope="module")
def matcher(real_matcher: Matcher) -> Matcher:
    return real_matcher


@pytest.fixture(scope="module")
def intents(kb: KnowledgeBase) -> IntentMatcher:
    return IntentMatcher.build(kb.intents)


# ------------------------------------------------------------------ normalise() and tokens()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bürgeramt", "burgeramt"),
        ("Ausländerbehörde", "auslanderbehorde"),
        ("Straße", "strasse"),
        ("GROSSE Größe", "grosse grosse"),
        ("Führerschein Übersetzung", "fuhrerschein ubersetzung"),
    ],
)
def test_normalise_german_umlauts_and_sharp_s(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),  # alef with hamza above
        ("إلى", "الي"),  # alef with hamza below, alef maksura -> ya
        ("آمنة", "امنه"),  # alef madda, ta marbuta -> ha
        ("مَدْرَسَةٌ", "مدرسه"),  # tashkeel removed
        ("مـــدرســة", "مدرسه"),  # tatweel removed
    ],
)
def test_normalise_arabic_letter_unification(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_persian_letters_meet_arabic_ones() -> None:
    # Persian ی and ک are written as Arabic ي and ك by many keyboards: both must meet.
    assert normalise("ی") == normalise("ي") == "ي"
    assert normalise("ک") == normalise("ك") == "ك"
    assert normalise("کمک") == normalise("كمك")
    assert normalise("زندگی") == normalise("زندگي")


def test_normalise_persian_and_arabic_indic_digits() -> None:
    assert normalise("۱۲۳۴۵۶۷۸۹۰") == "1234567890"
    assert normalise("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalise("کد ۱۰۱۱۵") == "كد 10115"


def test_normalise_cyrillic_yo() -> None:
    assert normalise("Ёлка") == "елка"
    assert normalise("всё") == normalise("все")
    # й and ї keep their identity (they are letters, not accented forms)
    assert normalise("й") == "й"
    assert normalise("ї") == "ї"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hi 👍!!", "hi"),
        ("🙏🙏", ""),
        ("Wo ist das Jobcenter???", "wo ist das jobcenter"),
        ("Termin, bitte... (schnell!)", "termin bitte schnell"),
        ("  viele   Leerzeichen\n\tund Zeilen ", "viele leerzeichen und zeilen"),
        ("snake_case", "snake case"),
        ("شكرا 🌹", "شكرا"),
        ("؟ وين الجوب سنتر؟", "وين الجوب سنتر"),
    ],
)
def test_normalise_drops_emoji_and_punctuation(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent() -> None:
    for raw in ("Bürgeramt Straße", "أَحْمَد إِلى", "Ёлка 👍", "۱۲ کمک"):
        once = normalise(raw)
        assert normalise(once) == once


def test_tokens_drop_single_letters_and_bare_digits() -> None:
    assert tokens("Ich wohne in 10115 Berlin, Haus 3 a") == ["ich", "wohne", "in", "berlin", "haus"]
    assert tokens("§24 Aufenthalt") == ["aufenthalt"]
    assert tokens("a3mel 2ana") == ["a3mel", "2ana"]  # digits inside words stay (Arabizi)
    assert tokens("👍 !!") == []
    assert tokens("") == []


def test_tokens_are_normalised() -> None:
    assert tokens("Bürgeramt STRASSE Straße") == ["burgeramt", "strasse", "strasse"]
    assert tokens("مَدْرَسَةٌ ۱۲۳") == ["مدرسه"]


# ------------------------------------------------------------------ langid.detect()


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("من میخواهم پیش دکتر بروم", None, "fa"),  # پ ی ک: Persian letters
        ("سلام چطوری", "ar", "fa"),  # Persian letter beats an Arabic hint
        ("Привіт, де знаходиться їдальня", None, "uk"),  # і ї
        ("Привіт як справи", "ru", "uk"),  # Ukrainian letters beat a Russian hint
        ("Где можно получить пособие? Объясните", None, "ru"),  # ъ
        ("Привет как дела ты", "uk", "ru"),  # ы beats a Ukrainian hint
        ("ana bdi a3mel anmeldung", None, "ar"),  # Arabizi: digits in Latin words
        ("wein el 7amam", None, "ar"),
        ("salam khubi", "fa", "fa"),  # Finglish: the user's hint wins for Latin text
        ("salam kifak", "ar", "ar"),
        ("jobcenter", "ar", "ar"),
        ("jobcenter", "fa", "fa"),
    ],
)
def test_detect_script_rules(text: str, hint: str | None, expected: str) -> None:
    assert detect(text, hint) == expected


def test_detect_arabic_without_persian_letters() -> None:
    assert detect("وين بقدر اعمل تسجيل السكن في برلين") == "ar"


def test_detect_ignores_unsupported_hint() -> None:
    assert detect("Привіт, де знаходиться їдальня", "xx") == "uk"
    assert detect("ana bdi a3mel anmeldung", "xx") == "ar"


# ------------------------------------------------------------------ IntentMatcher


@pytest.mark.parametrize("text", ["hello", "Hello!", "شكرا", "👍", "danke schön", "привет 🙂"])
def test_smalltalk_only(intents: IntentMatcher, text: str) -> None:
    assert intents.is_smalltalk(text)


@pytest.mark.parametrize(
    "text", ["hello where is the jobcenter", "hallo ich brauche einen termin beim bürgeramt", "شكرا وين الجوب سنتر"]
)
def test_not_smalltalk_when_a_question_follows(intents: IntentMatcher, text: str) -> None:
    assert not intents.is_smalltalk(text)


def test_empty_text_is_not_smalltalk(intents: IntentMatcher) -> None:
    assert not intents.is_smalltalk("")
    assert not intents.is_smalltalk("   ")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I want to kill myself", "suicide"),
        ("بدي انتحر", "suicide"),  # Arabic script
        ("я хочу умереть", "suicide"),  # Cyrillic script
        ("Mein Mann schlägt mich", "violence"),  # umlaut spelled either way
        ("زوجي يضربني", "violence"),
        ("он бьет меня каждый день", "violence"),
        ("my son swallowed a battery", "medical"),
        ("он без сознания", "medical"),
    ],
)
def test_emergency_kind_in_three_scripts(intents: IntentMatcher, text: str, kind: str) -> None:
    found = intents.emergency_kind(text)
    assert found is not None
    assert found[0] == kind
    assert found[1]  # at least one preferred entry


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Сосед избивает жену, слышу крики", "violence"),  # "избива*" covers every ending
        ("мой муж избил меня вчера", "violence"),
        ("Чоловік погрожує мені, я боюсь іти додому", "violence"),
        ("kocam beni dövüyordu", "violence"),
        ("میخوام خودمو بکشم", "suicide"),  # colloquial Persian
        ("Hayatıma son vermek istiyorum, intihar etmeyi düşünüyorum", "suicide"),
        ("мама знепритомніла на вулиці", "medical"),
    ],
)
def test_emergency_word_stems_cover_inflections(intents: IntentMatcher, text: str, kind: str) -> None:
    found = intents.emergency_kind(text)
    assert found is not None and found[0] == kind


def test_stem_pattern_matches_whole_words_only() -> None:
    from bot.matching.phrases import pattern as _pattern

    pattern = _pattern(("schlag*", "rape"))
    assert pattern.search(" er schlagt mich ") and pattern.search(" schlage ")
    assert not pattern.search(" grape juice ") and not pattern.search(" ausschlag ")


@pytest.mark.parametrize("text", ["where is the jobcenter", "Kindergeld beantragen", "killer whale", "خودکار"])
def test_no_emergency_in_ordinary_questions(intents: IntentMatcher, text: str) -> None:
    assert intents.emergency_kind(text) is None


def test_complex_case_strong_word(intents: IntentMatcher) -> None:
    text = "Ich habe Angst vor der Abschiebung"
    assert intents.is_complex(text, len(tokens(text)))


def test_complex_case_weak_words(intents: IntentMatcher) -> None:
    two_weak = "Ich habe einen Bescheid bekommen, die Frist ist morgen"
    assert intents.is_complex(two_weak, len(tokens(two_weak)))
    one_weak_short = "wo gebe ich einen Brief ab"
    assert not intents.is_complex(one_weak_short, len(tokens(one_weak_short)))
    assert not intents.is_complex("wo ist das Jobcenter", 4)
    arrested = "pesaramo police gerefte, farda dadgah dare va vakil nadarim"  # Persian in Latin letters
    assert intents.is_complex(arrested, len(tokens(arrested)))


@pytest.mark.parametrize("text", ["best shawarma in mitte?", "Порадь хорошого перукаря біля Кудамму",
                                  "какой курс доллара сегодня", "dolar kuru ne kadar", "سعر الدولار اليوم"])
def test_offtopic_requests(intents: IntentMatcher, text: str) -> None:
    assert intents.mentions(text, "offtopic")


def test_a_language_course_is_no_exchange_rate(matcher: Matcher) -> None:
    decision = matcher.match("курс німецької мови де", "uk")
    assert decision.intent == "service" and decision.action != "handoff"


# ------------------------------------------------------------------ Matcher on the real knowledge base


def _topics(decision: Decision) -> list[set[str]]:
    return [set(c.entry.topics) for c in decision.candidates]


def test_anmeldung_answers_registration(matcher: Matcher) -> None:
    decision = matcher.match("anmeldung", "de")
    assert decision.action == "answer"
    assert "registration" in _topics(decision)[0]


def test_anmeldung_ranks_registration_first(matcher: Matcher) -> None:
    decision = matcher.match("anmeldung", "de")
    assert decision.action in ("answer", "clarify")
    assert decision.candidates
    assert "registration" in _topics(decision)[0]


def test_kindergeld_answers_family_benefits(matcher: Matcher) -> None:
    decision = matcher.match("Kindergeld", "de")
    assert decision.action == "answer"
    assert "family-benefits" in _topics(decision)[0]


@pytest.mark.parametrize("lang", ["en", None])
def test_suicide_is_an_emergency_answer(matcher: Matcher, lang: str | None) -> None:
    decision = matcher.match("I want to kill myself", lang)
    assert decision.action == "answer"
    assert decision.intent == "emergency"
    assert decision.candidates
    assert _topics(decision)[0] & {"emergency", "mental-health"}


@pytest.mark.parametrize("text", ["بدي انتحر", "я хочу умереть", "Mein Mann schlägt mich"])
def test_emergency_in_other_scripts_answers(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert decision.action == "answer"
    assert decision.intent == "emergency"
    assert _topics(decision)[0] & {"emergency", "mental-health", "violence-protection"}


@pytest.mark.parametrize("lang", ["de", "en", None])
def test_gibberish_hands_off(matcher: Matcher, lang: str | None) -> None:
    assert matcher.match("asdfghjkl qwertz", lang).action == "handoff"


@pytest.mark.parametrize("lang", ["en", None])
def test_out_of_scope_hands_off(matcher: Matcher, lang: str | None) -> None:
    assert matcher.match("what is the weather tomorrow", lang).action == "handoff"


@pytest.mark.parametrize("text", ["hello", "شكرا", "👍"])
def test_smalltalk_hands_off_without_candidates(matcher: Matcher, text: str) -> None:
    decision = matcher.match(text)
    assert decision.action == "handoff"
    assert decision.intent == "smalltalk"
    assert decision.candidates == ()


def test_greeting_with_question_is_a_service_question(matcher: Matcher) -> None:
    decision = matcher.match("hello where is the jobcenter", "en")
    assert decision.intent == "service"
    assert decision.action in ("answer", "clarify")
    assert "jobcenter" in _topics(decision)[0]


def test_deportation_is_a_complex_handoff(matcher: Matcher) -> None:
    decision = matcher.match("Ich habe Angst vor der Abschiebung", "de")
    assert decision.action == "handoff"
    assert decision.intent == "complex"
    assert len(decision.candidates) <= 3


def test_empty_text_hands_off(matcher: Matcher) -> None:
    decision = matcher.match("", "de")
    assert decision.action == "handoff"
    assert decision.lang == "de"


_VARIED = [
    ("anmeldung", "de"),
    ("Kindergeld", "de"),
    ("jobcenter", "de"),
    ("wohnung", "de"),
    ("arzt", "de"),
    ("I want to kill myself", "en"),
    ("where can I learn german", "en"),
    ("hello where is the jobcenter", "en"),
    ("وين بقدر اعمل تسجيل السكن", "ar"),
    ("Где можно получить пособие", "ru"),
    ("Ich habe Angst vor der Abschiebung", "de"),
    ("asdfghjkl qwertz", None),
]


@pytest.mark.parametrize(("text", "lang"), _VARIED)
def test_candidates_sorted_by_score_descending(matcher: Matcher, text: str, lang: str | None) -> None:
    decision = matcher.match(text, lang)
    scores = [c.score for c in decision.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    ranked = [c.score for c in matcher.rank(text, decision.lang)]
    assert ranked == sorted(ranked, reverse=True)


@pytest.mark.parametrize(("text", "lang"), _VARIED)
def test_at_most_three_candidates(matcher: Matcher, text: str, lang: str | None) -> None:
    decision = matcher.match(text, lang)
    # an answer without a district lists the other district offices of the same service after it
    variants = len(matcher.kb.variants(decision.candidates[0].entry)) - 1 if decision.action == "answer" else 0
    assert len(decision.candidates) <= 3 + variants
    if decision.action == "clarify":
        assert 1 <= len(decision.candidates) <= 3
    ids = [c.entry.id for c in decision.candidates]
    assert len(ids) == len(set(ids))


def test_clarify_offers_at_most_three(matcher: Matcher) -> None:
    decision = matcher.match("wohnung", "de")  # a flat: registering, the housing office or a WBS?
    assert decision.action == "clarify"
    assert 2 <= len(decision.candidates) <= 3


# ------------------------------------------------------------------ wegweiser ask --batch


def _run_batch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str) -> list[dict[str, Any]]:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(REAL_KNOWLEDGE))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["ask", "--batch"]) == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_batch_one_json_line_per_input_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [
        {"id": "q1", "text": "Kindergeld", "lang": "de"},
        {"id": 2, "text": "asdfghjkl qwertz", "lang": "en"},
        {"id": "q3", "text": "wohnung", "lang": "de"},
        {"id": "q4", "text": "I want to kill myself"},
        {"id": "q5", "text": "hello", "lang": "xx"},
    ]
    stdin = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    lines = _run_batch(monkeypatch, capsys, stdin)
    assert [line["id"] for line in lines] == [item["id"] for item in items]
    for line in lines:
        assert {"id", "action", "lang", "results"} <= set(line)
        assert line["action"] in {"answer", "clarify", "handoff"}
        assert isinstance(line["results"], list)
        for result in line["results"]:
            assert {"id", "topics", "score"} <= set(result) <= {"id", "topics", "score", "lexical", "semantic"}
            assert isinstance(result["id"], str)
            assert isinstance(result["topics"], list) and result["topics"]
            assert isinstance(result["score"], (int, float))
        scores = [r["score"] for r in line["results"]]
        assert scores == sorted(scores, reverse=True)
    assert lines[0]["action"] == "answer"
    assert "family-benefits" in lines[0]["results"][0]["topics"]
    assert lines[1]["action"] == "handoff"
    assert lines[2]["action"] == "clarify"
    assert lines[3]["action"] == "answer"
    assert lines[4]["action"] == "handoff"


def test_batch_malformed_line_yields_handoff_with_error_and_continues(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = (
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Kindergeld", "lang": "de"}),
                "this is not json {",
                json.dumps({"id": "no-text", "lang": "de"}),
                json.dumps(["a", "list"]),
                "",
                json.dumps({"id": "b", "text": "asdfghjkl qwertz", "lang": "en"}),
            ]
        )
        + "\n"
    )
    lines = _run_batch(monkeypatch, capsys, stdin)
    assert len(lines) == 5  # the blank line is skipped, every other line answers
    assert lines[0]["id"] == "a" and lines[0]["action"] == "answer"
    for bad in lines[1:4]:
        assert bad["action"] == "handoff"
        assert bad.get("error")
        assert bad["results"] == []
    assert lines[4]["id"] == "b" and lines[4]["action"] == "handoff"
    assert "error" not in lines[0] and "error" not in lines[4]


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Jobcenter Mitte", "mitte"),
        ("Джобцентр Мітте", "mitte"),  # other script, same name
        ("Bürgeramt Wedding", "mitte"),  # a locality names its district
        ("sozialamt charlottenburg", "charlottenburg-wilmersdorf"),
        ("Jobcenter", None),
        ("von Mitte nach Charlottenburg umgezogen", None),  # two districts: the message does not choose
    ],
)
def test_district_named_in_a_message(text: str, district: str | None) -> None:
    from bot.matching.places import district_in

    assert district_in(text) == district


def test_named_district_picks_the_office(matcher: Matcher) -> None:
    """District names do not score (they would pull every office of that district), they choose the office."""
    jobcenter = matcher.match("Jobcenter Mitte", "de")
    assert jobcenter.action == "answer"
    assert jobcenter.candidates[0].entry.service_area == ("mitte",)
    # Bürgerämter serve everyone: the one named wins even over the user's own district
    buergeramt = matcher.match("Bürgeramt Wedding", "de", district="charlottenburg-wilmersdorf")
    assert buergeramt.candidates[0].entry.service == "buergeramt"
    assert "mitte" in buergeramt.candidates[0].entry.districts
    # the Jobcenter is whoever is responsible for where one lives
    own = matcher.match("Jobcenter Mitte", "de", district="charlottenburg-wilmersdorf")
    assert own.candidates[0].entry.service_area == ("charlottenburg-wilmersdorf",)


def test_language_wishes_do_not_score() -> None:
    """Which language one wants help in says nothing about the service."""
    assert content_tokens("a doctor who speaks Farsi") == ["doctor"]
    assert content_tokens("psikolog lazım, Türkçe konuşan") == ["psikolog"]
    assert "german" in content_tokens("free German course")  # German is itself a service


def test_untranslated_title_words_name_an_office(matcher: Matcher) -> None:
    names = matcher.index.names
    assert "jobcenter" in names and "familienkasse" in names and "джобцентр" in names
    assert "hours" not in names and "find" not in names  # title words, but translated: not names


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jobcenter hat diesen Monat kein Geld überwiesen", "de"),  # money words also fit the Sozialamt
        ("джобцентр затримує гроші вже два тижні", "uk"),
    ],
)
def test_a_named_office_wins_over_related_services(matcher: Matcher, text: str, lang: str) -> None:
    decision = matcher.match(text, lang)
    assert decision.action == "answer"
    assert decision.candidates[0].entry.service == "jobcenter"


@pytest.mark.parametrize(
    ("word", "place"),
    [("берлине", True), ("moabiter", True), ("charlottenburgs", True), ("mittel", False), ("jobcenter", False)],
)
def test_place_words_also_inflected(word: str, place: bool) -> None:
    from bot.matching.places import is_place_word

    assert is_place_word(word) is place


def test_words_split_by_a_space_are_rejoined(matcher: Matcher) -> None:
    assert matcher.index.rejoin(["kita", "gutschein", "beantragen"])[0] == "kitagutschein"
    assert matcher.index.rejoin(["gutschein", "kita"]) == ["gutschein", "kita"]  # only known compounds
    decision = matcher.match("جاب سنتر", "fa")  # "Jobcenter" written as two words
    assert decision.candidates[0].entry.service == "jobcenter"


@pytest.mark.parametrize(
    ("text", "lang"), [("danke, und wo ist das Bürgeramt?", "de"), ("salam, wein el jobcenter", "ar")]
)
def test_greetings_around_a_question_do_not_weaken_it(matcher: Matcher, text: str, lang: str) -> None:
    """Thanks and greetings are taken out before scoring, so the question is judged on its own words."""
    decision = matcher.match(text, lang)
    assert decision.action == "answer" and decision.intent == "service"
    assert set(decision.candidates[0].entry.topics) & {"registration", "jobcenter"}


def test_arabic_intent_words_with_joined_prefixes(intents: IntentMatcher) -> None:
    """Arabic writes "in the court" as one word (بالمحكمة): intent words match with such prefixes."""
    text = "عندي جلسة بالمحكمة بعد يومين والمحامي ما عم يرد"
    assert intents.is_complex(text, len(tokens(text)))
    assert intents.is_complex("فردا دیپورتم می‌کنند، چه کار کنم؟", 5)  # Persian, stem with *
    assert not intents.is_complex("وين مكتب الجوب سنتر", 4)


@pytest.mark.parametrize("text", ["курс биткоина", "cheap flights istanbul", "behtarin restoran too berlin"])
def test_more_offtopic_requests(intents: IntentMatcher, text: str) -> None:
    assert intents.mentions(text, "offtopic")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ich arbeite in restaurant seit 2 monat ohne vertrag und chef gibt kein geld, immer sagt nächste woche",
         "de"),
        ("صاحبخونه گفته تا آخر ماه باید بریم، هوا خیلی سرده، با دوتا بچه کجا بریم", "fa"),
    ],
)
def test_an_off_topic_word_in_a_long_story_does_not_end_it(matcher: Matcher, text: str, lang: str) -> None:
    """"restaurant" or "weather" ask for nothing we do in a short message, not inside a story of a need."""
    assert matcher.match(text, lang).intent != "offtopic"
