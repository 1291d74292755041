# Two commands matter on a fresh machine: `make site` and `make test` (see README.md).
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve check test lint clean

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
	$(BIN)/ruff check hooks tests $(wildcard scripts)
	$(BIN)/ruff format --check hooks tests $(wildcard scripts)

# The suite runs on the site `make site` just built, so CI exercises the README's path too.
test: site
	$(BIN)/pytest -q

clean:
	rm -rf site .site.tmp .site.old
