# xaso — two commands: `make run` and `make test`. Everything else is installed by these.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
XASO := $(BIN)/xaso
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages and the command each provides: browser tests (chromium), PDF checks
# (pdfsig, pdftoppm), QR decoding (zbarimg), translations (msgfmt), speech and audio for radio
# bulletins (espeak-ng, sox), Redis for the production profile, SoftHSM2 for PKCS#11 signing tests.
DEB_PACKAGES := chromium:chromium chromium-driver:chromedriver poppler-utils:pdfsig \
	zbar-tools:zbarimg gettext:msgfmt espeak-ng:espeak-ng sox:sox redis-server:redis-server \
	softhsm2:softhsm2-util

.PHONY: run test test-slow test-all lint deps bench clean venv migrate messages static demo e2e format prod-smoke

deps:
	@missing=""; for pair in $(DEB_PACKAGES); do pkg=$${pair%%:*}; cmd=$${pair##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing Debian packages the platform and its tests need:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	  && echo "make deps: installed$$missing"; \
	else echo "make deps: Debian packages present"; fi

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# The venv is rebuilt only when the pinned requirements change.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(VENV)/.installed

messages: venv
	@cd xaso && ../$(XASO) compilemessages -v 0 --ignore=.venv

static: venv
	@$(XASO) collectstatic --noinput -v 0

migrate: venv
	$(XASO) migrate --noinput -v 0

demo: migrate
	$(XASO) places load
	$(XASO) demo --force

run: deps venv messages static demo
	@echo "xaso: serving http://$(HOST):$(PORT) with a task worker (Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	export XASO_SHOW_UNSENT_CODES=1; \
	$(XASO) db_worker --interval 1 & \
	$(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers 1 --blocking-threads 4 xaso.wsgi:application

lint: venv
	$(BIN)/ruff check xaso tests bench deploy
	$(BIN)/ruff format --check xaso tests bench deploy

format: venv
	$(BIN)/ruff format xaso tests bench deploy
	$(BIN)/ruff check --fix xaso tests bench deploy

# Two worker processes (pytest-xdist), each with its own test database (test_xaso_gw0, … on
# PostgreSQL) and var/test/<worker>: about half the time of one process. PYTEST_WORKERS=0 runs
# the suite in one process; tests marked `xdist_group` stay on one worker (--dist loadgroup).
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# `make test`: every test but those marked `slow` (killed servers and workers, backup and
# restore drills, two live servers, the long fuzz runs), browser tests included. CI (.ci/run)
# adds the slow ones: `make test-slow` runs only them, `make test-all` everything.
test: deps venv messages lint
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

test-slow: deps venv messages
	$(PYTEST) -m slow $(PYTEST_ARGS)

test-all: deps venv messages lint
	$(PYTEST) $(PYTEST_ARGS)

e2e: deps venv messages
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

# Benchmarks (not tests): wrk drives granian on loopback; figures go to docs/benchmarks.md.
# BENCH_DATABASE_URL=postgres://… adds a PostgreSQL run beside SQLite.
bench: deps venv messages
	@command -v wrk >/dev/null || { echo "make bench: installing wrk (the load generator)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench $(BENCH_ARGS)

# The production profile (PostgreSQL, Redis + RQ worker, 4 granian workers) started locally and
# driven from a citizen's filing to the delivered result.
prod-smoke: deps venv messages
	$(BIN)/python -m deploy.prod_smoke

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
