"""Free-text search over the organisation directory: "Afghan associations in Mitte", "جمعية سورية".

Each word of the message (normalised like the matcher's, function words, place names and generic
words such as "association" dropped; as written and as its Snowball stem) is compared with
rapidfuzz against the words of an organisation's name, communities, themes and keywords, and of
its description in the user's language. A word counts with the weight of the field it is found
in (plus a little for each further field); an organisation's score is the sum. Nothing is returned
when no organisation reaches SEARCH_MIN_SCORE.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.matching.index import stem
from bot.matching.normalize import normalise, script_of, tokens
from bot.matching.places import district_in, is_place_word
from bot.matching.stopwords import FUNCTION_WORDS

from .directory_schema import Organisation
from .model import KnowledgeBase

# One word found (near-)exactly in a name, community or keyword scores 1.0 and is enough; a word
# found only in a description (0.6) is not: descriptions share everyday words ("Berlin", "help").
SEARCH_MIN_SCORE = 0.8
# rapidfuzz ratio (0-100) from which two words count as the same: "ukrainische" ~ "ukrainisch" (95),
# "сирийских" ~ "сирийский" (89); "kurdish" ~ "turkish" (71) stays apart.
WORD_SIMILARITY_MIN = 84
# A message word that begins a longer word of the organisation ("eltern" in "elterngruppe") counts
# this much; shorter words would match too much.
PREFIX_MIN_LENGTH = 5
PREFIX_SIMILARITY = 90
# Where a word is found, and how much that says about the organisation.
WEIGHT_NAME = 1.0  # name, alternate name, communities, keywords in the user's language
WEIGHT_OTHER_KEYWORDS = 0.8  # themes, keywords written for another language
WEIGHT_DESCRIPTION = 0.6
# A word found in a second field too (keywords and description) says the organisation is about it:
# a small bonus that orders organisations which would otherwise tie, never enough to pass alone.
ALSO_FOUND_WEIGHT = 0.25

# Words that every organisation could carry; they say nothing about which one is meant.
_GENERIC = """
    verein vereine vereinen ev association associations organisation organisations organization
    organizations group groups gruppe gruppen community communities gemeinschaft initiative initiativen
    club clubs netzwerk network near nahe nahe bei mir
    جمعية جمعيات منظمة منظمات مجموعة جالية
    انجمن انجمنها سازمان گروه
    товариство організація організації громада спільнота група групу
    общество организация организации объединение община группа группу
    dernek dernegi dernekler grup toplulugu
"""
GENERIC_WORDS: frozenset[str] = frozenset(normalise(word) for word in _GENERIC.split())


def serves_district(org: Organisation, district: str) -> bool:
    """The organisation is in the district, or serves all of Berlin."""
    return district in org.districts or "berlin" in org.service_areas


def _stem_languages(token: str, lang: str) -> tuple[str, ...]:
    """The Snowball stemmers for a word: the user's language where the script fits it, else the script's."""
    script = script_of(token)
    if script == "arabic":
        return (lang,) if lang in ("ar", "fa") else ("ar",)
    if script == "cyrillic":
        return (lang,) if lang in ("uk", "ru") else ("ru",)
    return (lang,) if lang in ("de", "en", "tr") else ("de", "en")


def word_forms(token: str, lang: str) -> set[str]:
    """A word and its stems: "العربيات" and "عربية" meet as "عرب", "للنساء" and "نساء" as "نساء"."""
    return {token, *(stem(token, code) for code in _stem_languages(token, lang))}


def _words(texts: Iterable[str], lang: str) -> set[str]:
    return {form for text in texts for token in tokens(text.replace("-", " ")) for form in word_forms(token, lang)}


def _fields(org: Organisation, lang: str) -> list[tuple[float, set[str]]]:
    texts = org.texts(lang)
    others = [kw for code, t in org.translations.items() if code != lang for kw in t.keywords]
    return [
        (WEIGHT_NAME, _words([org.name, org.alternate_name or "", *org.communities, *texts.keywords], lang)),
        (WEIGHT_OTHER_KEYWORDS, _words([*org.themes, *others], lang)),
        (WEIGHT_DESCRIPTION, _words([texts.description], lang)),
    ]


def _similarity(word: str, candidates: set[str]) -> float:
    if word in candidates:
        return 100.0
    best = process.extractOne(word, candidates, scorer=fuzz.ratio)
    score = best[1] if best else 0.0
    if len(word) >= PREFIX_MIN_LENGTH and any(c.startswith(word) for c in candidates):
        score = max(score, PREFIX_SIMILARITY)
    return score if score >= WORD_SIMILARITY_MIN else 0.0


def query_words(text: str) -> list[str]:
    """The words of a search message that can tell organisations apart."""
    return [t for t in tokens(text) if t not in FUNCTION_WORDS and t not in GENERIC_WORDS and not is_place_word(t)]


def score_organisation(org: Organisation, words: list[str], lang: str) -> float:
    fields = _fields(org, lang)
    total = 0.0
    for word in words:
        forms = word_forms(word, lang)
        per_field = sorted(
            (max((weight * _similarity(form, found) / 100 for form in forms), default=0.0) for weight, found in fields),
            reverse=True,
        )
        if per_field:
            total += per_field[0] + ALSO_FOUND_WEIGHT * sum(per_field[1:])
    return total


def search_organisations(
    kb: KnowledgeBase, text: str, lang: str, district: str | None = None, limit: int = 5
) -> tuple[Organisation, ...]:
    """Active organisations that fit the message, best first; empty when none fits well.

    A district named in the message ("... in Mitte") filters like `district` when none is given:
    organisations there or serving all of Berlin.
    """
    district = district or district_in(text)
    words = query_words(text)
    if not words:
        return ()
    scored = []
    for org in kb.organisations:
        if not org.active or (district is not None and not serves_district(org, district)):
            continue
        score = score_organisation(org, words, lang)
        if score >= SEARCH_MIN_SCORE:
            located = district is not None and district in org.districts
            scored.append((-score, not located, org.name.casefold(), org))
    scored.sort(key=lambda row: row[:3])
    return tuple(row[3] for row in scored[:limit])
