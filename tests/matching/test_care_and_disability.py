"""Care and disability (blind set 30's theme): the care advice centres (Pflegestützpunkte) and the LAGeSo's
Versorgungsamt for the disability card are found by their words; emergencies told as a fall with bleeding, smoke
from a neighbour's flat or standing on a balcony; an office's name as a meeting point or a pet's name is play; a carer
with several offices at once goes to a person. Sentences written for this test."""

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
    ("lang", "text", "first"),
    [
        ("tr", "bebegim dustu basindan kan geliyor kendine gelmiyor", "notruf-112-feuerwehr-rettungsdienst"),
        ("tr", "ust kattan duman cikiyor kimse kapiyi acmiyor", "notruf-112-feuerwehr-rettungsdienst"),
        ("ru", "стою на балконе 12 этаж и больше не могу", "berliner-krisendienst"),
        ("uk", "стою на балконі 7 поверх і не хочу більше нічого", "berliner-krisendienst"),
    ],
)
def test_an_emergency_told_by_its_signs(real_matcher: Matcher, lang: str, text: str, first: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency" and decision.best is not None, (text, decision.intent)
    assert decision.best.id == first


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "treffen wir uns um 6 vor dem Rathaus Tiergarten und gehen dann essen?"),
        ("en", "lets meet in front of the Jobcenter Mitte at 3 and walk to the park"),
        ("tr", "Kedimin adını Sozialamt koydum çünkü hep aç"),
        ("uk", "порадьте кафе біля Bürgeramt Mitte, чекаю чоловіка"),
        ("ar", "fi ahwe 7elwe 2rib el Jobcenter? bestanna sa7bi"),
    ],
)
def test_an_office_as_a_meeting_point_or_a_pet_name_is_play(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "offtopic" and decision.best is None, (text, decision.intent, decision.best)


@pytest.mark.parametrize(
    "text",
    [
        "ich habe um 4 einen termin im bürgeramt, was muss ich mitbringen",
        "the jobcenter wants to meet me on monday, what do i bring",
    ],
)
def test_an_appointment_at_an_office_is_no_play(real_matcher: Matcher, text: str) -> None:
    assert not real_matcher.intents.plays_with_office(text)


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
