# `make run` and `make test` set themselves up on a machine that has only Python.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Byte-code caching keeps the CLI's cold start fast; some shells disable it.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/oakley

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	$(PY) bench/kb_bench.py
	$(PY) bench/history_bench.py
	$(PY) bench/fleet_bench.py --skip-serial
	$(PY) bench/ack_bench.py
	$(PY) bench/metrics_bench.py

clean:
	rm -rf $(VENV) .pytest_cache
