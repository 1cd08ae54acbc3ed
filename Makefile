# Two commands a newcomer needs: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-installs only when a requirements file changed.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py setup_ppid_roles
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py load_demo
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py ensure_admin
	@echo "Portal PPID: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/admin/"
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py runserver $(HOST):$(PORT)

# ARGS go to pytest, e.g. make test ARGS="tests/portal/test_health.py -k storage"
test: install
	scripts/test.sh $(ARGS)

# Database dump + both storages (local or S3) into a new folder; restore replaces the database.
# make backup DIR=backups/2026-12-02   make restore DIR=backups/2026-12-02
DIR ?= backups/$(shell date +%Y-%m-%dT%H%M%S)
backup: install
	$(BIN)/python manage.py backup_portal "$(DIR)"

restore: install
	$(BIN)/python manage.py restore_portal "$(DIR)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l id -l en --no-obsolete --ignore=.venv --ignore=demo --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	scripts/services.sh down
	rm -rf $(VENV) db.sqlite3 media private_media .services
