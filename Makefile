# PA Letter Studio. Quick start: `make run` (start the app) and `make test` (every test, headless).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Debian packages: what Qt needs offscreen (tests), what a real window needs, and PDF tools.
# LibreOffice (about 300 MB) opens every example's DOCX in the tests, as a Word user would
# (tests/golden/test_docx_pages.py), and is the baseline the benchmarks compare against.
APT_TEST := libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libdbus-1-3 \
	libx11-6 fonts-dejavu-core poppler-utils python3-venv libreoffice-writer-nogui
# The test run starts a throwaway PostgreSQL server from these (tests/support/postgres_server.py).
APT_POSTGRES := postgresql
APT_WINDOW := libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth

.PHONY: setup run test lint typecheck unit bench soak clean system-packages screenshots

setup: $(STAMP)
	@# The app's own bytecode, up to date, as an installed app has it: the environment may
	@# set PYTHONDONTWRITEBYTECODE, and then every run would compile our modules again.
	@$(BIN)/python -m compileall -q desktop_app

$(STAMP): pyproject.toml
	@bash scripts/install-system-packages.sh $(APT_TEST) $(APT_WINDOW) $(APT_POSTGRES)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV). On Debian: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)
	@echo "Set up: $(BIN)/pa-letter"

run: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/pa-letter; \
	else \
		echo "No display found: starting the app on a virtual screen (xvfb-run)."; \
		xvfb-run -a -s "-screen 0 1440x900x24" $(BIN)/pa-letter; \
	fi

# The README's pictures of the real window, on a virtual screen with the example cases only.
screenshots: setup
	xvfb-run -a -s "-screen 0 1440x900x24" $(BIN)/python scripts/readme_screenshots.py

lint: setup
	$(BIN)/ruff check desktop_app tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test: setup lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

unit: setup
	$(BIN)/python -m pytest -q tests/unit

# A longer day in the real window than `make test` runs: 1500 operations, 12 CLI renders.
soak: setup
	PA_LETTER_SOAK_OPERATIONS=1500 PA_LETTER_SOAK_RENDERS=12 QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q tests/ui/test_soak.py

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
