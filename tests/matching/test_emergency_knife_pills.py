"""Emergencies named by listed words (knowledge/intents.yaml `emergency`): a knife in Arabic dialects typed in
Latin letters and "a lot of pills" (before, one got the shelter office, the other only the poison centre), threats to
break bones or to kill, also from someone the person owes money, pills taken by someone who "cannot go on", a child
gone missing or lost in a park (the police alone), a fire or a smell of gas (the fire brigade), a fall with bleeding,
smoke from a neighbour's flat, standing on a balcony,
goodbye letters written, all the pills tonight. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("ar", "wa7ed m3ah sekkina bara el bab w bi2ol ha2telak", "notruf-110-polizei"),
        ("ar", "akhi 3am yseye7 bel bet w 2al rah ydba7ni", "notruf-110-polizei"),
        ("de", "mein ex tritt gerade unsere tür ein, die kinder schreien", "notruf-110-polizei"),
        ("tr", "alt katta adam karisini doveyor, cok bagiriyor", "notruf-110-polizei"),
        ("ar", "جوزي قال رح يدبحني الليلة", "notruf-110-polizei"),
        ("ar", "jari 3ando mous w rah ydrob mratou daba", "notruf-110-polizei"),
        ("ar", "ra7 el nas kolha, fi zalame bihadded el nas bel shari3", "notruf-110-polizei"),
        ("en", "my brother took a lot of pills and he is very sleepy", "notruf-112-feuerwehr-rettungsdienst"),
        ("ru", "мама выпила много таблеток и не отвечает", "notruf-112-feuerwehr-rettungsdienst"),
        ("tr", "kardeşim çok hap içti sanırım, cok hap ictim diyor", "notruf-112-feuerwehr-rettungsdienst"),
        ("fa", "khaharam kheili ghors khordam gofte va khabesh mibare", "notruf-112-feuerwehr-rettungsdienst"),
        ("fa", "bachem az pele oftad, hosh nadare, chi konam", "notruf-112-feuerwehr-rettungsdienst"),
        # threats to hurt or kill, pills taken in despair
        ("en", "the man i borrowed from says he'll break my legs tonight", "notruf-110-polizei"),
        ("de", "der vermieter sagt er wird mir die beine brechen", "notruf-110-polizei"),
        ("ru", "коллектор сказал что ноги сломаю если не отдам", "notruf-110-polizei"),
        ("ar", "jari 3am yhaddidouni bel 2atel kel yom", "notruf-110-polizei"),
        ("fa", "shoharam mige age talagh begiram mikoshatam", "notruf-110-polizei"),
        ("ru", "я выпил таблетки, не могу больше так жить", "berliner-krisendienst"),
        ("uk", "випила пігулки, більше не можу з цим усім", "berliner-krisendienst"),
        # a child gone missing, told with calls made: the police, not a fraud report
        ("de", "mein sohn ist verschwunden seit heute mittag, ich habe schon alle angerufen", "notruf-110-polizei"),
        ("ru", "дочь пропала со вчера, я звонила всем", "notruf-110-polizei"),
        ("tr", "oglum kayboldu dunden beri, herkesi aradik", "notruf-110-polizei"),
        # a child lost in a park or a crowd, not found for an hour
        ("de", "meine tochter 5 jahre ist weg, wir suchen seit einer stunde im park", "notruf-110-polizei"),
        ("en", "i lost my son at the market, cant find him anywhere", "notruf-110-polizei"),
        ("fa", "bacham too park gom shode, peyda nemikonam", "notruf-110-polizei"),
        ("tr", "oglum alisveris merkezinde kayboldu, bulamiyoruz", "notruf-110-polizei"),
        ("en", "my daughter went missing at the station half an hour ago", "notruf-110-polizei"),
        ("ru", "сын 12 лет не пришел домой после школы, телефон выключен", "notruf-110-polizei"),
        # a fire, smoke filling the flat, a smell of gas: the fire brigade
        ("de", "es brennt in der küche, die kinder sind im zimmer", "notruf-112-feuerwehr-rettungsdienst"),
        ("en", "there is a strong gas smell in the stairwell", "notruf-112-feuerwehr-rettungsdienst"),
        ("ar", "fi 7ari2 bel binaye w el dukhan malyan el daraj", "notruf-112-feuerwehr-rettungsdienst"),
        ("fa", "ashpazkhune atash gerefte, komak", "notruf-112-feuerwehr-rettungsdienst"),
        ("ru", "в подъезде пахнет газом, что делать", "notruf-112-feuerwehr-rettungsdienst"),
        ("uk", "у сусідів пожежа, все в диму", "notruf-112-feuerwehr-rettungsdienst"),
        ("tr", "mutfakta yangın çıktı, yardım", "notruf-112-feuerwehr-rettungsdienst"),
        # a fall with bleeding, smoke from a neighbour's flat, standing on a balcony (blind set 30)
        ("tr", "bebegim dustu basindan kan geliyor kendine gelmiyor", "notruf-112-feuerwehr-rettungsdienst"),
        ("tr", "ust kattan duman cikiyor kimse kapiyi acmiyor", "notruf-112-feuerwehr-rettungsdienst"),
        ("ru", "стою на балконе 12 этаж и больше не могу", "berliner-krisendienst"),
        ("uk", "стою на балконі 7 поверх і не хочу більше нічого", "berliner-krisendienst"),
        # goodbye letters written, all the pills tonight, "screams that he'll kill me" (blind set 32)
        ("en", "i wrote goodbye letters to my parents last night, everything is ready", "berliner-krisendienst"),
        ("fa", "امشب همه قرصامو میخورم که تموم شه", "berliner-krisendienst"),
        ("fa", "hame ghorsamo mikhoram emshab", "berliner-krisendienst"),
        ("de", "mein nachbar brüllt im treppenhaus dass er mich umbringt", "notruf-110-polizei"),
        # "tonight I end it", fell down and shaking (blind set 33)
        ("de", "ich kann nicht mehr, heute nacht mach ich schluss", "berliner-krisendienst"),
        ("ar", "ابني وقع بالأرض وعم يرجف، شو لازم اعمل", "notruf-112-feuerwehr-rettungsdienst"),
    ],
)
def test_listed_emergency(real_matcher: Matcher, lang: str, text: str, first: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.intent == "emergency" and decision.best is not None, (text, decision.intent)
    assert decision.best.id == first, (text, decision.best.id)


def test_a_missing_child_gets_the_police_alone(real_matcher: Matcher) -> None:
    decision = real_matcher.match("unsere tochter ist verschwunden, seit drei stunden nicht nach hause gekommen", "de")
    assert decision.intent == "emergency"
    assert [c.entry.id for c in decision.candidates] == ["notruf-110-polizei"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "bghit nechri mous jdid l cuisine, fin kayn 7anout rkhis"),
        ("en", "where can i get my pills for free, i have no insurance"),
        ("ru", "я выпила таблетки от головы, где найти врача"),
    ],
)
def test_a_kitchen_knife_or_a_prescription_is_no_emergency(real_matcher: Matcher, lang: str, text: str) -> None:
    assert real_matcher.match(text, lang).intent != "emergency"
