# Two commands matter: `make run` and `make test`. Everything else is a step of those.
.DEFAULT_GOAL := run
.PHONY: run test setup train bench report-safety report-nlu clean

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

test: train
	@bash bot/ops/system_packages.sh test
	@$(PY) -m pytest

bench: train
	@bash bot/ops/system_packages.sh test
	@$(PY) -m tests.bench

# Figures on every labelled set (the blind and real-question sets included); printed, never asserted.
report-safety: train
	@$(PY) -m tests.reports.safety

report-nlu: train
	@$(PY) -m tests.reports.nlu

clean:
	rm -rf models build var results tests/output .pytest_cache
