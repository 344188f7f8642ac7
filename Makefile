# Pasar Koperasi. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PORT ?= 5000
TRANSLATIONS := marketplace/translations
# Gettext keywords for `make extract-messages`; tests/unit/shared/test_translations.py reads this line.
BABEL_KEYWORDS := _ _l gettext lazy_gettext ngettext:1,2
export FLASK_APP := wsgi
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# wsgi.py defaults to production (what a server loads); the local site is development, said so.
setup run: export FLASK_CONFIG := development

.PHONY: setup run serve test test-postgres test-e2e lint format bench translations extract-messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

translations: $(STAMP)
	$(BIN)/pybabel compile -d $(TRANSLATIONS) --statistics

setup: $(STAMP) translations
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo

run: setup
	@echo ""
	@echo "Pasar Koperasi is starting at http://127.0.0.1:$(PORT)/"
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# The production stack on this machine (nginx, two gunicorn, worker, scheduler) against
# PostgreSQL and Redis: deploy/README.md.
serve: $(STAMP) translations
	bash deploy/serve.sh

test: $(STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) translations
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

test-e2e: $(STAMP) translations
	$(BIN)/python -m pytest -m e2e $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	@for script in benchmarks/*.py; do \
		case $$script in */soak.py|*/scale_out.py|*/web.py|*/bare_app.py|*/worker_kill.py) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done
	@echo "(the stack's own checks run apart: benchmarks/web.py, soak.py, scale_out.py)"

extract-messages: $(STAMP)
	mkdir -p $(TRANSLATIONS)
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k '$(BABEL_KEYWORDS)' \
		--project 'Pasar Koperasi' --no-location --sort-output -o $(TRANSLATIONS)/messages.pot .
	test -f $(TRANSLATIONS)/id/LC_MESSAGES/messages.po || \
		$(BIN)/pybabel init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l id
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l id \
		--no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
	find . -name '*.mo' -delete
