"""Seed files written to hurt: an alias bomb, huge values, broken YAML among good files, and
what `toc check` and `toc load` print for them (through `app.cli.main`, as a user runs them)."""

from __future__ import annotations

import itertools
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.cli import main
from app.loader import SeedValidationError, check_seed
from tests.support.paths import REPO
from tests.support.seed import SEED_DIR

# A bomb's expansion must never be attempted; if it were, the child would hit this wall
# (MemoryError) instead of taking the shared machine's memory.
CHILD_MEMORY_LIMIT = 1536 * 2**20


def billion_laughs(folder: Path, items: int = 20, levels: int = 10) -> Path:
    """A node whose `themes` is ten levels of nested aliases: 20**10 strings once expanded,
    from under a kilobyte. Before aliases were refused, validating it printed each level
    whole and grew past 20 GB."""
    names = "abcdefghijklmnop"[:levels]
    lines = [
        "source: 000_d500e281cf569632.txt",
        "nodes:",
        "  - id: theme.bomb",
        "    label: Theme",
        "    name: Billion laughs",
        "    section: Title",
        f"    {names[0]}: &{names[0]} [" + ",".join(['"lol"'] * items) + "]",
    ]
    for prev, name in itertools.pairwise(names):
        lines.append(f"    {name}: &{name} [" + ",".join([f"*{prev}"] * items) + "]")
    lines.append(f"    themes: *{names[-1]}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))


def test_an_alias_bomb_is_refused_at_once_with_a_short_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = billion_laughs(tmp_path / "seed")
    assert 800 <= bomb.stat().st_size <= 1100

    # `toc check` in its own process: bounded memory, and how much it really took.
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "check", str(bomb.parent)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_limit_memory,
    )
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    try:
        assert child.stdout is not None
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        watchdog.cancel()
        child.stdout.close()  # type: ignore[union-attr]
    elapsed = time.monotonic() - started
    text = out.decode("utf-8", "replace")
    assert child.returncode == 1, text[-2000:]
    assert "Traceback" not in text and "MemoryError" not in text
    assert len(text) < 500, f"{len(text)} characters of output"
    assert f"{bomb}:7: anchor &a: anchors and aliases are not allowed" in text
    assert elapsed < 30, elapsed  # interpreter start and imports included, on a busy machine
    assert usage.ru_maxrss < 400 * 1024, f"{usage.ru_maxrss} KB resident"

    # And in this process, timed: the refusal itself.
    started = time.perf_counter()
    assert main(["check", str(bomb.parent)]) == 1
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    assert seconds < 5, f"{seconds:.2f}s"  # under a millisecond here; generous for CI
    assert err.splitlines()[0].startswith(f"{bomb}:7: anchor &a")
    assert len(err) < 500


@pytest.mark.parametrize(
    ("yaml_text", "line", "what"),
    [
        ("base: &b x\nnodes: []\n", 1, "anchor &b"),
        ("nodes:\n  - &n {id: a}\n  - *n\n", 2, "anchor &n"),
        ("nodes:\n  - id: theme.a\n    <<: *m\n", 3, "alias *m"),  # undefined, still refused
    ],
)
def test_any_anchor_or_alias_is_refused_with_its_line(
    tmp_path: Path, yaml_text: str, line: int, what: str
) -> None:
    (tmp_path / "a.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SeedValidationError) as caught:
        check_seed(tmp_path)
    (err,) = caught.value.errors
    assert err.line == line
    assert err.message.startswith(f"{what}: anchors and aliases are not allowed in seed files")


def test_errors_name_big_values_by_type_and_size_never_whole(tmp_path: Path) -> None:
    long_text = "x" * 50_000
    long_key = "k" * 1_000  # YAML's longest plain key
    many = ", ".join(["theme.a"] * 5_000)
    (tmp_path / "a.yaml").write_text(
        "source: 000_d500e281cf569632.txt\n"
        "nodes:\n"
        f"  - id: theme.a\n    label: Theme\n    name: [{many}]\n    section: s\n"
        f"  - id: theme.b\n    label: '{long_text}'\n    name: b\n"
        f"  - id: theme.c\n    label: Theme\n    name: c\n    section: s\n    {long_key}: 1\n"
        f"  - id: '{long_text.upper()}'\n    label: Theme\n    name: d\n    section: s\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedValidationError) as caught:
        check_seed(tmp_path)
    printed = [str(e) for e in caught.value.errors]
    assert printed
    assert all(len(line) < 400 for line in printed), [len(line) for line in printed]
    joined = "\n".join(printed)
    assert "expected text, got list of 5,000 item(s)" in joined
    assert "str of 50,000 characters is not one of" in joined
    assert "(50,000 characters): id: str of 50,000 characters is not a well-formed id" in joined
    assert "(1,000 characters)" in joined  # a long key too


def _broken_copy_of_the_seed(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "seed"
    folder.mkdir()
    for path in SEED_DIR.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    mirps = folder / "mirps.yaml"
    lines = mirps.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(93, "  - : broken: [\n")  # becomes line 94
    mirps.write_text("".join(lines), encoding="utf-8")
    return folder, f"{mirps}:94: invalid YAML"


@pytest.mark.parametrize("command", ["check", "load"])
def test_broken_yaml_is_reported_first_not_under_its_consequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder, yaml_error = _broken_copy_of_the_seed(tmp_path)
    assert main([command, str(folder)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(yaml_error), lines[:3]
    # One note that references were not checked (the ids may be in the broken file), then
    # the count; not the ~90 "unknown id" errors that used to come first.
    assert len(lines) == 3, lines
    assert "were not checked" in lines[1] and "mirps.yaml" in lines[1]
    assert lines[2].startswith("error: 2 problem(s)") and "nothing was loaded" in lines[2]
    assert "Traceback" not in captured.out + captured.err


def test_load_reports_an_invalid_seed_like_check_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = REPO / "tests" / "seed_fixtures" / "broken_bad_level"
    assert main(["check", str(bad)]) == 1
    checked = capsys.readouterr().err
    assert main(["load", str(bad)]) == 1
    loaded = capsys.readouterr()
    assert "Traceback" not in loaded.out + loaded.err
    assert "tests/seed_fixtures/broken_bad_level/seed.yaml:11: fx.outcome-1: level:" in loaded.err
    assert loaded.err == checked
