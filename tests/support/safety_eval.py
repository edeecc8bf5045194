"""Safety figures on a labelled set: recall per category and language, false alarms per kind.

A crisis message counts as signposted when the safety layer returns a crisis finding (the crisis
reply) or a check-in (`distress`: a short reply that names 999 and the helplines); how many got
the full crisis reply, and the category it named, are reported beside. A benign message is a
false alarm when it gets a crisis finding; a check-in on it is counted apart (not a crisis reply,
but still a reply the person did not need).
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.rasa_plugins.nlu.safety import SafetyAnnotator, thresholds, train_classifier
from bot.safety.classifier import CRISIS_LABELS, DISTRESS
from bot.safety.detector import SafetyDetector
from bot.safety.layer import SafetyLayer
from tests.support.shipped_config import step_config
from tests.support.test_data import SAFETY_BLIND_DIR

Findings = Callable[[str, str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Case:
    text: str
    language: str
    expected: str           # a crisis category, "none", or (labelled set) jurisdiction:* / abusive
    kind: str = ""          # benign messages: process_question, figurative, past_resolved, ...


def load_cases(paths: Iterable[Path]) -> list[Case]:
    cases = []
    for path in paths:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(Case(str(entry["text"]), entry["language"], entry["expected"], entry.get("kind", "")))
    return cases


def blind_set(name: str) -> list[Case]:
    """`tuning`, `final`, `final2`, `final3` ...: each was scored blind once when it was the final set (see
    tests/data/safety/blind/README.md for which have been read since)."""
    return load_cases(sorted(SAFETY_BLIND_DIR.glob(f"{name}_*.yml")))


@dataclass
class SafetyReport:
    title: str
    caught: Counter = field(default_factory=Counter)           # (category|language) -> signposted
    crisis_replies: Counter = field(default_factory=Counter)   # ... of which got the full crisis reply
    total: Counter = field(default_factory=Counter)
    same_category: Counter = field(default_factory=Counter)
    benign_total: Counter = field(default_factory=Counter)     # kind -> count, and ("lang", language)
    false_alarms: Counter = field(default_factory=Counter)
    check_ins: Counter = field(default_factory=Counter)
    misses: list[tuple[Case, str]] = field(default_factory=list)
    alarms: list[tuple[Case, str]] = field(default_factory=list)

    @staticmethod
    def _pct(part: int, whole: int) -> str:
        return f"{100.0 * part / whole:5.1f}% ({part}/{whole})" if whole else "    -"

    @property
    def recall(self) -> float:
        return self.caught["all"] / self.total["all"] if self.total["all"] else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms["all"] / self.benign_total["all"] if self.benign_total["all"] else 0.0

    def add(self, case: Case, findings: list[dict[str, Any]]) -> None:
        crisis = [f["category"] for f in findings if f.get("category") in CRISIS_LABELS]
        check_in = any(f.get("category") == DISTRESS for f in findings)
        described = ",".join(f"{f['category']}({f.get('source', 'rules')})" for f in findings) or "nothing"
        if case.expected in CRISIS_LABELS:
            for key in ("all", case.expected, f"lang:{case.language}"):
                self.total[key] += 1
                self.caught[key] += bool(crisis) or check_in
                self.crisis_replies[key] += bool(crisis)
            self.same_category[case.expected] += case.expected in crisis
            if not crisis and not check_in:
                self.misses.append((case, described))
        elif case.expected == "none":
            for key in ("all", case.kind or "unlabelled", f"lang:{case.language}"):
                self.benign_total[key] += 1
                self.false_alarms[key] += bool(crisis)
                self.check_ins[key] += check_in
            if crisis:
                self.alarms.append((case, described))

    def lines(self, show_cases: bool = True) -> list[str]:
        out = [f"===== {self.title} =====",
               f"crisis recall (signposted): {self._pct(self.caught['all'], self.total['all'])}"
               f"   of which the full crisis reply: {self._pct(self.crisis_replies['all'], self.total['all'])}",
               f"false alarms on benign:     {self._pct(self.false_alarms['all'], self.benign_total['all'])}"
               f"   distress check-ins on benign: {self.check_ins['all']}",
               "", f"{'category':<16} {'signposted':<18} {'crisis reply':<18} {'named right':<18}"]
        for category in CRISIS_LABELS:
            if self.total[category]:
                out.append(f"{category:<16} {self._pct(self.caught[category], self.total[category]):<18} "
                           f"{self._pct(self.crisis_replies[category], self.total[category]):<18} "
                           f"{self._pct(self.same_category[category], self.total[category]):<18}")
        languages = sorted({key[5:] for key in list(self.total) + list(self.benign_total) if key.startswith("lang:")})
        out += ["", f"{'language':<16} {'signposted':<18} {'false alarms':<18} check-ins on benign"]
        for language in languages:
            key = f"lang:{language}"
            out.append(f"{language:<16} {self._pct(self.caught[key], self.total[key]):<18} "
                       f"{self._pct(self.false_alarms[key], self.benign_total[key]):<18} "
                       f"{self._pct(self.check_ins[key], self.benign_total[key])}")
        kinds = sorted(k for k in self.benign_total if k != "all" and not k.startswith("lang:"))
        if kinds:
            out += ["", f"{'benign kind':<20} {'false alarms':<18} check-ins"]
            out += [f"{kind:<20} {self._pct(self.false_alarms[kind], self.benign_total[kind]):<18} "
                    f"{self.check_ins[kind]}" for kind in kinds]
        if show_cases:
            out += ["", f"MISSED ({len(self.misses)}):"]
            out += [f"  [{c.language}] {c.expected:<14} {c.text!r} -> {d}" for c, d in self.misses]
            out += [f"FALSE ALARMS ({len(self.alarms)}):"]
            out += [f"  [{c.language}] {c.kind:<14} {c.text!r} -> {d}" for c, d in self.alarms]
        return out


def evaluate(findings: Findings, cases: list[Case], title: str) -> SafetyReport:
    report = SafetyReport(title)
    for case in cases:
        report.add(case, findings(case.text, case.language))
    return report


def by_language(cases: list[Case]) -> dict[str, list[Case]]:
    grouped: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        grouped[case.language].append(case)
    return grouped


def trained_layer() -> SafetyLayer:
    """The safety layer as the model builds it, trained here from the same corpus and questions."""
    config = step_config(SafetyAnnotator)
    detector = SafetyDetector.from_directory()
    started = time.perf_counter()
    classifier = train_classifier(detector, config)
    print(f"classifier trained in {time.perf_counter() - started:.1f} s")
    return SafetyLayer(detector, classifier, thresholds(config))
