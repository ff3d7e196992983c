# Set-up and everyday commands. `make demo` and `make test` create .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN    := $(VENV)/.installed-run
NODE   := node_modules/.installed

.PHONY: demo test test-fast lint docs js bench venv clean

venv: $(STAMP)

# Two stamps: `make demo` installs stagegraph and what it runs on; `make test` (and lint,
# bench) add the test tools (Playwright, ruff, Hypothesis, owlready2 …). Either reinstalls when
# pyproject.toml changes; the test stamp implies the run one.
$(RUN): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("stagegraph needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP): $(RUN)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(RUN)
	$(BIN)/stagegraph validate
	$(BIN)/stagegraph stats
	$(BIN)/stagegraph query matches
	$(BIN)/stagegraph graph
	$(BIN)/stagegraph site

# The whole suite, lint first: ruff (likely bugs, and the one format), import-linter (the layering
# written in pyproject.toml), mypy (store/ and validate/, strictly typed), the generated docs (cog),
# and for the browser scripts Biome (lint and format) and the bundles' freshness; then the scripts'
# unit tests (node --test). `make test-fast` skips the tests marked slow (browser, servers,
# reasoner, large universes) for the edit-run loop.
test: lint
	node --test tests/js/
	$(BIN)/python -m pytest

test-fast: lint
	node --test tests/js/
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) $(NODE)
	node_modules/.bin/biome ci --colors=off
	node scripts/bundle-js.mjs --check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/cog --check $(DOCS)

# The references generated from the code (cog): the CLI's --help, the query library's headers.
DOCS := docs/cli.md docs/queries.md
docs: $(STAMP)
	$(BIN)/cog -r $(DOCS)

# Byte-compiled first, as a non-editable install would be: start-up is timed without
# compiling the sources again (which PYTHONDONTWRITEBYTECODE=1 would make every run do).
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/sparql_start.py
	$(BIN)/python benchmarks/bench_servers.py

# The browser scripts' development tools (package.json: esbuild, Biome), from the lock file.
# Only lint, test and `make js` need them; `make demo` and building a site never run Node.
$(NODE): package.json package-lock.json
	@command -v node >/dev/null || { echo "make lint needs Node.js 20 or newer (Debian: apt-get install nodejs npm)"; exit 2; }
	npm ci --no-audit --no-fund --silent
	@touch $@

# The inline script of each page, bundled from its ES modules (scripts/bundle-js.mjs); commit them.
js: $(NODE)
	node scripts/bundle-js.mjs

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache node_modules
