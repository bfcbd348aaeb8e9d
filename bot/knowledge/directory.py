"""Queries on the organisation directory: filter by theme, language, community, district; free-text search.

A minimal version for the bot's flows (branch orgs-bot); the directory branch owns this module and keeps
these names and signatures. Pure: no Telegram, no storage.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .directory_schema import Organisation
from .model import KnowledgeBase

BERLIN_WIDE = "berlin"  # a service area for the whole city
MIN_PREFIX = 5  # "afghanische" meets "afghan", "ukrainischen" meets "ukrain…": a shared start this long counts
MIN_WORD = 3  # shorter words are mostly function words ("for", "und", "في") that tell nothing apart
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_fold(text)) if len(w) > MIN_WORD}


def _in_district(org: Organisation, district: str) -> bool:
    return district in org.districts or BERLIN_WIDE in org.service_areas


def find_organisations(
    kb: KnowledgeBase,
    *,
    theme: str | None = None,
    language: str | None = None,
    community: str | None = None,
    district: str | None = None,
    speakers: bool = False,
) -> tuple[Organisation, ...]:
    """Active organisations meeting every given filter, by name."""
    found = [
        org
        for org in kb.organisations
        if org.active
        and (theme is None or theme in org.themes)
        and (language is None or language in org.languages)
        and (community is None or community in org.communities)
        and (district is None or _in_district(org, district))
        and (not speakers or org.speakers is not None)
    ]
    return tuple(sorted(found, key=lambda org: org.name.casefold()))


def _vocabulary(org: Organisation, lang: str) -> set[str]:
    texts = [org.name, org.alternate_name or "", *org.communities, *org.themes, *org.languages]
    for code, block in org.translations.items():
        texts.extend(block.keywords)
        if code == lang:
            texts.append(block.description)
    if org.speakers is not None:
        texts.extend(org.speakers.topics)
    return _words(" ".join(texts))


def _hits(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    if len(word) < MIN_PREFIX:
        return False
    stem = word[:MIN_PREFIX]
    return any(len(known) >= MIN_PREFIX and known.startswith(stem) for known in vocabulary)


def search_organisations(
    kb: KnowledgeBase, text: str, lang: str, district: str | None = None, limit: int = 5
) -> tuple[Organisation, ...]:
    """Active organisations whose names, keywords, communities or texts share words with `text`, best first;
    rarer words weigh more, and organisations in `district` (or Berlin-wide) come before others."""
    active = [org for org in kb.organisations if org.active]
    vocabularies = {org.id: _vocabulary(org, lang) for org in active}
    words = _words(text)
    matched = {word: [org for org in active if _hits(word, vocabularies[org.id])] for word in words}
    scores: dict[str, float] = {}
    for orgs in matched.values():
        if not orgs or len(orgs) == len(active) > 1:  # a word every organisation has tells nothing apart
            continue
        weight = math.log(1 + len(active) / len(orgs))
        for org in orgs:
            scores[org.id] = scores.get(org.id, 0.0) + weight
    ranked = sorted(
        (org for org in active if org.id in scores),
        key=lambda org: (not (district and _in_district(org, district)), -scores[org.id], org.name.casefold()),
    )
    return tuple(ranked[:limit])
