# Pulse: one entry point for people and CI.  `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
VENDOR := static/vendor/bootstrap
EASYMDE := static/vendor/easymde

.PHONY: install install-test assets release nginx-packages system-packages run serve serve-clean cluster cluster-stop cluster-restart backup restore test lint check migrate seed bench bench-cluster bench-spam lock clean help

help:
	@echo "make run      set everything up and serve the demo site on http://$(HOST):$(PORT)"
	@echo "make test     install what tests need, then lint, check and run the test suite"
	@echo "make serve    nginx on http://$(HOST):$(PORT) in front of gunicorn (production settings)"
	@echo "make cluster  nginx on http://127.0.0.1:$(CLUSTER_PORT) balancing two app servers, PostgreSQL, Redis, a worker"
	@echo "make cluster-stop / make cluster-restart APP=a   stop it all / restart one app server gracefully"
	@echo "make backup   database, media and a manifest into backups/pulse-<time>/"
	@echo "make restore FILE=backups/pulse-<time>  into an empty database and media folder"
	@echo "make install  create .venv and install Python packages and front-end assets"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# A stamp per extra so that editing pyproject.toml or the lock file reinstalls.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

# Bootstrap and EasyMDE (the article body's Markdown editor in the admin) come from the npm
# registry (pinned in package-lock.json) and are copied into static/vendor so that no page
# ever loads them from a CDN.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   node_modules/bootstrap/LICENSE $(VENDOR)/
	mkdir -p $(EASYMDE)
	cp node_modules/easymde/dist/easymde.min.js node_modules/easymde/dist/easymde.min.css \
	   node_modules/easymde/LICENSE $(EASYMDE)/
	touch $@

# Only the Bootstrap rules Pulse's templates, JavaScript and crispy-forms' templates can use
# (PurgeCSS, pinned in package.json; purgecss.config.cjs says what it reads and keeps):
# about a quarter of the full file, which base.html no longer links.  Rebuilt whenever a
# template or script changes, so a class added there is never missing from the CSS.
PURGED := $(VENDOR)/bootstrap.pulse.min.css
$(PURGED): $(VENDOR)/.installed $(VENV)/.installed purgecss.config.cjs $(shell find templates static/js -name '*.html' -o -name '*.js' 2>/dev/null)
	CRISPY_TEMPLATES="$$($(BIN)/python -c 'import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))')/templates" \
	  node_modules/.bin/purgecss --config purgecss.config.cjs --output $(@D)/purged/
	mv $(@D)/purged/bootstrap.min.css $@ && rmdir $(@D)/purged

assets: $(VENDOR)/.installed $(PURGED)

# The release id is part of every page-cache key (config/settings/base.py reads it), so
# that a deploy never serves the previous release's pages.
release: $(VENV)/.installed
	@echo "$$(git rev-parse --short HEAD 2>/dev/null || echo dev)-$$(date +%s)" > $(VENV)/release

install: $(VENV)/.installed assets release

# Debian packages that the tests drive: the browser for the Playwright journeys and
# Lighthouse (never a browser build downloaded by `playwright install`), Java for the Nu Html
# Checker (npm's vnu-jar), Redis and PostgreSQL for the shared-cache and cluster tests (and
# `make cluster`), and
# nginx with its brotli modules and Lua (the page cache's purge) for `make serve`.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300
nginx-packages:
	@missing=""; \
	test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	for module in brotli-filter brotli-static lua; do \
	  test -e /usr/share/nginx/modules-available/mod-http-$$module.conf || missing="$$missing libnginx-mod-http-$$module"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing from Debian"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi

system-packages: nginx-packages
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -x /usr/bin/redis-server || missing="$$missing redis-server"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	test -x /usr/bin/java || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing from Debian"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi

install-test: $(VENV)/.installed-test assets system-packages

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

# The background worker sends notification emails (printed to this terminal in dev).
run: seed
	export PULSE_SITE_URL="$${PULSE_SITE_URL:-http://$(HOST):$(PORT)}"; \
	$(MANAGE) db_worker --interval 2 --worker-id run-worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} --dist loadgroup $(PYTEST_ARGS)

# Production settings: nginx on $(HOST):$(PORT) (deploy/nginx.conf.template, rendered into
# .run/nginx) serving /static/ and /media/ itself, compressing, caching anonymous pages and
# purged by the app on every change; gunicorn behind it on 127.0.0.1:$(APP_PORT).  A secret
# key is generated once into .venv (mode 0600) for local use; real deployments set
# DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS) in the environment.  Ctrl-C stops both.
APP_PORT ?= 8001
NGINX_RUN := $(CURDIR)/.run/nginx
serve: install nginx-packages
	@umask 077; test -s $(VENV)/secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(VENV)/secret-key
	@export DJANGO_SETTINGS_MODULE=config.settings.production \
	  DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(VENV)/secret-key)}" \
	  DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	  PULSE_SITE_URL="$${PULSE_SITE_URL:-http://$(HOST):$(PORT)}" \
	  PULSE_PROXY_PURGE_URL="$${PULSE_PROXY_PURGE_URL:-http://$(HOST):$(PORT)/_purge}"; \
	set -e; \
	$(MANAGE) migrate --noinput; \
	$(MANAGE) collectstatic --noinput --verbosity 0; \
	conf=$$($(MANAGE) render_nginx --run-dir $(NGINX_RUN) --listen $(HOST):$(PORT) --upstream 127.0.0.1:$(APP_PORT)); \
	nginx -t -q -c "$$conf" -p $(NGINX_RUN)/ -e $(NGINX_RUN)/error.log; \
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py config.wsgi:application --bind 127.0.0.1:$(APP_PORT) \
	  --workers $${WEB_CONCURRENCY:-2} --forwarded-allow-ips "$${PULSE_TRUSTED_PROXIES:-127.0.0.2}" \
	  --control-socket $(CURDIR)/.run/gunicorn.ctl & app=$$!; \
	trap 'kill $$app 2>/dev/null; wait $$app 2>/dev/null' EXIT; \
	$(BIN)/python deploy/wait_for.py http://127.0.0.1:$(APP_PORT)/healthz 60; \
	nginx -c "$$conf" -p $(NGINX_RUN)/ -e $(NGINX_RUN)/error.log -g "daemon off;" & web=$$!; \
	$(MANAGE) db_worker --interval 2 --worker-id serve-worker --verbosity 0 & worker=$$!; \
	trap 'kill $$app $$web $$worker 2>/dev/null; wait $$app $$web $$worker 2>/dev/null' EXIT; trap 'exit 0' INT TERM; \
	echo "Pulse on http://$(HOST):$(PORT) (nginx, logs in $(NGINX_RUN)); gunicorn on 127.0.0.1:$(APP_PORT); the task worker. Ctrl-C stops all three."; \
	set +e; wait -n $$app $$web

# Everything `make serve` wrote into the runtime folder, including nginx's page cache.
serve-clean:
	rm -rf .run

# Several app servers on one machine, loopback only (deploy/cluster.py): nginx on
# 127.0.0.1:$(CLUSTER_PORT) balancing app servers a and b (gunicorn, production settings, the
# next two ports) on one throwaway PostgreSQL and one Redis, a task worker, one media folder,
# everything under .cluster/ (its addresses as shell assignments in .cluster/env).
CLUSTER_PORT ?= 8080
CLUSTER := $(BIN)/python deploy/cluster.py
cluster: install system-packages
	@$(CLUSTER) start --port $(CLUSTER_PORT)

cluster-stop:
	@$(CLUSTER) stop

cluster-restart:
	@test -n "$(APP)" || { echo "Usage: make cluster-restart APP=a (or b)"; exit 2; }
	@$(CLUSTER) restart "$(APP)"

# A consistent copy of the database (SQLite's online backup API, or pg_dump for PostgreSQL),
# the media folder and a manifest, in backups/pulse-<time>/; `make restore FILE=that folder`
# puts it back into an empty database and media folder (DATABASE_URL, PULSE_MEDIA_ROOT).
backup: install
	$(MANAGE) backup_site

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/pulse-YYYYmmdd-HHMMSS"; exit 2; }
	$(MANAGE) restore_site "$(FILE)"

# Speed figures, printed as a table (bounded: about a minute).  Needs wrk from Debian.
bench: install
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get -o DPkg::Lock::Timeout=300 install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi; }
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/wordpress_import.py
	$(MAKE) --no-print-directory bench-cluster

# The article page through nginx with one and two app servers on PostgreSQL + Redis (a
# cluster of its own in a temporary folder), beside the same bytes as a static file.
bench-cluster: install system-packages
	@command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get -o DPkg::Lock::Timeout=300 install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi; }
	$(BIN)/python benchmarks/cluster.py

# Spam filter: share of spam sent straight to Spam and of real comments sent there, on the
# held-out shipped corpus and on the public corpora in ../shared/spam/; speed.  About a minute.
bench-spam: install
	$(BIN)/python benchmarks/spam.py

lock: $(BIN)/python
	( echo "# Every package Pulse installs, pinned (direct and transitive). Regenerate with: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^#' ) > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles $(VENDOR) $(EASYMDE)
