"""Regenerate resources/reference/{provinces,communes,legacy_provinces}.json.

Sources:
- Administrative units since 2025-07-01 (34 provinces, 3,321 communes; codes of Decision
  19/2025/QĐ-TTg): the PyPI package vietnam-provinces 2025.10.1, a dev dependency.
- The 63 provinces before the merger, whose codes CCCD numbers and legacy records carry:
  vietnam-provinces 0.6.0. It has the same import name, so it is read from its wheel rather
  than installed; pip downloads it unless --legacy-wheel points at a copy. Its hash is pinned.
- Which new province each old one became part of: Resolution 202/2025/QH15 (12 June 2025), as
  `SUCCESSORS` below. Neither package records it, so it is written out by hand and checked
  against the commune codes: a new commune keeps the code of one of the communes merged into
  it, and the old package says which old province that code belonged to.

ethnic_groups.json and disability.json are maintained by hand.

    .venv/bin/python scripts/build_reference_data.py [--legacy-wheel PATH] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from vietnam_provinces import Province, Ward, __data_version__, __version__

OUT_DIR = Path(__file__).resolve().parents[1] / "resources" / "reference"
LEGACY_PACKAGE = "vietnam-provinces==0.6.0"
LEGACY_WHEEL_SHA256 = "4b5772870efdcb7c58a64fbdc0e0c9ce497e67017a0c189dff99582ddadb7815"

# Old province code → code of the province it belongs to since 2025-07-01.
SUCCESSORS = {
    "01": "01",  # Hà Nội (unchanged)
    "02": "08",  # Hà Giang → Tuyên Quang
    "04": "04",  # Cao Bằng (unchanged)
    "06": "19",  # Bắc Kạn → Thái Nguyên
    "08": "08",  # Tuyên Quang
    "10": "15",  # Lào Cai → Lào Cai (code of Yên Bái)
    "11": "11",  # Điện Biên (unchanged)
    "12": "12",  # Lai Châu (unchanged)
    "14": "14",  # Sơn La (unchanged)
    "15": "15",  # Yên Bái → Lào Cai
    "17": "25",  # Hòa Bình → Phú Thọ
    "19": "19",  # Thái Nguyên
    "20": "20",  # Lạng Sơn (unchanged)
    "22": "22",  # Quảng Ninh (unchanged)
    "24": "24",  # Bắc Giang → Bắc Ninh
    "25": "25",  # Phú Thọ
    "26": "25",  # Vĩnh Phúc → Phú Thọ
    "27": "24",  # Bắc Ninh → Bắc Ninh (code of Bắc Giang)
    "30": "31",  # Hải Dương → Hải Phòng
    "31": "31",  # Hải Phòng
    "33": "33",  # Hưng Yên
    "34": "33",  # Thái Bình → Hưng Yên
    "35": "37",  # Hà Nam → Ninh Bình
    "36": "37",  # Nam Định → Ninh Bình
    "37": "37",  # Ninh Bình
    "38": "38",  # Thanh Hóa (unchanged)
    "40": "40",  # Nghệ An (unchanged)
    "42": "42",  # Hà Tĩnh (unchanged)
    "44": "44",  # Quảng Bình → Quảng Trị
    "45": "44",  # Quảng Trị → Quảng Trị (code of Quảng Bình)
    "46": "46",  # Huế (unchanged)
    "48": "48",  # Đà Nẵng
    "49": "48",  # Quảng Nam → Đà Nẵng
    "51": "51",  # Quảng Ngãi
    "52": "52",  # Bình Định → Gia Lai
    "54": "66",  # Phú Yên → Đắk Lắk
    "56": "56",  # Khánh Hòa
    "58": "56",  # Ninh Thuận → Khánh Hòa
    "60": "68",  # Bình Thuận → Lâm Đồng
    "62": "51",  # Kon Tum → Quảng Ngãi
    "64": "52",  # Gia Lai → Gia Lai (code of Bình Định)
    "66": "66",  # Đắk Lắk
    "67": "68",  # Đắk Nông → Lâm Đồng
    "68": "68",  # Lâm Đồng
    "70": "75",  # Bình Phước → Đồng Nai
    "72": "80",  # Tây Ninh → Tây Ninh (code of Long An)
    "74": "79",  # Bình Dương → Hồ Chí Minh
    "75": "75",  # Đồng Nai
    "77": "79",  # Bà Rịa - Vũng Tàu → Hồ Chí Minh
    "79": "79",  # Hồ Chí Minh
    "80": "80",  # Long An → Tây Ninh
    "82": "82",  # Tiền Giang → Đồng Tháp
    "83": "86",  # Bến Tre → Vĩnh Long
    "84": "86",  # Trà Vinh → Vĩnh Long
    "86": "86",  # Vĩnh Long
    "87": "82",  # Đồng Tháp → Đồng Tháp (code of Tiền Giang)
    "89": "91",  # An Giang → An Giang (code of Kiên Giang)
    "91": "91",  # Kiên Giang → An Giang
    "92": "92",  # Cần Thơ
    "93": "92",  # Hậu Giang → Cần Thơ
    "94": "92",  # Sóc Trăng → Cần Thơ
    "95": "96",  # Bạc Liêu → Cà Mau
    "96": "96",  # Cà Mau
}

# Source division type → our code, and the word the source puts before the name.
PROVINCE_TYPES = {"tỉnh": ("tinh", "Tỉnh "), "thành phố trung ương": ("thanh_pho", "Thành phố ")}
COMMUNE_TYPES = {
    "xã": ("xa", "Xã "),
    "phường": ("phuong", "Phường "),
    "đặc khu": ("dac_khu", "Đặc khu "),
}

Row = list[str]


def short_name(name: str, prefix: str) -> str:
    """Drop the type word: it is stored as the type, and put back by the loader.

    A few source names have doubled spaces ("Xã  Bắc Đông Quan"); they are collapsed.
    """
    if unicodedata.normalize("NFC", name) != name:
        raise SystemExit(f"name not NFC: {name!r}")
    return " ".join(name.split()).removeprefix(prefix)


def current_units() -> tuple[list[Row], dict[str, list[Row]]]:
    provinces = []
    for province in Province.iter_all():
        kind, prefix = PROVINCE_TYPES[province.division_type.value]
        provinces.append([f"{int(province.code):02d}", short_name(province.name, prefix), kind])
    communes: dict[str, list[Row]] = {row[0]: [] for row in provinces}
    for ward in Ward.iter_all():
        kind, prefix = COMMUNE_TYPES[ward.division_type.value]
        if not " ".join(ward.name.split()).startswith(prefix):
            raise SystemExit(f"{ward.code}: {ward.name!r} does not start with {prefix!r}")
        row = [f"{int(ward.code):05d}", short_name(ward.name, prefix), kind]
        communes[f"{int(ward.province_code):02d}"].append(row)
    provinces.sort()
    return provinces, {code: sorted(rows) for code, rows in sorted(communes.items())}


def fetch_legacy_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", LEGACY_PACKAGE, "--no-deps", "-d", str(folder)],
        check=True,
    )
    return next(folder.glob("vietnam_provinces-0.6.0-*.whl"))


def legacy_units(wheel: Path) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The old provinces, and old commune code → old province code."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != LEGACY_WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest} is not the pinned one")
    with zipfile.ZipFile(wheel) as archive:
        nested = json.loads(archive.read("vietnam_provinces/data/nested-divisions.json"))
    province_of_commune = {
        ward["code"]: f"{province['code']:02d}"
        for province in nested
        for district in province["districts"]
        for ward in district["wards"]
    }
    return nested, province_of_commune


def legacy_rows(nested: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for province in nested:
        # The old package types every province "tỉnh"; the name says which are cities.
        name = province["name"]
        kind, prefix = next(
            (kind, prefix) for kind, prefix in PROVINCE_TYPES.values() if name.startswith(prefix)
        )
        code = f"{province['code']:02d}"
        rows.append([code, short_name(name, prefix), kind, SUCCESSORS[code]])
    return sorted(rows)


def check_successors(
    legacy: list[Row],
    provinces: list[Row],
    communes: dict[str, list[Row]],
    province_of_commune: dict[int, str],
) -> None:
    if sorted(SUCCESSORS) != [row[0] for row in legacy]:
        raise SystemExit("SUCCESSORS does not list exactly the old provinces")
    if set(SUCCESSORS.values()) != {row[0] for row in provinces}:
        raise SystemExit("SUCCESSORS does not cover exactly the new provinces")
    for new_code, rows in communes.items():
        for code, name, _ in rows:
            old_code = province_of_commune.get(int(code))
            if old_code is not None and SUCCESSORS[old_code] != new_code:
                raise SystemExit(
                    f"commune {code} {name} lies in province {new_code}, but its code was in "
                    f"old province {old_code}, which SUCCESSORS sends to {SUCCESSORS[old_code]}"
                )


def render(header: dict[str, Any], key: str, body: Sequence[Row] | dict[str, list[Row]]) -> str:
    """Compact JSON with one record a line, so a change to the data reads well in a diff."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def rows(items: Iterable[Row], indent: str) -> str:
        return ",\n".join(indent + dumps(item) for item in items)

    lines = ["{"] + [f"{dumps(name)}:{dumps(value)}," for name, value in header.items()]
    if isinstance(body, dict):
        groups = [f"{dumps(code)}:[\n{rows(items, '')}\n]" for code, items in body.items()]
        lines.append(f"{dumps(key)}:{{\n" + ",\n".join(groups) + "\n}")
    else:
        lines.append(f"{dumps(key)}:[\n{rows(body, '')}\n]")
    return "\n".join(lines) + "\n}\n"


def build(wheel: Path) -> dict[str, str]:
    provinces, communes = current_units()
    nested, province_of_commune = legacy_units(wheel)
    legacy = legacy_rows(nested)
    check_successors(legacy, provinces, communes, province_of_commune)
    current_source = (
        f"vietnam-provinces {__version__} (data retrieved {__data_version__}); "
        "codes of Decision 19/2025/QĐ-TTg, in force from 2025-07-01"
    )
    return {
        "provinces.json": render(
            {"source": current_source, "columns": ["code", "name", "type"]},
            "provinces",
            provinces,
        ),
        "communes.json": render(
            {"source": current_source, "columns": ["code", "name", "type"]},
            "communes",
            communes,
        ),
        "legacy_provinces.json": render(
            {
                "source": (
                    "vietnam-provinces 0.6.0: the 63 provinces and their GSO codes until "
                    "2025-06-30; successor: the province each became part of under Resolution "
                    "202/2025/QH15, checked against the commune codes"
                ),
                "columns": ["code", "name", "type", "successor"],
            },
            "provinces",
            legacy,
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy-wheel", type=Path, help="a downloaded " + LEGACY_PACKAGE)
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.legacy_wheel or fetch_legacy_wheel(Path(tmp))
        files = build(wheel)
    stale = [
        name
        for name, text in files.items()
        if not (OUT_DIR / name).exists() or (OUT_DIR / name).read_text("utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"stale: {OUT_DIR / name}")
        return 1 if stale else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (OUT_DIR / name).write_text(files[name], encoding="utf-8")
        print(f"wrote {OUT_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
