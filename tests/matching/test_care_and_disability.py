"""Care and disability (blind set 30's theme): the care advice centres (Pflegestützpunkte) and the LAGeSo's
Versorgungsamt for the disability card are found by their words; a carer with several offices at once goes to a
person. Its emergencies are in test_emergency_knife_pills.py, its meeting points and pet names in
test_offtopic_play.py. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("de", "Wie beantrage ich einen Pflegegrad für meinen Vater?", "pflegestuetzpunkte-berlin"),
        ("en", "the Pflegekasse sends an assessor for the care level, what do they ask", "pflegestuetzpunkte-berlin"),
        ("ru", "бабушке нужен дом престарелых, кто за это платит", "pflegestuetzpunkte-berlin"),
        ("de", "Wo beantrage ich einen Schwerbehindertenausweis in Berlin?", "versorgungsamt-lageso-schwerbehinderung"),
        ("tr", "engelli kartı nereden alınır berlinde", "versorgungsamt-lageso-schwerbehinderung"),
        ("uk", "як продовжити посвідчення інваліда", "versorgungsamt-lageso-schwerbehinderung"),
    ],
)
def test_care_and_the_disability_card_find_their_service(
    real_matcher: Matcher, lang: str, text: str, first: str
) -> None:
    ranked = real_matcher.rank(text, lang)
    assert ranked and ranked[0].entry.id == first, (text, [c.entry.id for c in ranked[:3]])


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my dad has dementia, my asylum case is still open, the school wants a meeting and the Sozialamt wants "
               "papers. i'm drowning"),
        ("tr", "babam hasta, iltica davam devam ediyor, okulu gorusme istiyor, Sozialamt evrak istiyor, birisi bana "
               "hepsinde yardim etsin"),
        ("de", "die Pflegeheimrechnung kommt an mich und jetzt Inkasso, ich brauche jemanden, der sich alles mit mir "
               "anschaut"),
        ("fa", "میخوام با یه مشاور آدم حرف بزنم، موضوعم پیچیده است"),
    ],
)
def test_a_carer_with_several_offices_at_once_goes_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "handoff" and decision.intent in ("person", "complex"), (text, decision.intent)
