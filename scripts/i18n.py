"""Qt Linguist translations of the GUI: extract, fill, check, compile.

Source strings are English (`self.tr("People")`); Vietnamese is the default language. Each
GUI module has its own `.ts` file under `resources/i18n/vi/` so that people working on
different screens never edit the same file. `.qm` files are compiled from them (during
set-up, packaging, and by the app itself when running from a source checkout).

    python scripts/i18n.py update            # extract new strings from src/btxh_desktop/ui
    python scripts/i18n.py fill FILE.ts MAP.json   # apply {"English": "Tiếng Việt"} to FILE
    python scripts/i18n.py check             # every string translated, placeholders match
    python scripts/i18n.py build [OUT_DIR]   # compile .qm files
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "src" / "btxh_desktop"
TS_DIR = ROOT / "resources" / "i18n" / "vi"
QM_DIR = ROOT / "resources" / "i18n" / "qm"
# `translate("Context", ...)` with a literal context, as lupdate reads it; not every
# method or call that happens to be named translate (str.translate, QTranslator).
TRANSLATED = re.compile(r'\.tr\(|\btranslate\(\s*"')
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}|%n|%[0-9]+")
# Hand-written: Qt's own standard buttons and menus, which PySide6 ships no Vietnamese for.
HAND_WRITTEN = {"qt_standard.ts"}


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def gui_modules() -> list[Path]:
    modules = sorted((SOURCES / "ui").rglob("*.py"))
    modules.append(SOURCES / "app.py")
    return [m for m in modules if m.exists() and TRANSLATED.search(m.read_text("utf-8"))]


def ts_for(module: Path) -> Path:
    dotted = ".".join(module.relative_to(SOURCES).with_suffix("").parts)
    return TS_DIR / f"{dotted}.ts"


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    wanted = {ts_for(m) for m in gui_modules()} | {TS_DIR / name for name in HAND_WRITTEN}
    for module in gui_modules():
        subprocess.run(
            [_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
             "-target-language", "vi_VN", str(module),
             "-ts", str(ts_for(module))],
            check=True,
        )  # fmt: skip
    for stale in set(TS_DIR.glob("*.ts")) - wanted:
        stale.unlink()
        print(f"removed {stale.name}: its module no longer exists or has no tr()")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message in a .ts file."""
    tree = ET.parse(ts)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source") or "", translation))
    return out


def fill(ts: Path, mapping_file: Path) -> None:
    mapping: dict[str, str] = json.loads(mapping_file.read_text("utf-8"))
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and source in mapping:
            translation.text = mapping[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"{ts.name}: {filled} translations applied")


def problems() -> list[str]:
    found = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        for context, source, translation in messages(ts):
            where = f"{ts.name} [{context}] {source!r}"
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                found.append(f"{where}: not translated")
                continue
            text = translation.text or ""
            if not text.strip():
                found.append(f"{where}: empty translation")
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                found.append(f"{where}: placeholders differ in {text!r}")
    return found


def build(out: Path = QM_DIR) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = out / ts.with_suffix(".qm").name
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    for stale in set(out.glob("*.qm")) - set(built):
        stale.unlink()
    return built


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, *rest = argv
    if command == "update":
        update()
    elif command == "fill":
        fill(Path(rest[0]), Path(rest[1]))
    elif command == "check":
        found = problems()
        print("\n".join(found) or "all GUI strings translated")
        return 1 if found else 0
    elif command == "build":
        build(Path(rest[0]) if rest else QM_DIR)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
