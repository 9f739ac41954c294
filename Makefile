# Coalition Tracker: the two everyday commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint format migrate seed serve backup restore screenshots bench clean

# A new environment gets current pip and setuptools: the ones venv bundles can be years old and
# carry published advisories (CI checks the versions; `make clean` rebuilds an old environment).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: export TIME_ZONE ?= America/Los_Angeles
run: export TWO_FACTOR_EXEMPT_USERNAMES ?= admin,coordinator
## run: create .venv, install, migrate, seed the demo into an empty database, serve on :8000
run: $(VENV)/.runtime
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole suite against DATABASE_URL (SQLite when unset), browser tests included, in random
## order (the seed is printed; PYTEST_ARGS="-p no:randomly" to turn it off) on every
## core (TEST_PROCESSES=1 for one); installs Chromium, Pango and poppler first when it can
TEST_PROCESSES ?= auto
test: $(VENV)/.dev
	scripts/ensure_system_packages.sh
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --durations=10 $(PYTEST_ARGS)

## lint: ruff, then the apps' layers (import-linter contracts in pyproject.toml)
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## serve: the production configuration under gunicorn (set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL)
WORKERS ?= 3
serve: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn -c coalition/gunicorn.conf.py coalition.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

## backup: write backups/coalition-<date-time>.<dump|sqlite3> (pg_dump or SQLite's online backup)
backup: $(VENV)/.runtime
	$(BIN)/python manage.py backup_database $(if $(FILE),--output $(FILE),)

## restore: make restore FILE=backups/coalition-....dump (replaces every record; asks first)
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<file>"; exit 2; }
	$(BIN)/python manage.py restore_database "$(FILE)"

migrate: $(VENV)/.runtime
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: $(VENV)/.runtime
	DEBUG=1 $(BIN)/python manage.py seed_demo

## screenshots: seed a scratch database, serve it and write PNGs of the main pages to docs/screenshots/
screenshots: $(VENV)/.dev
	$(BIN)/python tests/browser/screenshots.py

## bench: benchmark on PostgreSQL, SIZE=S|M|L (builds database ct_bench_<size> once, then reuses it;
## needs wrk for the load test); writes bench/results/<size>.json and docs/performance.md
SIZE ?= S
bench: $(VENV)/.runtime
	$(BIN)/python -m bench.run --size $(SIZE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
