"""Build the project's spaCy pipelines from `spacy.blank(lang)` at set-up time.

No pretrained pipeline can be downloaded here, so each registered language gets a blank
tokenizer plus, where spacy-lookups-data has a table (LanguageInfo.lemma_lookups), the
lookup lemmatizer. The English pipeline is what Rasa's SpacyNLP loads from its path.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from bot.languages import CODES, LANGUAGES
from bot.settings import SPACY_MODEL_DIR


def build_pipeline(lang: str) -> Language:
    """A blank pipeline for `lang` with the lookup lemmatizer where spacy-lookups-data has a table."""
    nlp = spacy.blank(lang)
    if LANGUAGES[lang].lemma_lookups:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    return nlp


def pipeline_path(lang: str, root: Path = SPACY_MODEL_DIR) -> Path:
    return root / lang


def build_all(root: Path = SPACY_MODEL_DIR) -> list[Path]:
    """Build and save every language's pipeline; return the saved paths."""
    paths = []
    root.mkdir(parents=True, exist_ok=True)
    for lang in CODES:
        path = pipeline_path(lang, root)
        build_pipeline(lang).to_disk(path)
        paths.append(path)
    return paths


def load_pipeline(lang: str, root: Path = SPACY_MODEL_DIR, exclude: tuple[str, ...] = ()) -> Language:
    """Load a saved pipeline (without the components in `exclude`), building it first if set-up
    has not run yet."""
    path = pipeline_path(lang, root)
    if not (path / "config.cfg").exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_pipeline(lang).to_disk(path)
    return spacy.load(path, exclude=list(exclude))


if __name__ == "__main__":
    for saved in build_all():
        print(f"spaCy pipeline saved: {saved}")
