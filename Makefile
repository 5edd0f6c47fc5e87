# Two commands on a fresh machine:
#   make demo   installs everything, then runs the main job on the bundled samples (data/samples)
#   make test   installs everything (with Debian's chromium and Virtuoso for the page and store
#               tests), then runs the linter and the tests
# Python 3.12 or newer is needed (the gazetteer package requires it); the first one found is used.

PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python $$HOME/.pyenv/versions/3.12*/bin/python python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
STAMP := $(VENV)/.installed

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test quick lint bench browser screenshot clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Error: no Python 3.12 or newer found (set PYTHON=/path/to/python3.12)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/kg demo

# ruff (style and common bugs), mypy (types of kg/), deptry (what kg/ imports is what pyproject.toml declares)
lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/deptry kg

# The page tests drive a real headless Chromium, the store tests a real Virtuoso, the PDF tests write
# with Debian's DejaVu font: Debian packages.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
	  && command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 \
	  && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  echo "Installing chromium, chromium-driver, virtuoso-opensource-7-bin and fonts-dejavu-core (Debian packages) for the tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver fonts-dejavu-core virtuoso-opensource-7-bin >/dev/null; }

test: $(STAMP) lint browser
	$(VENV)/bin/pytest

# The loop while changing code: the tests that need no Chromium, Virtuoso, server or big corpus (under a minute)
quick: $(STAMP)
	$(VENV)/bin/pytest -m "not slow"

# The README's pictures: the sample graph page, and the coverage report of 131/QĐ-TTg on the samples
# with the three dated plans of tests/data/coverage.
screenshot: $(STAMP) browser
	$(VENV)/bin/kg build data/samples --store out/screenshot-store --quiet
	$(VENV)/bin/kg viz --store out/screenshot-store --out out/screenshot.html --screenshot docs/graph.png
	$(VENV)/bin/python -m kg.serve.screenshot out/screenshot-store /id/doc/ban-chap-hanh-trung-uong-dang/29-nq-tw-2013 \
	  docs/serve-document.png
	$(VENV)/bin/kg build data/samples tests/data/coverage --store out/coverage-store --quiet
	$(VENV)/bin/kg coverage 131/QĐ-TTg --store out/coverage-store --out out/coverage-131.html \
	  --screenshot docs/coverage.png > /dev/null

bench: $(STAMP)
	$(VENV)/bin/python bench/extract_speed.py
	$(VENV)/bin/python bench/query_speed.py --docs 10000
	$(VENV)/bin/python bench/viz_speed.py --docs 20000
	$(VENV)/bin/python bench/push_speed.py --docs 10000
	$(VENV)/bin/python bench/serve_load.py --docs 10000 --seconds 30

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
