"""An office's name in play (knowledge/intents.yaml `offtopic_play`): a pet, a band or a game's town named after an
office, a joke, a poem or a funny name asked about one, its building admired, an office as a meeting point or a café
near it. Off-topic whichever office it names, while a joke told about the person (discrimination), a question about
the building's entrance or an appointment there stays a question. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "tell me a joke about the jobcenter please"),
        ("en", "my cat is called Sozialamt because she always wants food, good name?"),
        ("de", "schreib ein gedicht über das bürgeramt für meine kollegin"),
        ("de", "ist das gebäude vom jobcenter in wedding denkmalgeschützt?"),
        ("ru", "расскажи анекдот про джобцентр"),
        ("uk", "напиши вірш про Ausländerbehörde для свята"),
        ("tr", "hamsterimin adi Jobcenter, ona komik isim oner"),
        ("ar", "a7kili nokta 3an el jobcenter"),
        ("fa", "ye jok begu darbare-ye Ausländerbehörde"),
        ("de", "ist Ausländerbehörde beim scrabble erlaubt?"),
        ("tr", "Jobcenter kelimesinin telaffuzu nasil"),
        # an office as a meeting point, a café near it, a pet named after it (blind set 30)
        ("de", "treffen wir uns um 6 vor dem Rathaus Tiergarten und gehen dann essen?"),
        ("en", "lets meet in front of the Jobcenter Mitte at 3 and walk to the park"),
        ("tr", "Kedimin adını Sozialamt koydum çünkü hep aç"),
        ("uk", "порадьте кафе біля Bürgeramt Mitte, чекаю чоловіка"),
        ("ar", "fi ahwe 7elwe 2rib el Jobcenter? bestanna sa7bi"),
        # a team named after an office, a meme about one (blind set 32)
        ("ar", "sammayna el team taba3na 'Jobcenter United' shu ra2yak"),
        ("de", "unser team heißt Finanzamt FC, gute idee?"),
        ("fa", "ye meme darbare Bürgeramt didam kheili bamaze bud"),
        ("ru", "скинь смешной мем про джобцентр"),
        # a snack bar or café by an office, a fish or a parrot named after one (blind set 33)
        ("de", "der dönerladen gegenüber vom bürgeramt, wie heißt der nochmal"),
        ("tr", "jobcenterin karsisindaki kafe kacta kapaniyor"),
        ("uk", "біля Bürgeramt є кав'ярня, вона працює в неділю?"),
        ("tr", "baligima Sozialamt adini verdim, cok yiyor"),
        ("ar", "el baba3'a taba3na esmo Jobcenter, shu btakol?"),
        # a rap or a song about an office, a film's essay, a quiz question and a bet (blind sets 34 and 35)
        ("tr", "Sozialamt hakkinda bir rap sarkisi biliyor musun"),
        ("ru", "есть песня про бюргерамт? хочу друзьям спеть"),
        ("de", "ich muss eine Zusammenfassung über den Film 'Jobcenter' schreiben"),
        ("en", "quiz question: how many letters has Ausländerbehörde? we are betting on pizza"),
        ("fa", "ba dadasham shart bastim ke Jobcenter yani chi"),
        ("uk", "ми посперечались, як правильно пишеться Bürgeramt"),
    ],
)
def test_an_office_in_play_is_offtopic(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "offtopic" and decision.best is None, (text, decision.intent, decision.best)


@pytest.mark.parametrize(
    "text",
    [
        "im jobcenter machen die mitarbeiter witze über mein kopftuch",
        "the jobcenter building in wedding, where is the entrance for appointments",
        "мой сын хочет назвать своё кафе, нужна ли регистрация в бюргерамте",
        "bürgeramt randevusu için hangi belgeler lazım",
        "ich habe um 4 einen termin im bürgeramt, was muss ich mitbringen",
        "the jobcenter wants to meet me on monday, what do i bring",
        "memede sertlik var, kadin doktoru randevusu lazim",  # Turkish "meme" (breast) is no meme
        "ich arbeite im imbiss gegenüber vom bahnhof und der chef zahlt nicht",  # a workplace, not a snack
        "oğluma Ahmet adını koydum, doğum belgesi nereden alınır",  # a newborn's name
    ],
)
def test_a_question_about_an_office_is_no_play(real_matcher: Matcher, text: str) -> None:
    assert not real_matcher.intents.plays_with_office(text)
