"""A young person asking for help with everything at once goes to the youth migration service (knowledge/
intents.yaml `situations: young-everything-jmd`), not the Jugendberufsagentur, which advises on training and jobs
only. Sentences written for this test."""

from __future__ import annotations

import pytest

from bot.matching import Matcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich bin 20 und neu in berlin, gibt es eine stelle für junge leute, die mit allem hilft"),
        ("en", "is there a place for young people that helps with everything, papers and school and so on"),
        ("ar", "انا عمري ٢٠ وجديد هون، في حدا بيساعد الشباب بكل شي؟"),
        ("fa", "jayi hast ke be javanan dar hame chiz komak kone? 20 salame"),
        ("ru", "мне 20, есть ли помощь для молодых со всем: документы, учеба"),
        ("uk", "чи є організація, яка допомагає молоді з усім, я тут сама"),
        ("tr", "gençlere her konuda yardım eden bir yer var mı, 19 yaşındayım"),
    ],
)
def test_young_and_everything_means_the_youth_migration_service(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.action == "answer" and decision.best is not None, (text, decision.action)
    assert decision.best.id == "jmd-promigra-mitte"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "ich bin 20 und suche eine ausbildung als elektriker, wer berät junge leute dazu"),
        ("en", "everything is so expensive, where can i register my flat"),
    ],
)
def test_training_alone_or_no_young_person_is_not_this_situation(real_matcher: Matcher, lang: str, text: str) -> None:
    decision = real_matcher.match(text, lang)
    assert decision.best is None or decision.best.id != "jmd-promigra-mitte"
