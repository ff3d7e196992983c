"""Where the bundled universe lives: the checkout's top-level folders, or the installed copy.

In a checkout (and an editable install) the ontology, data and queries are the
top-level ``ontology/``, ``data/`` and ``queries/`` folders that contributors
edit. A wheel carries a copy of them in ``stagegraph/_bundle/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _folder(name: str) -> Path:
    installed = _PACKAGE / "_bundle" / name
    if installed.is_dir():
        return installed
    return _CHECKOUT / name


def ontology_dir() -> Path:
    """The folder holding the bundled ontology and shapes."""
    return _folder("ontology")


def data_dir() -> Path:
    """The folder holding the bundled data files."""
    return _folder("data")


def queries_dir() -> Path:
    """The folder holding the named query library."""
    return _folder("queries")


def is_installed_copy(path: Path) -> bool:
    """True when ``path`` lies inside an installed package's read-only bundle."""
    return (_PACKAGE / "_bundle") in Path(path).resolve().parents
