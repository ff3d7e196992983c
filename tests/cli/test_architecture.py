"""ARCHITECTURE.md is the one map of the code: every package and module of src/stagegraph has
its place in the packages table, and the table names nothing that is not there."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "stagegraph"
TEXT = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def rows() -> dict[str, str]:
    """The packages table: its first cell (`pkg/` or `module.py`) → the rest of the row."""
    table = TEXT.split("## The packages, bottom to top", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        head = re.fullmatch(r"`([\w./]+)`", cells[0]) if len(cells) > 1 else None
        if head:
            found[head.group(1)] = " | ".join(cells[1:])
    return found


ROWS = rows()
TOP = sorted(
    [f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    + [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
)


def test_the_table_was_found():
    assert len(ROWS) >= 10, "ARCHITECTURE.md lost its packages table ('## The packages, bottom to top')"


@pytest.mark.parametrize("entry", TOP)
def test_every_package_and_top_module_has_a_row(entry):
    assert entry in ROWS, f"src/stagegraph/{entry} is not in ARCHITECTURE.md's packages table"


@pytest.mark.parametrize("entry", sorted(ROWS))
def test_every_row_names_something_that_exists(entry):
    assert (PACKAGE / entry).exists(), f"ARCHITECTURE.md names {entry}, which is not in src/stagegraph"


MODULES = sorted(
    (f"{p.name}/", m)
    for p in PACKAGE.iterdir()
    if (p / "__init__.py").exists()
    for m in p.rglob("*.py")
    if m.name != "__init__.py" and "__pycache__" not in m.parts
)


@pytest.mark.parametrize(("package", "module"), MODULES, ids=[str(m.relative_to(PACKAGE)) for _, m in MODULES])
def test_every_module_is_named_in_its_package_row(package, module):
    row = ROWS.get(package, "")
    assert re.search(rf"`{re.escape(module.stem)}(\.py)?`", row), (
        f"{module.relative_to(PACKAGE)} is not named in the `{package}` row of ARCHITECTURE.md"
    )
