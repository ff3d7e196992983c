"""Text in and out: every data file, query file and standard input is decoded here, and only
here; lines are split where the grammars end them, and CSV rows are written one way.

Strict UTF-8, so a bad byte is refused with the line it is on (a lenient decoding would
let a lone surrogate reach a graph, where every writer fails on it); a leading byte-order
mark, which editors on Windows write, is dropped.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, shown

BOM = "\ufeff"
EOL = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, name: str) -> str:
    """``data`` as text, or an InputError naming ``name`` and the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 text; save it as UTF-8", name, line) from None
    return text[1:] if text.startswith(BOM) else text


def read_utf8(path: Path) -> str:
    """A file's text, or an InputError saying why it cannot be used. Only a regular file is
    read: a pipe or a device named as a file would block or never end (standard input is ``-``)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror}); check the path and its permissions", shown(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(
                "is not a regular file (a pipe, a device or a folder); give a file, or - to read standard input",
                shown(path),
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read()
    finally:
        os.close(fd)
    return decode(data, shown(path))


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> str:
    """All the text of a binary stream such as standard input."""
    return decode(stream.read(), name)


def source_lines(text: str) -> list[str]:
    """The lines of Turtle or SPARQL text, split where their grammars end a line (LF, CR LF or CR),
    never at U+2028, U+2029, U+0085 or the other breaks ``str.splitlines`` knows: inside a
    comment or a string those are ordinary characters."""
    return EOL.split(text)


def csv_text(rows) -> str:
    """Rows as CSV, a line ending LF per row, RFC 4180 quoting. The writer is told rows end CR LF
    so that it quotes a value holding either character (told LF, it leaves a bare CR unquoted,
    which every reader takes for the end of the row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2] + "\n")
        buffer.seek(0)
        buffer.truncate()
    return "".join(lines)
