# aktgranskning: `make demo` and `make test` are the contract with every new user (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := out/demo.duckdb

export PREFECT_HOME ?= $(CURDIR)/out/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: install demo test eval bench lint samples clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/aktgranskning run sample_docs/export --db $(DEMO_DB)
	$(BIN)/aktgranskning findings --db $(DEMO_DB)

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m flows.evaluate

bench: install
	$(BIN)/python -m flows.bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-render sample_docs/export and annotations.json from sample_docs/generator/cases (committed outputs).
samples: install
	$(BIN)/python -m sample_docs.generator.build

clean:
	rm -rf out .pytest_cache .ruff_cache
