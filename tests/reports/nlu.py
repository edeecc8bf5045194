"""`make report-nlu`: how well questions are understood, on every test set, printed, never asserted.

    python -m tests.reports.nlu              # the trained model, every set
    python -m tests.reports.nlu --sweep      # correct / clarified / wrong per threshold (real held-out)

Each question ends one of three ways: correct (the right topic, or one the labeller accepted
as also right), clarified (the assistant was not sure and offered topics: "did you mean"),
or wrong (a confident answer on another topic). For clarified questions, how often the right
topic was among the offered buttons is shown too. Questions labelled "none" (nothing in the
assistant answers them) count as correct when read as off-topic, clarified when clarified, and
wrong when answered with a topic. A young person's "can I go?" read as a parent's (the same words,
taught as the parent's topic) counts as clarified: the assistant asks once who is asking, and a
young person then gets the young person's answer. A question read as off-topic (out_of_scope) is answered with
the likeliest topics as buttons when any is likely (utter_out_of_scope), so for a topic question
it is a clarification; with no topic to offer it says "I can only help with conferences", which
is wrong for a topic question.
"""
from __future__ import annotations

import argparse
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

from bot.nlg.suggestions import TOPIC_PREFIX, suggested_topics
from bot.ops.training import train_if_needed
from bot.rasa_plugins.nlu.audience import AudienceCues
from bot.safety.classifier import CRISIS_LABELS
from tests.support.evaluation import load_agent, parse_all
from tests.support.nlu_data import normalised, read_examples, taught_examples
from tests.support.real_questions import (
    EIGHTH_GATHERING,
    FIFTH_GATHERING,
    FOURTH_GATHERING,
    HELDOUT,
    NINTH_GATHERING,
    OUT_OF_SCOPE,
    SAME_WORDS_FOR_BOTH,
    SEVENTH_GATHERING,
    SIXTH_GATHERING,
    TENTH_GATHERING,
    load_labelled,
    questions_on_held_out_pages,
)
from tests.support.test_data import BLIND_QUESTIONS_DIR, SAME_VOICE_DIR

FALLBACK = "nlu_fallback"
BLIND_TYPED_FINAL = "blind typed questions, final: set 7"
BLIND_ARABIC_FINAL = "blind typed questions, final for Arabic: set 8"
BLIND_LONG_POSTS_FINAL = "blind long forum posts 3 (final, never read)"
BLIND_SHORT = "blind short English questions (never read)"
BLIND_MIXED_FINAL = "blind English questions, short and long, a third on neighbouring matters (final, never read)"
BLIND_SEVEN_LANGUAGES_FINAL = ("blind questions in seven languages 10, a third on neighbouring matters "
                               "(final, never read)")
REAL_QUESTIONS = "real questions"
REAL_FOURTH_GATHERING = f"{REAL_QUESTIONS}, fourth gathering (39 other pages, held out whole)"
REAL_FIFTH_GATHERING = f"{REAL_QUESTIONS}, fifth gathering: its held-out pages (a third, by page)"
REAL_SIXTH_GATHERING = f"{REAL_QUESTIONS}, sixth gathering (46 other pages, held out whole)"
REAL_SEVENTH_GATHERING = f"{REAL_QUESTIONS}, seventh gathering (39 other pages, held out whole; its wrongs read)"
REAL_EIGHTH_GATHERING = f"{REAL_QUESTIONS}, eighth gathering (32 other pages, held out whole)"
REAL_NINTH_GATHERING = f"{REAL_QUESTIONS}, ninth gathering (31 other pages, held out whole, final)"
REAL_TENTH_GATHERING = f"{REAL_QUESTIONS}, tenth gathering: six other languages (10 pages, held out whole, final)"


@dataclass(frozen=True)
class Question:
    text: str
    intent: str                       # the right intent, or "none"
    also: frozenset[str] = frozenset()
    language: str = "en"


#: "Can I go?" and "can children go?": in a young person's words (the AudienceDetector marks them), both
#: topics give the young person's answer from the same rule (proc_child_criteria: who can come, by age), so
#: which of the two the model chose makes no difference to them (tests/e2e/test_understanding.py).
YOUNG_PERSONS_ATTENDING = {"ask_can_i_attend", "ask_child_attend"}


@functools.lru_cache(maxsize=1)
def _young_cues() -> AudienceCues:
    return AudienceCues()


@dataclass
class Outcome:
    title: str
    correct: int = 0
    clarified: int = 0
    clarified_with_right_topic: int = 0
    wrong: int = 0
    crisis_alarms: int = 0            # questions that got the crisis reply (none of them is a crisis)
    confusions: Counter = field(default_factory=Counter)
    per_language: dict[str, Counter] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.correct + self.clarified + self.wrong

    def add(self, question: Question, predicted: str, offered: list[str]) -> None:
        right = {question.intent, *question.also}
        counts = self.per_language.setdefault(question.language, Counter())
        counts["total"] += 1
        if predicted == FALLBACK:
            outcome = "clarified"
        elif predicted in right or (question.intent == "none" and not predicted.startswith(TOPIC_PREFIX)):
            outcome = "correct"
        elif {question.intent, predicted} == YOUNG_PERSONS_ATTENDING and _young_cues().sounds_young(question.text):
            outcome = "correct"     # the same answer for a young person either way
        elif predicted == OUT_OF_SCOPE and offered:
            outcome = "clarified"
        elif SAME_WORDS_FOR_BOTH.get(question.intent) == predicted:
            outcome = "clarified"   # the assistant asks once who is asking; a young person then gets their answer
        else:
            outcome = "wrong"
        counts[outcome] += 1
        if outcome == "correct":
            self.correct += 1
        elif outcome == "clarified":
            self.clarified += 1
            self.clarified_with_right_topic += bool(right & set(offered))
        else:
            self.wrong += 1
            self.confusions[(question.intent, predicted)] += 1

    def line(self) -> str:
        pct = lambda part: f"{100 * part / self.total:5.1f}%" if self.total else "   -"  # noqa: E731
        return (f"{self.title:<44} {self.total:>4}  correct {pct(self.correct)}  clarified {pct(self.clarified)} "
                f"(right topic offered {self.clarified_with_right_topic})  wrong {pct(self.wrong)}"
                f"  crisis replies {self.crisis_alarms}")


def _held_out_pairs(name: str, language: str) -> list[Question]:
    return [Question(text, intent, language=language) for text, intent in read_examples(SAME_VOICE_DIR / name)]


def test_sets() -> list[tuple[str, list[Question]]]:
    sets = [
        (f"{REAL_QUESTIONS}, held out by page", _real(load_labelled((HELDOUT,)))),
        (REAL_FOURTH_GATHERING, _real(load_labelled((FOURTH_GATHERING,)))),
        (REAL_FIFTH_GATHERING, _real(questions_on_held_out_pages(FIFTH_GATHERING))),
        (REAL_SIXTH_GATHERING, _real(load_labelled((SIXTH_GATHERING,)))),
        (REAL_SEVENTH_GATHERING, _real(load_labelled((SEVENTH_GATHERING,)))),
        (REAL_EIGHTH_GATHERING, _real(load_labelled((EIGHTH_GATHERING,)))),
        (REAL_NINTH_GATHERING, _real(load_labelled((NINTH_GATHERING,)))),
        (REAL_TENTH_GATHERING, _real(load_labelled((TENTH_GATHERING,)))),
        ("blind long forum posts", _labelled_file("blind_long_posts.yml")),
        ("blind long forum posts 2 (its crisis false alarms read)", _labelled_file("blind_long_posts2.yml")),
        (BLIND_LONG_POSTS_FINAL, _labelled_file("blind_long_posts3.yml")),
        (BLIND_SHORT, _labelled_file("blind_short_questions.yml")),
        (BLIND_MIXED_FINAL, _labelled_file("mixed_blind_questions_en.yml")),
        ("blind questions in seven languages (the final set until set 3 was frozen; its failures read since)",
         _labelled_file("blind_questions10_mixed.yml")),
        ("blind questions in seven languages 2 (a development set: its failures read)",
         _labelled_file("blind_questions11_mixed.yml")),
        ("blind questions in seven languages 3 (the final set until set 4 was frozen; its failures read since)",
         _labelled_file("blind_questions12_mixed.yml")),
        ("blind questions in seven languages 4 (the final set until set 5 was frozen; its failures read since)",
         _labelled_file("blind_questions13_mixed.yml")),
        ("blind questions in seven languages 5 (the final set until set 6 was frozen; its failures read since)",
         _labelled_file("blind_questions14_mixed.yml")),
        ("blind questions in seven languages 6 (the final set until set 7 was frozen; its failures read since)",
         _labelled_file("blind_questions15_mixed.yml")),
        ("blind questions in seven languages 7 (the final set until set 8 was frozen; its failures read since)",
         _labelled_file("blind_questions16_mixed.yml")),
        ("blind questions in seven languages 8 (the final set until set 9 was frozen; its failures read since)",
         _labelled_file("blind_questions17_mixed.yml")),
        ("blind questions in seven languages 9 (the final set until set 10 was frozen; its failures read since)",
         _labelled_file("blind_questions18_mixed.yml")),
        (BLIND_SEVEN_LANGUAGES_FINAL, _labelled_file("blind_questions19_mixed.yml")),
        ("earlier held-out set (English)", _held_out_pairs("nlu_heldout_en.yml", "en")),
        ("earlier held-out set (young people)", _held_out_pairs("nlu_heldout_en_young_person.yml", "en")),
        ("earlier held-out set (Polish)", _held_out_pairs("nlu_heldout_pl.yml", "pl")),
        ("earlier held-out set (Romanian)", _held_out_pairs("nlu_heldout_ro.yml", "ro")),
    ]
    sets.append(("blind typed questions 1, six languages (tuned on)", _typed("blind_questions_*.yml")))
    sets.append(("blind typed questions 2, six languages (misses read, tuned on)", _typed("blind_questions2_*.yml")))
    sets.append(("blind typed questions 3, six languages (misses read, tuned on)", _typed("blind_questions3_*.yml")))
    sets.append(("blind typed questions 4, six languages (Arabic misses read)", _typed("blind_questions4_*.yml")))
    sets.append(("blind typed questions 5, Arabic only (misses read)", _typed("blind_questions5_ar.yml")))
    sets.append(("blind typed questions 6, six languages (Bengali misses read)", _typed("blind_questions6_*.yml")))
    sets.append((BLIND_TYPED_FINAL, _typed("blind_questions7_*.yml")))
    sets.append((BLIND_ARABIC_FINAL, _typed("blind_questions8_ar.yml")))
    return sets


def _labelled_file(name: str) -> list[Question]:
    """A YAML list of labelled questions written blind (text, intent, also)."""
    return _real(yaml.safe_load((BLIND_QUESTIONS_DIR / name).read_text(encoding="utf-8")))


def _real(entries: list[dict]) -> list[Question]:
    """Labelled questions (real or written blind); those with no question in them ("unclear") are left out."""
    return [Question(e["text"], e["intent"], frozenset(e.get("also") or []), e.get("language", "en"))
            for e in entries if e["intent"] != "unclear"]


def _typed(*patterns: str) -> list[Question]:
    """A blind set of questions typed in the six other languages, one file per language."""
    paths = sorted({path for pattern in patterns for path in BLIND_QUESTIONS_DIR.glob(pattern)})
    return [Question(e["text"], e["intent"], language=e["language"])
            for path in paths for e in yaml.safe_load(path.read_text(encoding="utf-8"))]


def parse_with_shipped_model(texts: Iterable[str]) -> list[dict[str, Any]]:
    return parse_all(load_agent(train_if_needed()), list(texts))


def offered(parse: dict[str, Any]) -> list[str]:
    """The topic intents "did you mean" (or the off-topic reply) would offer as buttons for this parse."""
    return [TOPIC_PREFIX + topic for topic in suggested_topics("this_message", {"latest_message": parse})]


def decide(parse: dict[str, Any], threshold: Optional[float]) -> str:
    """The intent the assistant acts on, or what it would be at another `threshold`."""
    if threshold is None:
        return parse["intent"]["name"]
    ranking = [entry for entry in parse.get("intent_ranking") or [] if entry["name"] != FALLBACK]
    return ranking[0]["name"] if ranking and ranking[0]["confidence"] >= threshold else FALLBACK


def report(parsed: dict[str, list[dict[str, Any]]], sets: list[tuple[str, list[Question]]], taught: frozenset[str],
           threshold: Optional[float] = None, details: bool = True) -> None:
    """Each set's outcomes, and also without the questions whose words (`normalised`) are `taught`."""
    for title, questions in sets:
        outcome = Outcome(title)
        # a common question is on many pages, and a short one may be typed just as it is taught
        untaught = Outcome("    of these, the questions not taught word for word")
        for question, parse in zip(questions, parsed[title], strict=True):
            crisis = any(f.get("category") in CRISIS_LABELS for f in parse.get("safety") or [])
            for counted in (outcome, untaught) if normalised(question.text) not in taught else (outcome,):
                counted.add(question, decide(parse, threshold), offered(parse))
                counted.crisis_alarms += crisis
        print(outcome.line())
        if untaught.total < outcome.total:
            print(untaught.line())
        if details and len(outcome.per_language) > 1:
            for language, counts in sorted(outcome.per_language.items()):
                print(f"    {language}: correct {counts['correct']}/{counts['total']}, clarified {counts['clarified']},"
                      f" wrong {counts['wrong']}")
        if details and outcome.confusions:
            common = ", ".join(f"{gold} -> {got} ({n})" for (gold, got), n in outcome.confusions.most_common(10))
            print(f"    most common wrong answers: {common}")


def print_report(sweep: bool = False) -> None:
    sets = test_sets()
    texts = [question.text for _, questions in sets for question in questions]
    results = parse_with_shipped_model(texts)
    parsed, start = {}, 0
    for title, questions in sets:
        parsed[title] = results[start:start + len(questions)]
        start += len(questions)
    taught = frozenset(normalised(text) for text, _ in taught_examples())
    if sweep:
        for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            print(f"--- threshold {threshold}")
            report(parsed, sets, taught, threshold, details=False)
    else:
        report(parsed, sets, taught)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sweep", action="store_true", help="outcomes for a range of fallback thresholds")
    print_report(parser.parse_args().sweep)


if __name__ == "__main__":
    main()
