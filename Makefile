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

# Every picture in docs/screenshots, redrawn from throwaway demo data. Qt's "offscreen"
# platform draws without a display, so no X server (Xvfb) is needed; the `_large` set is the
# largest text size, where clipped Vietnamese shows first.
SHOT := QT_QPA_PLATFORM=offscreen $(BIN)/python
screenshots: setup
	$(SHOT) scripts/screenshots.py
	$(SHOT) scripts/screenshots.py --font-points 20 --suffix _large
	$(SHOT) scripts/screenshots_services.py
	$(SHOT) scripts/screenshots_first_run.py
	$(SHOT) scripts/screenshots_reports.py
	$(SHOT) scripts/screenshots_reports.py --font-points 20 --suffix _large \
		--only reports_statistics alerts_list reports_import_done
	folder=$$(mktemp -d) && trap 'rm -rf "$$folder"' EXIT && \
		$(SHOT) -m btxh_desktop.demo_launch --fresh --folder "$$folder/demo" \
		--screenshot docs/screenshots/demo_sync_conflict.png

# The frozen app (PyInstaller one-folder build in dist/btxh/), smoke-tested; see docs/installer.md.
frozen: setup
	VENV=$(VENV) ./scripts/build_frozen.sh
