"""The progress bar: on a terminal for runs that take a while; never in pipes, logs or with -q."""

from __future__ import annotations

import io

import pytest

from geonews import cli


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "verbosity", "shown"), [(True, 1, True), (False, 1, False), (True, 0, False)])
def test_progress_bar_only_for_a_person_at_a_terminal(
    tty: bool, verbosity: int, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = _Terminal(tty)
    monkeypatch.setattr(cli.sys, "stderr", err)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    ctx = cli.Ctx(verbosity=verbosity, cfg={}, sources={})
    assert list(cli._progress(ctx, iter(range(5)))) == [0, 1, 2, 3, 4]  # every result, in order
    assert ("geonews: " in err.getvalue() and " article" in err.getvalue()) is shown


def test_a_short_run_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Terminal(True)
    monkeypatch.setattr(cli.sys, "stderr", err)
    ctx = cli.Ctx(verbosity=1, cfg={}, sources={})
    assert list(cli._progress(ctx, iter(range(3)))) == [0, 1, 2]
    assert err.getvalue() == ""  # under PROGRESS_DELAY seconds
