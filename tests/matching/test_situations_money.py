"""The money and work situations of knowledge/intents.yaml: electricity or gas cut off for unpaid bills → the
Verbraucherzentrale (energy debts); an office demanding overpaid benefits back → the Jobcenter, the district's debt
counselling second (not with an objection and its deadline); a
scam (money sent to someone who vanished, a fake Jobcenter call or text) → the police's Internetwache; a gym or phone
contract that keeps charging → the Verbraucherzentrale; benefits cut for a missed appointment → the Jobcenter; work
without a contract and a question of insurance, an accident or pay → the counselling for migrant workers (BEMA).
Sentences written for these tests; the look-alikes must not be answered so."""

from __future__ import annotations

import pytest

from bot.matching import Matcher

CONSUMER = "verbraucherzentrale-berlin"
POLICE_ONLINE = "polizei-buergertelefon-internetwache"
JOBCENTER_MITTE = "jobcenter-mitte"
JOBCENTER_CW = "jobcenter-charlottenburg-wilmersdorf"
WORKERS = "bema-beratungszentrum-migration-gute-arbeit"
CW = "charlottenburg-wilmersdorf"

ANSWERS = [
    (CONSUMER, "de", "die stadtwerke wollen den strom abstellen, wir haben zwei rechnungen nicht bezahlt", None),
    (CONSUMER, "en", "they will shut off the gas next week, we have arrears of 600 euro", None),
    (CONSUMER, "ru", "нам отключат свет, долг за три месяца", None),
    (CONSUMER, "tr", "doğalgaz kesilecek, iki aydır ödemedik", None),
    (CONSUMER, "ar", "el kahraba ra7 y2ta3ouha, ma dafa3na el fawateer", None),
    (JOBCENTER_MITTE, "de", "das jobcenter fordert 900 euro zurück, ich kann das nicht bezahlen", "mitte"),
    (JOBCENTER_CW, "en", "the office says i was overpaid and must pay back 700 euro", CW),
    (JOBCENTER_MITTE, "uk", "вимагають повернути 500 євро переплати за допомогу", "mitte"),
    (JOBCENTER_CW, "fa", "نامه دادن که باید ۸۰۰ یورو پس بدم، زیادی گرفتم", CW),
    (POLICE_ONLINE, "de", "hab 300 euro für ein fahrrad überwiesen und der verkäufer hat meine nummer blockiert", None),
    (POLICE_ONLINE, "en", "a caller said he is from the jobcenter and wanted my pin, i think it is a scam", None),
    (POLICE_ONLINE, "ru", "перевела 500 евро за квартиру, хозяин пропал", None),
    (POLICE_ONLINE, "tr", "telefonda jobcenter dediler, banka şifremi istediler, ödedim mi bilmiyorum", None),
    (CONSUMER, "de", "ich will mein fitnessstudio kündigen aber die buchen immer weiter ab", None),
    (CONSUMER, "en", "how do i cancel a gym membership that i signed without understanding", None),
    (CONSUMER, "uk", "не можу розірвати абонемент у фітнес, гроші списують", None),
    (CONSUMER, "tr", "spor salonu üyeliğimi iptal etmiyorlar", None),
    (JOBCENTER_MITTE, "de", "sie haben mein geld gekürzt, weil ich den termin verpasst habe", "mitte"),
    (JOBCENTER_CW, "ru", "урезали пособие, потому что я пропустил термин в джобцентре", CW),
    (JOBCENTER_MITTE, "tr", "randevuya gidemedim diye paramı kestiler", "mitte"),
    (WORKERS, "de", "ich arbeite seit märz ohne vertrag im restaurant, bin ich bei einem unfall versichert", None),
    (WORKERS, "en", "i work in a warehouse with no contract, cash in hand, who pays if i get injured", None),
    (WORKERS, "ru", "работаю без договора на стройке, если травма, кто заплатит", None),
    (WORKERS, "tr", "kayıt dışı çalışıyorum, maaşımı vermiyorlar", None),
    (WORKERS, "fa", "bedun gharardad too restoran kar mikonam, bime daram?", None),
]


@pytest.mark.parametrize(("entry", "lang", "text", "district"), ANSWERS)
def test_the_situation_answers_with_its_entry(
    real_matcher: Matcher, entry: str, lang: str, text: str, district: str | None
) -> None:
    decision = real_matcher.match(text, lang, district=district)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == entry, (text, decision.best.id)


@pytest.mark.parametrize(
    "text",
    [
        # a power cut in the whole building, a new electricity contract: no debt
        "stromausfall im ganzen haus seit heute morgen, wen rufe ich an",
        "wie kann ich strom anmelden in der neuen wohnung, muss ich das abstellen vom alten",
        # a deposit or a loan back: not an office's demand
        "der vermieter will die kaution nicht zurückzahlen, 900 euro",
        "i have to pay back a bank loan of 2000 euro",
        # accused of benefit fraud: legal advice, not the police's fraud reports
        "das jobcenter wirft mir leistungsbetrug vor, ich habe 400 euro überwiesen bekommen",
        # a tenancy or a job ended: not a consumer contract
        "ich will meinen mietvertrag kündigen, wie lange vorher",
        # an objection with its deadline: legal advice or a person
        "das jobcenter will 800 euro zurück, der widerspruch muss bis montag raus",
        # a plain question how to cancel: the gym's own business
        "wie kündige ich beim fitnessstudio",
        # no tenancy contract: a flat, not work
        "ich wohne ohne mietvertrag, bin ich versichert wenn was kaputt geht",
        # uninsured and looking for a doctor: not work without a contract
        "sigortasız bakan doktor var mı, işten çıktım",
        "he worked without a contract and fell, the hospital wants money first",
        # a doctor's appointment missed: no sanction
        "arzt termin verpasst, jetzt wollen sie 30 euro, wurde gekürzt",
    ],
)
def test_a_look_alike_is_no_money_situation(real_matcher: Matcher, text: str) -> None:
    names = {"energy-cut-off", "money-demanded-back", "scam", "contract-cancel", "benefit-cut-missed-appointment",
             "undeclared-work"}
    answer = real_matcher.situations.answer_for((text,))
    money = {tuple(s.answer) for s in real_matcher.situations.known if s.name in names}
    assert answer is None or answer not in money, (text, answer)
