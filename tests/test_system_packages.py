"""What the explorer needs from Debian at run time (Graphviz, installed by `./toc up`) and
what only the tests need (installed by `./toc test`)."""

from __future__ import annotations

import subprocess

import pytest

from app import cli
from tests.support.paths import REPO

SCRIPTS = REPO / "scripts"


def packages(name: str) -> list[str]:
    lines = (SCRIPTS / name).read_text(encoding="utf-8").splitlines()
    return [p for line in lines if (p := line.split("#")[0].strip())]


def test_run_time_and_test_only_packages_are_apart() -> None:
    runtime, test = packages("system-packages-runtime.txt"), packages("system-packages-test.txt")
    assert "graphviz" in runtime and "fonts-dejavu-core" in runtime
    assert {"poppler-utils", "chromium", "wrk"} <= set(test)
    assert not set(runtime) & set(test)


@pytest.mark.parametrize("scope", ["runtime", "test"])
def test_the_install_script_takes_a_scope(scope: str) -> None:
    # Here everything is installed (the suite needs it): the script only checks.
    done = subprocess.run(
        ["bash", str(SCRIPTS / "install-system-deps.sh"), scope],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"system packages ({scope})" in done.stdout


def test_toc_up_installs_the_run_time_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[str]] = []
    real_run = subprocess.run

    def spy(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        ran.append(cmd)
        return real_run(cmd, **kw)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(cli.subprocess, "run", spy)
    cli._runtime_packages()
    assert ran == [["bash", str(SCRIPTS / "install-system-deps.sh"), "runtime"]]


def test_toc_up_warns_when_drawings_cannot_be_made(
    no_graphviz: None, capsys: pytest.CaptureFixture[str]
) -> None:
    cli._runtime_packages()
    out = capsys.readouterr().out
    assert "WARNING: SVG, PNG and PDF drawings need Graphviz" in out
    assert "apt-get install graphviz" in out
