"""The Vietnamese GUI has no untranslated source strings, and placeholders match."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
assert spec is not None and spec.loader is not None
i18n_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_tool)


def test_every_gui_string_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    assert i18n_tool.problems() == []


def test_translation_files_are_up_to_date_with_the_code(tmp_path: Path) -> None:
    lupdate = str(Path(sys.executable).with_name("pyside6-lupdate"))
    for module in i18n_tool.gui_modules():
        committed = i18n_tool.ts_for(module)
        assert committed.exists(), f"{module.name} has tr() strings but no {committed.name}"
        fresh = tmp_path / committed.name
        shutil.copy(committed, fresh)
        subprocess.run(
            [lupdate, "-silent", "-locations", "none", "-no-obsolete", "-target-language",
             "vi_VN", str(module), "-ts",
             str(fresh)],
            check=True,
        )  # fmt: skip
        missing = [
            source
            for _, source, translation in i18n_tool.messages(fresh)
            if translation.get("type") == "unfinished"
        ]
        assert missing == [], f"run scripts/i18n.py update and translate: {missing}"
