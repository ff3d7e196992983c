"""SHACL validation: ``make_engine(name)`` gives an engine (engine.py's seam) whose ``validate``
returns a report made of data (report.py). The engines are imported here only, when asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import Engine, Progress


def make_engine(name: str, *, allow_warnings: bool = False, progress: Progress | None = None) -> Engine:
    """The engine called ``name``: ``pyshacl`` (the reference) or ``fast`` (set-at-a-time,
    declining to the reference for what it does not cover)."""
    from .reference.engine import PyshaclEngine

    reference = PyshaclEngine(allow_warnings=allow_warnings, progress=progress)
    if name == "pyshacl":
        return reference
    if name != "fast":
        raise ValueError(f"unknown engine {name!r}")
    from .setwise.engine import SetwiseEngine

    return SetwiseEngine(fallback=reference, allow_warnings=allow_warnings, progress=progress)


__all__ = ["make_engine"]
