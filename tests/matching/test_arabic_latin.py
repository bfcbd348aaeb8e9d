"""Arabic and Persian typed in Latin letters, read in Arabic script for the sentence model (`arabic_latin`).

The messages are written for these tests (none is taken from the labelled sets).
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher
from bot.matching.arabic_latin import LatinReader, arabic_text, reads_latin

ARABIC = LatinReader.from_texts("ar", [
    "جوزي بيضربني كل يوم وأنا خايفة", "الشهر الجاي ما عندي إقامة", "وين لازم روح", "بدي موعد عند الدكتور",
    "ابني مريض", "ممكن حدا يساعدني", "في", "في", "في",
])
PERSIAN = LatinReader.from_texts("fa", [
    "اقامت من دو ماه دیگه تموم میشه", "چیکار کنم", "کرایه خونه ندارم", "میخوام کار کنم",
])


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("jozi bidrobni kel yom", "جوزي بيضربني كل يوم"),
        ("wen lazem ro7", "وين لازم روح"),  # 7 is ح, e and i for the same vowel
        ("bade maw3ed 3and el doktor", "بدي موعد عند الدكتور"),  # the article written apart is joined
        ("ibni mareed", "ابني مريض"),  # ض read from d: one rough letter for both
        ("momken 7ada ysa3edni?", "ممكن حدا يساعدني?"),
    ],
)
def test_arabizi_words_are_read_in_arabic_script(latin: str, arabic: str) -> None:
    assert ARABIC.read(latin) == arabic


@pytest.mark.parametrize(
    ("latin", "persian"),
    [
        ("eqamat man tamoom mishe chikar konam", "اقامت من تموم میشه چیکار کنم"),
        ("kerayeh khune nadaram", "کرایه خونه ندارم"),  # final -e/-eh is ه
        ("mikham kar konam", "میخوام کار کنم"),
    ],
)
def test_finglish_words_are_read_in_persian_script(latin: str, persian: str) -> None:
    assert PERSIAN.read(latin) == persian


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("ibni mareed, wen Jobcenter", "ابني مريض, وين Jobcenter"),  # office words stay as the model knows them
        ("wen lazem ro7 b Mitte", "وين لازم روح ب Mitte"),  # a capitalised name inside the sentence
        ("ibni mareed 3 yom BAMF", "ابني مريض 3 يوم BAMF"),  # numbers and acronyms
        ("wen Kita-Gutschein", "وين Kita-Gutschein"),  # a compound with an office word stays whole
        ("ibni xylophone", "ابني xylophone"),  # no known word near enough: as typed
    ],
)
def test_what_the_model_knows_in_latin_letters_stays(latin: str, arabic: str) -> None:
    assert ARABIC.read(latin) == arabic


def test_frequent_short_words_do_not_swallow_others() -> None:
    """"في" is counted three times above, yet "f" alone is the particle and "fi" stays itself."""
    assert ARABIC.read("f") == "في"
    assert ARABIC.word("fi") == "في"
    assert ARABIC.word("xyz") is None


def test_only_latin_letter_arabic_and_persian_are_read() -> None:
    readers = {"ar": ARABIC, "fa": PERSIAN}
    assert arabic_text("jozi bidrobni kel yom", "ar", readers) == "جوزي بيضربني كل يوم"
    assert arabic_text("where is the jobcenter please", "ar", readers) == "where is the jobcenter please"
    assert arabic_text("ابني mareed", "ar", readers) == "ابني mareed"  # Arabic script already: as typed
    assert arabic_text("jozi bidrobni", "ru", readers) == "jozi bidrobni"
    assert not reads_latin("", "ar")


def test_the_matcher_reads_arabizi_with_the_knowledge_base_words(real_matcher: Matcher) -> None:
    """The real readers are built from the entries' Arabic and Persian texts; the lexical side is untouched."""
    read = real_matcher.text_for_model("wen el jobcenter w kif a7jez maw3ed", "ar")
    assert "jobcenter" in read.lower() and "موعد" in read
    assert real_matcher.text_for_model("kerayeh khune nadaram", "fa") != "kerayeh khune nadaram"
    assert real_matcher.text_for_model("wo ist das jobcenter", "de") == "wo ist das jobcenter"


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("bache ghors khorde bihoosh shode", "fa", "medical"),  # a child swallowed pills, unconscious
        ("ukhti 3am tetshanaj", "ar", "medical"),  # my sister is having a seizure
        ("jozi bihaddedni bel sekkeen", "ar", "violence"),  # threatens me with a knife
    ],
)
def test_emergency_words_are_also_found_in_the_arabic_reading(
    real_matcher: Matcher, text: str, lang: str, kind: str
) -> None:
    """Listed in Arabic script only: the typed form alone misses them (checked first), the reading finds them."""
    assert real_matcher.intents.emergency_kind(text) is None
    found = real_matcher.listed_emergency(text, lang)
    assert found is not None and found[0] == kind


def test_the_lexical_ranking_also_reads_the_arabic_script(real_matcher: Matcher) -> None:
    """"7adane" (حضانة, day care) is no Latin keyword of the Kita services; in Arabic script it is one. Each service
    keeps its better score of the two readings, so nothing the typed text found is lost."""
    text = "binti 3omra 3 snin w bade 7adane la2ila"
    typed, _ = real_matcher.lexical.rank(text, "ar")
    both, _ = real_matcher.lexical.rank_readings(text, "ar")
    kita = {e.id for e in real_matcher.kb.in_topic("kita")}
    assert both[0].entry.id in kita and both[0].score > typed[0].score + 0.1
    scores = {c.entry.id: c.score for c in both}
    assert all(scores[c.entry.id] >= c.score for c in typed)
    lexical = real_matcher.lexical
    assert lexical.rank_readings("wo ist das jobcenter", "de") == lexical.rank("wo ist das jobcenter", "de")


def test_a_tie_between_two_readings_goes_the_same_way_whatever_their_order() -> None:
    """Two words that fit a Latin word equally well: the choice must not depend on the order the words were filed
    in (nor on the hash order of the skeleton keys), or the same message is answered differently after a restart."""
    forward = LatinReader.from_texts("ar", ["سين صين"])
    backward = LatinReader.from_texts("ar", ["صين سين"])
    assert forward.word("sin") is not None
    assert forward.word("sin") == backward.word("sin")
