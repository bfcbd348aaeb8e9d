"""Which messages the listed emergency words of knowledge/intents.yaml newly catch, against a base knowledge folder.

    python bench/emergency_hits.py --base /path/to/other/checkout/knowledge [--all]

Reads every text of knowledge/examples/*.yaml (by entry and language) and of the labelled sets
(tests/data/questions.yaml, validation.yaml, validation2.yaml, omos_dev.yaml), and asks
`Matcher.listed_emergency` with this knowledge's intents and with the base's. It prints the texts the
current words call an emergency and the base's did not (and, with --all, every listed hit), marked
`ok` when the text's own entry is an emergency service (an entry of an emergency kind's `prefer`) or its
labels include an emergency topic, `CHECK` otherwise: those are the ones to read before adding a phrase.
Lost hits (the base caught the text, the current words do not) are printed too.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.matching.intents import IntentMatcher  # noqa: E402

DATA = REPO / "tests" / "data"
SETS = ("questions", "validation", "validation2", "omos_dev")
# labels of the sets under which an emergency answer is right (a crisis, violence, an emergency)
EMERGENCY_TOPICS = frozenset({"emergency", "violence-protection", "mental-health"})


def texts(emergency_entries: frozenset[str]) -> list[tuple[str, str | None, str, bool]]:
    """(source, language, text, whether an emergency answer fits) for every example and labelled message."""
    out: list[tuple[str, str | None, str, bool]] = []
    for path in sorted((REPO / "knowledge" / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entry = str(data.get("entry") or path.stem)
        for lang, items in (data.get("examples") or {}).items():
            for text in items or ():
                out.append((f"examples/{entry}", str(lang), str(text), entry in emergency_entries))
    for name in SETS:
        data = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")) or []
        for item in data:
            if isinstance(item, dict) and item.get("text"):
                expect = {str(e) for e in item.get("expect") or ()}
                fits = bool(expect & EMERGENCY_TOPICS)
                out.append((f"{name}:{','.join(sorted(expect))}", item.get("lang"), str(item["text"]), fits))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="knowledge folder with the words to compare against")
    parser.add_argument("--all", action="store_true", help="also print every hit the current words make")
    args = parser.parse_args()
    current = load_knowledge(REPO / "knowledge").knowledge
    base = load_knowledge(args.base).knowledge
    if current is None or base is None:
        print("knowledge does not load", file=sys.stderr)
        return 2
    matcher = Matcher(current)
    before = copy.copy(matcher)
    before.intents = IntentMatcher.build(base.intents)
    emergency_entries = frozenset(e for kind in current.intents.emergency.values() for e in kind.prefer)
    new = lost = hits = check = 0
    for source, lang, text, fits in texts(emergency_entries):
        now = matcher.listed_emergency(text, lang)
        then = before.listed_emergency(text, lang)
        hits += now is not None
        mark = "ok" if fits else "CHECK"
        if now is not None and then is None:
            new += 1
            check += not fits
            print(f"NEW  {mark:5} {now[0]:9} {source} [{lang}] {text}")
        elif now is None and then is not None:
            lost += 1
            print(f"LOST {mark:5} {then[0]:9} {source} [{lang}] {text}")
        elif args.all and now is not None:
            print(f"HIT  {mark:5} {now[0]:9} {source} [{lang}] {text}")
    print(f"\n{hits} listed hits; {new} new ({check} on texts that are no emergency), {lost} lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
