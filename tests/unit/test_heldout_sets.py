"""Held-out versions: which folders are read, how they are named, and the side-by-side table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.tools import heldout_sets


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "heldout"
    (root / "safety").mkdir(parents=True)
    (root / "v2" / "safety").mkdir(parents=True)
    (root / "v2" / "nlu").mkdir()
    monkeypatch.setattr(heldout_sets, "HELDOUT_ROOT", root)
    monkeypatch.setattr(heldout_sets, "VERSIONS", {"v1": root, "v2": root / "v2"})
    monkeypatch.setattr(heldout_sets, "RETIRED", {})
    return root


def test_every_version_with_the_part_is_read(versions: Path) -> None:
    assert heldout_sets.folders("safety") == {
        "v1": versions / "safety",
        "v2": versions / "v2" / "safety",
    }
    assert heldout_sets.folders("nlu") == {"v2": versions / "v2" / "nlu"}
    assert heldout_sets.named("safety", None) == heldout_sets.folders("safety")


def test_a_part_retired_into_training_is_no_longer_reported(
    versions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heldout_sets, "RETIRED", {"safety": frozenset({"v1"})})
    assert heldout_sets.folders("safety") == {"v2": versions / "v2" / "safety"}
    assert heldout_sets.folders("nlu") == {"v2": versions / "v2" / "nlu"}


def test_the_retired_safety_sets_are_the_ones_layer_2_trains_on() -> None:
    from bot.safety import classifier

    retired = {heldout_sets.VERSIONS[v] / "safety" for v in heldout_sets.RETIRED["safety"]}
    assert retired == set(classifier.RETIRED_HELDOUT.values())
    assert "v4" not in heldout_sets.RETIRED["safety"]  # the clean measure stays one


def test_chosen_folders_are_named_by_version_or_path(versions: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    chosen = [versions / "v2" / "safety", own]
    assert heldout_sets.named("safety", chosen) == {"v2": versions / "v2" / "safety", str(own): own}
    assert heldout_sets.is_heldout(versions / "v2" / "safety")
    assert not heldout_sets.is_heldout(own)


def test_side_by_side_aligns_columns_and_marks_missing_figures() -> None:
    lines = heldout_sets.side_by_side(
        {
            "v1": [("recall", "9/10"), ("only v1", "1")],
            "v2": [("recall", "10/10"), ("only v2", "2")],
        }
    )
    assert lines[0].split() == ["v1", "v2"]
    assert [line.split()[-2:] for line in lines[1:]] == [["9/10", "10/10"], ["1", "-"], ["-", "2"]]
    assert len({len(line) for line in lines[1:]}) == 1  # one width: the columns line up


def test_retired_lines_train_layer_2_with_the_files_expectation() -> None:
    from bot.safety import classifier

    triples = classifier.load_sourced_examples()
    retired = [(label, source) for _, label, source in triples if source.startswith("heldout-")]
    by_file: dict[str, set[str]] = {source.split("/")[1]: set() for _, source in retired}
    for label, source in retired:
        by_file[source.split("/")[1]].add(label)
    assert by_file["acute.txt"] == {"acute"}
    assert by_file["everyday.txt"] == {"none"} and by_file["grief.txt"] == {"grief"}
    assert by_file["loneliness.txt"] == {"distress"}
    assert by_file["crisis.txt"] <= {"acute", "abuse", "crisis"}
    assert not any(source.startswith("heldout-v4") for _, source in retired)
