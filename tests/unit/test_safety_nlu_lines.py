"""The generator of layer 2's NLU-derived lines: labels, entity markup, rule filter."""

from __future__ import annotations

from pathlib import Path

from bot.safety.classifier import load_sourced_examples
from bot.tools import safety_nlu_lines


def test_nlu_examples_become_negatives_and_darker_feelings_distress(tmp_path: Path) -> None:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "a.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "  - intent: cost\n    examples: |\n      - wat kost het\n"
        "      - ik ben [15](age) en wil meedoen\n      - ik wil dood\n"
        "  - intent: feeling/lonely\n    examples: |\n      - ik voel me zo alleen\n"
        "  - intent: feeling/shy\n    examples: |\n      - ik ben verlegen\n"
        "  - regex: code\n    examples: |\n      - \\d+\n",
        encoding="utf-8",
    )
    out = tmp_path / "data"
    out.mkdir()
    assert safety_nlu_lines.write(nlu, out, "test") == (3, 1)
    labelled = {(text, label) for text, label, _ in load_sourced_examples(out, project_sets=False)}
    assert ("ik ben 15 en wil meedoen", "none") in labelled
    assert ("ik ben verlegen", "none") in labelled
    assert ("ik voel me zo alleen", "distress") in labelled
    # A phrasing the rules flag never becomes a negative.
    assert not any(text == "ik wil dood" for text, _ in labelled)
