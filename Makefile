# Dateline: `make demo` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install demo test eval bench bench-scale gazetteer clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,web,scale]'
	touch $(STAMP)

DEMO_LEDGER := .cache/demo.duckdb

demo: install
	mkdir -p .cache && rm -f $(DEMO_LEDGER) $(DEMO_LEDGER).wal
	$(BIN)/dateline ingest samples/reports.jsonl --ledger $(DEMO_LEDGER)
	COLUMNS=$${COLUMNS:-160} $(BIN)/dateline events --ledger $(DEMO_LEDGER)
	COLUMNS=$${COLUMNS:-160} $(BIN)/dateline disputes --ledger $(DEMO_LEDGER)

test: install
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python scripts/evaluate.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED)

bench-scale: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED) --scale 5000,50000

gazetteer: install
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
