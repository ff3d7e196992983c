"""Files on disk, read and written safely: strict UTF-8 reading with a line for every error
(``text``), atomic writes (``atomic``), the journal that makes several files change together
(``journal``) and the writers' lock (``lock``). Shared by every reader and writer."""

from ..errors import RefusedFile, WriteError
from .atomic import JOURNAL, STAGED, kind_of, refuse_unwritable, write_output, write_text
from .journal import check_journal, finish, remove_stale, write_many
from .lock import data_lock
from .text import csv_text, read_stream, read_utf8, source_lines

__all__ = [
    "JOURNAL",
    "csv_text",
    "source_lines",
    "STAGED",
    "RefusedFile",
    "WriteError",
    "check_journal",
    "data_lock",
    "finish",
    "kind_of",
    "read_stream",
    "read_utf8",
    "refuse_unwritable",
    "remove_stale",
    "write_many",
    "write_output",
    "write_text",
]
