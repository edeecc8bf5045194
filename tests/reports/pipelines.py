"""`make report-pipelines`: the candidate NLU pipelines side by side on the same test sets.

    python -m tests.reports.pipelines

Candidates (docs/decisions.md records the figures and the choice):
- ours: bot.rasa_plugins.nlu.topic_classifier.TopicClassifier (the shipped pipeline, config.yml);
- rasa-lr: Rasa's CountVectorsFeaturizer (lemma words and pairs, character 2-5-grams) and
  LogisticRegressionClassifier, the pipeline this project used before;
- response-selector: Rasa's ResponseSelector (retrieval intents: every topic becomes faq/<topic>),
  Rasa's own tool for large FAQ sets, on the same features;
- tfidf-knn: a TF-IDF retrieval baseline, the nearest training question's topic;
- per-language: our linear model, one per language, each trained on that language's questions
  and given the language of each question (scored on the blind six-language set only).
Each is trained here from data/nlu and scored at the same "did you mean" threshold.
"""
from __future__ import annotations

import asyncio
import copy
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from bot.classify.text import normalise
from bot.ops.training import TRAINING_ENV, rasa_command
from bot.settings import PROJECT_ROOT
from tests.reports.nlu import BLIND_TYPED_FINAL, FALLBACK, Outcome, test_sets
from tests.support.evaluation import load_agent
from tests.support.nlu_data import training_messages
from tests.support.shipped_config import shipped_config, step_config

FEATURES = [
    {"name": "CountVectorsFeaturizer", "use_lemma": True, "max_ngram": 2},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5},
]
Parser = Callable[[list[str]], list[tuple[str, float, list[str]]]]   # -> (intent, confidence, top 3 topics)


FALLBACK_STEP = "bot.rasa_plugins.nlu.fallback.LanguageFallbackClassifier"


def threshold() -> float:
    """The general "did you mean" threshold (Arabic has its own; the comparison here is English)."""
    return next(step["threshold"] for step in shipped_config()["pipeline"] if step["name"] == FALLBACK_STEP)


def candidate_config(kind: str) -> dict[str, Any]:
    config = copy.deepcopy(shipped_config())
    steps = [step for step in config["pipeline"] if step["name"] not in (
        "bot.rasa_plugins.nlu.topic_classifier.TopicClassifier", FALLBACK_STEP, "CRFEntityExtractor",
        "EntitySynonymMapper", "bot.rasa_plugins.nlu.safety.SafetyAnnotator")]
    if kind == "rasa-lr":
        steps += [*FEATURES, {"name": "LogisticRegressionClassifier", "max_iter": 500, "random_state": 7}]
    elif kind == "response-selector":
        steps += [*FEATURES, {"name": "LogisticRegressionClassifier", "max_iter": 200, "random_state": 7},
                  {"name": "ResponseSelector", "epochs": 30, "retrieval_intent": "faq", "random_seed": 7}]
    config["pipeline"] = steps
    config.pop("policies", None)
    return config


def retrieval_data(source: Path, target: Path) -> None:
    """Every topic intent ask_<topic> becomes the retrieval intent faq/<topic>."""
    for path in sorted(source.rglob("*.yml")):
        text = path.read_text(encoding="utf-8").replace("- intent: ask_", "- intent: faq/")
        copy_path = target / path.relative_to(source)
        copy_path.parent.mkdir(parents=True, exist_ok=True)
        copy_path.write_text(text, encoding="utf-8")


def train_rasa(kind: str, work: Path) -> tuple[Any, float]:
    data = PROJECT_ROOT / "data" / "nlu"
    if kind == "response-selector":
        retrieval_data(data, work / "nlu")
        data = work / "nlu"
    (work / "config.yml").write_text(yaml.safe_dump(candidate_config(kind)))
    started = time.monotonic()
    subprocess.run(rasa_command("train", "nlu", "--config", str(work / "config.yml"), "--nlu", str(data),
                                "--out", str(work), "--fixed-model-name", kind),
                   cwd=PROJECT_ROOT, check=True, capture_output=True,
                   env={**TRAINING_ENV, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT)})
    return load_agent(work / f"{kind}.tar.gz"), time.monotonic() - started


def rasa_parser(agent: Any, kind: str) -> Parser:
    def parse(texts: list[str]) -> list[tuple[str, float, list[str]]]:
        async def run() -> list[dict[str, Any]]:
            return [await agent.parse_message(text) for text in texts]

        results = []
        for parsed in asyncio.run(run()):
            if kind == "response-selector" and parsed["intent"]["name"] == "faq":
                selected = parsed["response_selector"]["faq"]
                key = selected["response"]["intent_response_key"].replace("faq/", "ask_")
                ranking = [entry["intent_response_key"].replace("faq/", "ask_") for entry in selected["ranking"]]
                results.append((key, float(selected["response"]["confidence"]), ranking[:3]))
            else:
                ranking = parsed.get("intent_ranking") or []
                results.append((parsed["intent"]["name"], float(parsed["intent"]["confidence"]),
                                [entry["name"] for entry in ranking if entry["name"].startswith("ask_")][:3]))
        return results

    return parse


def tfidf_parser() -> tuple[Parser, float]:
    started = time.monotonic()
    examples = training_messages()
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    matrix = normalize(vectorizer.fit_transform([normalise(e.get("text")) for e in examples]))
    labels = [e.get("intent") for e in examples]
    elapsed = time.monotonic() - started

    def parse(texts: list[str]) -> list[tuple[str, float, list[str]]]:
        similarity = (normalize(vectorizer.transform([normalise(t) for t in texts])) @ matrix.T).toarray()
        results = []
        for row in similarity:
            order = np.argsort(-row)
            seen: list[str] = []
            for index in order:
                if labels[index] not in seen:
                    seen.append(labels[index])
                if len(seen) == 3:
                    break
            results.append((labels[order[0]], float(row[order[0]]), [s for s in seen if s.startswith("ask_")]))
        return results

    return parse, elapsed


def per_language_lines(limits: tuple[float, ...]) -> list[str]:
    """One topic model per language (the shipped settings) on the final blind typed set, the language given."""
    from bot.classify.linear import LinearTextModel, Settings
    from bot.rasa_plugins.nlu.language import example_language
    from bot.rasa_plugins.nlu.topic_classifier import TopicClassifier, topic_scores

    examples: dict[str, list[tuple[str, str]]] = {}
    for example in training_messages():
        if example.get("text"):
            examples.setdefault(example_language(example), []).append((example.get("text"), example.get("intent")))
    questions = dict(test_sets())[BLIND_TYPED_FINAL]
    shipped = step_config(TopicClassifier)
    settings = Settings(alpha=shipped["alpha"], epochs=shipped["epochs"], min_df=shipped["min_df"])
    models = {language: LinearTextModel.train([t for t, _ in pairs], [i for _, i in pairs], settings)
              for language, pairs in examples.items() if any(q.language == language for q in questions)}
    best: list[tuple[str, float]] = []
    for question in questions:
        model = models[question.language]
        row = topic_scores(model, question.text)
        best.append((model.labels[int(np.argmax(row))], float(row.max())))
    lines = []
    for limit in limits:
        outcome = Outcome(f"{BLIND_TYPED_FINAL}, fallback at {limit}")
        for question, (intent, confidence) in zip(questions, best, strict=True):
            outcome.add(question, intent if confidence >= limit else FALLBACK, [])
        lines.append("    " + outcome.line())
    return lines


def score(parser: Parser, limit: float) -> list[str]:
    lines = []
    for title, questions in test_sets():
        outcome = Outcome(title)
        parsed = parser([q.text for q in questions])
        for question, (intent, confidence, offered) in zip(questions, parsed, strict=True):
            outcome.add(question, intent if confidence >= limit else FALLBACK, offered)
        lines.append("    " + outcome.line())
    return lines


def main() -> None:
    from bot.ops.training import train_if_needed

    limit = threshold()
    print(f"fallback threshold for every candidate: {limit}")
    shipped = load_agent(train_if_needed())
    print("== ours (TopicClassifier, shipped)")
    print("\n".join(score(rasa_parser(shipped, "ours"), limit)))
    parser, seconds = tfidf_parser()
    print(f"== tfidf-knn (nearest training question; fitted in {seconds:.0f} s; cosine similarity as confidence)")
    print("\n".join(score(parser, limit)))
    print("== per-language (one linear model per language, the language given)")
    print("\n".join(per_language_lines((limit, 0.4, 0.5))))
    for kind in ("rasa-lr", "response-selector"):
        work = Path(tempfile.mkdtemp(prefix=f"cpc-{kind}-"))
        try:
            agent, seconds = train_rasa(kind, work)
            print(f"== {kind} (trained in {seconds:.0f} s)")
            print("\n".join(score(rasa_parser(agent, kind), limit)))
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
