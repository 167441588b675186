"""The package type-checks with mypy (its settings live in pyproject.toml, [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_passes_on_the_package() -> None:
    # mypy is in the test extra: without it this fails rather than skips, so CI cannot pass without checking
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "geonews"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "No module named mypy" not in result.stderr, "mypy is not installed (pip install -e '.[test]')"
    assert result.returncode == 0, result.stdout + result.stderr
