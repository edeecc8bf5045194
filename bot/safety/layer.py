"""The safety layer's decision for one message: what the rules found and what the classifier adds.

Either signal alone can raise the alarm. A firm rule match always gives the crisis reply. A
tentative one (a figure of speech is likely) gives it only when the classifier sees some danger
too; a match in a message that tells of harm as past and over ("years ago", "fine now") never does.
A tentative match that is not confirmed gets the check-in. The classifier adds a crisis of its own
above `crisis`, unless the message tells of harm as past and over, or the rules found nothing and
the message denies or negates the harm ("he never hits me") or is a conference question the topic
classifier is sure of. Then, as below `crisis` but above `check_in`, or when it reads first-person distress, the
message gets a `distress` finding (from three words up): a short check-in that still names 999 and
the helplines. Without a classifier, every rule match stands.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Optional

from bot.safety.classifier import CRISIS_LABELS, DISTRESS, SafetyClassifier
from bot.safety.detector import SafetyDetector

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Thresholds:
    # Chosen on the tuning blind sets (make report-safety --sweep); config.yml may override each one
    # (crisis_threshold, check_in_threshold, confirm_threshold, distress_threshold).
    crisis: float = 0.8      # crisis probability mass that raises the alarm on its own
    check_in: float = 0.3    # less than that, but enough for a check-in
    confirm: float = 0.35    # what a tentative rule match needs from the classifier
    distress: float = 0.6    # distress probability that earns a check-in
    check_in_words: int = 3  # the classifier alone gives no check-in on shorter messages ("no", "ok thanks")


class SafetyLayer:
    def __init__(self, detector: SafetyDetector, classifier: Optional[SafetyClassifier],
                 thresholds: Thresholds = Thresholds()) -> None:
        self.detector = detector
        self.classifier = classifier
        self.thresholds = thresholds

    def findings(self, text: str, asking: bool = False, language: str = "en") -> list[dict[str, Any]]:
        """What to act on, most urgent first; each finding says whether rules or the classifier made it.

        `language`: the language the message is written in, when that is clear (the detector reads
        English words in a Polish message as Polish does: "i" is "and" there).

        `asking`: the message is confidently a question about conferences (the topic classifier is
        sure of it). The classifier alone then gives the check-in and the answer, not the crisis
        reply: on 120 blind forum posts it had raised 12 crisis replies on background stories.
        """
        reading = self.detector.read(text, language)
        rules = reading.findings
        if self.classifier is None or not text.strip():
            return [{**asdict(finding), "source": "rules"} for finding in rules]
        scores = self.classifier.score(text)
        limits = self.thresholds
        # Harm told as past and over ("he hit me when I was 12, he's not in my life now") gets the
        # check-in, which still names 999 and the helplines, not the crisis reply.
        confirmed = [finding for finding in rules
                     if finding.firm or (scores.crisis >= limits.confirm and not reading.resolved)]
        found = [{**asdict(finding), "source": "rules"} for finding in confirmed]
        # A tentative rule match the classifier does not confirm ("my dad will kill me", or Arabic
        # "انتحار", which is also said of prices) is not dropped: it gets the check-in.
        unconfirmed = any(finding.category in CRISIS_LABELS for finding in rules if finding not in confirmed)
        if (scores.crisis >= limits.crisis and scores.category not in {f["category"] for f in found}
                and not reading.resolved and not ((reading.negated or asking) and not rules)):
            found.append(_classifier_finding(scores.category, scores.crisis))
        if any(finding["category"] in CRISIS_LABELS for finding in found):
            return found
        worded = len(WORD.findall(text)) >= limits.check_in_words
        if unconfirmed or (scores.crisis >= limits.check_in and worded):
            found.append(_classifier_finding(DISTRESS, scores.crisis, reason="unclear_danger"))
        elif scores.distress >= limits.distress and worded and not found:
            found.append(_classifier_finding(DISTRESS, scores.distress, reason="distress"))
        return found


def _classifier_finding(category: str, score: float, reason: Optional[str] = None) -> dict[str, Any]:
    finding: dict[str, Any] = {"category": category, "rule": "classifier", "nation": None,
                               "source": "classifier", "score": round(score, 3)}
    return {**finding, "reason": reason} if reason else finding
