# Two commands matter on a fresh machine: `make site` and `make test` (see README.md).
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve check test lint bench browser clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

# Build into a temporary folder; replace site/ only when the strict build succeeded.
site: $(STAMP)
	rm -rf .site.tmp
	$(BIN)/mkdocs build --strict --quiet --site-dir .site.tmp
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.tmp site
	rm -rf .site.old
	@echo "Faqja u ndërtua në site/"

serve: $(STAMP)
	KRAT_SERVE=1 $(BIN)/mkdocs serve --watch hooks --watch overrides

check: $(STAMP)
	$(BIN)/krat check

lint: $(STAMP)
	$(BIN)/ruff check hooks $(wildcard scripts) tests
	$(BIN)/ruff format --check hooks $(wildcard scripts) tests

# Browser tests need Debian's Chromium: installed here when missing and we are root (as CI is on a clean
# machine); elsewhere they are skipped with a reason, except under CI=true where a missing browser fails them.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } || \
	  echo "Chromium mungon dhe nuk mund të instalohet: testet e shfletuesit kapërcehen."

# The suite runs on the site `make site` just built, so CI exercises the README's path too.
test: site browser
	$(BIN)/pytest -q

# Speed and memory are measured here, never by timed assertions in tests. RECORDS=10000 for the large run.
RECORDS ?= 2000
bench: $(STAMP)
	$(BIN)/krat bench --records $(RECORDS)

clean:
	rm -rf site .site.tmp .site.old
