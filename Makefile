# One entry per job. Every target reuses an existing .venv.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
# Python keeps its compiled modules (scripts/**/__pycache__/, ignored by git): compiling the glossary's
# 80 modules again on every build and every start of `make serve` cost 0.05-0.1 s each time.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help serve build generate test fast lint typecheck format browser bench lighthouse clean

help:
	@echo "make serve      generate and serve the site on http://127.0.0.1:8000 (rebuilds when a note changes)"
	@echo "make build      generate docs/ and build the site into site/"
	@echo "make generate   only turn glossary/ into Markdown in docs/"
	@echo "make test       lint, types, unit, golden, build, browser, accessibility and HTML-validity tests"
	@echo "make fast       the fast suite: lint, types and every test but the browser ones (seconds)"
	@echo "make bench      benchmark build, size and search against plain Material"
	@echo "make lighthouse Lighthouse scores for home, walk and a term page"

$(VENV)/.site: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt pyproject.toml $(VENV)/.site
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# node_modules holds ts-fsrs, which the build copies into the site for the walk's rehearsal.
generate: $(VENV)/.site node_modules/.installed
	$(PY) scripts/build_glossary.py

# --dirty: a saved note re-renders only the pages whose content changed (see scripts/gloss/incremental.py).
serve: $(VENV)/.site node_modules/.installed
	$(PY) -m mkdocs serve --dirty -a 127.0.0.1:8000

build: $(VENV)/.site node_modules/.installed
	$(PY) -m mkdocs build

# Chromium comes from Debian; Playwright's own browser download does not work here.
# Java runs the Nu Html Checker.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian/Ubuntu) and try again." >&2; exit 1; fi; }
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q default-jre-headless; \
	  else echo "Java is missing: run 'sudo apt-get install default-jre-headless' and try again." >&2; exit 1; fi; }

lint: $(VENV)/.dev
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests

typecheck: $(VENV)/.dev
	$(PY) -m mypy

format: $(VENV)/.dev
	$(PY) -m ruff format scripts tests
	$(PY) -m ruff check --fix scripts tests

test: $(VENV)/.dev node_modules/.installed browser lint typecheck
	$(PY) -m pytest

fast: $(VENV)/.dev lint typecheck
	$(PY) -m pytest -m "not browser"

bench: $(VENV)/.dev browser
	$(PY) -m glosstools.bench

lighthouse: $(VENV)/.dev node_modules/.installed browser
	$(PY) -m glosstools.lighthouse

clean:
	rm -rf site .pytest_cache .mypy_cache
