"""Word cues for language detection without the user's choice (see `langid_latin`).

Frequent function words and everyday words of each language as newcomers type them, Arabic,
Persian, Russian and Ukrainian also in Latin letters (Arabizi, Finglish, translit), Turkish also
without its special letters. Russian and Ukrainian cues are also listed in Cyrillic and spelled in the
usual schemes (`romanise`): menya, menja and menia are one entry. Spellings are in `normalise` form (no
diacritics, ı -> i). A word typed alike in two languages ("ya", "ma", "salam") is listed in both, so it does not decide.
Office words are German nouns that every language borrows: they are evidence of no language.
"""

from __future__ import annotations

from .normalize import normalise
from .romanise import SCHEMES, romanise

_LATIN_RAW = {
    "de": """der die das den dem des ein eine einen einem einer und oder aber ich du er sie es wir ihr mich mir
        dich dir uns euch sich mein meine meinen meinem meiner dein deine sein seine ihre unser ist bin bist
        sind war hat habe haben hatte kann konnen muss mussen soll will mochte brauche braucht also wo wie
        was wer wann warum welche welcher woher wohin ob wenn dass weil auch noch schon nur sehr hier dort
        nicht kein keine keinen nein ja bitte mal denn doch jetzt heute gibt geht gehen mache machen in im
        an am auf aus bei mit nach von vom zu zum zur fur uber unter vor um bis ohne man jemand etwas viel
        mehr hallo hilfe helfen bekomme bekommen finde finden danke guten tag morgen frau mann kinder sohn
        tochter arbeit wohnung geld gern gerne kein nix nichts neue neuen alle immer""",
    "en": """the a an and or but i you he she it we they me my your his our their them us is am are was were be
        been have has had do does did don didn can could should would will must may need needs want where
        how what who when why which if that this these those there here also too very so just only not no
        yes please now today in on at to for from of by with about get got give go going make find help
        someone something anything any much many more hello hi thanks thank im dont cant whats where wheres
        my wife husband child children son daughter work job apartment flat money war free near best opening
        hours apply appointment without""",
    "tr": """ve veya ile bir bu su o ben sen biz siz onlar benim senin bizim sizin nerede nerde nereye nereden
        nasil neden niye kim hangi mi mu ya icin gibi kadar daha cok az ama fakat sadece lutfen evet hayir
        yok var istiyorum isterim lazim gerek gerekli gerekiyor olur olmaz olabilir yapmak yapabilirim
        yardim yardimci merhaba selam tesekkur tesekkurler sagol ne degil bana beni bize sana ona onu bunu
        simdi hemen bugun yarin sonra once hic burada orada param para ev evim ailem annem babam cocuk
        cocugum cocuklar esim kocam karim okul hastane doktor randevu basvuru belge belgeler kimlik oturum
        izni izin calisma kira mektup geldi gelmedi aldim diyor dedi acil kayit almanca turkce de""",
    "ar": """ana ena enta inta enti inti huwe howa hiye hiya ehna ne7na e7na ni7na ahna shu sho shou esh eish ish
        wein wen fein fen feen kif keef kifak kifik kaif ezay izay ezzay izzay lesh leish laish leh lah bdi
        baddi biddi badi bidi bade bdna bidna baddna badna 3ayez 3ayz 3ayza 3awez abgha ab8a el il al bl bel
        fil fi fe lal 3al 3a ma mish mesh msh mush la laa la2 aw w wa b bas bass kteer ktir kter ktiir shway
        shwai shwaya hayda hayde hada hadi hadol hek heik keda kida kda ya3ni yaani yani ya 3ala ala ma3 m3
        mn mnl 3an 3nd 3end 3and 3andi andi 3ndi mumken mumkin momken mmkn lazem lazim lazm ba3d ba3den b3d
        halla halla2 hala2 lissa lessa lsa kaman kamaan kman bukra bokra mbare7 embare7 elyom lyom inshallah
        inshalla nshalla yalla wallah walla wallahi habibi 7abibi shukran shokran marhaba mar7aba ahlan
        salam mafi mafe mafeesh mafish mafesh shi shy eshi ishi 7aga haga shaghle shughl shoghl shoghol
        3amal a3mel a3ml ba3mel sheghl 3eyle 3ayle ebni ibni binti zawji zoji marti wlad awlad madrase
        madrasa dawle flus fulus masari almanya almania mnrou7 rou7 ru7 ro7 ruh jeet jit ejit wselt 3mlt
        sarli sar sarlna snin sneen hon hone hena hnak chno chnou chnu dyal dial ghadi bghit bghina bghat
        daba 3lach kifach kifash mzyan bzaf hna ghda khassni khasni shinu shino shlon shloon aku maku hwaya
        kulish agdar bagdar yegdar shunu dayir dayra delwa2ti delwa2ty dlwa2ty majani majjani""",
    "fa": """man ma shoma u un oon ina una oona koja kojast chetor chetori chejori chetore chi chie chiye chist
        chera chand chanta chandta chikar chekar chizi ya va vali amma agar aya ham faghat fght kheili
        kheyli khyli khili khob khub khoob bayad baraye bara vase vaseye vasat dar az ba ke ta tu ro ra mano
        maro toro shomaro ino uno oono inja unja oonja alan farda diruz dirooz emruz emrooz hafte mah sal
        salam mamnun mamnoon merci mersi lotfan lotfa tashakor tashakkor tashakur motshakeram mamnunam kar
        khune khoone khane pul pool bache bacheha bachem zan shohar shoharam hamsar hamsaram madar pedar
        pesar pesaram dokhtar dokhtaram bimarestan madrese kelas almani farsi dari irani afghan afghani
        afghanestan iran panahandegi panahande eghamat ejaze ejazeh sabt nam nameh komak dard daru davaa
        bime hanuz hanooz hamin hame hich dige digeh digar bedun bedoon bedune bedoone aval baad chon chun
        ham hast hastam hasti hastim hastid hastan hastand nist nistam nisti nistim daram dari dare darim
        darid daran darand nadaram nadari nadare nadarim nadarid nadaran mishe nemishe mikham nemikham
        mitunam mitoonam nemitunam nemitoonam midunam midoonam nemidunam nemidoonam beram bere berim bedam
        bede bedin bedid begam bege begiram begire bekonam bekone bekoni konam koni kone konim konid konan
        kardan kard shod mikonam nemikonam biam biyam bia biya bekhoram bekhunam bebinam begir bebin bokon
        bekon bezan bego residam umadam oomadam omadam amadam budam boodam javab tamdid peyda kuja ast astom
        astam mekhahom mekhaham mikhaham mekhayom khoobi khubi hamishe hamisha inghadr inqadr ingadr baray
        dukhtar dukhtarem mekonom mekona nadarom darom emshab natije midoonin majani majjani arzun arzoon
        sorakh khanumam khanoomam hushesh kie""",
    "ru": """kak gde chto shto mne nuzhno nuzhen nuzhna nado mozhno pozhaluysta pozhalujsta pozhalusta spasibo
        privet zdravstvuyte zdravstvujte poluchit sdelat naiti nayti oformit zapisatsya pomogite pomoch
        pomosch pomoshch eto est net menya dlya ya vy oni moy moi moya moyu kogda pochemu zachem kuda skolko
        kakoy kakie kakaya mozhet mogu khochu hochu ponimayu znayu ochen uzhe seichas seychas zdes rebenok
        rebenka deti detey rabota rabotu kvartira kvartiru vrach vracha bolnitsa dokumenty posobie dengi ili
        ne na iz ot pri bez ya""",
    "uk": """yak de shcho scho shco meni mene potribno treba mozhna bud laska dyakuyu diakuiu dyakuju pryvit
        vitayu otrymaty zrobyty znayty znaity oformyty dopomozhit dopomoha dopomohu tse tsey tsya ye nemaye
        nema chy abo ta vid dlya koly chomu kudy skilky yakyi yaka yaki mozhu khochu duzhe vzhe zaraz dytyna
        dytyny dity robota robotu kvartyra kvartyru likar likarya likarnia dokumenty hroshi groshi ne na iz
        pry bez ya""",
}

# Russian and Ukrainian cue words in Cyrillic, added to LATIN_WORDS as each `romanise` scheme spells them
# (menya, menja, menia; shcho, scho): function words, family, work, money, housing, health, papers, time
_TRANSLIT_RAW = {
    "ru": """я меня мне мной мы нас нам вы вас вам он она они его её их мой моя моё мои мою моего наш наша наши ваш
        это этот эта эти этого там тут здесь сейчас теперь уже ещё очень только тоже также всё все всегда никогда
        ничего никто кто что чтобы где куда откуда когда как какой какая какое какие какую сколько почему зачем
        можно нельзя надо нужно нужен нужна нужны хочу хотим хочет могу можем может можете знаю понимаю живу
        живём был была было были будет буду есть нет или и в во на по при от из без для про через после
        пожалуйста спасибо здравствуйте привет помогите помощь помочь подскажите муж мужа жена жену сын сына
        дочь дочка дочке ребёнок ребенка дети детей детям работа работы работу работе работать работодатель
        зарплата зарплату деньги денег квартира квартиру квартиры жильё общежитие общаге общага врач врача
        врачу больница больницу болит больно скорая скорую скорой полиция полицию документы документов
        паспорт справка справку письмо письма язык немецкий немецкого курсы школа школу школе садик
        страховка страховки пособие бесплатно бесплатный суд срок месяц месяца года недели сегодня завтра
        вчера срочно получить сделать оформить записаться найти подать ищу ждать платит платят бьёт угрожает
        больше плохо хорошо около другой другие вообще добрый день скажите извините счёт""",
    "uk": """я мене мені мною ми нас нам ви вас вам він вона воно вони його її їх мій моя моє мої мою наш наша наші
        ваш це цей ця ці цього там тут зараз тепер вже ще дуже тільки лише теж також все всі завжди ніколи
        нічого ніхто хто що щоб де куди звідки коли як який яка яке які яку скільки чому навіщо можна треба
        потрібно потрібен потрібна потрібні хочу хочемо хоче можу можемо може знаю розумію живу живемо був
        була було були буде буду є немає нема чи або і в у на по при від з із без для про через після будь
        ласка дякую привіт допоможіть допомога допомогти допомогу підкажіть чоловік чоловіка дружина
        дружину син сина донька доньці дитина дитини дитину діти дітей дітям робота роботи роботу роботі
        працювати працюю роботодавець зарплата зарплату гроші грошей квартира квартиру квартири житло
        гуртожиток гуртожитку лікар лікаря лікарю лікарня лікарні болить боляче швидка швидку швидкої
        поліція поліцію документи документів паспорт довідка довідку мова мову мови німецька німецької
        німецькою українською курси школа школу школі садочок страховка страховки безкоштовно
        безкоштовна безкоштовний суд місяць місяця рік року років тижня сьогодні завтра вчора терміново
        отримати зробити оформити записатися знайти подати шукаю чекати платить платять б'є погрожує
        більше погано добре біля інший інші іншим добрий день скажіть вибачте рахунок навчання""",
}
# Spellings that are everyday German, English or Turkish words more often than they are these
_TRANSLIT_NOT = frozenset({"bet", "da", "so", "was", "tam", "tut"})  # tut weh; tam zamanli

# German office nouns, Berlin places and German course levels: every language borrows them
_OFFICE_RAW = """jobcenter jobcentre anmeldung abmeldung ummeldung burgeramt buergeramt auslanderbehorde
    auslaenderbehoerde abh lea lageso laf bamf sozialamt jugendamt finanzamt standesamt gesundheitsamt
    wohnungsamt kita kitas gutschein kindergeld elterngeld burgergeld buergergeld wohngeld wbs termin
    aufenthalt duldung schufa kaution miete minijob ausbildung praktikum anerkennung willkommensklasse
    rathaus hauptbahnhof bahnhof ubahn sbahn bvg deutschlandticket berlinpass berlin mitte charlottenburg
    wilmersdorf moabit wedding neukolln kreuzberg spandau tegel tempelhof antrag formular bescheid
    anhorung inkasso mahnung gez bafog vhs tafel frauenhaus heim unterkunft amt behorde a1 a2 b1 b2 c1 c2
    jobcenters"""

# Endings of German compounds that name an office, a paper or a place (Aufenthaltsgestattung,
# Wohnungsgeberbestätigung, Alexanderplatz); -ung nouns this long are German, not English
OFFICE_SUFFIXES = (
    "amt", "amter", "behorde", "geld", "schein", "bescheinigung", "erlaubnis", "gestattung", "kurs",
    "antrag", "stelle", "dienst", "beauftragte", "beauftragter", "bestatigung", "versicherung", "kasse",
    "zentrum", "platz", "strasse", "damm", "allee", "ticket", "vertrag", "leistungen", "center", "ung",
)
OFFICE_SUFFIX_MIN_LENGTH = 8  # "Wohnung" and "Termin" are listed; shorter words with these endings are common words


def _words(raw: str) -> frozenset[str]:
    return frozenset(word for token in raw.split() for word in normalise(token).split())


def _romanised(raw: str, lang: str) -> frozenset[str]:
    """The words of `raw` in each scheme of `romanise`, without soft signs and apostrophes (as `votes` reads
    pis'mo: one word)."""
    spelled = {romanise(word, lang, scheme).replace("'", "") for word in raw.split() for scheme in SCHEMES}
    return _words(" ".join(spelled)) - _TRANSLIT_NOT


LATIN_WORDS: dict[str, frozenset[str]] = {
    lang: _words(raw) | (_romanised(_TRANSLIT_RAW[lang], lang) if lang in _TRANSLIT_RAW else frozenset())
    for lang, raw in _LATIN_RAW.items()
}
OFFICE_WORDS: frozenset[str] = _words(_OFFICE_RAW)

# Cyrillic words that only one of the two languages writes (both write я, на, не, можна/можно differ)
CYRILLIC_WORDS: dict[str, frozenset[str]] = {
    "uk": _words(
        """що як мені мене де чи треба потрібно потрібна потрібен будь ласка дякую це цей ця є та й або
        від коли куди чому скільки який яка яке які хто мій моє мої можна можу дуже вже зараз
        тільки лише якщо нема немає ні допоможіть допомога привіт отримати зробити знайти подати
        оформити дитина дитини діти робота роботу лікар лікаря лікарня гроші довідка довідку сім'я але
        щоб з зі із чого"""
    ),
    "ru": _words(
        """что как мне где нужно нужна нужен надо пожалуйста спасибо это этот эта эти есть или кто когда
        куда почему сколько какой какая какое какие мой мое мои можно могу очень уже сейчас здесь
        только если нет да помогите помощь привет здравствуйте получить сделать найти подать оформить
        ребенок ребенка дети работа работу врач врача больница деньги справка справку семья но чтобы
        ли и с со чего чем"""
    ),
}

# Endings of one of the two: Russian -ние/-ать/-ое (получение, начать, немецкое), Ukrainian -ння/-ати
# (отримання, чекати); counted on words of at least CYRILLIC_ENDING_MIN_LENGTH letters
CYRILLIC_ENDINGS: dict[str, tuple[str, ...]] = {
    "uk": ("ння", "ати", "ити", "ячи"),
    "ru": ("ние", "ния", "нию", "ое", "ая", "ать", "ять", "еть", "ется", "ешь"),
}
CYRILLIC_ENDING_MIN_LENGTH = 4

# Persian words that Arabic spells alike are left out; these are Persian only
ARABIC_SCRIPT_PERSIAN_WORDS: frozenset[str] = _words(
    """است هست هستم نیست نيست میخواهم ميخواهم میخوام ميخوام میشه ميشه میتونم ميتونم را رو که كه
    برای براي چطور کجا كجا چی چرا دارم ندارم کنم كنم بکنم بكنم شده بود خیلی خيلي باید بايد"""
)
