"""Still images of a map: PNG or vector PDF from headless Chromium (a subprocess, no Playwright).

Chromium's command-line ``--screenshot`` first lays the page out in a default
window (500 px wide and 143 px shorter than asked for) and only then resizes
it, so a Leaflet map computes its view and vector bounds for the wrong size and
its circles get clipped. :func:`snapshot` therefore loads a tiny wrapper page
that holds the map in an ``<iframe>`` of exactly ``width`` × ``height`` pixels:
the map's own viewport has the right size from its first line of script on.
For a PDF the wrapper also sets ``@page`` to that size, so the vector PDF is
one page showing the whole map.

Every run uses a fresh profile (``--user-data-dir`` in a temporary folder) and
flags that work as root on a machine with no network; ``--virtual-time-budget``
lets the page's scripts (and tiles, when there is a network) settle before the
capture.

    >>> import pathlib
    >>> _wrapper_html(pathlib.Path("/tmp/a b/<map>.html"), 300, 200, pdf=False).count("300px")
    1
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from geonews.errors import ConfigurationError, GeonewsError
from geonews.render.escape import escape_html

__all__ = ["CHROMIUM_FLAGS", "CHROMIUM_NAMES", "find_chromium", "snapshot"]

#: Executable names tried, in order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

#: Flags that let Chromium run as root on a machine with no network (also used by the browser tests
#: and the benchmarks through Playwright, which adds its own --headless).
OFFLINE_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)
CHROMIUM_FLAGS = ("--headless", *OFFLINE_FLAGS)

_SUFFIXES = (".png", ".pdf")


def find_chromium() -> str | None:
    """Path of a Chromium (or Chrome) executable on ``PATH``, or ``None``."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _wrapper_html(html_path: Path, width: int, height: int, *, pdf: bool, title: str = "") -> str:
    """A page that shows ``html_path`` in report mode in an iframe of exactly ``width`` × ``height`` px.

    ``title`` (already HTML, as in the map's ``<title>``) names the picture: a PDF's title is its page's.
    """
    page_rule = f"@page{{size:{width}px {height}px;margin:0}}" if pdf else ""
    src = escape_html(html_path.resolve().as_uri() + "#gn-report")
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title><style>'
        f"{page_rule}html,body{{margin:0;padding:0;overflow:hidden;background:#fff}}"
        f"iframe{{position:absolute;top:0;left:0;width:{width}px;height:{height}px;border:0;display:block}}"
        f'</style></head><body><iframe src="{src}" scrolling="no"></iframe></body></html>'
    )


_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)


def _page_title(html_path: Path) -> str:
    """The map page's ``<title>`` (escaped HTML, as written), read from the page's head."""
    with html_path.open(encoding="utf-8", errors="replace") as f:
        head = f.read(65_536)
    found = _TITLE.search(head)
    return found.group(1).strip() if found else escape_html(html_path.stem)


def snapshot(
    html_path: Path,
    out: Path,
    *,
    width: int = 1200,
    height: int = 800,
    scale: float = 1.0,
    timeout_s: float = 60,
    budget_ms: int = 3000,
) -> Path:
    """Render the map page ``html_path`` to ``out``: a PNG or a (vector) PDF, chosen by ``out``'s suffix.

    The page is shown in report mode (``#gn-report``): no interactive
    controls, the main places named, one title with a source and date line,
    the legend and the credits, on the embedded basemap only. ``scale`` is the
    device pixel ratio of a PNG (2 for print); the PDF is vector.

    Returns ``out``. Raises :class:`~geonews.errors.ConfigurationError` when no
    Chromium is installed or the suffix/size is unusable, and
    :class:`~geonews.errors.GeonewsError` when Chromium fails, times out or
    writes nothing.
    """
    html_path, out = Path(html_path), Path(out)
    kind = out.suffix.lower()
    if kind not in _SUFFIXES:
        raise ConfigurationError(f"{out}: snapshot must end in .png or .pdf, not {out.suffix or '(no suffix)'!r}")
    if not (16 <= width <= 10_000 and 16 <= height <= 10_000):
        raise ConfigurationError(f"snapshot size {width}x{height} is outside 16..10000 px")
    if not 0.5 <= scale <= 4:
        raise ConfigurationError(f"snapshot scale {scale:g} is outside 0.5..4")
    if not html_path.is_file():
        raise ConfigurationError(f"{html_path}: no such map file")
    executable = find_chromium()
    if executable is None:
        raise ConfigurationError("headless Chromium is not installed (apt-get install chromium)")

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="geonews-snapshot-") as tmp:
        tmpdir = Path(tmp)
        wrapper = tmpdir / "snapshot.html"
        page = _wrapper_html(html_path, width, height, pdf=kind == ".pdf", title=_page_title(html_path))
        wrapper.write_text(page, encoding="utf-8")
        target = tmpdir / f"out{kind}"
        if kind == ".png":
            output_flags = [f"--screenshot={target}", f"--force-device-scale-factor={scale:g}"]
        else:
            output_flags = [f"--print-to-pdf={target}", "--no-pdf-header-footer"]
        cmd = [
            executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmpdir / 'profile'}",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={budget_ms}",
            *output_flags,
            wrapper.as_uri(),
        ]
        _run(cmd, timeout_s)
        if not target.is_file() or target.stat().st_size == 0:
            raise GeonewsError(f"{html_path}: Chromium wrote no {kind[1:].upper()} ({executable})")
        # same folder as `out`, then an atomic rename: a reader never sees half a file
        fd, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        os.close(fd)
        try:
            shutil.copyfile(target, partial)
            os.chmod(partial, 0o644)
            os.replace(partial, out)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return out


def _run(cmd: list[str], timeout_s: float) -> None:
    """Run Chromium in its own process group; kill that group (only) on timeout."""
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"},
    )
    try:
        _, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise GeonewsError(f"headless Chromium did not finish within {timeout_s:g} s") from None
    if proc.returncode != 0:
        lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
        tail = lines[-1] if lines else "no message"
        raise GeonewsError(f"headless Chromium failed (exit {proc.returncode}): {tail}")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
