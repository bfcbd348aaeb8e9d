"""Berlin district and locality names, and the words around them in "ich wohne in Moabit".

Latin names are normalised and written without spaces or hyphens ("Prenzlauer Berg" ->
"prenzlauerberg"); Cyrillic is compared after transliteration (Моабит -> moabit), Arabic and
Persian script through the explicit spellings below. Localities (Ortsteile) follow the official
division of Berlin's twelve districts.
"""

from __future__ import annotations

MITTE = "mitte"
CW = "charlottenburg-wilmersdorf"
OUTSIDE = "outside"

LATIN: dict[str, str] = {
    **dict.fromkeys(("mitte", "moabit", "wedding", "tiergarten", "gesundbrunnen", "hansaviertel"), MITTE),
    **dict.fromkeys(
        (
            "charlottenburg", "wilmersdorf", "westend", "halensee", "grunewald", "schmargendorf",
            "charlottenburgnord", "charlottenburgwilmersdorf",
        ),
        CW,
    ),
    **dict.fromkeys(
        (
            # Friedrichshain-Kreuzberg
            "friedrichshain", "kreuzberg", "friedrichshainkreuzberg", "xberg",
            # Pankow
            "pankow", "prenzlauerberg", "prenzlberg", "weissensee", "heinersdorf", "karow", "blankenburg",
            "blankenfelde", "franzosischbuchholz", "niederschonhausen", "rosenthal", "wilhelmsruh",
            # Spandau
            "spandau", "haselhorst", "siemensstadt", "staaken", "gatow", "kladow", "hakenfelde",
            "falkenhagenerfeld", "wilhelmstadt",
            # Steglitz-Zehlendorf
            "steglitz", "zehlendorf", "steglitzzehlendorf", "lichterfelde", "lankwitz", "dahlem",
            "nikolassee", "wannsee",
            # Tempelhof-Schöneberg
            "tempelhof", "schoneberg", "tempelhofschoneberg", "friedenau", "mariendorf", "marienfelde",
            "lichtenrade",
            # Neukölln
            "neukolln", "britz", "buckow", "rudow", "gropiusstadt",
            # Treptow-Köpenick
            "treptow", "kopenick", "treptowkopenick", "alttreptow", "planterwald", "baumschulenweg",
            "johannisthal", "niederschoneweide", "oberschoneweide", "schoneweide", "altglienicke",
            "adlershof", "bohnsdorf", "friedrichshagen", "rahnsdorf", "grunau", "muggelheim",
            "schmockwitz",
            # Marzahn-Hellersdorf
            "marzahn", "hellersdorf", "marzahnhellersdorf", "biesdorf", "kaulsdorf", "mahlsdorf",
            # Lichtenberg
            "lichtenberg", "friedrichsfelde", "karlshorst", "rummelsburg", "fennpfuhl", "hohenschonhausen",
            "neuhohenschonhausen", "althohenschonhausen", "malchow", "wartenberg", "falkenberg",
            # Reinickendorf
            "reinickendorf", "tegel", "wittenau", "markischesviertel", "hermsdorf", "frohnau",
            "heiligensee", "konradshohe", "waidmannslust", "lubars", "borsigwalde",
        ),
        OUTSIDE,
    ),
    # Spellings seen in messages and from transliterating Cyrillic
    **dict.fromkeys(("moabet", "vedding", "weding", "gesundbrunen", "tirgarten", "hansafirtel"), MITTE),
    **dict.fromkeys(
        ("sharlottenburg", "charlotenburg", "charlottenbourg", "vilmersdorf", "wilmesdorf", "vestend",
         "khalenzee", "gryuneval", "gruneval", "shmargendorf"),
        CW,
    ),
    **dict.fromkeys(
        ("kroytsberg", "kroitsberg", "kreuzburg", "noykeln", "neukoln", "noikoln", "shpandau", "pankov",
         "prentslauerberg", "likhtenberg", "martsan", "raynikendorf", "shteglits", "tselendorf", "tsehlendorf",
         "tempelkhof", "sheneberg", "shoneberg", "fridrikhskhayn", "fridrichshain", "kepenik", "koepenik",
         "treptov", "tegel", "veyssenze", "kladov", "shpandaw"),
        OUTSIDE,
    ),
}

# Arabic and Persian script, after normalise() (ی -> ي, ک -> ك, آ -> ا).
ARABIC: dict[str, str] = {
    **dict.fromkeys(
        ("ميته", "ميتي", "ميتيه", "موابيت", "موابت", "فيدينغ", "فيدنغ", "ويدينغ", "ودينگ", "ودينگ", "وِدینگ",
         "فدينگ", "تيرغارتن", "تيرگارتن", "غيزوندبرونن", "گزوندبرونن", "هانزافيرتل"),
        MITTE,
    ),
    **dict.fromkeys(
        ("شارلوتنبورغ", "شارلوتنبورگ", "شارلوتنبرغ", "شارلوتنبرگ", "فيلمرسدورف", "ويلمرسدورف",
         "ولمرسدورف", "ويستند", "وستند", "هالنزيه", "هالنزه", "غرونفالد", "گرونوالد", "شمارغندورف"),
        CW,
    ),
    **dict.fromkeys(
        ("كرويتسبرغ", "كرويتسبرگ", "كرويزبرغ", "كرويزبرگ", "نويكولن", "نويكلن", "نوي كولن", "شبانداو",
         "اشپانداو", "شپانداو", "بانكوف", "پانكوف", "پانكو", "برينزلاور", "ليشتنبرغ", "ليشتنبرگ",
         "ليختنبرغ", "ليختنبرگ", "مارتسان", "مارزان", "راينيكندورف", "راينكندورف", "شتيغليتس",
         "اشتگليتس", "تسيليندورف", "تسلندورف", "تمبلهوف", "تمپلهوف", "شونبرغ", "شونبرگ", "شونيبرغ",
         "فريدريشهاين", "فريدريشسهاين", "فريدريشهاين", "كوبنيك", "كوپنيك", "تريبتو", "ترپتو", "تيغل",
         "تگل", "تيگل", "اشپاندائو"),
        OUTSIDE,
    ),
}

# Words around a place name that do not make the message a question: "ich wohne in", "я живу в",
# "انا ساكن في", "من در ... زندگی میکنم", "... oturuyorum". No articles or possessives: "in der Mitte"
# is "in the middle" and "my wedding" is a wedding.
_FILLER_BY_LANGUAGE = (
    "ich wir wohne wohnen lebe leben bin sind in im bei aus nahe jetzt gerade zurzeit momentan wohnung heim "
    "unterkunft bezirk ortsteil kiez berlin hier bitte ja hallo danke",
    "i we live living am are in at from near now currently district area berlin here please yes hi",
    "انا احنا نحن ساكن ساكنه ساكنين اسكن نسكن عايش عايشه عايشين قاعد في من ب منطقه حي برلين "
    "هون هنا حاليا الان نعم مرحبا",
    "من ما در تو ساكن هستم هستيم زندگي ميكنم ميكنيم مي كنم منطقه محله برلين خونه خانه ام الان بله",
    "я мы живу живем живём проживаю в во на из район районе берлин берлине сейчас тут здесь да привет",
    "я ми живу живемо мешкаю у в з із на район районі берлін берліні зараз тут так привіт",
    "ben biz oturuyorum oturuyoruz yasiyorum yasiyoruz de da te ta semt semti semtinde ilce ilcesi berlin berlinde "
    "simdi evim evet merhaba",
)
FILLER = frozenset(word for line in _FILLER_BY_LANGUAGE for word in line.split())
