"""The library's exceptions. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class StagegraphError(Exception):
    """Base class: a problem the user can fix, described in one sentence."""

    exit_code = 2


class InputError(StagegraphError):
    """An input file or folder could not be read or parsed (exit code 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(where + message)
