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
        where = f"{shown(path)}:{line}: " if path and line else (f"{shown(path)}: " if path else "")
        super().__init__(where + message)


def shown(path, limit: int = 200) -> str:
    """A path for a one-line message: control characters escaped, a very long one shortened."""
    text = str(path)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    if len(text) <= limit:
        return text
    return f"{text[:60]}…{text[-40:]} ({len(text)} characters)"


_ADVICE = {
    "ENAMETOOLONG": "use a shorter name or path", "EACCES": "check its permissions",
    "EPERM": "check its permissions and attributes (e.g. immutable)",
    "EROFS": "the file system is read-only, so choose another place", "ENOSPC": "free some space and try again",
    "EDQUOT": "free some space and try again", "EFBIG": "the file is too large for this place",
    "ELOOP": "check its symbolic links", "EISDIR": "give a file, not a folder",
}


def os_error_message(exc: OSError) -> str:
    """One sentence for an operating-system refusal: the path, the system's reason, what to do."""
    import errno

    where = f"{shown(exc.filename)}: " if exc.filename is not None else ""
    advice = _ADVICE.get(errno.errorcode.get(exc.errno or 0, ""), "check the path")
    return f"{where}{exc.strerror or exc}; {advice}"
