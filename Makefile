# Every target sets itself up first (system packages, venv, project), so each one works
# on a fresh Debian/Ubuntu clone.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint bench demo screenshots frozen

setup:
	@./scripts/setup.sh

run: setup
	$(BIN)/btxh-desktop $(ARGS)

# A local btxh-server with demo accounts, a synced demo commune with a conflict waiting, and
# the app on it; the server stops with the app. ARGS=--fresh starts over (README, "Demo").
demo: setup
	$(BIN)/python -m btxh_desktop.demo_launch $(ARGS)

lint: setup
	$(BIN)/ruff check src tests bench migrations scripts
	$(BIN)/ruff format --check src tests bench migrations scripts
	$(BIN)/mypy

test: lint
	./scripts/pytest.sh $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m bench $(ARGS)

# The frozen app (PyInstaller one-folder build in dist/btxh/), smoke-tested; see docs/installer.md.
frozen: setup
	VENV=$(VENV) ./scripts/build_frozen.sh
