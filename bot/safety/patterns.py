"""Compile the short English pattern notation of data/safety into spaCy Matcher patterns.

Notation (one pattern per line; words separated by spaces, each word = one token):

    word            the word itself (matched on LOWER)
    a|b|c           any one of these words
    ~hit            any form of "hit" (hit, hits, hitting): matched on LEMMA
    ~hit|punch      any form of either word
    $perp           any entry of the word set "perp" (cues.yml; entries may be several words)
    (going to|gonna|will)   any of these word sequences (a choice with a space in it
                    must be in brackets: "a|b c" means "a or b" followed by "c")
    X?              makes the word or bracket optional
    _  /  _?        any one word / an optional word ("..." is short for "_? _? _?")
    /^1[0-5]$/      a word matching a regular expression

A pattern may instead be written as a raw spaCy token pattern (a list of
dicts); it is then used as it is.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

MAX_EXPANSIONS = 512


_NOTATION_MARKS = frozenset("/|~$()?_")


def uses_notation(text: str) -> bool:
    """Written in this notation (choices, lemmas, word sets, wildcards...), not a plain phrase."""
    return bool(_NOTATION_MARKS & set(text))


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class CompiledPattern:
    tokens: list            # spaCy token pattern
    wildcards: frozenset    # indices of pattern tokens that match any word


Lemmatise = Callable[[str], str]


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _tokenise(pattern: str) -> list[str]:
    """Split a pattern string into elements, keeping (...) groups whole."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in pattern.strip():
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise PatternError(f"unbalanced ')' in {pattern!r}")
        if ch.isspace() and depth == 0:
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if depth:
        raise PatternError(f"unbalanced '(' in {pattern!r}")
    if cur:
        out.append("".join(cur))
    expanded = []
    for el in out:
        expanded.extend(["_?", "_?", "_?"] if el == "..." else [el])
    return expanded


class PatternCompiler:
    def __init__(self, word_sets: Mapping[str, Sequence[str]], lemmatise: Lemmatise):
        raw = {k: [str(w).lower().strip() for w in v] for k, v in word_sets.items()}
        self.word_sets = {k: self._expand_set(k, raw, ()) for k in raw}
        self.lemmatise = lemmatise
        self.lower_words: set[str] = set()   # every literal word used (for typo repair)
        self.lemma_words: set[str] = set()

    @staticmethod
    def _expand_set(name: str, raw: Mapping[str, list[str]], seen: tuple) -> list[str]:
        """Resolve `$other` entries inside a word set (word sets may include each other)."""
        if name in seen:
            raise PatternError(f"word set ${name} includes itself")
        out: list[str] = []
        for word in raw[name]:
            if word.startswith("$"):
                if word[1:] not in raw:
                    raise PatternError(f"word set ${name} uses unknown set {word}")
                out.extend(PatternCompiler._expand_set(word[1:], raw, seen + (name,)))
            else:
                out.append(word)
        return list(dict.fromkeys(out))

    # A "sequence" is a list of alternatives-per-position; each element is a list of
    # token-sequences (list[list[dict]]) plus an optional flag.
    def compile(self, pattern) -> list[CompiledPattern]:
        if isinstance(pattern, list):
            return [CompiledPattern(tokens=pattern, wildcards=frozenset(
                i for i, t in enumerate(pattern) if not {k for k in t if k != "OP"}))]
        if not isinstance(pattern, str) or not pattern.strip():
            raise PatternError(f"empty or invalid pattern: {pattern!r}")
        elements = [self._element(el, pattern) for el in _tokenise(pattern)]
        choices = elements
        total = 1
        for alts in choices:
            total *= len(alts)
        if total > MAX_EXPANSIONS:
            raise PatternError(f"pattern expands to {total} variants (max {MAX_EXPANSIONS}): {pattern!r}")
        results = []
        for combo in itertools.product(*choices):
            tokens: list[dict] = []
            wild: set[int] = set()
            for seq in combo:
                for tok in seq:
                    if tok.get("_wild"):
                        wild.add(len(tokens))
                        tok = {k: v for k, v in tok.items() if k != "_wild"}
                    tokens.append(tok)
            if not tokens or all(t.get("OP") == "?" for t in tokens):
                raise PatternError(f"pattern can match nothing: {pattern!r}")
            results.append(CompiledPattern(tokens=tokens, wildcards=frozenset(wild)))
        return results

    def _element(self, el: str, whole: str) -> list[list[dict]]:
        """One element -> list of alternative token sequences."""
        optional = False
        if el.endswith("?") and len(el) > 1 and not (el.startswith("/") and el.endswith("/")):
            optional, el = True, el[:-1]
        if el.startswith("(") and el.endswith(")") and not any(c.isspace() for c in el) and "(" not in el[1:-1]:
            alts = self._word_alternatives(el[1:-1], whole)   # "(~hit|punch)" is one word
        elif el.startswith("(") and el.endswith(")"):
            alts = []
            for option in _split_top(el[1:-1], "|"):
                option = option.strip()
                if not option:
                    raise PatternError(f"empty option in {whole!r}")
                sub = [self._element(e, whole) for e in _tokenise(option)]
                for combo in itertools.product(*sub):
                    alts.append([dict(t) for seq in combo for t in seq])
        else:
            alts = self._word_alternatives(el, whole)
        alts = _merge_single_tokens(alts)
        if optional:
            if all(len(a) == 1 for a in alts):
                return [[dict(a[0], OP="?")] for a in alts] if len(alts) > 1 else [[dict(alts[0][0], OP="?")]]
            return alts + [[]]
        return alts

    def _word_alternatives(self, el: str, whole: str) -> list[list[dict]]:
        if el == "_":
            return [[{"_wild": True}]]
        if el.startswith("/") and el.endswith("/") and len(el) > 2:
            return [[{"LOWER": {"REGEX": el[1:-1]}}]]
        lemma_all = el.startswith("~")
        lowers: list[str] = []
        lemmas: list[str] = []
        seqs: list[list[dict]] = []
        for item in el.split("|"):
            item = item.strip()
            lemma = lemma_all or item.startswith("~")
            item = item.lstrip("~")
            if not item:
                raise PatternError(f"empty alternative in {whole!r}")
            words = self.word_sets.get(item[1:]) if item.startswith("$") else [item]
            if words is None:
                raise PatternError(f"unknown word set {item!r} in {whole!r} (define it under word_sets in cues.yml)")
            for w in words:
                parts = w.split()
                if len(parts) == 1:
                    if lemma:
                        lemmas.append(self.lemmatise(parts[0]))
                    else:
                        lowers.append(parts[0])
                else:
                    seqs.append([{"LOWER": p} for p in parts])
                    self.lower_words.update(parts)
        alts: list[list[dict]] = []
        if lowers:
            self.lower_words.update(lowers)
            alts.append([{"LOWER": lowers[0]} if len(lowers) == 1 else {"LOWER": {"IN": sorted(set(lowers))}}])
        if lemmas:
            self.lemma_words.update(lemmas)
            alts.append([{"LEMMA": lemmas[0]} if len(lemmas) == 1 else {"LEMMA": {"IN": sorted(set(lemmas))}}])
        alts.extend(seqs)
        return alts


def _merge_single_tokens(alts: list[list[dict]]) -> list[list[dict]]:
    """Fold one-word alternatives on the same attribute into one {"IN": [...]} token."""
    merged: dict[str, set[str]] = {}
    rest: list[list[dict]] = []
    for alt in alts:
        if len(alt) == 1 and len(alt[0]) == 1:
            (attr, value), = alt[0].items()
            if attr in ("LOWER", "LEMMA"):
                if isinstance(value, str):
                    merged.setdefault(attr, set()).add(value)
                    continue
                if isinstance(value, dict) and set(value) == {"IN"}:
                    merged.setdefault(attr, set()).update(value["IN"])
                    continue
        rest.append(alt)
    out = [[{attr: next(iter(vals)) if len(vals) == 1 else {"IN": sorted(vals)}}] for attr, vals in merged.items()]
    return out + rest


_WORDISH = re.compile(r"[a-z]+")
