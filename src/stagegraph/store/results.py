"""SPARQL 1.1 JSON results read as they arrive, one binding at a time.

A server such as Oxigraph Server writes a large answer while it evaluates the query (the
last bytes of a 3 MB answer come 70 ms after the first); decoding each binding as its bytes
come in spends that wait on the work that would otherwise follow it, so reading an answer
costs little more than receiving it. The standard library decodes each value
(``JSONDecoder.raw_decode``); this module only walks the two levels above the bindings
(``{"head": …, "results": {"bindings": [ … ]}}``, in any key order, other keys skipped).
A malformed answer is a ``ValueError`` once all of it has been read; so is a value nested
deeper than Python's stack allows (a hostile server's ``[[[[…``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

_DECODE = json.JSONDecoder().raw_decode
# JSON's own white space, as the decoder skips it (an undocumented name, so not in typeshed)
_SPACE = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]
READ = 1 << 16  # bytes asked of the response at a time

JSONObject: TypeAlias = dict[str, Any]  # a decoded JSON object: its values are whatever the server sent


class _Buffer:
    """The answer's text so far: ``read(size)`` gives bytes, empty at the end."""

    def __init__(self, read: Callable[[int], bytes], size: int) -> None:
        self._read, self._size, self._utf8 = read, size, codecs.getincrementaldecoder("utf-8")()
        self.text, self.at, self.ended = "", 0, False

    def more(self) -> None:
        """Read at least as much again as is unconsumed, so a value spanning many reads is
        scanned a logarithmic number of times, not once a read."""
        if self.ended:
            raise ValueError("the answer ends in the middle of a value")
        self.text, self.at = self.text[self.at :], 0
        wanted, parts = max(self._size, len(self.text)), []
        while wanted > 0:
            chunk = self._read(self._size)
            if not chunk:
                parts.append(self._utf8.decode(b"", final=True))
                self.ended = True
                break
            parts.append(self._utf8.decode(chunk))
            wanted -= len(chunk)
        self.text += "".join(parts)

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            self.at = _SPACE(self.text, self.at).end()
            if self.at < len(self.text):
                return self.text[self.at]
            if self.ended:
                return ""
            self.more()

    def expect(self, char: str) -> None:
        if self.skip_space() != char:
            raise ValueError(f"expected {char!r} at character {self.at}")
        self.at += 1

    def value(self) -> object:
        """The next JSON value whole; a value at the very end of the text so far may be cut
        (a number), so it is only taken once something follows it or the answer has ended."""
        self.skip_space()
        while True:
            try:
                found, end = _DECODE(self.text, self.at)
                if end < len(self.text) or self.ended:
                    self.at = end
                    return found
            except json.JSONDecodeError:
                if self.ended:
                    raise
            except RecursionError:
                raise ValueError(f"a value nested too deep at character {self.at}") from None
            self.more()


def bindings(read: Callable[[int], bytes], size: int = READ) -> tuple[JSONObject, Iterator[JSONObject]]:
    """``(head, rows)`` of a SPARQL JSON answer read ``size`` bytes at a time: ``rows`` yields
    each binding as it is decoded. An ASK answer's ``boolean`` is in ``head["boolean"]``, with
    ``rows`` empty."""
    buffer = _Buffer(read, size)
    head: JSONObject = {}
    if buffer.skip_space() == "\ufeff":  # a byte order mark, which json.loads of bytes also skips
        buffer.at += 1
    buffer.expect("{")
    while True:
        key = _key(buffer)
        if key is None:
            return head, iter(())
        if key != "results":
            value = buffer.value()
            if key == "head" and isinstance(value, dict):
                head.update(value)
            elif key == "boolean":
                head["boolean"] = value
            continue
        buffer.expect("{")
        while (inner := _key(buffer)) is not None:
            if inner == "bindings":
                return head, _rows(buffer, head)
            buffer.value()


def _key(buffer: _Buffer) -> str | None:
    """The next key of an object (None at its closing brace), past its colon."""
    if buffer.skip_space() == ",":
        buffer.at += 1
    if buffer.skip_space() == "}":
        buffer.at += 1
        return None
    key = buffer.value()
    if not isinstance(key, str):
        raise ValueError(f"expected a key at character {buffer.at}")
    buffer.expect(":")
    return key


def _rows(buffer: _Buffer, head: JSONObject) -> Iterator[JSONObject]:
    """Each binding of the array the buffer is at, then the rest of the answer checked (a
    ``head`` after the results is still read into ``head``)."""
    buffer.expect("[")
    if buffer.skip_space() == "]":
        buffer.at += 1
    else:
        while True:
            row = buffer.value()
            if not isinstance(row, dict):
                raise ValueError(f"expected a binding at character {buffer.at}")
            yield row
            after = buffer.skip_space()
            buffer.at += 1
            if after == "]":
                break
            if after != ",":
                raise ValueError(f"expected ',' or ']' at character {buffer.at - 1}")
    while _key(buffer) is not None:  # the rest of "results"
        buffer.value()
    while (key := _key(buffer)) is not None:  # the rest of the answer
        value = buffer.value()
        if key == "head" and isinstance(value, dict):
            head.update(value)
    if buffer.skip_space():
        raise ValueError(f"unexpected text after the answer at character {buffer.at}")
