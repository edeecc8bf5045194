"""Context checks around a match: negation, generic or hypothetical questions,
reported allegations, jokes, and "somewhere else" for place names.

All the words come from data/safety/cues.yml, so a safeguarding lead can read
and change them. The checks only ever REMOVE a match; they never add one.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

SENTENCE_END = {".", "!", "?", ";", "\n", "؟", "।", "۔"}

# cue list names in cues.yml -> labels
EN_CUE_LISTS = {
    "NEG": ("negation", "before"),
    "NEG_AFTER": ("negation", "after"),
    "PSEUDO": ("negation", "not_negation"),
    "GENERIC": ("generic_subjects",),
    "FRAME": ("question_frames",),
    "OPENER": ("question_openers",),
    "DEFINITION": ("definition_frames",),
    "DEFINITION_AFTER": ("definition_after_frames",),   # Urdu, Bengali, Portuguese: the question comes after the word
    "GENERAL": ("general_frames",),
    "ALLEGATION": ("allegation_frames",),
    "JOKE": ("jokes",),
    "PETTY_IF": ("petty_conditions",),
    "CONDITIONAL": ("conditionals",),
    "ELSEWHERE": ("jurisdiction_elsewhere",),
    "RESOLVED": ("resolved",),
    "ONGOING": ("ongoing",),
    "DENIED": ("denied_harm",),
}
# The lists the other languages have (no place cues yet; question frames only for signs; allegations only
# of what a report or a professional says).
OTHER_CUE_LISTS = {label: EN_CUE_LISTS[label]
                   for label in ("NEG", "NEG_AFTER", "PSEUDO", "RESOLVED", "ONGOING", "GENERAL", "JOKE", "FRAME",
                                 "GENERIC", "ALLEGATION", "DEFINITION", "DEFINITION_AFTER")}
# Cues that a negation right before them (or right after, where "not" follows the verb) cancels.
NEGATABLE_CUES = ("JOKE", "RESOLVED")


def _get(cues: dict, path: tuple) -> list:
    node: Any = cues
    for key in path:
        if not isinstance(node, dict):
            return []
        node = node.get(key)
    return [str(x) for x in node] if isinstance(node, list) else []


@dataclass
class DocCues:
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    sentence_starts: list[int] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)

    def get(self, label: str) -> list[tuple[int, int]]:
        return self.spans.get(label, [])

    def covered(self, label: str, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.get(label))

    def any_between(self, label: str, lo: int, hi: int) -> bool:
        return any(lo <= s and e <= hi for s, e in self.get(label))

    def last_end(self, label: str, lo: int, hi: int) -> Optional[int]:
        """Where the last cue of `label` between lo and hi ends ("a documentary about| county lines")."""
        return max((e for s, e in self.get(label) if lo <= s and e <= hi), default=None)

    def sentence_bounds(self, i: int, length: int) -> tuple[int, int]:
        start = max((s for s in self.sentence_starts if s <= i), default=0)
        end = min((s for s in self.sentence_starts if s > i), default=length)
        return start, end

    def clause_start(self, i: int, sent_start: int) -> int:
        return max([sent_start] + [b + 1 for b in self.breaks if b < i])


# A cue written as a pattern ("when (i|she) was /^[0-9]+$/", "acum _ ani") -> its token patterns;
# None for a plain phrase.
CompilePattern = Callable[[str], Optional[list[list[dict]]]]


class CueFinder:
    """Finds the cue words of one language in a Doc.

    With `compile_pattern`, a cue written in the pattern notation of data/safety is matched as a
    pattern; every other cue is a plain phrase.
    """

    def __init__(self, nlp: Language, cues: dict, prepare: Callable[[str], str], labels: dict[str, tuple],
                 compile_pattern: Optional[CompilePattern] = None):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        self.nlp = nlp
        for label, path in labels.items():
            docs = []
            for entry in _get(cues, path):
                compiled = compile_pattern(entry) if compile_pattern else None
                if compiled:
                    self.patterns.add(label, compiled)
                elif prepare(entry).strip():
                    docs.append(nlp.make_doc(prepare(entry)))
            if docs:
                self.matcher.add(label, docs)
        self.break_words = {prepare(w) for w in _get(cues, ("clause_breaks",))}
        self.blockers = {prepare(w) for w in _get(cues, ("negation", "scope_blockers"))}
        self.anchors = {prepare(w) for w in _get(cues, ("anchors",))}
        # two-word phrases in which a word that is an anchor elsewhere is not the writer (Urdu "جس میں", "in which";
        # Portuguese "nos jovens", "in the young")
        self.not_anchors = {tuple(prepare(p).split()) for p in _get(cues, ("not_anchors",))}
        neg = cues.get("negation", {}) if isinstance(cues.get("negation"), dict) else {}
        self.window = int(neg.get("window", 3))
        self.after_window = int(neg.get("after_window", 3))
        # Urdu and Bengali put "not" after the verb: "مذاق نہیں", "মজা করছি না" (not joking)
        self.verb_negation_after = bool(neg.get("verb_negation_after", False))
        # the negation words that cancel a cue, where not every one does ("it all stopped decades ago")
        self.cue_negators = {prepare(w) for w in _get(cues, ("negation", "cancels_cues"))}

    def about_writer(self, doc: Doc, start: int, end: int) -> bool:
        """Tokens start..end say something about the writer (i, me, my, we, our...), also as a pronoun joined
        to its verb by a hyphen, which stays one token (Portuguese "toca-me", Romanian "mi-a")."""
        return any(any(part in self.anchors for part in doc[i].lower_.split("-")) and not self._in_not_anchor(doc, i)
                   for i in range(start, end))

    def _in_not_anchor(self, doc: Doc, i: int) -> bool:
        pairs = [(doc[j].lower_, doc[j + 1].lower_) for j in (i - 1, i) if j >= 0 and j + 1 < len(doc)]
        return any(pair in self.not_anchors for pair in pairs)

    def find(self, doc: Doc) -> DocCues:
        found = DocCues()
        for match_id, start, end in [*self.matcher(doc), *(self.patterns(doc) if len(self.patterns) else [])]:
            found.spans.setdefault(self.nlp.vocab.strings[match_id], []).append((start, end))
        for tok in doc:
            if tok.text in SENTENCE_END or "\n" in tok.text:
                found.sentence_starts.append(tok.i + 1)
                found.breaks.append(tok.i)
            elif tok.is_punct or tok.lower_ in self.break_words:
                found.breaks.append(tok.i)
        # question openers ("if", "when") are frames only where a sentence or a clause starts
        openers = found.spans.pop("OPENER", [])
        if openers:
            starts = {0, *found.sentence_starts, *(b + 1 for b in found.breaks)}
            opening = [span for span in openers if span[0] in starts]
            if opening:
                found.spans.setdefault("FRAME", []).extend(opening)
        for label in NEGATABLE_CUES:
            if label in found.spans:
                found.spans[label] = [span for span in found.spans[label] if not self._cue_negated(doc, found, *span)]
        return found

    def _cue_negated(self, doc: Doc, found: DocCues, start: int, end: int) -> bool:
        """A joke or a past-and-over cue said with "not": "i am not joking", "i am not safe now",
        "nie żartuję", "ab theek nahi", "মজা করছি না". It is no longer a cue: a threat "not as a joke"
        is a threat."""
        if not any(ch.isalpha() for ch in doc[start:end].text):   # "zinda nahi chhorengi 😂": an emoji is not negated
            return False
        # "not safe now": "not safe" does not stop a match, but it does stop this
        before = [(ns, ne) for ns, ne in found.get("NEG")
                  if not self.cue_negators or doc[ns:ne].text.lower() in self.cue_negators]
        if any(ne <= start and start - ne <= 1 and not any(ne <= b < start for b in found.breaks) for _, ne in before):
            return True
        after = [*found.get("NEG_AFTER"), *found.get("NEG")] if self.verb_negation_after else []
        return any(end <= ns <= end + self.after_window and not any(end <= b < ns for b in found.breaks)
                   for ns, _ in after)


def negated(doc: Doc, cues: DocCues, finder: CueFinder, start: int, end: int,
            wild: Iterable[int], clause_start: int, sent_end: int) -> bool:
    """A negation word governs the match: "he does not hit me", "not going to hurt myself". Its reach ends
    at a new subject or a comma: "já não aguento, quero que tudo isso acabe" is not negated. A negation
    that takes in the word starting the clause reaches into it: "not because he is dangerous"."""
    wild = set(wild)
    for cs, ce in cues.get("NEG"):
        if cues.covered("PSEUDO", cs, ce):
            continue
        if (ce <= start and ce >= clause_start and start - ce <= finder.window
                and not any(doc[i].lower_ in finder.blockers or doc[i].is_punct for i in range(ce, start))):
            return True
        if start <= cs and ce <= end and all(i in wild for i in range(cs, ce)):
            return True
    # a negation after the match, as Bengali puts it, unless it belongs to a phrase that negates nothing here
    # ("আমি মরতে চাই কেউ বোঝে না", I want to die, nobody understands)
    return any(end <= cs <= end + finder.after_window and ce <= sent_end and not cues.covered("PSEUDO", cs, ce)
               for cs, ce in cues.get("NEG_AFTER"))
