"""The committed reference files are what scripts/build_reference_data.py makes of its sources.

Only the current units can be rebuilt here (the legacy wheel needs a download); the legacy file
is checked against the merger table the script carries.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from btxh_desktop.paths import bundled_root, resource_path

pytest.importorskip("vietnam_provinces")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    path = bundled_root() / "scripts" / "build_reference_data.py"
    spec = importlib.util.spec_from_file_location("build_reference_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed(name: str) -> dict[str, object]:
    document: dict[str, object] = json.loads(resource_path("reference", name).read_text("utf-8"))
    return document


def test_current_units_are_up_to_date(script: ModuleType) -> None:
    provinces, communes = script.current_units()
    assert committed("provinces.json")["provinces"] == provinces
    assert committed("communes.json")["communes"] == communes


def test_legacy_successors_follow_the_merger_table(script: ModuleType) -> None:
    rows = committed("legacy_provinces.json")["provinces"]
    assert isinstance(rows, list)
    assert {row[0]: row[3] for row in rows} == script.SUCCESSORS


def test_render_round_trips(script: ModuleType) -> None:
    body = {"01": [["00004", "Ba Đình", "phuong"]], "04": []}
    text = script.render({"source": "test"}, "communes", body)
    assert json.loads(text) == {"source": "test", "communes": body}
    assert "Ba Đình" in text  # not \\u-escaped: the file stays readable and small
