"""`make report-safety`: the safety layer's figures on every labelled set, printed, never asserted.

    python -m tests.reports.safety            # the trained model (rules + classifier), every set
    python -m tests.reports.safety --sweep    # how recall and false alarms move with the threshold
                                               # (tuning blind sets only; how the thresholds were chosen)

Sets: the labelled set written with the rules (tests/data/safety/cases.yml), the set written
after them (cases_unseen.yml), the blind sets (tests/data/safety/blind/) and the real-source sets
(tests/data/safety/real/), each README saying which are final. Failures are printed only for the
labelled and tuning sets (for every set with --show-final), so that nobody tunes on a final set by accident.
"""
from __future__ import annotations

import argparse
import itertools
import time
from typing import Any

from bot.ops.training import train_if_needed
from bot.safety.classifier import CRISIS_LABELS
from bot.safety.layer import Thresholds
from tests.support.aio import run_coroutine
from tests.support.evaluation import load_agent
from tests.support.safety_eval import Case, blind_set, evaluate, load_cases, trained_layer
from tests.support.test_data import SAFETY_BLIND_DIR, SAFETY_CASES, SAFETY_CASES_UNSEEN, SAFETY_REAL_DIR

LABELLED = [SAFETY_CASES]
UNSEEN = [SAFETY_CASES_UNSEEN]


def real_set(number: int) -> list[Case]:
    """The real-source set `number` (1 is `real_safety.yml`, then `real_safety2.yml`...)."""
    return load_cases([SAFETY_REAL_DIR / f"real_safety{number if number > 1 else ''}.yml"])


#: The real-source sets in order (`real_set(1)` is the first): each title says how far it has been read.
REAL_SET_TITLES = (
    "real-source set (public pages; scored once, its misses and false alarms read since)",
    "second real-source set (154 other pages; scored once, its misses read since)",
    "third real-source set (158 other pages; scored once, its misses read since)",
    "fourth real-source set (160 other pages; scored once, its misses read since)",
    "fifth real-source set (38 other pages; scored once, misses and false alarms read since)",
    "sixth real-source set (115 other pages, 111 not in English; scored once, its misses read since)",
    "seventh real-source set (93 other pages, 89 not in English; scored once, misses read since)",
    "eighth real-source set (147 other pages, 127 not in English; scored once, its misses read since)",
    "ninth real-source set (146 other pages, 148 of 160 messages not in English; scored twice, its "
    "misses read since)",
    "tenth real-source set (119 other pages, 117 of 123 messages not in English; scored twice, its "
    "misses read since)",
    "eleventh real-source set (90 other pages, all 95 messages not in English; scored twice, its misses "
    "read since)",
    "twelfth real-source set (138 other pages, 103 of 142 messages not in English; scored twice, its "
    "misses read since)",
    "thirteenth real-source set (134 other pages, 102 of 139 messages not in English; scored three "
    "times, its misses and false alarms read since)",
    "fourteenth real-source set (146 other pages, 77 of 148 messages not in English; scored twice, its "
    "misses and false alarms read since)",
    "fifteenth real-source set (140 other pages, 68 of 141 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "sixteenth real-source set (138 other pages, 95 of 140 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "seventeenth real-source set (134 other pages, 98 of 138 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "eighteenth real-source set (138 other pages, 102 of 139 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "nineteenth real-source set (97 other pages, 65 of 97 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twentieth real-source set (114 other pages, 95 of 118 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twenty-first real-source set (97 other pages, 60 of 97 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twenty-second real-source set (52 other pages, 46 of 52 messages not in English; committed before "
    "scoring, its miss and false alarms read since)",
    "twenty-third real-source set (101 other pages, 89 of 105 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twenty-fourth real-source set (33 other pages, 34 of 35 messages not in English; committed before "
    "scoring, its miss and false alarm read since)",
    "twenty-fifth real-source set (58 other pages, 48 of 58 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twenty-sixth real-source set (48 other pages, 25 of 49 messages not in English; committed before "
    "scoring, its false alarms read since)",
    "twenty-seventh real-source set (48 other pages, 45 of 48 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "twenty-eighth real-source set (29 other pages, 18 of 29 messages not in English; committed before "
    "scoring, its miss and false alarms read since)",
    "twenty-ninth real-source set (73 other pages, 38 of 73 messages not in English; committed before "
    "scoring, its misses read since)",
    "thirtieth real-source set (58 other pages, 44 of 60 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "thirty-first real-source set (40 other pages, 30 of 43 messages not in English; committed before "
    "scoring, its misses and false alarms read since)",
    "thirty-second real-source set (86 other pages, 34 of 88 messages not in English; committed before "
    "scoring, never read; the last real set)",
)


_ONES = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def ordinal(number: int) -> str:
    """1 -> "first", 12 -> "twelfth", 30 -> "thirtieth", 34 -> "thirty-fourth" (1 to 99)."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _ONES[ones]
    if tens == 1:
        return _TEENS[ones]
    return f"{_TENS[tens]}-{_ONES[ones]}" if ones else _TENS[tens][:-1] + "ieth"


def last_blind_set() -> int:
    """N of the newest blind set, `finalN`: the last one frozen, the final figure until the next is frozen."""
    return max(int(path.name.split("_")[0].removeprefix("final")) for path in SAFETY_BLIND_DIR.glob("final*_en.yml")
               if path.name.split("_")[0] != "final")


def _read_blind_sets(first: int, stop: int) -> list[tuple[str, list[Case], bool]]:
    """Blind sets scored once as the final set and read since: files `final<first>` to `final<stop - 1>`
    (file final5 is the sixth set)."""
    return [(f"blind {ordinal(number + 1)} set (scored blind once; its misses and false alarms read since)",
             blind_set(f"final{number}"), False) for number in range(first, stop)]


def labelled_sets() -> list[tuple[str, list[Case], bool]]:
    """(title, cases, show the individual failures)."""
    last = last_blind_set()
    return [
        ("labelled set (written with the rules)", load_cases(LABELLED), True),
        ("unseen set (written after the rules)", load_cases(UNSEEN), True),
        ("blind TUNING set (thresholds chosen on it)", blind_set("tuning"), True),
        ("blind second tuning set (the first final set; its failures were looked at)", blind_set("final"), True),
        ("blind third tuning set (the second final set; its false alarms were looked at)", blind_set("final2"), True),
        ("blind fourth tuning set (the third final set; its false alarms were looked at)", blind_set("final3"), True),
        ("blind fifth tuning set (the fourth final set; its misses and false alarms were looked at)",
         blind_set("final4"), True),
        *_read_blind_sets(5, 9),
        ("blind tenth set (scored blind; its misses and false alarms printed once by mistake, nothing changed "
         "for them)", blind_set("final9"), False),
        ("blind eleventh set (never read; the final set until the twelfth was frozen)", blind_set("final10"), False),
        *_read_blind_sets(11, last),
        (f"blind {ordinal(last + 1)} set, the last final set (never read)", blind_set(f"final{last}"), False),
        *((title, real_set(number), False) for number, title in enumerate(REAL_SET_TITLES, start=1)),
    ]


def model_findings() -> Any:
    agent = load_agent(train_if_needed())

    def findings(text: str, language: str) -> list[dict[str, Any]]:
        parsed = run_coroutine(agent.parse_message(text))
        return parsed.get("safety") or []

    return findings


def report(show_final: bool) -> None:
    findings = model_findings()
    for title, cases, show in labelled_sets():
        if not cases:
            print(f"===== {title}: no cases yet =====\n")
            continue
        started = time.perf_counter()
        result = evaluate(findings, cases, title)
        per_message = (time.perf_counter() - started) * 1000 / len(cases)
        print("\n".join(result.lines(show_cases=show or show_final)))
        print(f"(NLU with the safety layer: {per_message:.1f} ms per message)\n")


def sweep() -> None:
    """Recall and false alarms on the five tuning blind sets together for a grid of thresholds."""
    layer = trained_layer()
    cases = [case for name in ("tuning", "final", "final2", "final3", "final4") for case in blind_set(name)]
    languages = sorted({case.language for case in cases})
    print(f"{'crisis':>6} {'check-in':>8} {'confirm':>7}  {'signposted':>10} {'crisis reply':>12} "
          f"{'false alarms':>12} {'check-ins':>9}  lowest category / language")
    for crisis, check_in, confirm in itertools.product((0.6, 0.7, 0.8, 0.85), (0.25, 0.3, 0.35, 0.4), (0.35,)):
        if check_in >= crisis:
            continue
        layer.thresholds = Thresholds(crisis=crisis, check_in=check_in, confirm=confirm)
        result = evaluate(lambda text, language: layer.findings(text, language=language), cases, "")
        rate = lambda key, result=result: result.caught[key] / max(1, result.total[key])  # noqa: E731
        category = min(CRISIS_LABELS, key=rate)
        language = min(languages, key=lambda lang: rate(f"lang:{lang}"))
        print(f"{crisis:>6} {check_in:>8} {confirm:>7}  {result.recall:>10.1%} "
              f"{result.crisis_replies['all'] / max(1, result.total['all']):>12.1%} {result.false_alarm_rate:>12.1%} "
              f"{result.check_ins['all'] / max(1, result.benign_total['all']):>9.1%}  "
              f"{category} {rate(category):.0%} / {language} {rate('lang:' + language):.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sweep", action="store_true", help="threshold sweep on the tuning blind sets")
    parser.add_argument("--show-final", action="store_true", help="list every set's failures, final ones too")
    arguments = parser.parse_args()
    if arguments.sweep:
        sweep()
    else:
        report(arguments.show_final)


if __name__ == "__main__":
    main()
