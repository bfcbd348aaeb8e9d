"""Blind set 39's first look, told otherwise (knowledge/intents.yaml): an exam or a course that "will kill me" is a
figure of speech, a husband who will is not; a threat of divorce is no threat of harm; an Inkasso letter for a gym
membership is a debt, not an errand; a separation while the residence depends on the spouse is a case for a person;
a friend who took too many pills is an emergency; a letter with a deadline or a request to look at one's case goes to
a person; a shop that refuses to serve someone is discrimination. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "bu almanca sinavi beni oldurecek, hazirlik kursu nerde var"),
        ("fa", "in kelas-e zaban dare mano mikoshe, kelas-e online ham hast?"),
        ("ar", "الامتحان رح يقتلني، في كورس تحضير؟"),
    ],
)
def test_an_exam_that_will_kill_me_is_no_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "kocam sinavdan sonra beni oldurecek diyor"),
        ("fa", "shoharam dare mano mikoshe komak"),
        ("ar", "جوزي بيهددني بالسكين"),
    ],
)
def test_a_person_who_will_kill_me_stays_an_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "emergency"


def test_a_threat_of_divorce_is_no_threat_of_harm(real_matcher: Matcher) -> None:
    decision = real_matcher.match("جوزي بيهددني انه هيطلقني ويرجعني بلدي، واقامتي مربوطة بيه", "ar")
    assert decision.intent == "complex" and decision.action == "handoff"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "wir lassen uns scheiden und mein aufenthalt läuft über meinen mann, muss ich jetzt gehen?"),
        ("en", "we are separating and my visa is tied to my husband, can I stay in Germany?"),
        ("ar", "ana w jozi 3am nenfesel, w el iqama taba3i marbouta fih"),
        ("fa", "میخوام از شوهرم طلاق بگیرم ولی اقامتم وابسته به اونه"),
        ("ru", "мы с мужем разводимся, а мой вид на жительство через него. что будет?"),
        ("tr", "kocamdan bosaniyorum ama oturumum ona bagli, kalabilir miyim"),
    ],
)
def test_a_separation_with_a_tied_residence_goes_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "complex" and decision.action == "handoff"


def test_a_separation_alone_is_no_case(real_matcher: Matcher) -> None:
    assert real_matcher.match("wo kann ich die scheidung beantragen", "de").intent != "complex"


def test_an_inkasso_letter_for_a_gym_is_a_debt(real_matcher: Matcher) -> None:
    decision = real_matcher.match("інкассо пише що я винна 300 євро за абонемент в спортзал", "uk")
    assert decision.intent != "offtopic"
    assert any("debt" in c.entry.topics for c in decision.candidates)


def test_a_gym_membership_alone_stays_an_errand(real_matcher: Matcher) -> None:
    assert real_matcher.match("де купити абонемент в спортзал", "uk").intent == "offtopic"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "همسایه ام زیاد قرص خورده و بیدار نمیشه"),
        ("en", "my brother took too many tablets and now he is very sleepy"),
        ("ar", "ابني بلع حبوب كتير من الدرج"),
    ],
)
def test_someone_who_took_too_many_pills_is_an_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "emergency"


def test_a_letter_with_a_deadline_is_still_a_tangle(real_matcher: Matcher) -> None:
    text = "I got a letter from the BAMF and there is a deadline of two weeks, I don't understand it"
    assert real_matcher.match(text, "en").intent == "complex"


def test_a_pharmacy_that_refuses_to_serve_is_discrimination(real_matcher: Matcher) -> None:
    text = "в аптеці фармацевт відмовився мене обслуговувати бо я говорю українською з акцентом, куди скаржитись?"
    decision = real_matcher.match(text, "uk")
    assert decision.action == "answer" and decision.best is not None and "discrimination" in decision.best.topics


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "کافه توی ساختمون جاب سنتر تا کی بازه؟"),
        ("uk", "задовбав цей дощ"),
    ],
)
def test_a_cafe_in_the_building_and_the_weather_are_off_topic(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action != "answer"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "bin bei der arbeit von der leiter gestürzt, knie verletzt, der chef sagt ich soll es nicht melden"),
        ("en", "I broke my wrist at work and the boss said don't tell anyone it happened there"),
        ("uk", "на роботі поранив руку ножем, начальник каже скажи що вдома"),
    ],
)
def test_a_work_accident_the_employer_hides_gets_labour_rights_advice(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None
    assert decision.best.id == "bema-beratungszentrum-migration-gute-arbeit"


def test_a_work_accident_alone_is_no_such_situation(real_matcher: Matcher) -> None:
    decision = real_matcher.match("I broke my arm at work, which doctor do I go to?", "en")
    assert decision.best is None or decision.best.id != "bema-beratungszentrum-migration-gute-arbeit"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "будь ласка, зв'яжіть мене з соціальним працівником, не хочу тут писати"),
        ("en", "too many things at once, can someone go through all this with me?"),
    ],
)
def test_put_me_through_to_a_social_worker_asks_for_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "person"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "короче приходит мужик в бюргерамт и спрашивает термин, а ему говорят приходите в 2030"),
        ("fa", "ye joke shenidam dar bare Jobcenter, mikhay begam?"),
        ("ar", "sa7bti katbet ghonniye 3an el Jobcenter, ktir 7elwe"),
    ],
)
def test_jokes_and_songs_about_an_office_are_play(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent == "offtopic"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich habe eine blaue karte und wurde gestern entlassen, wie lange darf ich bleiben?"),
        ("ru", "у меня синяя карта, меня уволили, что теперь с внж?"),
        ("de", "das LEA hat mich eingeladen, soll ich hingehen oder lieber nicht?"),
        ("tr", "yabancilar dairesi mektup gonderdi, gideyim mi gitmeyeyim mi bilmiyorum"),
        ("de", "soll ich meinen asylantrag zurückziehen und einen anderen aufenthalt beantragen?"),
        ("en", "lost my minijob and the landlord wants me out, I dont know what to do first"),
    ],
)
def test_status_decisions_told_otherwise_go_to_a_person(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "complex" and decision.action == "handoff"


def test_a_lost_job_without_a_tied_permit_is_the_jobcenter(real_matcher: Matcher) -> None:
    decision = real_matcher.match("ich habe meine arbeit verloren, wer zahlt jetzt meine miete?", "de")
    assert decision.intent != "complex"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "meine mutter braucht einen rollstuhl, wer zahlt das?"),
        ("tr", "babamin isitme cihazi bozuldu, yenisini kim oder?"),
        ("ru", "после операции нужна реабилитация, кто за неё платит?"),
    ],
)
def test_who_pays_for_an_aid_is_the_patient_advice(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None
    assert decision.best.id == "upd-unabhaengige-patientenberatung"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "прийшов лист з джобцентру, можете розібрати мій випадок?"),
        ("ru", "пришло письмо от суда, напишите за меня ответ пожалуйста"),
        ("ru", "нужна консультация лично, не по переписке"),
    ],
)
def test_a_letter_with_a_request_to_look_at_ones_case_goes_to_a_person(
    real_matcher: Matcher, lang: str, text: str
) -> None:
    assert real_matcher.match(text, lang).intent == "person"


def test_a_letter_with_its_deadline_day_is_a_tangle(real_matcher: Matcher) -> None:
    text = "Sozialamt хоче назад 900 євро, я не розумію за що, лист з терміном до понеділка"
    assert real_matcher.match(text, "uk").intent == "complex"
