# Two commands matter: `make run` and `make test`. Everything else is a step of those.
.DEFAULT_GOAL := run
.PHONY: run test setup train bench validate clean

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
	@$(PY) -m tests.bench

clean:
	rm -rf models build var results tests/output .pytest_cache
