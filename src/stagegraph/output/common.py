"""What every formatter shares: paths shown relative to the working folder, JSON."""

from __future__ import annotations

import json
from pathlib import Path


def relpath(path: str | Path | None) -> str:
    """A path relative to the working folder when it lies below it, else as given."""
    if not path:
        return "-"
    absolute = Path(path).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
