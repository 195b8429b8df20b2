"""One running stack for the whole fault suite: Rasa starts once (it takes a minute or two)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.stack import ROOT, Stack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(
                pytest.mark.skipif(
                    not (ROOT / ".venv-rasa" / "bin" / "rasa").exists()
                    or not (ROOT / "models" / "joinus.tar.gz").exists(),
                    reason="needs the Rasa environment and a trained model (run `make train`)",
                )
            )


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = Stack(Path(tmp_path_factory.mktemp("faults")))
    try:
        running.start()
        yield running
    finally:
        running.stop()
