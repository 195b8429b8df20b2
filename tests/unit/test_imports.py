"""bot/core/imports.py: an optional module that is missing is remembered as missing."""

from __future__ import annotations

import importlib
import sys

import pytest

from bot.core.imports import OPTIONAL_HOT_IMPORTS, remember_missing


def test_a_missing_module_fails_at_once_and_an_installed_one_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = "joinus_no_such_module_for_this_test"
    monkeypatch.delitem(sys.modules, missing, raising=False)
    monkeypatch.delitem(sys.modules, "json", raising=False)  # installed, not yet imported here
    assert remember_missing((missing, "json")) == [missing]
    assert sys.modules[missing] is None
    with pytest.raises(ImportError):
        importlib.import_module(missing)
    assert "json" not in sys.modules  # left to be imported as usual
    assert importlib.import_module("json").dumps([1]) == "[1]"
    monkeypatch.delitem(sys.modules, missing)


def test_the_bot_process_remembers_sniffio_only_when_it_is_not_installed() -> None:
    assert OPTIONAL_HOT_IMPORTS == ("sniffio",)
    if "sniffio" in sys.modules:
        pytest.skip("sniffio was imported (or marked) already in this run")
    installed = importlib.util.find_spec("sniffio") is not None
    try:
        assert remember_missing() == ([] if installed else ["sniffio"])
    finally:
        if not installed:
            del sys.modules["sniffio"]
