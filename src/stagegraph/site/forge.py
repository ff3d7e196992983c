"""Where the site's contribute page proposes a patch: a repository on a forge, from
``stagegraph site --repo URL [--repo-branch BRANCH]``.

``repository(url, branch)`` reads the address once, at build time, into the page data's
``"repo"`` object — ``{"forge": "github"|"gitlab"|"gitea", "url", "branch", "folder"}`` — from
which the page's script (``contribute/js/propose.js``) builds the forge's new-file link with the
patch prefilled. The forge is known by its host (github.com, gitlab.com, codeberg.org), or named
before the scheme for any other host: ``gitea+https://git.example.org/OWNER/REPO`` (Gitea and
Forgejo), ``gitlab+https://…`` (a GitLab of one's own), ``github+https://…`` (GitHub Enterprise).
An address it cannot use is refused in one sentence (``InputError``, exit 2).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import InputError, shown

FORGES = ("github", "gitlab", "gitea")
HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "gitea"}  # without a FORGE+ prefix
FOLDER = "contributions"  # where a proposed file goes in the repository (and where `add` is told to find it)
DEFAULT_BRANCH = "main"
PREFIX = re.compile(r"(?P<forge>[A-Za-z][A-Za-z0-9-]*)\+(?P<rest>[A-Za-z]+://.*)", re.S)  # gitea+https://…
SEGMENT = re.compile(r"[A-Za-z0-9_.-]+")  # an owner, group or repository name on every forge
USAGE = (
    "give https://github.com/OWNER/REPO, https://gitlab.com/GROUP/PROJECT, https://codeberg.org/OWNER/REPO, "
    "or FORGE+https://HOST/OWNER/REPO with FORGE github, gitlab or gitea"
)


def repository(url: str, branch: str = DEFAULT_BRANCH) -> dict[str, str]:
    """The page data's ``"repo"`` object for ``--repo URL`` and ``--repo-branch BRANCH``."""
    text = url.strip()
    prefixed = PREFIX.fullmatch(text)
    forge, rest = (prefixed["forge"].lower(), prefixed["rest"]) if prefixed else ("", text)
    if forge and forge not in FORGES:
        raise _refused(url, f"{forge} is not a forge stagegraph knows; {USAGE}")
    try:
        parts = urlsplit(rest)
        port = parts.port
    except ValueError:
        raise _refused(url, f"this is not a web address; {USAGE}") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _refused(url, f"this is not a web address (https://…); {USAGE}")
    if parts.username is not None or parts.password is not None:
        raise _refused(url, "the address holds a user name or password, which the site would publish; remove it")
    if parts.query or parts.fragment:
        raise _refused(url, f"the address has a query or fragment; {USAGE}")
    host = parts.hostname.lower()
    forge = forge or HOSTS.get(host, "")
    if not forge:
        raise _refused(url, f"{host} is not a forge stagegraph knows by name; {USAGE}")
    path = parts.path.strip("/").removesuffix(".git")
    segments = path.split("/") if path else []
    wanted = "GROUP/PROJECT (or GROUP/SUBGROUP/PROJECT)" if forge == "gitlab" else "OWNER/REPO"
    if (
        len(segments) < 2
        or (forge != "gitlab" and len(segments) != 2)
        or not all(SEGMENT.fullmatch(s) and s not in (".", "..", "-") for s in segments)
    ):
        raise _refused(url, f"the path is not a repository's ({wanted}), such as the address its home page has")
    _check_branch(branch)
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    home = f"{parts.scheme}://{netloc}/{'/'.join(segments)}"
    return {"forge": forge, "url": home, "branch": branch, "folder": FOLDER}


def _check_branch(branch: str) -> None:
    """Refuse a name git would not take for a branch (``git check-ref-format``'s rules, briefly)."""
    bad = (
        not branch
        or branch.startswith(("-", "/", "."))
        or branch.endswith(("/", ".", ".lock"))
        or ".." in branch
        or "//" in branch
        or "@{" in branch
        or any(c in branch for c in " ~^:?*[\\")
        or not branch.isprintable()
    )
    if bad:
        raise InputError(
            f"--repo-branch {shown(branch)}: is not a branch name git accepts; give the branch to propose to"
        )


def _refused(url: str, why: str) -> InputError:
    return InputError(f"--repo {shown(url.strip())}: {why}")
