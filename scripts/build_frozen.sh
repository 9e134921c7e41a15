#!/usr/bin/env bash
# Build the frozen app (PyInstaller, one folder: dist/btxh/) and smoke-test what was built.
#
#   scripts/build_frozen.sh              (or `make frozen`, which sets up .venv first)
#   scripts/build_frozen.sh --test-only  (check and smoke-test an existing dist/btxh)
#
# 1. PyInstaller with installer/btxh.spec (the spec compiles the .qm translations itself, with
#    scripts/i18n.py build, so the Windows build gets them too);
# 2. checks the folder: translations, migrations as .py files, CA bundle, keyring metadata,
#    every shared library resolvable, no server code;
# 3. runs the frozen programs: the GUI smoke tests (main window; login dialog), the CLI
#    (init, demo-data, check, allowance) and a sync round trip with the reference server
#    (run from .venv, it is not part of the bundle) over loopback;
# 4. checks that running them wrote nothing into the program folder.
# Exits non-zero on the first failure. Linux only; docs/installer.md has the Windows build.
#
# Environment: VENV (default .venv), BTXH_FROZEN_DIST / BTXH_FROZEN_WORK (default dist, build).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
DIST=${BTXH_FROZEN_DIST:-dist}
WORK=${BTXH_FROZEN_WORK:-build}
APP="$DIST/btxh"
STARTED=$SECONDS

fail() {
  echo "build_frozen: FAILED: $*" >&2
  exit 1
}
step() { echo "build_frozen: [$((SECONDS - STARTED))s] $*"; }

[ -x "$PY" ] || fail "no $PY: run scripts/setup.sh (or make frozen)"
command -v objdump >/dev/null || fail "PyInstaller needs binutils (objdump): run scripts/setup.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/btxh-frozen-XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# The frozen programs run isolated from this machine's settings and data.
unset BTXH_DATA_DIR BTXH_PASSWORD BTXH_SYNC_PASSWORD PYTHON_KEYRING_BACKEND
export XDG_DATA_HOME="$TMP/xdg-data" XDG_CONFIG_HOME="$TMP/xdg-config"
export QT_QPA_PLATFORM=offscreen

# ------------------------------------------------------------------------------ build
if [ "${1:-}" != "--test-only" ]; then
  step "PyInstaller (installer/btxh.spec) -> $APP"
  "$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" installer/btxh.spec
fi
BUILT=$SECONDS

# ------------------------------------------------------------------------------ the folder
step "checking the folder"
INTERNAL="$APP/_internal"
for program in btxh-desktop btxh; do
  [ -x "$APP/$program" ] || fail "$APP/$program missing"
done
ts_count=$(find resources/i18n/vi -name '*.ts' | wc -l)
qm_count=$(find "$INTERNAL/resources/i18n/qm" -name '*.qm' | wc -l)
[ "$ts_count" -gt 0 ] && [ "$qm_count" -eq "$ts_count" ] ||
  fail "translations: $ts_count .ts files, $qm_count .qm in the bundle"
find "$INTERNAL/resources/i18n" -name '*.ts' | grep -q . && fail ".ts sources were bundled"
for folder in policy messages reference calendar fonts; do
  [ -d "$INTERNAL/resources/$folder" ] || fail "resources/$folder missing"
done
[ -f "$INTERNAL/resources/style.qss" ] || fail "resources/style.qss missing"
[ -f "$INTERNAL/migrations/env.py" ] || fail "migrations/env.py missing"
src_versions=$(find migrations/versions -maxdepth 1 -name '*.py' | wc -l)
app_versions=$(find "$INTERNAL/migrations/versions" -maxdepth 1 -name '*.py' | wc -l)
[ "$app_versions" -eq "$src_versions" ] ||
  fail "migrations: $src_versions revisions in the source, $app_versions .py in the bundle"
[ -s "$INTERNAL/certifi/cacert.pem" ] || fail "certifi's CA bundle missing (requests needs it)"
for dist in keyring keyrings.alt; do
  compgen -G "$INTERNAL/$dist-*.dist-info/entry_points.txt" >/dev/null ||
    fail "$dist metadata missing: keyring would find no backends"
done
modules() { "$VENV/bin/pyi-archive_viewer" --recursive --brief "$APP/$1"; }
gui_modules=$(modules btxh-desktop)
cli_modules=$(modules btxh)
compgen -G "$INTERNAL/PySide6/QtCharts.*" >/dev/null || fail "PySide6.QtCharts missing"
for module in btxh_desktop.app PySide6 sqlcipher3 argon2 keyrings.alt.file openpyxl; do
  grep -qxF " $module" <<<"$gui_modules" || fail "module $module is not in btxh-desktop"
done
for module in btxh_desktop.cli sqlcipher3 argon2 keyrings.alt.file openpyxl requests; do
  grep -qxF " $module" <<<"$cli_modules" || fail "module $module is not in btxh"
done
for module in btxh_server fastapi uvicorn psycopg PySide6.QtNetwork PySide6.QtQml; do
  grep -qxF " $module" <<<"$gui_modules$cli_modules" && fail "module $module should not be bundled"
done
grep -qxF " PySide6" <<<"$cli_modules" && fail "the CLI should not load Qt"
# Every shared library resolves inside the bundle or on the system.
missing=$(find "$INTERNAL" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
  LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib" xargs -0 -n 50 ldd 2>/dev/null |
  grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "unresolved shared libraries:"$'\n'"$missing"
size=$(du -sb "$APP" | cut -f1)
step "bundle: $((size / 1024 / 1024)) MiB ($size bytes), $(find "$APP" -type f | wc -l) files"

find "$APP" -printf '%P %s %T@\n' | sort >"$TMP/before.txt"

# ------------------------------------------------------------------------------ the GUI
step "btxh-desktop --smoke-test"
out=$(timeout 180 "$APP/btxh-desktop" --smoke-test 2>"$TMP/gui.err") ||
  fail "btxh-desktop --smoke-test exited $?: $out $(cat "$TMP/gui.err")"
echo "$out"
grep -q "smoke test: main window shown" <<<"$out" || fail "main window not shown: $out"
grep -q "Fatal Python error" "$TMP/gui.err" && fail "crash at exit: $(cat "$TMP/gui.err")"

step "btxh-desktop --smoke-test login"
out=$(timeout 180 "$APP/btxh-desktop" --smoke-test login 2>"$TMP/login.err") ||
  fail "btxh-desktop --smoke-test login exited $?: $out $(cat "$TMP/login.err")"
echo "$out"
grep -q "smoke test: login dialog shown" <<<"$out" || fail "login dialog not shown: $out"

# ------------------------------------------------------------------------------ the CLI
DATA="$TMP/data"
btxh() { timeout 180 "$APP/btxh" --data-dir "$DATA" "$@"; }

step "btxh init / demo-data / check / allowance"
btxh init --site-type commune --site-code 26740 || fail "btxh init exited $?"
btxh demo-data --people 50 || fail "btxh demo-data exited $?"
btxh --json check >"$TMP/check.json" || fail "btxh check exited $?: $(cat "$TMP/check.json")"
"$PY" -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["ok"] is True else 1)' \
  "$TMP/check.json" || fail "btxh check is not ok: $(cat "$TMP/check.json")"
echo "check: ok"
out=$(btxh allowance --category K1 --birth 2023-03-10 --month 2027-03) ||
  fail "btxh allowance exited $?: $out"
grep -q "810.000 ₫" <<<"$out" || fail "allowance: expected 810.000 ₫, got: $out"
grep "810.000 ₫" <<<"$out" | head -1

# requests + certifi + keyring inside the bundle: log in (the refresh token goes to the
# keyring; on this headless machine keyrings.alt's file in XDG_DATA_HOME) and sync.
step "btxh sync login / run against the reference server on 127.0.0.1"
CENTRAL="sqlite:///$TMP/central.db"
SERVER=("$PY" -m btxh_server --db "$CENTRAL" --argon2-memory-kib 8192 --argon2-time-cost 1)
echo "frozen-smoke-Pass-1" | "${SERVER[@]}" user add --username frozen --scope commune:26740 \
  --password-stdin >/dev/null || fail "could not create the server account"
"${SERVER[@]}" --port 0 --port-file "$TMP/port" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  [ -s "$TMP/port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited: $(tail -20 "$TMP/server.log")"
  sleep 0.1
done
[ -s "$TMP/port" ] || fail "server did not start: $(tail -20 "$TMP/server.log")"
URL="http://127.0.0.1:$(cat "$TMP/port")"
echo "frozen-smoke-Pass-1" | btxh sync login --server "$URL" --username frozen --password-stdin \
  2>"$TMP/sync.err" || fail "btxh sync login exited $?: $(cat "$TMP/sync.err")"
btxh --json sync run >"$TMP/sync.json" 2>>"$TMP/sync.err" ||
  fail "btxh sync run exited $?: $(cat "$TMP/sync.json" "$TMP/sync.err")"
"$PY" -c '
import json, sys
run = json.load(open(sys.argv[1]))
print("sync: {outcome}, pushed {pushed}, pulled {pulled}".format(**run))
sys.exit(0 if run["outcome"] == "ok" and run["pushed"] > 0 else 1)' "$TMP/sync.json" ||
  fail "sync run: $(cat "$TMP/sync.json")"
[ -s "$TMP/sync.err" ] && fail "the CLI wrote to stderr during sync: $(cat "$TMP/sync.err")"
btxh sync logout >/dev/null || fail "btxh sync logout exited $?"

# ------------------------------------------------------------------------------ no writes
find "$APP" -printf '%P %s %T@\n' | sort >"$TMP/after.txt"
diff "$TMP/before.txt" "$TMP/after.txt" >"$TMP/changes.txt" ||
  fail "running the programs changed the program folder:"$'\n'"$(head -20 "$TMP/changes.txt")"
echo "program folder unchanged by the runs"

step "OK: build $((BUILT - STARTED))s, checks and smoke tests $((SECONDS - BUILT))s;" \
  "$APP is $((size / 1024 / 1024)) MiB"
