"""Issue #10: emergencies, requests for a person and own-file questions described in everyday words.

Newcomers in danger rarely write "emergency" or "suicide": they say what they see ("my son fell
from the balcony", "ma 3am yfi2"). Each language group has its own sentences here, including
Arabizi, Finglish, Russian and Ukrainian in Latin letters and Turkish without its letters, and
ordinary service questions that must not trigger any of these intents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.matching.intents import IntentMatcher
from bot.matching.normalize import normalise, tokens

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def intents() -> IntentMatcher:
    result = load_knowledge(REPO / "knowledge")
    assert result.knowledge is not None, [str(p) for p in result.problems]
    return IntentMatcher.build(result.knowledge.intents)


def _kind(intents: IntentMatcher, text: str) -> str | None:
    found = intents.emergency_kind(text)
    return found[0] if found else None


MEDICAL = {
    "en": [
        "my husband collapsed in the kitchen and he isn't breathing properly",
        "my neighbour is lying on the floor in the hallway and won't wake up",
        "my little boy fell out of the window on the 2nd floor",
        "my wife is breathing strangely and her lips are blue",
        "my daughter drank bleach from the bottle under the sink",
        "the cut on his leg won't stop bleeding",
        "my friend is having a seizure, he is convulsing on the floor",
    ],
    "de": [
        "Meine Oma ist im Bad umgekippt und atmet ganz komisch",
        "mein Sohn ist vom Balkon gestürzt!!",
        "mein Mann liegt auf dem Boden und ich kriege ihn nicht wach",
        "meine Frau ist ohnmächtig geworden",
        "unser Baby hat Putzmittel getrunken",
        "er blutet sehr stark am Kopf und es hört nicht auf zu bluten",
        "mein Vater hat starke Schmerzen in der Brust und kriegt keine Luft",
    ],
    "ar": [
        "جارنا واقع على الارض ومش عم يتنفس منيح",
        "امي وقعت عن الدرج وما عم تفيق",
        "ابني وقع من البلكونة",
        "بنتي بلعت حبة دوا من الطاولة",
        "زوجي عم ينزف كتير من ايده",
        "مرتي فاقدة الوعي بالحمام",
        "baba we2e3 w mesh beyrod",
        "ibni ma 3am yetnaffas mnih",
        "mama ma 3am tfi2, sa3douni",
        "jari wi2e3 min el balkon",
        "binti bala3et battariye",
    ],
    "fa": [
        "پسرم از بالکن افتاد",
        "مادرم روی زمین افتاده و به هوش نمیاد",
        "شوهرم نمی تونه نفس بکشه",
        "بچم یه چیزی قورت داده",
        "پدرم غش کرده",
        "madaram ghash karde, bidar nemishe",
        "pesaram az panjere oftade",
        "shoharam nemitoone nafas bekeshe",
        "khoonesh band nemiad",
    ],
    "ru": [
        "муж упал в обморок на кухне",
        "сосед лежит на полу и не приходит в себя",
        "ребенок выпал из окна",
        "у мамы сильная боль в груди, ей нечем дышать",
        "дочка проглотила батарейку",
        "muzh upal v obmorok",
        "syn vypal iz okna",
        "u otca sudorogi, on ne mozhet dyshat",
    ],
    "uk": [
        "син впав з балкона",
        "чоловік лежить на підлозі, непритомний",
        "бабуся не може дихати, задихається",
        "в дитини судоми",
        "дружина сильно кровить після падіння",
        "syn vpav z balkona",
        "cholovik lezhyt na pidlozi",
        "dochka prokovtnula tabletku",
    ],
    "tr": [
        "oğlum balkondan düştü",
        "annem yerde yatıyor ve uyanmıyor",
        "babam nefes alamıyor, göğüs ağrısı var",
        "kizim camasir suyu icti",
        "kardesim nobet geciriyor",
        "esim merdivenden dustu, kani durmuyor",
    ],
}

SUICIDE = {
    "en": [
        "i'm done with everything, nobody would miss me",
        "i want to end it tonight",
        "i took all the pills in the box",
        "i'm standing on the bridge and i'm going to jump",
        "goodbye to everyone, thank you for trying",
        "i have a rope and i've decided",
        "there is nothing to live for anymore",
    ],
    "de": [
        "ich mach Schluss mit allem, sagt meiner Familie dass ich sie liebe",
        "ich habe alle Tabletten genommen die ich hatte",
        "das Leben hat keinen Sinn mehr für mich",
        "ich springe vom Dach heute Nacht",
        "ich bin lebensmüde",
        "das ist meine letzte Nachricht an euch",
    ],
    "ar": [
        "ما عاد فيني عيش هيك",
        "تعبت من الحياة وبدي خلص من حياتي",
        "رح ارمي حالي من البلكون",
        "بلعت كل الحبوب اللي عندي",
        "وداعا للجميع",
        "ma 3ad fiyi 3ish",
        "bdi erme 7ali mn el balkon",
        "bala3et kel el 7boob",
        "ma abi a3eesh ba3ad",
    ],
    "fa": [
        "میخوام به زندگیم پایان بدم",
        "همه قرص ها رو خوردم",
        "از زندگی خسته شدم، دیگه نمی خوام زنده باشم",
        "خودمو از پل پرت میکنم",
        "این آخرین پیاممه، خداحافظ همه",
        "az zendegi khaste shodam",
        "hame ghorsa ro khordam",
        "mikham be zendegim payan bedam",
    ],
    "ru": [
        "не вижу смысла жить дальше",
        "я выпила все таблетки",
        "прыгну с крыши сегодня",
        "прощайте все, это мое последнее сообщение",
        "устал жить",
        "ne vizhu smysla zhit",
        "vypila vse tabletki",
    ],
    "uk": [
        "не бачу сенсу жити",
        "я випила всі таблетки",
        "стрибну з мосту",
        "прощавайте всі",
        "втомилася від життя",
        "ne bachu sensu zhyty",
        "povishusia segodni",
        "strybnu z dakhu",
    ],
    "tr": [
        "yaşamanın anlamı yok artık",
        "butun haplari ictim",
        "kopruden atlayacagim",
        "herkese elveda",
        "hayattan yoruldum, her seye son vermek istiyorum",
        "bileklerimi keseceğim",
    ],
}

VIOLENCE = {
    "en": [
        "someone is breaking into our flat right now",
        "my uncle says he will kill my brother",
        "he has a knife and he is shouting",
        "my husband locked me in the bedroom",
        "a man is following me with a knife",
        "he is attacking us, please help",
        "my ex is choking me",
    ],
    "de": [
        "ein Einbrecher ist in unserer Wohnung",
        "mein Schwager droht meinen Bruder umzubringen",
        "er hat ein Messer und schreit",
        "mein Mann hat mich eingesperrt",
        "er geht auf uns los",
        "jemand verfolgt mich mit einem Messer",
        "er würgt mich",
    ],
    "ar": [
        "في حرامي بالبيت هلق",
        "ابن عمي بدو يقتل اخوي",
        "جوزي معو سكين وعم يصرخ",
        "زوجي حابسني بالغرفة",
        "عم يهجم علينا",
        "jozi ma3o sekkin",
        "bado yi2telna",
        "3am yekser el bab",
        "jozi 7abesni bel bet",
    ],
    "fa": [
        "دزد اومده تو خونه",
        "داره در رو میشکنه",
        "شوهرم چاقو دستشه",
        "گفته برادرمو بکشه",
        "منو زندانی کرده تو خونه",
        "shoharam chaghoo dare",
        "mikhad maro bekoshe",
        "nemizare beram biroon",
    ],
    "ru": [
        "кто-то ломится в квартиру",
        "у него нож, он пьяный",
        "муж грозится убить сына",
        "он запер меня в квартире и не выпускает",
        "сосед бегает с ножом по подъезду",
        "u nego nozh",
        "lomitsya v dver",
    ],
    "uk": [
        "хтось ломиться в двері",
        "у нього ніж",
        "він погрожує вбити мого брата",
        "чоловік замкнув мене в квартирі",
        "колишній вб'є мене",
        "u nyoho nizh",
        "pohrozhuie vbyty",
    ],
    "tr": [
        "evde hirsiz var",
        "kocam elinde bıçakla bağırıyor",
        "abimi oldurecek diyor",
        "beni odaya kilitledi",
        "bize saldırıyor şu an",
        "biri kapiyi zorluyor",
    ],
}

PERSON = [
    # en
    "I want to talk to a person please", "is there an actual human I can write to", "connect me to a person",
    "I'd rather speak to a caseworker",
    # de
    "kann ich mit einer echten Person sprechen", "bitte nicht mit dem Bot", "lieber mit jemandem aus dem Team",
    # ar
    "بدي احكي مع حدا من الفريق", "ممكن اتحدث مع موظف", "بدي انسان حقيقي مش روبوت", "mesh bot, bde 7ad 7a2i2i",
    "احچي ويا موظف رجاءً",
    # fa
    "میخوام با آدم حرف بزنم نه ربات", "ربات نمیخوام", "na robot, ba ye adam harf bezanam", "ba ye insan lotfan",
    # ru
    "можно с человеком пообщаться", "позовите оператора", "хочу с живым человеком, не с ботом", "s zhivym chelovekom",
    # uk
    "хочу поговорити з справжньою людиною", "покличте оператора", "z zhyvoyu lyudynoyu", "не хочу з ботом",
    # tr
    "gercek biriyle konusmak istiyorum", "bot degil insan istiyorum", "bir kişiyle konuşabilir miyim",
]

STRONG = [
    # en
    "can you check whether my application was processed", "is my residence card ready yet?",
    "what is the status of my application", "I have the file number, can you look at my case",
    # de
    "Können Sie nachschauen, ob mein Antrag bearbeitet wurde?", "Ist meine Aufenthaltskarte schon fertig?",
    "mein Aktenzeichen ist 123-45, wie ist der Stand meines Antrags",
    # ar
    "شو صار بطلبي؟ قدمت من شهرين", "هل اقامتي جاهزة؟", "عندي رقم الملف، ممكن تشوف ملفي", "shu sar b talabi",
    "e2amti jahze wala la2?",
    # fa
    "وضعیت پرونده من چی شده؟", "کارت اقامتم آماده شده؟", "شماره پرونده دارم", "vaziate parvandam chi shode",
    # ru
    "какой статус моего заявления", "готова ли моя карта ВНЖ", "у меня есть номер дела, проверьте мое заявление",
    "status moego zayavleniya",
    # uk
    "чи розглянули мою заяву?", "чи готова моя карта", "у мене є номер справи 555", "nomer spravy 1234, shcho tam?",
    # tr
    "başvurumun durumu nedir", "oturum kartim hazir mi", "dosya numaram 4455, dosyama bakabilir misiniz",
]

ORDINARY = [
    "how long does an application take",
    "where do I apply for a residence permit",
    "I'm done with the Jobcenter forms, what next?",
    "the Jobcenter is not answering my emails",
    "my landlord wants to end the contract",
    "wie lange dauert ein Antrag auf Wohngeld",
    "Das Jobcenter reagiert nicht auf meine Briefe",
    "welche Unterlagen brauche ich für den Antrag",
    "wo kann ich einen Kinderarzt finden",
    "كم بياخد وقت طلب الاقامة",
    "الجوب سنتر ما عم يرد علي",
    "وين بقدر اعمل طلب لم شمل",
    "bdi mo3ed bel ausländerbehörde",
    "درخواست اقامت چقدر طول میکشه",
    "اداره جواب نمیده",
    "kelas zaban kojast",
    "сколько рассматривают заявление на ВНЖ",
    "Джобцентр не отвечает на письма",
    "скільки чекати на рішення по заяві",
    "де знайти дитячого лікаря",
    "başvuru ne kadar sürer",
    "Jobcenter cevap vermiyor",
    "Jobcenter'daki kişiyle konuştum ama anlamadım",
    "the landlord is unresponsive to my emails",
    "mein Arbeitgeber lässt mich nicht gehen, ich will kündigen",
    "в квартире нечем дышать из-за плесени",
    "oturum izni için hangi belgeler lazım",
]


def _cases(groups: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(lang, text) for lang, texts in groups.items() for text in texts]


@pytest.mark.parametrize(("lang", "text"), _cases(MEDICAL))
def test_medical_situations(intents: IntentMatcher, lang: str, text: str) -> None:
    assert _kind(intents, text) == "medical", (lang, text)


@pytest.mark.parametrize(("lang", "text"), _cases(SUICIDE))
def test_suicide_situations(intents: IntentMatcher, lang: str, text: str) -> None:
    assert _kind(intents, text) == "suicide", (lang, text)


@pytest.mark.parametrize(("lang", "text"), _cases(VIOLENCE))
def test_violence_situations(intents: IntentMatcher, lang: str, text: str) -> None:
    assert _kind(intents, text) == "violence", (lang, text)


@pytest.mark.parametrize("text", PERSON)
def test_asks_for_a_person(intents: IntentMatcher, text: str) -> None:
    assert intents.wants_person(text), text


@pytest.mark.parametrize("text", STRONG)
def test_own_file_needs_a_caseworker(intents: IntentMatcher, text: str) -> None:
    assert intents.strong.search(f" {normalise(text)} "), text
    assert intents.is_complex(text, len(tokens(text)))


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_trigger_nothing(intents: IntentMatcher, text: str) -> None:
    assert intents.emergency_kind(text) is None, text
    assert not intents.wants_person(text), text
    assert not intents.strong.search(f" {normalise(text)} "), text


@pytest.mark.parametrize(
    "text",
    [
        "I need someone to talk to, I feel so alone",  # a crisis line, not the bot's caseworkers
        "بدي احكي مع حدا عن همومي",
        "mikham ba ye nafar harf bezanam ke mano befahme",
    ],
)
def test_needing_someone_to_talk_to_is_not_a_request_for_staff(intents: IntentMatcher, text: str) -> None:
    assert not intents.wants_person(text), text


def test_every_group_has_three_examples() -> None:
    for groups in (MEDICAL, SUICIDE, VIOLENCE):
        assert set(groups) == {"en", "de", "ar", "fa", "ru", "uk", "tr"}
        assert all(len(texts) >= 3 for texts in groups.values())
