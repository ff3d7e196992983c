#!/usr/bin/env python3
"""Runs the benchmark's commands and measures each: wall time, its own peak memory, exit code.

bench.py starts this process first, while it is still small, and sends it one JSON request
per line on standard input: ``{"cmd": [...], "env": {...}, "cwd": "...", "timeout": s,
"out": "path", "err": "path"}``; it answers one JSON line: ``{"seconds", "mb", "rc",
"timeout"}``.

Why a separate process: Linux keeps a process's peak resident size across fork and exec,
so a command started by bench.py (which has rdflib and pyoxigraph loaded) would report
at least bench.py's own size. Started from this small process, a command's ``ru_maxrss``
(from ``os.wait4``) is its own, unless it stays below this process's size (a few MB).
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time


def run(request: dict) -> dict:
    killed = threading.Event()
    with open(request["out"], "wb") as out, open(request["err"], "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            request["cmd"],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=request["env"],
            cwd=request["cwd"],
            start_new_session=True,
        )

        def kill():
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(request["timeout"], kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(elapsed, 4),
        "mb": round(usage.ru_maxrss / 1024, 1),
        "rc": proc.returncode,
        "timeout": killed.is_set(),
    }


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = run(json.loads(line))
        except Exception as exc:  # noqa: BLE001 - reported to bench.py, which shows it as an error
            answer = {"seconds": None, "mb": None, "rc": -1, "timeout": False, "error": repr(exc)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
