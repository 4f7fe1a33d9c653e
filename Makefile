# aktgranskning: `make demo` and `make test` are the contract with every new user (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := out/demo.duckdb

export PREFECT_HOME ?= $(CURDIR)/out/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: install ocr-tools demo test test-tools eval bench faults lint samples clean

# OCR of scanned documents needs Tesseract with Swedish (Debian packages): installed when missing where
# apt-get can run (as root or with sudo); without them scans stay needs_ocr and the run says what to install.
ocr-tools:
	@command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx swe || \
	  { echo "installing tesseract-ocr and tesseract-ocr-swe (Debian) for OCR of scans"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    ( $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends \
	        tesseract-ocr tesseract-ocr-swe ) || echo "could not install Tesseract: scans will stay needs_ocr"; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ocr-tools

demo: install
	$(BIN)/aktgranskning run sample_docs/export --db $(DEMO_DB)
	$(BIN)/aktgranskning findings --db $(DEMO_DB)
	$(BIN)/aktgranskning queries --db $(DEMO_DB)
	$(BIN)/aktgranskning report --db $(DEMO_DB) --out out/report.html
	$(BIN)/aktgranskning review-queue --db $(DEMO_DB) --out out/queue.xlsx
	$(BIN)/aktgranskning review-queue --db $(DEMO_DB) --out out/queue.csv

# The report test opens the HTML in headless Chromium: Debian's package, installed here when missing.
# The readers' test opens the published copy with DuckDB 1.4, as inspectors' older SQL clients do.
DUCKDB14 := .venv-duckdb14
test-tools: $(DUCKDB14)/.installed
$(DUCKDB14)/.installed:
	$(PYTHON) -m venv $(DUCKDB14)
	$(DUCKDB14)/bin/python -m pip install --quiet duckdb==1.4.5
	touch $@
test-tools:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	  { echo "installing chromium (Debian) for the report test"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

test: install test-tools
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m flows.evaluate

# N synthetic cases (default 1000: 4,672 documents): `make bench CASES=250`.
CASES ?= 1000
bench: install
	$(BIN)/python -m flows.bench --cases $(CASES)

# Bad files (corrupt, encrypted, zip bomb, 2,000 pages, ...) mixed with good ones through the real flow.
faults: install
	$(BIN)/python -m flows.faults

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-render sample_docs/export and annotations.json from sample_docs/generator/cases (committed outputs).
samples: install
	$(BIN)/python -m sample_docs.generator.build

clean:
	rm -rf out .pytest_cache .ruff_cache
