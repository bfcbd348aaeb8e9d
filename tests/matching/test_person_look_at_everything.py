"""Asking for someone to look at all of it together is a request for a person, in every language
(knowledge/intents.yaml `person.phrases`). Sentences written for this test; the negative looks at a single thing."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "jobcenter, vermieter und schule schreiben mir gleichzeitig, wer kann sich das alles mal anschauen"),
        ("en", "so many problems at once, is there someone who can look at the whole situation with me"),
        ("ar", "عندي مشاكل بالسكن والشغل والاوراق، بدي حدا يشوف الموضوع كله"),
        ("fa", "چند تا مشکل دارم، کسی هست که همه رو با هم ببینه؟"),
        ("ru", "у меня проблемы с жильём, работой и документами, можно кого-то кто посмотрит всё вместе"),
        ("uk", "проблеми з житлом і документами, чи може хтось подивитися все разом"),
        ("tr", "ev, iş ve oturum sorunlarım var, hepsine birlikte bakabilecek biri var mı"),
    ],
)
def test_someone_to_look_at_everything_is_a_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff", (lang, text, decision.intent)


def test_looking_at_one_paper_online_is_no_person_request(real_matcher: Matcher) -> None:
    assert real_matcher.match("wo kann ich mir den Kita-Gutschein online ansehen", "de").intent != "person"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "помогите кто-нибудь лично, я уже не справляюсь с письмами"),
        ("ru", "pomogite kto-nibud lichno"),
        ("uk", "допоможіть мені хтось особисто, будь ласка"),
    ],
)
def test_help_me_personally_is_a_person_request(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person", text
