# The two commands a newcomer needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Qt's X11 platform plugin needs these on Debian; the offscreen one used by tests needs none.
DESKTOP_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0
# The tests start their own session bus (dbus-daemon) and validate the autostart entry.
TEST_PACKAGES := dbus desktop-file-utils

.PHONY: run test lint typecheck clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable ".[test,package]"
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	@if [ -n "$$DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then ./tools/debian-packages $(DESKTOP_PACKAGES); fi
	$(BIN)/job-tracker $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

test: lint typecheck
	./tools/debian-packages $(TEST_PACKAGES)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py
	$(BIN)/python bench/insights.py
	$(BIN)/python bench/exchange.py
	$(BIN)/python bench/reminders.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache

# Packaging (recipes in packaging/): the Linux bundle, a .tar.gz of it and the .deb, in dist/.
.PHONY: icons package
$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable ".[package]"
	touch $@ $(VENV)/.installed-app

icons: $(VENV)/.installed-app
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/make_icons.py build/icons

package: icons $(VENV)/.installed-package
	rm -rf dist/job-tracker
	JOB_TRACKER_ICONS=build/icons $(BIN)/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/job-tracker.spec
	@# The bundle must pass its own self-test (in a throwaway data folder) before it ships.
	tmp="$$(mktemp -d)" && QT_QPA_PLATFORM=offscreen dist/job-tracker/job-tracker \
		--self-test --data-dir "$$tmp/data"; status=$$?; rm -rf "$$tmp"; exit $$status
	version="$$(dist/job-tracker/job-tracker --version | awk '{print $$NF}')" && \
		tar -C dist -czf "dist/job-tracker-$$version-linux-$$(uname -m).tar.gz" job-tracker
	packaging/linux/build-deb dist/job-tracker build/icons dist
