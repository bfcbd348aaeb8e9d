"""The situations of knowledge/intents.yaml beyond the first (test_situations.py): each message below must be
answered with the entry that helps in its situation, and each look-alike must not be. Sentences written for these
tests, one table for all situations:

- just arrived from Ukraine → the Tegel arrival centre; temporary protection running out → its own LEA card;
- looking for work and asking how or who helps → the Agentur für Arbeit's job counselling for refugees, not the
  recognition of a diploma, a general counselling service or the Jugendberufsagentur;
- out of work and out of money with a permit → the Jobcenter of the user's district;
- an insult for origin, religion or language and where to complain → the anti-discrimination counselling;
- a young person asking for help with everything at once → the youth migration service, not the
  Jugendberufsagentur (training and jobs only);
- a flat search of months without answers → the WBS card;
- sleepless nights or nightmares since the war, the flight or the crossing → the trauma care for refugees;
- a bank refused to open an account, whatever paper it did not accept → the right to a Basiskonto;
- a small child and nobody to look after them while the parent works or learns, or only waiting lists → the
  Kita-Gutschein office of the user's district;
- humiliated at a Berlin office for one's origin or language → the LADG-Ombudsstelle (not at the Jobcenter);
- electricity or gas cut off for unpaid bills → the Verbraucherzentrale (energy debts); an office demanding
  overpaid benefits back → the Jobcenter (not with an objection and its deadline); a scam (money sent to someone who
  vanished, a fake Jobcenter call or text) → the police's Internetwache; a gym or phone contract that keeps
  charging → the Verbraucherzentrale; benefits cut for a missed appointment → the Jobcenter; work without a
  contract and a question of insurance, an accident or pay → the counselling for migrant workers (BEMA);
- mould the landlord leaves → the free tenancy advice (not in a shelter); no home of one's own, sleeping at friends'
  from night to night or on the street → the Sozialamt's Soziale Wohnhilfe (not living with friends and asking how
  to register); a flat found during the asylum procedure → the LAF's benefits centre; pregnant without papers or
  insurance → the clearing house for people without insurance; no paediatrician takes the child → the 116117
  appointment service;
- a minor who came without parents → the youth migration service (the youth emergency service beside it); a
  teenager who wants to leave school for a trade → the Jugendberufsagentur (not a foreign diploma to recognise); a
  teenager of 16 or 17 whom the schools turn away as too old → the welcome classes (the youth migration service
  beside them), not one who wants an apprenticeship;
  studied in Ukraine without being Ukrainian → the LEA's card on temporary protection (not a degree to recognise).
"""

from __future__ import annotations

import pytest

from bot.matching import Matcher

TEGEL = "ankunftszentrum-tegel-ukraine"
UKRAINE_PERMIT = "lea-aufenthaltserlaubnis-vorubergehender-schutz-ukraine"
JOB_COUNSELLING = "bundesagentur-fuer-arbeit-beratung-gefluechtete"
JOBCENTER_CW = "jobcenter-charlottenburg-wilmersdorf"
ANTI_DISCRIMINATION = "adnb-des-tbb"
YOUTH_MIGRATION = "jmd-promigra-mitte"
WBS = "wohnberechtigungsschein-wbs-berlin"
TRAUMA_CARE = "zentrum-ueberleben"
BASISKONTO = "basiskonto-recht-auf-girokonto"
KITA_MITTE = "jugendamt-mitte-familienservicebuero-kita-gutschein"
KITA_CW = "kita-gutscheinstelle-charlottenburg-wilmersdorf"
LADG = "ladg-ombudsstelle"
CONSUMER = "verbraucherzentrale-berlin"
POLICE_ONLINE = "polizei-buergertelefon-internetwache"
JOBCENTER_MITTE = "jobcenter-mitte"
WORKERS = "bema-beratungszentrum-migration-gute-arbeit"
CW = "charlottenburg-wilmersdorf"
TENANCY = "mieterberatung-charlottenburg-wilmersdorf"
SOZIALAMT_MITTE = "amt-fuer-soziales-mitte"
LAF_BENEFITS = "laf-leistungsbereich-darwinstrasse"
UNINSURED = "clearingstelle-nicht-krankenversicherte-stadtmission"
APPOINTMENTS = "arzt-finden-terminservice-116117"
YOUTH_JOBS = "jugendberufsagentur-berlin"

ANSWERS = [
    (TEGEL, "de", "wir sind vorgestern aus odessa angekommen, was müssen wir machen um hier zu bleiben", None),
    (TEGEL, "en", "just arrived from kyiv by bus with my two kids, what papers do we need", None),
    (TEGEL, "ru", "мы вчера приехали из днепра, какие документы оформить чтобы остаться", None),
    (TEGEL, "uk", "ми з харкова, приїхали три дні тому, що робити з документами", None),
    (TEGEL, "tr", "ukraynadan yeni geldik, burada kalmak için hangi belgeler lazım", None),
    (UKRAINE_PERMIT, "uk", "мій дозвіл за §24 закінчується в травні, як продовжити", None),
    (UKRAINE_PERMIT, "ru", "у меня временная защита, карточка истекает через месяц, как продлить", None),
    (UKRAINE_PERMIT, "en", "i am from ukraine, my residence card runs out in june, how do i extend it", None),
    (JOB_COUNSELLING, "de", "ich war koch in syrien und suche arbeit, mein deutsch ist noch schwach, wer hilft mir",
     None),
    (JOB_COUNSELLING, "en", "i was a bus driver for 12 years, how do i find a job here with little german", None),
    (JOB_COUNSELLING, "ru", "ищу работу, я плиточник, немецкий слабый, кто поможет", None),
    (JOB_COUNSELLING, "uk", "шукаю роботу, я швачка, де шукати вакансії", None),
    (JOB_COUNSELLING, "tr", "is ariyorum, berberim ama almancam zayif, nereden baslamaliyim", None),
    (JOB_COUNSELLING, "ar", "زوجي كان نجار ويدور شغل هون، وين لازم يروح", None),
    (JOB_COUNSELLING, "fa", "man ashpaz hastam, chetor inja kar peyda konam", None),
    (JOB_COUNSELLING, "ru", "я плотник, немецкий а2, куда идти чтобы найти работу", None),
    (JOB_COUNSELLING, "de", "ich such arbeit, egal was, putzen oder lager", None),
    (JOBCENTER_CW, "de", "mir wurde gekündigt und ich habe kein geld für die miete, wer hilft", CW),
    (JOBCENTER_CW, "en", "got laid off last month and the money is gone, who helps with rent", CW),
    (JOBCENTER_CW, "ru", "меня уволили, денег на аренду нет, что делать", CW),
    (JOBCENTER_CW, "uk", "мене звільнили, грошей на життя нема, куди звернутись", CW),
    (JOBCENTER_CW, "tr", "isten cikarildim, kira odeyemiyorum, devlet yardim eder mi", CW),
    (JOBCENTER_CW, "ar", "فصلوني من الشغل وما معي مصاري للإيجار", CW),
    (JOBCENTER_CW, "fa", "bikar shodam va pool baraye kerayeh nadaram", CW),
    (ANTI_DISCRIMINATION, "de", "der vermieter hat gesagt geh zurück in dein land, darf man das?", None),
    (ANTI_DISCRIMINATION, "en", "my colleague keeps making racist jokes about me, where can i complain", None),
    (ANTI_DISCRIMINATION, "ru", "соседка кричит мне езжай домой, куда пожаловаться", None),
    (ANTI_DISCRIMINATION, "uk", "в поліклініці сказали їдьте додому, куди скаржитись", None),
    (ANTI_DISCRIMINATION, "tr", "otobüste bir adam bana ülkene dön dedi, nereye şikayet edebilirim", None),
    (ANTI_DISCRIMINATION, "ar", "جارتي كل يوم بتقلي ارجعي لبلدك، لوين بشتكي", None),
    (ANTI_DISCRIMINATION, "fa", "too madrese be pesaram goftan boro keshvare khodet, koja shekayat konam", None),
    (ANTI_DISCRIMINATION, "de", "die chefin sagt mit kopftuch nicht an die kasse, darf die das", None),
    (ANTI_DISCRIMINATION, "tr", "başörtülü diye kursa almadılar, bu yasal mı", None),
    (ANTI_DISCRIMINATION, "ru", "сосед кричит вали обратно, куда пожаловаться", None),
    (ANTI_DISCRIMINATION, "ar", "ابني بيتنمروا عليه بالمدرسة لأنه لاجئ والمدير ما بيعمل شي", None),
    (ANTI_DISCRIMINATION, "fa", "dokhtaram ro too madrese bekhatere afghan budan aziat mikonan, koja shekayat konam",
     None),
    (YOUTH_MIGRATION, "de", "ich bin 20 und neu in berlin, gibt es eine stelle für junge leute, die mit allem hilft",
     None),
    (YOUTH_MIGRATION, "en", "is there a place for young people that helps with everything, papers and school and so on",
     None),
    (YOUTH_MIGRATION, "ar", "انا عمري ٢٠ وجديد هون، في حدا بيساعد الشباب بكل شي؟", None),
    (YOUTH_MIGRATION, "fa", "jayi hast ke be javanan dar hame chiz komak kone? 20 salame", None),
    (YOUTH_MIGRATION, "ru", "мне 20, есть ли помощь для молодых со всем: документы, учеба", None),
    (YOUTH_MIGRATION, "uk", "чи є організація, яка допомагає молоді з усім, я тут сама", None),
    (YOUTH_MIGRATION, "tr", "gençlere her konuda yardım eden bir yer var mı, 19 yaşındayım", None),
    (WBS, "de", "wir suchen seit monaten eine wohnung, nur absagen, gibt es hilfe", None),
    (WBS, "en", "looking for a flat since march, no answers at all, is there any help for families", None),
    (WBS, "ru", "ищем квартиру полгода, везде отказ, есть какая-то помощь?", None),
    (WBS, "uk", "шукаємо квартиру пів року, є якась допомога?", None),
    (WBS, "tr", "ev arıyoruz 8 aydır, yardım eden bir yer var mı", None),
    (BASISKONTO, "de", "die sparkasse hat abgelehnt, ich habe nur eine fiktionsbescheinigung", None),
    (BASISKONTO, "en", "the bank refused me because i only have a duldung", None),
    (BASISKONTO, "tr", "banka hesap açmadı çünkü pasaportum yok", None),
    (BASISKONTO, "uk", "банк відмовив відкрити рахунок, в мене тільки папір з LEA", None),
    (BASISKONTO, "en", "sparkasse said no account without a residence permit, i only have a fiktionsbescheinigung",
     None),
    (KITA_MITTE, "de", "meine tochter ist 3 und ich fange im mai einen job an, aber keiner passt auf sie auf", "mitte"),
    (KITA_CW, "en", "every daycare says waiting list and my course starts next month, my son is 2", CW),
    (KITA_MITTE, "ru", "сыну 3 года, хочу выйти на работу, везде очередь в садик", "mitte"),
    (KITA_CW, "uk", "доньці 2 роки, в садочок черга, а мені треба на курси", CW),
    (KITA_MITTE, "tr", "oğlum 2 yaşında, kreş bulamıyorum, işe başlamam lazım", "mitte"),
    (KITA_CW, "ar", "binti 3omra sintain w lazim ashtighil, kel el rawdat ma fi ma7al", CW),
    (KITA_MITTE, "fa", "pesaram 2 salashe, mahd koodak peyda nemikonam va bayad beram sar-e kar", "mitte"),
    (LADG, "de", "im bürgeramt hat mich der mann angebrüllt, ich soll erst deutsch lernen. wo kann ich mich beschweren",
     None),
    (LADG, "en", "the clerk at the office yelled at me because of my accent, where can i complain", None),
    (LADG, "ru", "чиновница накричала на меня из-за акцента, куда жаловаться", None),
    (LADG, "tr", "memur bana bağırdı, türk olduğum için, nereye şikayet edebilirim", None),
    (TRAUMA_CARE, "de", "seit der flucht habe ich albträume und schlafe kaum, mein arzt sagt ich bin gesund", None),
    (TRAUMA_CARE, "en", "my husband screams at night since the war, what can we do", None),
    (TRAUMA_CARE, "ru", "после обстрелов дочь не спит, снятся взрывы", None),
    (TRAUMA_CARE, "uk", "відколи приїхали, не можу спати, кожну ніч кошмари про війну", None),
    (TRAUMA_CARE, "tr", "savaştan beri her gece kabus görüyorum, kime gideyim", None),
    (TRAUMA_CARE, "ar", "ibni ma binam, kawabis kil lel min el 7arb", None),
    (TRAUMA_CARE, "fa", "az vaghti omadim shaba khab nadaram, hamash kabus az jang", None),
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
    (TENANCY, "de", "an der wand im kinderzimmer ist schimmel, der vermieter macht nichts", None),
    (TENANCY, "en", "mould keeps coming back on the bedroom wall and the landlord says it is our fault", None),
    (TENANCY, "ru", "в комнате плесень на стене, хозяин квартиры ничего не делает", None),
    (TENANCY, "tr", "banyoda küf var ev sahibi ilgilenmiyor ne yapabilirim", None),
    (SOZIALAMT_MITTE, "de", "ich schlafe mal bei einem freund, mal bei einem anderen, keine wohnung", "mitte"),
    (SOZIALAMT_MITTE, "en", "im sleeping at friends, one night here one night there, no place of my own", "mitte"),
    (SOZIALAMT_MITTE, "uk", "ночую у знайомих, ніде жити вже місяць", "mitte"),
    (LAF_BENEFITS, "en", "i found a flat but i am still in the asylum procedure, who pays the rent", None),
    (LAF_BENEFITS, "tr", "iltica sürecim devam ediyor ama ev buldum, kirayı kim öder", None),
    (UNINSURED, "de", "meine schwester ist schwanger und hat keine versicherung, wo kann sie zum arzt", None),
    (UNINSURED, "ru", "я беременна, нет страховки, куда идти на осмотр", None),
    (APPOINTMENTS, "de", "kein kinderarzt nimmt neue patienten, mein sohn braucht die u-untersuchung", None),
    (APPOINTMENTS, "en", "we cant find a pediatrician for our baby, all say they are full", None),
    (YOUTH_MIGRATION, "de", "ich bin 16 und ohne eltern hier, wer hilft mir mit allem", None),
    (YOUTH_MIGRATION, "en", "i am 17, came alone from eritrea last month, who can help me", None),
    (YOUTH_MIGRATION, "tr", "17 yasindayim ailem burada yok, ne yapmaliyim", None),
    (YOUTH_JOBS, "de", "mein sohn ist 16 und will nach der 9. klasse eine ausbildung als elektriker machen", None),
    (YOUTH_JOBS, "ru", "дочь в 10 классе, хочет бросить школу и учиться на парикмахера", None),
    ("willkommensklassen-berlin", "de", "mein neffe ist 17 jahre, jede schule sagt er ist zu alt, was jetzt", None),
    ("willkommensklassen-berlin", "ru", "дочке 16 лет, в школу не берут, говорят для школы поздно", None),
    ("willkommensklassen-berlin", "tr", "oglum 16 yasinda, okul almiyor diyorlar yasin buyuk", None),
    (ANTI_DISCRIMINATION, "tr", "oğlumun okulunda ona terörist diyorlar, öğretmen ciddiye almıyor", None),
    (UKRAINE_PERMIT, "en", "i am from india and was a student in kyiv until the war, can i get protection here", None),
    (UKRAINE_PERMIT, "tr", "Kiev'de universite ogrenciydim, Misir vatandasiyim, burada kalabilir miyim", None),
]


@pytest.mark.parametrize(("entry", "lang", "text", "district"), ANSWERS)
def test_the_situation_answers_with_its_entry(
    real_matcher: Matcher, entry: str, lang: str, text: str, district: str | None
) -> None:
    decision = real_matcher.match(text, lang, district=district)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == entry


@pytest.mark.parametrize(
    "text",
    [
        # no insult: no discrimination
        "wo kann ich ein schönes kopftuch kaufen",
        "where do i report my new address",
        "is this normal jobcenter letter",
        # asylum seekers, pensioners and students: not the Jobcenter's
        "ich bin asylbewerber und habe meinen minijob verloren, kein geld",
        "i am 68, lost my job, my pension is too small for the rent",
        "my student job ended and i have no money for rent",
        # an eviction, a shelter or a deposit: not the WBS
        "wir suchen eine wohnung, der vermieter will uns raus haben, hilfe",
        "we live in a shelter and are looking for a flat, any help?",
        "looking for a flat, the landlord keeps my deposit, help",
        # a headscarf bought or in a photo; a loan or a transfer refused: no insult, no account to open
        "wo kann ich ein kopftuch kaufen, darf die das verkaufen",
        "ist ein foto mit kopftuch für den pass erlaubt, darf die das ablehnen",
        "the bank refused my credit card application",
        "банк отказал в переводе денег домой",
        # an educator's diploma, a Kita lunch, a book (kitap): no Kita place to find
        "ich habe in syrien als erzieherin in einer kita gearbeitet, wie lasse ich das anerkennen",
        "das mittagessen in der kita ist zu teuer, ich arbeite nur minijob",
        "işten sonra okumak için kitap önerir misin",
        # at the Jobcenter (a federal office): not the Berlin authorities' ombudsperson
        "im jobcenter hat mich der sachbearbeiter angeschrien, wo kann ich mich beschweren",
        # sleepless for other reasons, or after an earthquake: not the trauma care for war and flight
        "i cant sleep because of my debts, the letters keep coming",
        "depremden sonra uyuyamıyorum, her gece kabus",
        "ich kann nicht schlafen, die nachbarn sind so laut",
        "ich kann nicht schlafen, ich war in der nachtschicht",
        # mould in a shelter room (the operator and the LAF), living with friends and asking how to register,
        # a flat found with the Jobcenter paying: not the tenancy advice, the Sozialamt or the LAF
        "in unserem zimmer im heim ist schimmel, die leitung macht nichts",
        "wir wohnen bei bekannten, wie mache ich die anmeldung mit der adresse",
        "живем у друзей, как сделать прописку",
        "wir haben eine wohnung gefunden, das jobcenter zahlt, wir sind noch im heim",
        # a degree from a Ukrainian university to be recognised: not the temporary protection
        "ich habe in kiew studiert, wie lasse ich mein diplom anerkennen",
        # a trade learnt abroad to be recognised: not the Jugendberufsagentur
        "ich habe in der schule in syrien elektriker gelernt, wie wird das anerkannt",
        # came along from Ukraine but not Ukrainian: not the temporary protection's arrival centre
        "мой муж белорус, вчера приехали из киева, может ли он попросить убежище",
    ],
)
def test_a_look_alike_is_no_situation(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) is None


@pytest.mark.parametrize(
    "text",
    [
        "ich suche arbeit als ärztin, wie lasse ich mein diplom anerkennen",
        "i lost my job two months ago and have no money, how do i find a job and who pays my rent",
        "ищу работу, но моя виза заканчивается, как остаться",
    ],
)
def test_recognition_unemployment_or_a_visa_is_no_job_search(real_matcher: Matcher, text: str) -> None:
    assert real_matcher.situations.answer_for((text,)) != (JOB_COUNSELLING,)


@pytest.mark.parametrize(
    ("entry", "lang", "text"),
    [
        (YOUTH_MIGRATION, "de", "ich bin 20 und suche eine ausbildung als elektriker, wer berät junge leute dazu"),
        (YOUTH_MIGRATION, "en", "everything is so expensive, where can i register my flat"),
        (TEGEL, "ru", "мы из харькова, живём тут уже 3 года назад приехали, как найти квартиру"),
        (TEGEL, "de", "ich bin seit 2022 aus der ukraine hier und suche einen deutschkurs"),
    ],
)
def test_training_alone_long_ago_or_another_need_is_not_answered_so(
    real_matcher: Matcher, entry: str, lang: str, text: str
) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.best is None or decision.best.id != entry


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
        # a person gone missing or a lost passport with money mentioned: no scam
        "my cousin disappeared, we paid a lawyer already",
        "my passport disappeared, i paid for a new photo already",
        "he worked without a contract and fell, the hospital wants money first",
        # a doctor's appointment missed: no sanction
        "arzt termin verpasst, jetzt wollen sie 30 euro, wurde gekürzt",
    ],
)
def test_a_look_alike_is_no_money_situation(real_matcher: Matcher, text: str) -> None:
    names = {"energy-cut-off", "money-demanded-back", "scam", "contract-cancel", "benefit-cut-missed-appointment",
             "undeclared-work", "scam-vanished"}
    answer = real_matcher.situations.answer_for((text,))
    money = {tuple(s.answer) for s in real_matcher.situations.known if s.name in names}
    assert answer is None or answer not in money, (text, answer)


def test_a_teenager_too_old_for_school_who_wants_a_trade_gets_the_trade(real_matcher: Matcher) -> None:
    helps = real_matcher.situations.answer_for(("mein sohn ist 17 jahre, zu alt für die schule, will eine ausbildung",))
    assert helps is not None and helps[0] == YOUTH_JOBS
