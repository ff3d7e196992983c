"""Every exception of the library and the exit codes they map to, in one place.

Only the command line turns an exception into a message (``error: …`` on standard error)
and its exit code; the library raises and never prints.
"""

from __future__ import annotations

import errno
from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every command (the table in docs/commands.md)."""

    OK = 0  # success: the graph conforms, or the command did its job
    VIOLATIONS = 1  # the graph has violations (validate, add, fmt --check, diff: a difference)
    INPUT = 2  # an input could not be read or was refused, or the command line was wrong
    TIMEOUT = 3  # a query ran longer than --timeout
    SERVER = 4  # a SPARQL server could not be reached or answered with an error


class StagegraphError(Exception):
    """Base class: a problem the user can fix, described in one sentence."""

    exit_code = ExitCode.INPUT


class InputError(StagegraphError):
    """An input file or folder could not be read or parsed (exit code 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        where = f"{shown(path)}:{line}: " if path and line else (f"{shown(path)}: " if path else "")
        super().__init__(where + message)


class WriteError(StagegraphError):
    """A file could not be written (exit code 2); nothing was changed."""


class RefusedFile(InputError):
    """A file stagegraph keeps in a data folder (journal, lock) that it did not make (exit code 2)."""


class UnknownEntity(InputError):
    """A name that matches no entity of the expected kind."""


class QueryRefused(InputError):
    """A query that stagegraph will not run (an update, SERVICE without consent, FROM …)."""


class QueryTimeout(StagegraphError):
    """The query ran longer than --timeout."""

    exit_code = ExitCode.TIMEOUT


def timeout_error(seconds: float) -> QueryTimeout:
    """The one sentence for a query stopped at ``--timeout`` (every engine says the same)."""
    return QueryTimeout(
        f"the query ran longer than {seconds:g} s and was stopped; narrow it "
        "(bound property paths, add LIMIT) or raise --timeout"
    )


class EndpointError(StagegraphError):
    """A SPARQL server could not be reached or answered with an error (exit code 4)."""

    exit_code = ExitCode.SERVER
    status: int  # these two only when the server answered with an HTTP error (store/transport.py)
    reason: str


class ContributionRefused(StagegraphError):
    """A contribution that would make the graph invalid (exit code 1); nothing was written."""

    exit_code = ExitCode.VIOLATIONS

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


def shown(path, limit: int = 200) -> str:
    """A path for a one-line message: control characters escaped, a very long one shortened."""
    text = str(path)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    if len(text) <= limit:
        return text
    return f"{text[:60]}…{text[-40:]} ({len(text)} characters)"


_ADVICE = {
    "ENAMETOOLONG": "use a shorter name or path",
    "EACCES": "check its permissions",
    "EPERM": "check its permissions and attributes (e.g. immutable)",
    "EROFS": "the file system is read-only, so choose another place",
    "ENOSPC": "free some space and try again",
    "EDQUOT": "free some space and try again",
    "EFBIG": "the file is too large for this place",
    "ELOOP": "check its symbolic links",
    "EISDIR": "give a file, not a folder",
}


def os_error_message(exc: OSError) -> str:
    """One sentence for an operating-system refusal: the path, the system's reason, what to do."""
    where = f"{shown(exc.filename)}: " if exc.filename is not None else ""
    advice = _ADVICE.get(errno.errorcode.get(exc.errno or 0, ""), "check the path")
    return f"{where}{exc.strerror or exc}; {advice}"
