# Two commands matter: `make run` and `make test`. Everything else is a step of those.
.DEFAULT_GOAL := run
.PHONY: run test test-fast lint setup train bench report-safety report-nlu report-pipelines clean

PY := .venv/bin/python
export TF_CPP_MIN_LOG_LEVEL := 3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

setup:
	@bash bot/ops/bootstrap.sh
	@bash bot/ops/system_packages.sh run
	@$(PY) -m bot setup

train: setup
	@$(PY) -m bot train

run: setup
	@$(PY) -m bot run   # trains first when the inputs changed

test: train lint
	@bash bot/ops/system_packages.sh test
	@$(PY) -m pytest

# The fast lane: unit and action tests, no training, no running services (about 90 s on 2 cores).
test-fast: setup
	@$(PY) -m pytest tests/unit -n 2 -q

lint: setup
	@$(PY) -m ruff check bot actions tests
	@$(PY) -m mypy bot actions

bench: train
	@bash bot/ops/system_packages.sh test
	@$(PY) -m tests.bench

# Figures on every labelled set (the blind and real-question sets included); printed, never asserted.
report-safety: train
	@$(PY) -m tests.reports.safety

report-nlu: train
	@$(PY) -m tests.reports.nlu

# Our topic classifier against Rasa's own intent pipelines on the same sets (slow: Rasa's train for minutes).
report-pipelines: setup
	@$(PY) -m tests.reports.pipelines

clean:
	rm -rf models build var results tests/output .pytest_cache
