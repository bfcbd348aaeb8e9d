"""Free-text search over the organisation directory: "Afghan associations in Mitte", "جمعية سورية".

The message is read with the community vocabulary (knowledge/organisations/communities.yaml):
- **A community named** ("Vietnamese", "للسوريين", "ukrainsk*") decides who can be returned: only organisations
  serving it, a broader community of it (syrian -> arab) or a narrower one (arab -> syrian). A community without
  an organisation gives nothing: "none found, here is how to browse" is better than someone else's association.
  The other words (themes, names) only rank them.
- **Without a community**, theme words ("women", "للنساء", "molodezhnaya") select organisations with that theme,
  and the remaining words must be found in a name, alternate name, community, theme or a keyword of the user's
  language; a word found only in a description or in another language's keywords orders, never selects.

Dropped before matching: function words, place names, generic words ("association"), the vocabulary's everyday
words ("help", "children learn") and, data-driven, any word found in the fields of many organisations
(COMMON_SHARE): such a word says "an organisation", not which one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.matching.index import stem
from bot.matching.normalize import normalise, script_of, tokens
from bot.matching.places import district_in, is_place_word
from bot.matching.stopwords import FUNCTION_WORDS

from .directory_schema import Organisation
from .model import KnowledgeBase
from .vocabulary import Vocabulary, compile_words, find_in

# A theme word or a word found (near-)exactly in a name, community, theme or keyword of the user's language
# scores 1.0 and is enough; a word found elsewhere adds ALSO_FOUND_WEIGHT and is not (0.25 < 0.8).
SEARCH_MIN_SCORE = 0.8
# rapidfuzz ratio (0-100) from which two words count as the same: "ukrainische" ~ "ukrainisch" (95),
# "сирийских" ~ "сирийский" (89); "kurdish" ~ "turkish" (71) stays apart.
WORD_SIMILARITY_MIN = 84
# A message word that begins a longer word of the organisation ("eltern" in "elterngruppe") counts
# this much; shorter words would match too much.
PREFIX_MIN_LENGTH = 5
PREFIX_SIMILARITY = 90
WEIGHT_THEME = 1.0  # the organisation has a theme the message names ("women's group")
# A word found in another language's keywords or in the description: orders organisations that would
# otherwise tie, never enough to select one (descriptions share everyday words: "Berlin", "help").
ALSO_FOUND_WEIGHT = 0.25
# Serving the named community itself ranks above serving only its broader or narrower community
# (for "Syrian": the Syrian associations before the Arab ones).
WEIGHT_COMMUNITY = 1.0
WEIGHT_RELATED_COMMUNITY = 0.5
# IDF-style cut: a word found in the selecting fields of more than this share of the active organisations
# (and of at least COMMON_MIN_ORGS) tells none apart ("Afghanistan" in six keyword lists, "Kultur" in ten).
# A share, not a fixed list, so it follows the directory as it grows; the minimum keeps a small directory
# (the tests' four organisations) from losing every word.
COMMON_SHARE = 0.2
COMMON_MIN_ORGS = 3

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


@dataclass(frozen=True)
class Query:
    """What a search message says: the communities and themes it names and its other telling words."""

    communities: frozenset[str]
    themes: frozenset[str]
    words: tuple[str, ...]


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


def _fields(org: Organisation, lang: str) -> tuple[set[str], set[str]]:
    """The words that can select the organisation, and those that only order it."""
    texts = org.texts(lang)
    others = [kw for code, t in org.translations.items() if code != lang for kw in t.keywords]
    selecting = [org.name, org.alternate_name or "", *org.communities, *org.themes, *texts.keywords]
    return _words(selecting, lang), _words([*others, texts.description], lang)


def _similarity(word: str, candidates: set[str]) -> float:
    if word in candidates:
        return 100.0
    best = process.extractOne(word, candidates, scorer=fuzz.ratio)
    score = best[1] if best else 0.0
    if len(word) >= PREFIX_MIN_LENGTH and any(c.startswith(word) for c in candidates):
        score = max(score, PREFIX_SIMILARITY)
    return score if score >= WORD_SIMILARITY_MIN else 0.0


def _found(word: str, fields: set[str], lang: str) -> float:
    return max((_similarity(form, fields) / 100 for form in word_forms(word, lang)), default=0.0)


@lru_cache(maxsize=4)  # one list per loaded knowledge base
def _asking_words(words: tuple[str, ...]) -> tuple[object, ...]:
    return compile_words(("", word) for word in words)


def read_query(vocabulary: Vocabulary, text: str, asking: tuple[str, ...] = ()) -> Query:
    """The communities, themes and remaining telling words of a message (before the common-word cut).

    `asking` are the words that ask for an organisation at all (`organisation:` in knowledge/intents.yaml:
    "jam3iya", "obshchina", "anjoman"); like the generic words they say nothing about which one.
    """
    words = tokens(text)
    named = vocabulary.communities_in(words)
    themes = vocabulary.themes_in(words, named.positions)
    taken = named.positions | themes.positions
    taken |= vocabulary.everyday_in(words, taken)
    taken |= find_in(_asking_words(asking), words, taken).positions  # type: ignore[arg-type]
    rest = tuple(
        w for i, w in enumerate(words)
        if i not in taken and w not in FUNCTION_WORDS and w not in GENERIC_WORDS and not is_place_word(w)
    )
    community_themes = {vocabulary.communities[c].theme for c in named.labels} - {None}
    return Query(named.labels, themes.labels | frozenset(t for t in community_themes if t), rest)


def query_words(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The words of a search message that can tell organisations apart by name or keyword."""
    return list(read_query(vocabulary or Vocabulary(), text).words)


def score_organisation(
    org: Organisation, words: Iterable[str], lang: str, fields: tuple[set[str], set[str]] | None = None
) -> tuple[float, float]:
    """(selecting, ordering) score of the words: found in selecting fields, and found only elsewhere."""
    selecting, ordering = fields or _fields(org, lang)
    chosen = extra = 0.0
    for word in words:
        found = _found(word, selecting, lang)
        chosen += found
        if not found:
            extra += ALSO_FOUND_WEIGHT * _found(word, ordering, lang)
    return chosen, extra


def _telling(words: tuple[str, ...], selecting: list[set[str]], lang: str) -> tuple[str, ...]:
    """The words without those found in the selecting fields of many organisations (the IDF-style cut)."""
    limit = max(COMMON_MIN_ORGS, COMMON_SHARE * len(selecting))
    return tuple(w for w in words if sum(1 for f in selecting if _found(w, f, lang)) <= limit)


def _community_score(org: Organisation, named: frozenset[str], vocabulary: Vocabulary) -> float:
    total = 0.0
    for community in named:
        if community in org.communities:
            total += WEIGHT_COMMUNITY
            continue
        related = vocabulary.broader(community) | vocabulary.narrower(community)
        words = vocabulary.communities[community]
        if (
            related & set(org.communities)
            or (words.theme is not None and words.theme in org.themes)
            or set(words.languages) & set(org.languages)
        ):
            total += WEIGHT_RELATED_COMMUNITY
    return total


def search_organisations(
    kb: KnowledgeBase, text: str, lang: str, district: str | None = None, limit: int = 5
) -> tuple[Organisation, ...]:
    """Active organisations that fit the message, best first; empty when none fits well.

    A district named in the message ("... in Mitte") filters like `district` when none is given:
    organisations there or serving all of Berlin.
    """
    district = district or district_in(text)
    query = read_query(kb.vocabulary, text, kb.intents.organisation)
    if not query.communities and not query.themes and not query.words:
        return ()
    active = [org for org in kb.organisations if org.active]
    fields = {org.id: _fields(org, lang) for org in active} if query.words else {}
    words = _telling(query.words, [f[0] for f in fields.values()], lang)
    scored = []
    for org in active:
        if district is not None and not serves_district(org, district):
            continue
        chosen, extra = score_organisation(org, words, lang, fields.get(org.id, (set(), set())))
        chosen += WEIGHT_THEME * len(query.themes & set(org.themes))
        if query.communities:
            community = _community_score(org, query.communities, kb.vocabulary)
            if community <= 0:
                continue
        elif chosen >= SEARCH_MIN_SCORE:
            community = 0.0
        else:
            continue
        primary = bool(org.communities) and org.communities[0] in query.communities  # serves it first of all
        located = district is not None and district in org.districts
        scored.append((-community, -(chosen + extra), not primary, not located, org.name.casefold(), org))
    scored.sort(key=lambda row: row[:5])
    return tuple(row[5] for row in scored[:limit])
