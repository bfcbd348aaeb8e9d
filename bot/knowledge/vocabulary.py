"""The community vocabulary (knowledge/organisations/communities.yaml): which words name which community or theme.

Editors list, per community id (the lowercase English ids of `communities:` in the organisation files), the
words people write for it in the seven languages: plural and adjective forms, Latin-letter Arabic and Persian
("souri", "afghani"), transliterated Cyrillic ("ukrainsk*"). A word ending in `*` also matches longer words
("syrisch*": syrische, syrischen). `broader` names the wider community an organisation for it may serve
(syrian -> arab). The `themes` section maps words to the directory's theme ids, `everyday` lists words that
say nothing about which organisation is meant ("help", "children learn"). Pure: no Telegram, no storage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pydantic import Field

from bot.matching.normalize import normalise, script_of

from .directory_schema import Theme
from .schema import _Frozen

# Arabic joins "and", "with", "for", "the" to the next word (للسوريين, والسوريات, بالعربي): these are taken
# off before a word is looked up, longest first, as long as a real word (3+ letters) is left.
ARABIC_PREFIXES = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف")  # not ك: Persian کارمند is no Armenian
ARABIC_STEM_MIN = 3
# A stem with `*` shorter than this would match unrelated words ("ara*" in "araba", a car in Turkish).
STAR_STEM_MIN = 3


class WordLists(_Frozen):
    """The words for one community or theme, per language (all seven are required)."""

    de: tuple[str, ...] = Field(min_length=1)
    en: tuple[str, ...] = Field(min_length=1)
    ar: tuple[str, ...] = Field(min_length=1)
    uk: tuple[str, ...] = Field(min_length=1)
    ru: tuple[str, ...] = Field(min_length=1)
    tr: tuple[str, ...] = Field(min_length=1)
    fa: tuple[str, ...] = Field(min_length=1)

    def by_language(self) -> dict[str, tuple[str, ...]]:
        return {"de": self.de, "en": self.en, "ar": self.ar, "uk": self.uk, "ru": self.ru, "tr": self.tr,
                "fa": self.fa}


class CommunityWords(WordLists):
    broader: tuple[str, ...] = ()  # wider communities whose organisations serve this one too
    # organisations with this theme serve the community too: a queer group is one whether or not it lists it
    theme: Theme | None = None
    # a community defined by its language (persian-speaking: fa): organisations where it is spoken serve it too
    languages: tuple[str, ...] = ()


class EverydayWords(_Frozen):
    de: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    ar: tuple[str, ...] = ()
    uk: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()
    tr: tuple[str, ...] = ()
    fa: tuple[str, ...] = ()


class VocabularyFile(_Frozen):
    communities: dict[str, CommunityWords]
    themes: dict[Theme, WordLists] = Field(default_factory=dict)
    everyday: EverydayWords = Field(default_factory=EverydayWords)


def word_forms(token: str) -> tuple[str, ...]:
    """A normalised token and, for Arabic script, the token without a joined particle (للسوريين -> سوريين)."""
    if script_of(token) != "arabic":
        return (token,)
    stripped = [
        token[len(p):] for p in ARABIC_PREFIXES if token.startswith(p) and len(token) - len(p) >= ARABIC_STEM_MIN
    ]
    return (token, *stripped)


@dataclass(frozen=True)
class _Word:
    parts: tuple[tuple[str, bool], ...]  # normalised words of a phrase (usually one), each with its `*`
    label: str

    def matches_at(self, words: list[str], start: int) -> bool:
        if start + len(self.parts) > len(words):
            return False
        for offset, (part, star) in enumerate(self.parts):
            forms = word_forms(words[start + offset])
            if not any(form == part or (star and form.startswith(part)) for form in forms):
                return False
        return True

    @property
    def strength(self) -> tuple[int, int, int]:
        """Longer phrases, then whole words, then longer stems win when two entries match the same word."""
        part, star = self.parts[-1]
        return (len(self.parts), not star, len(part))


def compile_words(labelled: Iterable[tuple[str, str]]) -> tuple[_Word, ...]:
    """(label, editor's word) pairs as lookup entries, strongest first. Single letters are dropped from
    phrases, as from messages ("پدر و مادر" is matched as "پدر مادر")."""
    compiled = []
    for label, raw in labelled:
        parts = []
        for piece in raw.split():
            core = [w for w in normalise(piece.rstrip("*")).split() if len(w) > 1]
            parts += [(w, piece.endswith("*") and i == len(core) - 1) for i, w in enumerate(core)]
        if parts:
            compiled.append(_Word(tuple(parts), label))
    return tuple(sorted(compiled, key=lambda w: w.strength, reverse=True))


@dataclass(frozen=True)
class Found:
    """What a message names: labels (community or theme ids) and the positions of the words that named them."""

    labels: frozenset[str]
    positions: frozenset[int]


def find_in(table: tuple[_Word, ...], words: list[str], skip: frozenset[int] = frozenset()) -> Found:
    """Every label whose word occurs in `words` (normalised tokens) outside `skip`; the strongest entry
    claims each position."""
    labels: set[str] = set()
    taken: set[int] = set()
    for start in range(len(words)):
        if start in taken:
            continue
        if start in skip:
            continue
        best = next((w for w in table if w.matches_at(words, start)), None)  # the table is strongest first
        if best is not None:  # a word listed for two themes ("music": arts, culture) names both
            labels.update(w.label for w in table if w.parts == best.parts and w.matches_at(words, start))
            taken.update(range(start, start + len(best.parts)))
    return Found(frozenset(labels), frozenset(taken))


@dataclass(frozen=True)
class Vocabulary:
    """The loaded vocabulary, compiled for lookups. Empty when the file is missing."""

    communities: Mapping[str, CommunityWords] = field(default_factory=dict)
    themes: Mapping[str, WordLists] = field(default_factory=dict)
    everyday: EverydayWords = field(default_factory=EverydayWords)
    community_table: tuple[_Word, ...] = field(init=False)
    theme_table: tuple[_Word, ...] = field(init=False)
    everyday_table: tuple[_Word, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "communities", MappingProxyType(dict(self.communities)))
        object.__setattr__(self, "themes", MappingProxyType(dict(self.themes)))
        community_words = (
            (cid, w) for cid, c in self.communities.items() for ws in c.by_language().values() for w in ws
        )
        theme_words = ((tid, w) for tid, t in self.themes.items() for ws in t.by_language().values() for w in ws)
        everyday = (("", w) for ws in self.everyday.model_dump().values() for w in ws)
        object.__setattr__(self, "community_table", compile_words(community_words))
        object.__setattr__(self, "theme_table", compile_words(theme_words))
        object.__setattr__(self, "everyday_table", compile_words(everyday))

    @classmethod
    def from_file(cls, data: VocabularyFile) -> Vocabulary:
        return cls(data.communities, {str(theme): words for theme, words in data.themes.items()}, data.everyday)

    def broader(self, community: str) -> frozenset[str]:
        """All wider communities of `community` (syrian -> arab), following `broader` transitively."""
        seen: set[str] = set()
        todo = list(self.communities[community].broader) if community in self.communities else []
        while todo:
            wider = todo.pop()
            if wider not in seen:
                seen.add(wider)
                todo.extend(self.communities[wider].broader if wider in self.communities else ())
        return frozenset(seen)

    def narrower(self, community: str) -> frozenset[str]:
        """All communities whose broader ones include `community` (arab -> syrian, iraqi, ...)."""
        return frozenset(c for c in self.communities if community in self.broader(c))

    def communities_in(self, words: list[str]) -> Found:
        """The communities named by the message's words (`tokens(text)`)."""
        return find_in(self.community_table, words)

    def themes_in(self, words: list[str], skip: frozenset[int] = frozenset()) -> Found:
        return find_in(self.theme_table, words, skip)

    def everyday_in(self, words: list[str], skip: frozenset[int] = frozenset()) -> frozenset[int]:
        return find_in(self.everyday_table, words, skip).positions
