"""Read the safeguarding phrase lists (data/safety/*.yml) into plain objects.

One file per category. A file holds `category:` and a list of `groups:`; each
group has an `id`, a `description`, and per-language entries: `en` patterns in
the notation described in bot/safety/patterns.py, and phrases for the other
languages (a word ending in * is a stem, a lone _ stands for any one word).
Optional keys on a group:

    needs:     {en: [...], pl: [...]}  at least one of these must ALSO be in the message
    except:    {en: [...]}             drop a match that one of these overlaps or follows directly
    questions: keep                    still a crisis inside a question ("is it normal to want to die")
    jokes:     check                   drop when the message is plainly joking ("lol", "haha")
    negation:  ignore                  do not look for "not"/"never" before the match
    confirm:   classifier              only a crisis when the trained classifier agrees: for wording
                                       that is often a figure of speech ("my mum will kill me")
    confirm:   unanchored              the same, but only when the English sentence says nothing about
                                       the writer (no i / me / my / we / our): for names of harms that
                                       come up in general talk ("county lines", "coercive control")
    nation:    wales|scotland|northern_ireland   (jurisdiction groups only)

cues.yml holds the shared lists: word sets, spellings, negation and question
cues, per language. A whole entry `$name` stands for every phrase of `phrase_sets: {name: [...]}`
under that language in cues.yml: one list of a figure of speech that several groups except.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.languages import CODES

#: Most urgent first: the order findings are returned in.
CATEGORY_ORDER = ("danger_now", "self_harm", "grooming", "disclosure", "domestic_abuse", "running_away", "abusive",
                  "jurisdiction")
#: Every category but abuse aimed at the assistant and care under another nation's law.
CRISIS_CATEGORIES = frozenset(CATEGORY_ORDER) - {"abusive", "jurisdiction"}
NATIONS = ("wales", "scotland", "northern_ireland")
LANGUAGES = CODES
#: Categories whose phrases must exist in every language the assistant ships.
REQUIRED_IN_EVERY_LANGUAGE = ("danger_now", "self_harm")

CONFIRM_VALUES = {"rules", "classifier", "unanchored"}
_GROUP_KEYS = {"id", "description", "needs", "except", "questions", "jokes", "negation", "nation", "confirm",
               *LANGUAGES}


class PhraseListError(ValueError):
    """A phrase list file is malformed; the message says which file and group."""


@dataclass(eq=False)   # compared and hashed by identity: each group is one entry of one list
class Group:
    category: str
    id: str
    description: str
    entries: dict[str, list[Any]]
    needs: dict[str, list[Any]] = field(default_factory=dict)
    excepts: dict[str, list[Any]] = field(default_factory=dict)
    questions: str = "check"
    jokes: str = "ignore"
    negation: str = "check"
    nation: str | None = None
    confirm: str = "rules"


@dataclass
class PhraseLists:
    groups: list[Group]
    cues: dict[str, Any]


def _as_list(value, where: str) -> list:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    if isinstance(value, list):
        return value
    raise PhraseListError(f"{where}: expected a list, got {type(value).__name__}")


def _lang_map(value, where: str, cues: dict[str, Any]) -> dict[str, list]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PhraseListError(f"{where}: expected languages as keys (en: [...], pl: [...])")
    out = {}
    for lang, items in value.items():
        if lang not in LANGUAGES:
            raise PhraseListError(f"{where}: unknown language {lang!r}")
        out[lang] = _phrases(lang, items, f"{where}.{lang}", cues)
    return out


def _phrases(lang: str, value, where: str, cues: dict[str, Any]) -> list:
    """One language's list, with a `$name` phrase replaced by that language's phrase set. In English a
    `$name` inside a pattern is a word set (bot/safety/patterns.py), so only a whole entry naming a phrase
    set is replaced there. Other languages hold plain phrases only: an unquoted "word: word" in a YAML flow
    list is read as a mapping, which would otherwise become a phrase nobody writes and match nothing."""
    phrases = _as_list(value, where)
    phrase_sets = (cues.get(lang) or {}).get("phrase_sets") or {}
    out: list[Any] = []
    for phrase in phrases:
        if lang == "en" and not (isinstance(phrase, str) and phrase.startswith("$") and phrase[1:] in phrase_sets):
            out.append(phrase)
            continue
        if not isinstance(phrase, str):
            raise PhraseListError(f"{where}: {phrase!r} is not a plain phrase (quote a phrase with ': ' in it)")
        if phrase.startswith("$"):
            if phrase[1:] not in phrase_sets:
                raise PhraseListError(f"{where}: {phrase} is not a phrase set in cues.yml under {lang}")
            out.extend(_phrases(lang, phrase_sets[phrase[1:]], f"cues.yml {lang}.phrase_sets.{phrase[1:]}", {}))
        else:
            out.append(phrase)
    return out


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice in one mapping: plain YAML keeps only the last, so a second
    `pl: [...]` in a group would silently drop every phrase of the first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
        if repeated:
            raise PhraseListError(f"line {node.start_mark.line + 1}: {', '.join(repeated)} given twice")
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except PhraseListError as error:
        raise PhraseListError(f"{path.name}: {error}") from None


def load_phrase_lists(directory: Path) -> PhraseLists:
    directory = Path(directory)
    cues_path = directory / "cues.yml"
    if not cues_path.exists():
        raise PhraseListError(f"{cues_path} is missing")
    cues = _read_yaml(cues_path) or {}
    groups: list[Group] = []
    seen: set[str] = set()
    for category in CATEGORY_ORDER:
        path = directory / f"{category}.yml"
        if not path.exists():
            raise PhraseListError(f"{path} is missing")
        doc = _read_yaml(path) or {}
        if doc.get("category") != category:
            raise PhraseListError(f"{path.name}: 'category: {category}' expected at the top")
        raw_groups = doc.get("groups")
        if not isinstance(raw_groups, list) or not raw_groups:
            raise PhraseListError(f"{path.name}: 'groups:' must be a non-empty list")
        languages_seen: set[str] = set()
        for raw in raw_groups:
            where = f"{path.name} group {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
            if not isinstance(raw, dict) or not raw.get("id"):
                raise PhraseListError(f"{where}: every group needs an 'id'")
            unknown = set(raw) - _GROUP_KEYS
            if unknown:
                raise PhraseListError(f"{where}: unknown keys {sorted(unknown)}")
            gid = str(raw["id"])
            if gid in seen:
                raise PhraseListError(f"{where}: duplicate id {gid!r}")
            seen.add(gid)
            if not str(raw.get("description", "")).strip():
                raise PhraseListError(f"{where}: add a 'description' saying what the group catches")
            entries = {lang: _phrases(lang, raw.get(lang), f"{where}.{lang}", cues)
                       for lang in LANGUAGES if raw.get(lang)}
            if not entries:
                raise PhraseListError(f"{where}: no phrases in any language")
            languages_seen.update(entries)
            if str(raw.get("confirm", "rules")) not in CONFIRM_VALUES:
                raise PhraseListError(f"{where}: confirm must be one of {', '.join(sorted(CONFIRM_VALUES))}")
            nation = raw.get("nation")
            if category == "jurisdiction" and nation not in NATIONS:
                raise PhraseListError(f"{where}: jurisdiction groups need 'nation: wales|scotland|northern_ireland'")
            groups.append(Group(
                category=category, id=gid, description=str(raw["description"]).strip(), entries=entries,
                needs=_lang_map(raw.get("needs"), f"{where}.needs", cues),
                excepts=_lang_map(raw.get("except"), f"{where}.except", cues),
                questions=str(raw.get("questions", "check")), jokes=str(raw.get("jokes", "ignore")),
                negation=str(raw.get("negation", "check")), nation=nation,
                confirm=str(raw.get("confirm", "rules")),
            ))
        if category in REQUIRED_IN_EVERY_LANGUAGE:
            missing = [lang for lang in LANGUAGES if lang not in languages_seen]
            if missing:
                raise PhraseListError(f"{path.name}: phrases are required in every language; missing {missing}")
    return PhraseLists(groups=groups, cues=cues)
