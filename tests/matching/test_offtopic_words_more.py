"""Football clubs, songs and streaming subscriptions are off-topic in a short message; a debt told with an off-topic
word ("Inkasso wegen Handyvertrag") is still a debt question. The messages are written for these tests."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "persepolis emshab bazi dare?"),
        ("tr", "galatasaray maci kac kac bitti"),
        ("tr", "bana guzel bir sarki oner"),
        ("en", "recommend me a song for tonight"),
        ("ru", "посоветуйте песню для свадьбы"),
        ("tr", "netflix uyeligini nasil iptal ederim"),
        ("fa", "kelas-e ashpazi baraye shirini koja hast"),
        ("de", "wo gibts den besten kebab in wedding"),
        ("en", "where can i see the berlin wall"),
        ("ru", "какие достопримечательности посмотреть в берлине"),
        ("tr", "düğün için makyaj yapan biri var mı"),
        ("ar", "بدي افتح حساب انستغرام لمحل الحلويات"),
        ("uk", "як зробити реєстрацію в інстаграмі"),
        ("tr", "berberde sıra var mı bugün"),
        ("tr", "kuaföre randevu almak istiyorum cumartesi"),
        ("en", "how do i cancel my duolingo subscription, it keeps charging me"),
        ("de", "wie kann ich mein babbel abo kündigen"),
        ("ru", "подписка на уроки немецкого в приложении babbel опять списала деньги"),
        # rain, a park bench, a jar (банка) of kombucha: no Basiskonto
        ("tr", "cumartesi yağmur var mı piknik yapacağız"),
        ("en", "will it rain on sunday in mitte"),
        ("tr", "parkta oturacak bank var mı gölgede"),
        ("ru", "где в тиргартене скамейки в тени"),
        ("uk", "як закрити банку огірків на зиму"),
        ("ru", "как ухаживать за комбучей в банке"),
        # a passport in a video game, a food's shelf life
        ("fa", "too bazi gta chetor mashin bekharam"),
        ("de", "wo steht das haltbarkeitsdatum auf dem joghurt"),
        # a game's job, a brand, an exchange rate, a bench to sit on, a recipe
        ("en", "my sim in the sims 4 needs a job, which career is best"),
        ("tr", "oğluma bisiklet alacağım hangi marka dayanıklı"),
        ("uk", "де найкращий курс гривні до євро в берліні"),
        ("ar", "fi ma23ad bel park 2arib men el bet?"),
        ("fa", "ye nimkat too park peyda kardam, khube"),
        ("fa", "dastoor-e pokht-e ghorme sabzi ba lubia"),
        # bread, a national dish, a football club's form, a parking spot, a gym's Anmeldung in Finglish
        ("fa", "koja nan barbari khub peyda mishe"),
        ("ru", "в садике праздник, надо принести национальное блюдо, какое лучше"),
        ("ar", "بدي سجل بنتي بنادي كرة قدم"),
        ("de", "der nachbar steht immer auf meinem parkplatz, was tun"),
        ("fa", "mikham too bashgah-e boxing Anmeldung konam"),
    ],
)
def test_leisure_words_get_no_service(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "offtopic", (text, decision.action, decision.best)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "inkasso brief wegen handyvertrag"),
        ("en", "debt collector letter for my phone contract"),
        ("ru", "коллекторы пишут из-за долга за мобильный контракт"),
    ],
)
def test_a_debt_with_an_offtopic_word_stays_a_debt(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent != "offtopic", text
    assert decision.best is not None and "debt" in decision.best.topics, (text, decision.best)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "mein instagram wurde gehackt und jemand erpresst mich mit fotos"),
        ("ar", "حدا سرق حساب انستغرام تبعي"),
        ("en", "someone hacked my instagram and threatens to send my photos to my family"),
    ],
)
def test_a_hacked_or_misused_account_is_not_waved_away(real_matcher: Matcher, lang: str, text: str) -> None:
    """Opening an account is leisure; a stolen one or blackmail with photos is for the police or a person."""
    assert real_matcher.match(text, lang).intent != "offtopic", text


def test_learning_with_an_app_and_asking_for_a_course_is_a_question(real_matcher: Matcher) -> None:
    text = "ich lerne mit duolingo aber brauche einen richtigen integrationskurs, wo melde ich mich an"
    decision = real_matcher.match(text, "de")
    assert decision.intent != "offtopic" and decision.best is not None
    assert "language-course" in decision.best.topics, decision.best
