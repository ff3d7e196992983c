"""Where the universe lives, from a configuration file: ``--endpoint`` and ``--graph`` kept once.

The file is ``stagegraph.toml`` in the working directory, else
``$XDG_CONFIG_HOME/stagegraph/config.toml`` (``~/.config/…`` by default), read with the
standard library's ``tomllib``::

    endpoint = "http://127.0.0.1:8890/sparql"
    graph = "https://example.org/alien-stage"

Precedence, setting by setting: the flag, then the environment variable
(``STAGEGRAPH_ENDPOINT``, ``STAGEGRAPH_GRAPH``), then the file; and the file is read only when
neither flag nor environment names an endpoint, so its graph never lands on another server.
Credentials stay in the environment: a file that holds one is refused.
"""

from __future__ import annotations

import os
import re
import tomllib
import urllib.parse
from pathlib import Path

from .errors import InputError

FILE = "stagegraph.toml"
KEYS = ("endpoint", "graph")
SECRET = re.compile(r"pass|secret|token|credential|auth|user|key", re.IGNORECASE)
ENVIRONMENT = (
    "the environment (STAGEGRAPH_ENDPOINT_USER and STAGEGRAPH_ENDPOINT_PASSWORD, or STAGEGRAPH_ENDPOINT_TOKEN)"
)


def config_path() -> Path | None:
    """The configuration file in use, if any: the working directory's, else the user's."""
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    for path in (Path(FILE), Path(home) / "stagegraph" / "config.toml"):
        if path.is_file():
            return path
    return None


def read(path: Path) -> dict[str, str]:
    """The settings of ``path``, or an InputError naming what is wrong in it."""
    try:
        with path.open("rb") as handle:
            settings = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML ({exc}); fix the file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the configuration file ({exc}); fix or remove it", str(path)) from None
    for key, value in settings.items():
        if SECRET.search(key):
            raise InputError(
                f"the configuration file holds a credential ('{key}'); remove it and set it in {ENVIRONMENT}", str(path)
            )
        if key not in KEYS:
            raise InputError(f"unknown setting '{key}' (known: {', '.join(KEYS)}); remove or rename it", str(path))
        if not isinstance(value, str):
            raise InputError(f"the setting '{key}' must be a string (\"…\"); quote it", str(path))
    if urllib.parse.urlsplit(settings.get("endpoint", "")).password is not None:
        raise InputError(
            f"the endpoint URL holds a password; remove it from the URL and set it in {ENVIRONMENT}", str(path)
        )
    return settings


def server(endpoint: str | None, graph_iri: str | None) -> tuple[str | None, str | None]:
    """``(endpoint, graph)`` from the flags or environment as given, else from the file."""
    if endpoint:
        return endpoint, graph_iri
    path = config_path()
    if path is None:
        return None, graph_iri
    settings = read(path)
    return settings.get("endpoint") or None, graph_iri or settings.get("graph") or None
