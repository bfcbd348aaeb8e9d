"""Russian and Ukrainian in Latin letters: language detection and matching on romanised labelled messages.

    python bench/translit_eval.py [--cache-dir DIR] [--sets questions validation validation2] [--no-semantic]

The labelled sets hold Russian and Ukrainian in Cyrillic only. This bench writes their Russian and Ukrainian
messages in Latin letters with the three schemes of `bot.matching.romanise` (anyascii's, a chat one, the
passport ones) and a lazy one of its own (no soft signs, sh for щ, i for ы and й, e for э and є).
It prints (1) hint-free language detection on every message as written, per labelled language, (2) the same
on the romanised messages, (3) the matcher on the romanised messages with and without the labelled language,
lexical and with the semantic layer (whose vectors go to CACHE_DIR/messages), next to the Cyrillic originals.
The schemes are a stand-in for real Latin-letter messages: no labelled set has any.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from anyascii import anyascii  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.embed_cache import EmbedCache  # noqa: E402
from bot.matching.evaluate import Tally, load_questions  # noqa: E402
from bot.matching.langid import detect  # noqa: E402
from bot.matching.romanise import SCHEMES as romanise_schemes  # noqa: E402
from bot.matching.romanise import romanise  # noqa: E402
from bot.matching.semantic import load_embedder  # noqa: E402
from bot.matching.semantic_index import build_semantic_index  # noqa: E402

DATA = REPO / "tests" / "data"
SETS = ("questions", "validation", "validation2")
# A lazy spelling that no cue word of language detection is generated in (`romanise.SCHEMES` are): no soft
# signs, sh for щ, i for ы й ї, e for э є ё, g for г; it tells how far detection reaches beyond the schemes
_LAZY = {"ж": "zh", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "i", "й": "i", "ь": "", "ъ": "",
         "э": "e", "ё": "e", "є": "e", "ї": "i", "і": "i", "и": "i", "г": "g", "ґ": "g", "я": "ya", "ю": "yu", "'": "",
         "’": "", "ʼ": ""}


def lazy(text: str) -> str:
    out = []
    for char in text:
        lower = char.lower()
        latin = _LAZY[lower] if lower in _LAZY else str(anyascii(lower))
        out.append(latin.capitalize() if char != lower else latin)
    return "".join(out)


SCHEMES: dict[str, Callable[[str, str], str]] = {
    **{name: (lambda text, lang, name=name: romanise(text, lang, name)) for name in romanise_schemes},
    "lazy": lambda text, lang: lazy(text),
}


def detection(sets: dict[str, list[dict[str, Any]]]) -> None:
    print("hint-free language detection, messages as written (right / n; the wrong ones by detected language):")
    for name, questions in sets.items():
        confusion = Counter((str(q["lang"]), detect(str(q["text"]))) for q in questions)
        right = sum(n for (lang, got), n in confusion.items() if lang == got)
        wrong = ", ".join(f"{lang}->{got} {n}" for (lang, got), n in sorted(confusion.items()) if lang != got)
        print(f"  {name:<12} {right}/{len(questions)} ({right / len(questions):.1%})  {wrong}")


def romanised(sets: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for questions in sets.values():
        for q in questions:
            if q["lang"] in ("ru", "uk"):
                for scheme, convert in SCHEMES.items():
                    out.append({**q, "text": convert(str(q["text"]), str(q["lang"])), "scheme": scheme,
                                "original": q["text"]})
    return out


def romanised_detection(items: list[dict[str, Any]]) -> None:
    print("hint-free language detection, romanised Russian and Ukrainian (exact, ru-or-uk, detected as):")
    groups: dict[tuple[str, str], Counter[str]] = {}
    for q in items:
        groups.setdefault((q["lang"], q["scheme"]), Counter())[detect(str(q["text"]))] += 1
    for (lang, scheme), found in sorted(groups.items()):
        n = sum(found.values())
        slavic = found["ru"] + found["uk"]
        print(f"  {lang} {scheme:<9} n={n:>3} exact {found[lang] / n:6.1%}  ru-or-uk {slavic / n:6.1%}  "
              f"{dict(found.most_common())}")


def line(title: str, tally: Tally) -> str:
    r = tally.rates()
    return (f"  {title:<34} n={r['n']:>4.0f} direct {r['direct']:6.1%} helpful {r['helpful']:6.1%} "
            f"wrong {r['wrong_confident']:5.1%}")


def matching(matcher: Matcher, items: list[dict[str, Any]], vectors: dict[bool, Any] | None, label: str) -> None:
    for use_lang in (True, False):
        for lang in ("ru", "uk"):
            for scheme in (*SCHEMES, "cyrillic"):
                tally = Tally()
                for n, q in enumerate(items):
                    if q["lang"] != lang or q["scheme"] != scheme:
                        continue
                    vector = vectors[use_lang][n] if vectors is not None else None
                    tally.add(set(q["expect"]), matcher.match(str(q["text"]), q["lang"] if use_lang else None,
                                                              vector=vector))
                hint = "with lang" if use_lang else "no lang"
                print(line(f"{label} {hint} {lang} {scheme}", tally))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache-dir", type=Path, default=REPO / "data")
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--no-semantic", action="store_true", help="lexical only (no model needed)")
    args = parser.parse_args()
    sets = {name: load_questions(DATA / f"{name}.yaml") for name in args.sets}
    detection(sets)
    items = romanised(sets)
    romanised_detection(items)
    originals = {id(q): q for q in items}
    seen: set[str] = set()
    for q in list(originals.values()):
        if q["original"] not in seen:
            seen.add(q["original"])
            items.append({**q, "text": q["original"], "scheme": "cyrillic"})
    kb = load_knowledge(REPO / "knowledge").knowledge
    assert kb is not None, "the knowledge base does not load: run `wegweiser kb check`"
    matcher = Matcher(kb)
    print("matcher on romanised messages (cyrillic: the originals):")
    matching(matcher, items, None, "lexical")
    if args.no_semantic:
        return 0
    embedder, why = load_embedder()
    if embedder is None:
        print(f"semantic layer unavailable: {why}")
        return 0
    index, _ = build_semantic_index(kb, embedder, args.cache_dir, REPO / "knowledge" / "examples")
    matcher.attach(index)
    messages = EmbedCache.open(args.cache_dir / "messages", embedder)
    vectors = {}
    for use_lang in (True, False):
        texts = [str(q["text"]) for q in items]
        hints = [q["lang"] if use_lang else None for q in items]
        vectors[use_lang] = messages.embed(
            embedder, [matcher.text_for_model(t, h) for t, h in zip(texts, hints, strict=True)], "query")
    messages.save()
    matching(matcher, items, vectors, "semantic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
