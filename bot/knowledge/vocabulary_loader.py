"""Read and check knowledge/organisations/communities.yaml; problems are `path:line: message` like entries."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from bot.matching.normalize import normalise

from .problems import Problem
from .vocabulary import STAR_STEM_MIN, Vocabulary, VocabularyFile
from .yamlfile import read_yaml, validation_problems
from .yamlpos import Positions

VOCABULARY_FILE = "communities.yaml"  # inside knowledge/organisations/; not an organisation


def load_vocabulary(path: Path, problems: list[Problem]) -> Vocabulary | None:
    """The vocabulary; an empty one when the file does not exist, None when it has errors."""
    if not path.exists():
        return Vocabulary()
    parsed = read_yaml(path, problems)
    if parsed is None:
        return None
    data, positions = parsed
    if not isinstance(data, dict):
        problems.append(Problem(str(path), 1, "expected a mapping with 'communities:' (and 'themes:', 'everyday:')"))
        return None
    try:
        loaded = VocabularyFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(path, exc, positions))
        return None
    found = list(_check(loaded, path, positions))
    problems.extend(found)
    return None if found else Vocabulary.from_file(loaded)


def _check(data: VocabularyFile, path: Path, positions: Positions) -> list[Problem]:
    found: list[Problem] = []

    def problem(loc: tuple[str | int, ...], message: str) -> None:
        found.append(Problem(str(path), positions.line_of(loc), message))

    owner: dict[tuple[str, bool], str] = {}
    for cid, community in data.communities.items():
        if normalise(cid).replace(" ", "-") != cid or not cid.replace("-", "").isalnum():
            problem(("communities", cid), f"community id {cid!r} must be lowercase English words joined by '-'")
        for index, wider in enumerate(community.broader):
            if wider not in data.communities:
                problem(("communities", cid, "broader", index), f"broader community {wider!r} is not in this file")
            elif wider == cid:
                problem(("communities", cid, "broader", index), f"{cid!r} cannot be broader than itself")
        for index, code in enumerate(community.languages):
            if not (len(code) == 2 and code.isascii() and code.isalpha() and code.islower()):
                problem(("communities", cid, "languages", index), f"{code!r} is not an ISO 639-1 language code")
        for lang, words in community.by_language().items():
            for index, word in enumerate(words):
                where = ("communities", cid, lang, index)
                message = _word_problem(word)
                if message:
                    problem(where, message)
                    continue
                key = (normalise(word.rstrip("*")), word.endswith("*"))
                if owner.setdefault(key, cid) != cid:
                    problem(where, f"{word!r} also names community {owner[key]!r}: one word, one community")
    for tid, lists in data.themes.items():
        for lang, words in lists.by_language().items():
            for index, word in enumerate(words):
                message = _word_problem(word)
                if message:
                    problem(("themes", tid, lang, index), message)
    if not found:
        vocabulary = Vocabulary.from_file(data)
        for cid in data.communities:
            if cid in vocabulary.broader(cid):
                problem(("communities", cid, "broader"), f"broader communities of {cid!r} lead back to it")
    return found


def _word_problem(word: str) -> str | None:
    core = normalise(word.rstrip("*"))
    if not core:
        return f"{word!r} has no letters"
    if any("*" in piece.rstrip("*") for piece in word.split()):
        return f"{word!r}: '*' only at the end of a word"
    if any(piece.endswith("*") and len(normalise(piece.rstrip("*"))) < STAR_STEM_MIN for piece in word.split()):
        return f"{word!r}: a stem with '*' needs at least {STAR_STEM_MIN} letters, or it matches unrelated words"
    return None


def unknown_communities(communities: tuple[str, ...], vocabulary: Vocabulary) -> list[tuple[int, str]]:
    """(index, message) for each community of an organisation that the vocabulary does not have."""
    return [
        (index, f"unknown community {cid!r}: add it to organisations/{VOCABULARY_FILE} (or fix the spelling)")
        for index, cid in enumerate(communities)
        if cid not in vocabulary.communities
    ]
