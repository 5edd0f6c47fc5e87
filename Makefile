# Two commands on a fresh machine:
#   make demo   installs everything, then runs the main job on the bundled samples (data/samples)
#   make test   installs everything, then runs the linter and the tests
# Python 3.12 or newer is needed (the gazetteer package requires it); the first one found is used.

PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python $$HOME/.pyenv/versions/3.12*/bin/python python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Error: no Python 3.12 or newer found (set PYTHON=/path/to/python3.12)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/kg demo

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests bench

test: $(STAMP) lint
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python bench/extract_speed.py
	$(VENV)/bin/python bench/query_speed.py --docs 10000

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
