"""The safeguarding detector: a spaCy rule layer over the phrase lists in data/safety.

    detector = SafetyDetector.from_directory()          # load once
    detector.detect("hes outside the door")             # [SafetyFinding("danger_now", "dn_at_the_door")]

English uses Matcher token patterns (LOWER and LEMMA) after spelling and
text-speak normalisation; Polish, Romanian, Urdu, Arabic, Portuguese and
Bengali use PhraseMatcher over diacritic-folded, script-normalised text (and a
Matcher for phrases with stems "مار*" or gaps "mnie _ bije"). A
message is also checked in every other shipped language written in the same
script, so a Polish message typed while the interface is in English is still
seen. Matches are then checked against context cues (negation, general or
hypothetical questions, reported allegations, suppositions, jokes). The two
readings share their context: English words in a Polish message follow the
Polish frames ("lekcje o ... county lines"), and a word English context sets
aside in an English message ("someone in eastenders took an overdose") is
left by the other lists that hold it. Nothing here stores or logs the user's text.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot.languages.spacy import load_pipeline
from bot.languages.text import fold_latin, normalise_for_language, scripts_in
from bot.safety.context import EN_CUE_LISTS, OTHER_CUE_LISTS, CueFinder, DocCues, negated
from bot.safety.normalise import EnglishNormaliser
from bot.safety.patterns import PatternCompiler, uses_notation
from bot.safety.phrases import CATEGORY_ORDER, CRISIS_CATEGORIES, LANGUAGES, Group, PhraseLists, load_phrase_lists
from bot.settings import DATA_DIR, SPACY_MODEL_DIR

DEFAULT_PHRASES_DIR = DATA_DIR / "safety"
_ORDER = {c: i for i, c in enumerate(CATEGORY_ORDER)}
# In other languages a general frame ("dokument o ...") reaches only this many words ahead of a
# match: their anchor lists cannot hold every form that ties a sentence to the writer. Twelve words
# hold a story's summary ("série da Netflix sobre o rapaz de 13 anos que mata uma colega com uma faca").
GENERAL_FRAME_REACH = 12
#: A question that follows the word it asks about (Urdu, Bengali) may start this many words after the
#: match ends ("hoti hai"); after the first word of an English name of a harm in such a message, whose end
#: the foreign reading does not know, one word more ("forced marriage unit kya hota hai").
DEFINITION_AFTER_REACH = 1


@dataclass(frozen=True)
class SafetyFinding:
    category: str        # danger_now | self_harm | disclosure | domestic_abuse | grooming | jurisdiction | abusive
    rule: str            # the phrase-list group id that matched (never the user's text)
    nation: str | None = None   # jurisdiction only: wales | scotland | northern_ireland
    #: False when the match needs the classifier to agree: its group says so (`confirm: classifier`,
    #: or `confirm: unanchored` and the sentence says nothing about the writer), or the message
    #: speaks of something past and over ("years ago", "used to").
    firm: bool = True

    @property
    def is_crisis(self) -> bool:
        return self.category in CRISIS_CATEGORIES


@dataclass(frozen=True)
class Reading:
    findings: list[SafetyFinding]
    negated: bool        # a crisis phrase was negated, or harm denied outright ("he never hits me")
    resolved: bool = False   # the message speaks of something past and over ("years ago", "fine now")


class _Time(NamedTuple):
    """What one language's cues say of when the harm was. Read across languages: an ongoing cue in one
    ("phir aa gaya", "he has come again") outweighs a past one in another (an English "court order")."""
    past: bool      # told as past and over ("years ago", "fine now")
    ongoing: bool   # going on now or again ("and he still does", "it has started again")

    @classmethod
    def of(cls, cues: DocCues) -> _Time:
        return cls(bool(cues.get("RESOLVED")), bool(cues.get("ONGOING")))


class _LanguageReading(NamedTuple):
    """What one language's phrase lists found in a message."""
    found: dict[Group, bool]   # group -> its matches say nothing about the writer
    time: _Time                # what this language's cues say of when the harm was
    negated: bool              # a crisis phrase negated, or harm denied outright
    #: first words of matches that context removed (a frame, an allegation, a joke, a supposition):
    #: another language's list that reads the same word in this message leaves it too
    set_aside: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Entry:
    group: Group
    kind: str                 # "main" | "needs" | "except"
    wildcards: frozenset = frozenset()


# Very common words make poor triggers: a token set containing one is tried last.
_COMMON = frozenset("i me my we us our you your he she they him her them his their it is are was be am "
                    "have has had do does did not no the a an to of in on at and or but so for with "
                    "will would can could going get got just".split())


def _cost(values: set[str]) -> float:
    return len(values) + (1000 if values & _COMMON else 0)


class _Gated:
    """A Matcher plus the words one of which must be in a message for it to match."""

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self.lowers: set[str] = set()
        self.lemmas: set[str] = set()
        self.always = False

    def add_trigger(self, tokens: list[dict]) -> None:
        best: tuple[str, set[str]] | None = None
        for tok in tokens:
            if tok.get("OP") in ("?", "*", "!"):
                continue
            for attr in ("LOWER", "LEMMA"):
                value = tok.get(attr)
                values = {value} if isinstance(value, str) else set(value.get("IN", [])) \
                    if isinstance(value, dict) and set(value) == {"IN"} else None
                if values and (best is None or _cost(values) < _cost(best[1])):
                    best = (attr, values)
        if best is None:
            self.always = True
        elif best[0] == "LOWER":
            self.lowers |= best[1]
        else:
            self.lemmas |= best[1]

    def may_match(self, lowers: set[str], lemmas: set[str]) -> bool:
        return self.always or not self.lowers.isdisjoint(lowers) or not self.lemmas.isdisjoint(lemmas)


class SafetyDetector:
    def __init__(self, lists: PhraseLists, pipelines: dict[str, Language], validate: bool = False):
        """validate=True checks every compiled pattern against spaCy's schema (slow; the tests do it)."""
        self.lists = lists
        self._validate = validate
        self.pipelines = pipelines
        self._group_rank = {id(g): i for i, g in enumerate(lists.groups)}
        self._entries: dict[int, _Entry] = {}
        self._build_english(lists.cues.get("en", {}) or {})
        self._phrase_matchers: dict[str, tuple[PhraseMatcher, Matcher]] = {}
        self._cue_finders: dict[str, CueFinder] = {}
        self._scripts: dict[str, set[str]] = {"en": {"latin"}}
        # English first: the words its context sets aside are left by the other lists (read)
        self._reading_order = sorted(LANGUAGES, key=lambda code: code != "en")
        for lang in LANGUAGES:
            if lang != "en" and lang in pipelines:
                self._build_other(lang, lists.cues.get(lang, {}) or {})

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_directory(cls, phrases_dir: Path = DEFAULT_PHRASES_DIR,
                       spacy_root: Path = SPACY_MODEL_DIR, validate: bool = False) -> SafetyDetector:
        """Load the phrase lists and the spaCy pipelines once; reuse the detector for every message."""
        lists = load_phrase_lists(Path(phrases_dir))
        # Only the English patterns use lemmas ("~hit"). The other languages' phrases are matched
        # on lower-case words and stems, so their lemma tables (Portuguese 184 MB, Romanian 81 MB
        # of memory in every Rasa server) are not loaded.
        pipelines = {lang: load_pipeline(lang, Path(spacy_root), exclude=() if lang == "en" else ("lemmatizer",))
                     for lang in LANGUAGES}
        return cls(lists, pipelines, validate=validate)

    def _build_english(self, cues: dict) -> None:
        nlp = self.pipelines["en"]
        table = None
        if "lemmatizer" in nlp.pipe_names:
            lemmatizer: Any = nlp.get_pipe("lemmatizer")  # spaCy's Lemmatizer; its lookups are untyped
            table = lemmatizer.lookups.get_table("lemma_lookup")
        self.normalise_en = EnglishNormaliser(cues.get("spellings", {}) or {}, cues.get("masked_words", {}) or {})

        def prepare_word(word: str) -> str:
            return self.normalise_en(word)

        def prepare_pattern(raw: str) -> str:
            return " ".join(prepare_word(w) if _plain(w) else w for w in raw.split())

        def lemmatise(word: str) -> str:
            return table.get(word, word) if table is not None else word

        word_sets = {name: [prepare_word(str(w)) for w in words]
                     for name, words in (cues.get("word_sets", {}) or {}).items()}
        compiler = PatternCompiler(word_sets, lemmatise)
        # One Matcher per pattern line, with the words one of which must occur for it to
        # match: a message runs only the matchers whose words it contains.
        self._en_matchers: list[_Gated] = []
        for group in self.lists.groups:
            for kind, source in (("main", group.entries), ("needs", group.needs), ("except", group.excepts)):
                if not source.get("en"):
                    continue
                for n, raw in enumerate(source.get("en", [])):
                    gated = _Gated(Matcher(nlp.vocab, validate=self._validate))
                    if isinstance(raw, str):
                        raw = prepare_pattern(raw)
                    for m, compiled in enumerate(compiler.compile(raw)):
                        key = f"{group.category}:{group.id}:{kind}:{n}:{m}"
                        gated.matcher.add(key, [compiled.tokens])
                        gated.add_trigger(compiled.tokens)
                        self._entries[nlp.vocab.strings[key]] = _Entry(group, kind, compiled.wildcards)
                    self._en_matchers.append(gated)
        # typo repair: words the lists use (with their inflections), guarded by known words
        keywords = set(compiler.lower_words) | compiler.lemma_words
        for lemma in compiler.lemma_words:
            keywords |= {f for f in _inflections(lemma) if table is not None and table.get(f) == lemma}
        if table is not None:
            lemmas = {v for v in table.values() if isinstance(v, str)}
            self.normalise_en.add_known(lemmas)
            self.normalise_en.set_known_check(lambda w: table.get(w) is not None)
        self.normalise_en.set_keywords(keywords)
        self.normalise_en.add_known(fold_latin(str(word)) for word in cues.get("known_words", []) or [])

        def compile_cue(raw: str) -> Optional[list[list[dict]]]:
            if not uses_notation(raw):
                return None
            return [compiled.tokens for compiled in compiler.compile(prepare_pattern(raw))]

        self._en_cues = CueFinder(nlp, cues, self.normalise_en, EN_CUE_LISTS, compile_cue)

    def _build_other(self, lang: str, cues: dict) -> None:
        nlp = self.pipelines[lang]
        phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        stem_matcher = Matcher(nlp.vocab, validate=self._validate)
        scripts: set[str] = set()
        for group in self.lists.groups:
            for kind, source in (("main", group.entries), ("needs", group.needs), ("except", group.excepts)):
                phrases = [str(p) for p in source.get(lang, [])]
                if not phrases:
                    continue
                key = f"{group.category}:{group.id}:{kind}:{lang}"
                docs = []
                for n, phrase in enumerate(phrases):
                    scripts |= scripts_in(phrase)
                    if _is_stem_pattern(phrase):
                        pattern, wild = self._stem_pattern(nlp, phrase, lang)
                        stem_key = f"{key}:{n}"
                        stem_matcher.add(stem_key, [pattern])
                        self._entries[nlp.vocab.strings[stem_key]] = _Entry(group, kind, frozenset(wild))
                    else:
                        docs.append(nlp.make_doc(normalise_for_language(phrase, lang)))
                if docs:
                    phrase_matcher.add(key, docs)
                self._entries[nlp.vocab.strings[key]] = _Entry(group, kind)
        self._phrase_matchers[lang] = (phrase_matcher, stem_matcher)
        self._scripts[lang] = scripts
        normalise = functools.partial(normalise_for_language, lang=lang)
        self._cue_finders[lang] = CueFinder(nlp, cues, normalise, OTHER_CUE_LISTS, lambda raw: (
            [self._stem_pattern(nlp, raw, lang)[0]] if _is_stem_pattern(raw) else None))

    @staticmethod
    def _stem_pattern(nlp: Language, phrase: str, lang: str) -> tuple[list[dict], set[int]]:
        """A phrase with stems or gaps: "مجھے مار*" (* = the rest of the word), "mnie _ bije" (_ = any one word)."""
        pattern: list[dict] = []
        wild: set[int] = set()
        for word in phrase.split():
            if word == "_":
                wild.add(len(pattern))
                pattern.append({})
            elif word.endswith("*"):
                stem = normalise_for_language(word[:-1], lang)
                pattern.append({"LOWER": {"REGEX": "^" + re.escape(stem)}})
            else:
                pattern.extend({"LOWER": t.lower_} for t in nlp.make_doc(normalise_for_language(word, lang)))
        return pattern, wild

    # ------------------------------------------------------------------ detection
    def detect(self, text: str, language: str = "en") -> list[SafetyFinding]:
        """Findings for one message, most urgent first; [] when nothing is found."""
        return self.read(text, language).findings

    def read(self, text: str, language: str = "en") -> Reading:
        """The findings; whether a crisis phrase was there but negated ("he never hits me"); whether
        the message speaks of harm as past and over."""
        if not text or not text.strip():
            return Reading([], False)
        primary = (language or "en").lower().replace("_", "-").split("-")[0]
        scripts = scripts_in(text)
        matched: list[tuple[Group, bool]] = []   # (group, its matches say nothing about the writer)
        negated_any = past_any = ongoing_any = False
        # Each other language's reading of the text, made once (its frames may be asked for first).
        prepared = functools.cache(functools.partial(self._prepare_other, text))
        # English words in a message in another language follow that language's general frames
        # ("lekcje o grooming i county lines")
        framed = self._framed_in(primary, prepared) if primary in self._cue_finders else None
        # ... and in an English message, words English context set aside ("someone in eastenders took
        # an overdose") stay aside for the other lists that hold them (Portuguese "overdose")
        set_aside: frozenset[str] = frozenset()
        for lang in self._reading_order:
            if lang not in self.pipelines:
                continue
            if lang != primary and not (self._scripts.get(lang, set()) & scripts):
                continue
            reading = (self._detect_english(text, foreign=primary != "en", framed=framed) if lang == "en"
                       else self._detect_other(lang, *prepared(lang), set_aside if primary == "en" else frozenset()))
            matched.extend(reading.found.items())
            negated_any = negated_any or reading.negated
            past_any, ongoing_any = past_any or reading.time.past, ongoing_any or reading.time.ongoing
            set_aside = set_aside | reading.set_aside
        resolved_any = past_any and not ongoing_any
        # per category: the best match, firm before tentative, then the most specific group.
        # A message that tells of harm as past and over makes every crisis match tentative, in
        # whichever language's phrase list it was found.
        hits: dict[str, tuple[bool, int, Group]] = {}
        for group, unanchored in matched:
            needs_classifier = group.confirm == "classifier" or (group.confirm == "unanchored" and unanchored)
            tentative = group.category in CRISIS_CATEGORIES and (needs_classifier or resolved_any)
            candidate = (tentative, self._group_rank[id(group)], group)
            best = hits.get(group.category)
            if best is None or candidate[:2] < best[:2]:
                hits[group.category] = candidate
        findings = [SafetyFinding(g.category, g.id, g.nation, firm=not tentative) for tentative, _, g in hits.values()]
        return Reading(sorted(findings, key=lambda f: _ORDER[f.category]), negated_any, resolved_any)

    def _sort_matches(self, matches: list) -> tuple[list, set, list]:
        """Split matches into crisis phrases (with their wildcard tokens), "needs" and "except" hits."""
        main, needs, excepts = [], set(), []
        for match_id, start, end, align in matches:
            entry = self._entries[match_id]
            if entry.kind == "needs":
                needs.add(id(entry.group))
            elif entry.kind == "except":
                excepts.append((id(entry.group), start, end))
            else:
                wild = {start + i for i, p in enumerate(align) if p in entry.wildcards}
                main.append((entry.group, start, end, wild))
        return main, needs, excepts

    def _detect_english(self, text: str, foreign: bool = False, framed: Optional[Callable[[str], bool]] = None
                        ) -> _LanguageReading:
        """The groups that matched, each with whether its matches say nothing about the writer;
        what its cues say of when the harm was (past, ongoing); whether a crisis was negated; the
        words of matches that context set aside.

        `foreign`: English words inside a message in another language ("county lines" in Polish),
        where English pronouns cannot tie the harm to the writer ("i" is Polish for "and");
        `framed` then tells whether a word follows one of that language's general frames."""
        normalised = self.normalise_en(text)
        if not normalised:
            return _LanguageReading({}, _Time(past=False, ongoing=False), False)
        doc = self.pipelines["en"](normalised)
        cues = self._en_cues.find(doc)
        lowers = {t.lower_ for t in doc}
        lemmas = {t.lemma_ for t in doc}
        matches = []
        for gated in self._en_matchers:
            if gated.may_match(lowers, lemmas):
                matches.extend(gated.matcher(doc, with_alignments=True))
        main, needs, excepts = self._sort_matches(matches)
        found: dict[Group, bool] = {}
        negated_any = False
        removed, kept = set(), set()
        for group, start, end, wild in main:
            if found.get(group) is False:   # already found saying something about the writer
                continue
            if group.needs.get("en") and id(group) not in needs:
                continue
            if any(g == id(group) and (s < end and start < e or s == end) for g, s, e in excepts):
                continue
            if self._english_negated(doc, cues, group, start, end, wild):
                negated_any = negated_any or group.category in CRISIS_CATEGORIES
            elif self._keep_english(doc, cues, group, start, end, foreign) and not (
                    framed is not None and framed(doc[start].lower_)):
                sent_start, sent_end = cues.sentence_bounds(start, len(doc))
                found[group] = foreign or not self._en_cues.about_writer(doc, sent_start, sent_end)
                kept.add(doc[start].lower_)
            else:
                removed.add(doc[start].lower_)
        # "he never hits me" matches no crisis phrase, but the classifier may still read one
        return _LanguageReading(found, _Time.of(cues), negated_any or bool(cues.get("DENIED")),
                                frozenset(removed - kept))

    def _english_negated(self, doc: Doc, cues: DocCues, group: Group, start: int, end: int, wild: set[int]) -> bool:
        sent_start, sent_end = cues.sentence_bounds(start, len(doc))
        clause_start = cues.clause_start(start, sent_start)
        return group.negation != "ignore" and negated(doc, cues, self._en_cues, start, end, wild, clause_start,
                                                       sent_end)

    def _keep_english(self, doc: Doc, cues: DocCues, group: Group, start: int, end: int, foreign: bool) -> bool:
        """Context that removes a (not negated) match: another nation, an allegation, a joke, a question."""
        def about_writer(lo: int, hi: int) -> bool:
            return not foreign and self._en_cues.about_writer(doc, lo, hi)

        sent_start, sent_end = cues.sentence_bounds(start, len(doc))
        clause_start = cues.clause_start(start, sent_start)
        if group.category == "jurisdiction":
            return not cues.any_between("ELSEWHERE", sent_start, start)
        # "the report says i hit him"; not "they say it gets better but i want to kill myself"
        if cues.any_between("ALLEGATION", clause_start, start):
            return False
        # a petty condition right after the match or before it in the same sentence: "he will kill me if i
        # touch his xbox", "if i eat his chips he will kill me"
        if group.jokes == "check" and (cues.get("JOKE") or any(end <= s <= end + 1 or (sent_start <= s and e <= start)
                                                              for s, e in cues.get("PETTY_IF"))):
            return False
        if group.questions != "keep" and any(e == start for _, e in cues.get("CONDITIONAL")):
            return False
        # "what is honour based abuse": a question about a word, when the match says nothing of the writer
        if group.questions != "keep" and not about_writer(start, end) and _asked_about_as_a_word(cues, start, end):
            return False
        clause_end = min([sent_end] + [b for b in cues.breaks if b >= end])
        # "i saw a tiktok about county lines": a subject, unless the writer is in it after the frame.
        # A frame reaches back across "and" when the match follows it directly or after a verb in -ing
        # ("a newsletter about grooming and sextortion", "... knife crime and sharing nudes"), not
        # across a new clause ("... and now she cuts herself").
        reach = cues.clause_start(clause_start - 1, sent_start) if clause_start > sent_start and (
            start == clause_start or start == clause_start + 1 and _gerund(doc[clause_start].lower_)) else clause_start
        frame = cues.last_end("GENERAL", reach, start)
        if frame is not None and not about_writer(frame, clause_end):
            return False
        # "watched a tiktok about a girl who got catfished ... he sent her gifts": a message that opens
        # with a frame and says nothing anywhere about the writer is about that subject throughout
        if cues.any_between("GENERAL", 0, cues.sentence_bounds(0, len(doc))[1]) and not about_writer(0, len(doc)):
            return False
        # "we talked about county lines in pshe": the name of a harm with, right after it in the same
        # phrase, where it was talked about (not "he hits me on tv nights", "my dad hits me. out of
        # interest, ...")
        if group.confirm == "unanchored" and any(end <= s <= end + 1 and not _punct_between(doc, end, s)
                                                 for s, _ in cues.get("GENERAL")):
            return False
        anchored = about_writer(clause_start, clause_end)
        if not anchored:
            framed = cues.any_between("FRAME", sent_start, start)
            # "what happens if a child is being hit": someone in general, in a question
            if framed and cues.any_between("GENERIC", clause_start, start):
                return False
            # "what does significant harm mean": a question about the process
            if framed and group.questions != "keep":
                return False
        return True

    def _prepare_other(self, text: str, lang: str) -> tuple[Doc, DocCues]:
        """The text as another language's lists read it: its tokens and its context cues."""
        doc = self.pipelines[lang].make_doc(normalise_for_language(text, lang))
        return doc, self._cue_finders[lang].find(doc)

    def _detect_other(self, lang: str, doc: Doc, cues: DocCues, set_aside: frozenset[str] = frozenset()
                      ) -> _LanguageReading:
        """As _detect_english, for another language; matches starting at a word in `set_aside` are left."""
        finder = self._cue_finders[lang]
        phrase_matcher, stem_matcher = self._phrase_matchers[lang]
        matches: list[tuple[Any, ...]] = (
            [(m, s, e, ()) for m, s, e in phrase_matcher(doc)] if len(phrase_matcher) else [])
        if len(stem_matcher):
            matches += stem_matcher(doc, with_alignments=True)
        main, needs, excepts = self._sort_matches(matches)
        found: dict[Group, bool] = {}   # `confirm: unanchored` is English only: every match here is anchored
        negated_any = False
        for group, start, end, wild in main:
            if group in found or (group.needs.get(lang) and id(group) not in needs) or doc[start].lower_ in set_aside:
                continue
            if any(g == id(group) and (s < end and start < e or s == end) for g, s, e in excepts):
                continue
            sent_start, sent_end = cues.sentence_bounds(start, len(doc))
            if group.negation != "ignore" and negated(doc, cues, finder, start, end, wild, sent_start, sent_end):
                negated_any = negated_any or group.category in CRISIS_CATEGORIES
                continue
            if group.jokes == "check" and cues.get("JOKE"):
                continue
            # "co to jest forced marriage?", "zabardasti shadi kya hoti hai?": a question about a word
            if group.questions != "keep" and not finder.about_writer(doc, start, end) and _asked_about_as_a_word(
                    cues, start, end):
                continue
            # "escreveu no relatório que eu ameacei ela com uma faca": what a report alleges
            if cues.any_between("ALLEGATION", sent_start, start) or _after_general_frame(doc, cues, finder, start):
                continue
            # "ce semne arată că un copil trăiește ... cu violență domestică?": signs, of someone in general
            if (cues.any_between("FRAME", sent_start, start) and cues.any_between("GENERIC", sent_start, start)
                    and not finder.about_writer(doc, sent_start, sent_end)):
                continue
            found[group] = False
        return _LanguageReading(found, _Time.of(cues), negated_any)

    def _framed_in(self, lang: str, prepared: Callable[[str], tuple[Doc, DocCues]]) -> Callable[[str], bool]:
        """Whether a word of the text follows one of `lang`'s general frames, or is asked about as a word: right
        after a definition frame ("co to jest forced marriage?") or a few words before one that follows the
        word ("forced marriage unit kya hota hai?"); `prepared` reads the text in `lang`."""
        finder = self._cue_finders[lang]

        def framed(word: str) -> bool:
            doc, cues = prepared(lang)
            return any(token.lower_ == word and (
                _after_general_frame(doc, cues, finder, token.i)
                or _asked_about_as_a_word(cues, token.i, token.i + 1, DEFINITION_AFTER_REACH + 1))
                for token in doc)
        return framed


def _asked_about_as_a_word(cues: DocCues, start: int, end: int, reach: int = DEFINITION_AFTER_REACH) -> bool:
    """Tokens start..end are the word a question asks about: a definition frame ends right before them
    ("what is", "co to jest") or, in a language that asks after the word, one starts at most `reach` words
    after them ("kya hota hai", "মানে কী")."""
    return (any(e == start for _, e in cues.get("DEFINITION"))
            or any(end <= s <= end + reach for s, _ in cues.get("DEFINITION_AFTER")))


def _after_general_frame(doc: Doc, cues: DocCues, finder: CueFinder, start: int) -> bool:
    """A general frame a few words before token `start`, with nothing about the writer after it in the
    sentence: "w telewizji mówili, że samobójstwo ...", but not "na lekcji zrozumiałam, że tata mnie bije"."""
    sent_start, sent_end = cues.sentence_bounds(start, len(doc))
    frame = cues.last_end("GENERAL", sent_start, start)
    return frame is not None and frame >= start - GENERAL_FRAME_REACH and not finder.about_writer(doc, frame, sent_end)


def _inflections(lemma: str) -> set[str]:
    """Likely English inflections of a lemma; the lookup table confirms which are real."""
    forms = {lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma + "er"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ing", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "en"}
    return forms


def _gerund(word: str) -> bool:
    """"sharing", "carrying" (not "nothing", "everything")."""
    return word.endswith("ing") and not word.endswith("thing") and len(word) > 4


def _punct_between(doc: Doc, start: int, end: int) -> bool:
    """A punctuation mark among tokens start..end (both included)."""
    return any(doc[i].is_punct for i in range(start, end + 1))


def _plain(word: str) -> bool:
    """A literal pattern word that may be respelt ("don't" -> "do not")."""
    return word.isalpha() or ("'" in word and word.replace("'", "").isalpha())


def _is_stem_pattern(phrase: str) -> bool:
    """A phrase of another language with a stem ("مار*") or a wildcard word ("mnie _ bije")."""
    return "*" in phrase or "_" in phrase.split()
