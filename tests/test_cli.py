"""The `toc` command line's own parsing."""

from __future__ import annotations

import pytest

from app.cli import parse_args


def test_toc_test_hands_every_argument_to_pytest_options_first_included() -> None:
    assert parse_args(["test", "-q", "-x", "tests/views"]).pytest_args == [
        "-q",
        "-x",
        "tests/views",
    ]
    assert parse_args(["test", "tests", "-k", "views"]).pytest_args == ["tests", "-k", "views"]
    assert parse_args(["test"]).pytest_args == []


def test_other_commands_still_refuse_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["check", "--nonsense"])
    assert "unrecognized arguments: --nonsense" in capsys.readouterr().err
