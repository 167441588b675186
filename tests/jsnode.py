"""Run the map's own JavaScript (``geonews/render/static/*.js``) in node, for tests.

The tests read the page's data blobs with the page's real reader
(``blob.js``), never with a Python copy of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources
from typing import Any

STATIC = resources.files("geonews.render").joinpath("static")

_POPUPS = """
const blob = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
    const {popups, tips} = JSON.parse(input);
    process.stdout.write(JSON.stringify(tips.map((tip, i) => blob.popupHtml(popups, i, tip))));
});
"""


def node() -> str:
    """The node executable (``.ci/run`` installs Debian's ``nodejs``)."""
    found = shutil.which("node") or shutil.which("nodejs")
    assert found, "node is needed by the front-end tests (apt-get install nodejs)"
    return found


def popups_html(popups: dict[str, Any], tips: list[str]) -> list[str]:
    """Every popup of a page's popups blob, put together by ``blob.js``'s ``popupHtml``."""
    done = subprocess.run(
        [node(), "-e", _POPUPS, str(STATIC.joinpath("blob.js"))],
        input=json.dumps({"popups": popups, "tips": tips}),
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=60,
    )
    result: list[str] = json.loads(done.stdout)
    return result
