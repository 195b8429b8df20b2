"""Held-out family figures: reading the files, the generated Rasa file and the scoring."""

from __future__ import annotations

import json
from pathlib import Path

from bot.tools import heldout_eval


def write(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "feelings.txt").write_text(
        "# written blind\n# kind: lonely\nik voel me alleen\n\nniemand appt me\n"
        "# kind: shy\nik durf niks\n",
        encoding="utf-8",
    )
    (folder / "parents.txt").write_text(
        "mijn zoon is  alleen\nhoe meld ik haar aan\n", encoding="utf-8"
    )


def test_reads_kinds_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    write(tmp_path / "nlu")
    lines = heldout_eval.read_heldout(tmp_path / "nlu")
    assert [(x.file, x.kind) for x in lines] == [
        ("feelings", "lonely"),
        ("feelings", "lonely"),
        ("feelings", "shy"),
        ("parents", "-"),
        ("parents", "-"),
    ]
    rasa_yaml = heldout_eval.to_rasa_yaml(lines)
    assert "- intent: heldout_feelings" in rasa_yaml and "      - mijn zoon is alleen" in rasa_yaml


def test_family_and_role_scores(tmp_path: Path) -> None:
    write(tmp_path / "nlu")
    lines = heldout_eval.read_heldout(tmp_path / "nlu")
    out = tmp_path / "out"
    out.mkdir()
    predicted = {
        "ik voel me alleen": "feeling",
        "niemand appt me": "nlu_fallback",
        "ik durf niks": "faq",
        "mijn zoon is alleen": "parent_role",
        "hoe meld ik haar aan": "faq",
    }
    (out / "intent_errors.json").write_text(
        json.dumps(
            [
                {"text": t, "intent": "x", "intent_prediction": {"name": p, "confidence": 0.5}}
                for t, p in predicted.items()
            ]
        ),
        encoding="utf-8",
    )
    scores = {s.file: s for s in heldout_eval.score(lines, heldout_eval.predictions(out))}
    feelings, parents, pros = scores["feelings"], scores["parents"], scores["professionals"]
    assert (feelings.family_hits, feelings.role_hits, feelings.total) == (1, 2, 3)
    assert feelings.per_kind == {"lonely": (1, 2), "shy": (0, 1)}
    assert (parents.family_hits, parents.role_hits) == (1, 1)
    assert pros.total == 0 and pros.family_accuracy == 0.0
    report = heldout_eval.format_scores({"v1": list(scores.values())})
    assert "feelings family accuracy" in report and "1/3 0.333" in report
    assert "v1 feelings misses -> nlu_fallback 1" in report
    assert "ik voel me alleen" not in report  # figures only, never the messages


def test_versions_side_by_side_share_one_rasa_file(tmp_path: Path) -> None:
    write(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "feelings.txt").write_text(
        "ik voel me alleen\nik ben nieuw hier\n", encoding="utf-8"
    )
    first = heldout_eval.read_heldout(tmp_path / "a")
    second = heldout_eval.read_heldout(tmp_path / "b")
    rasa_yaml = heldout_eval.to_rasa_yaml(first + second)
    assert rasa_yaml.count("- ik voel me alleen") == 1 and "- ik ben nieuw hier" in rasa_yaml
    predicted = {"ik voel me alleen": "feeling", "ik ben nieuw hier": "feeling"}
    report = heldout_eval.format_scores(
        {
            "v1": heldout_eval.score(first, predicted),
            "v2": heldout_eval.score(second, predicted),
        }
    )
    row = next(line for line in report.splitlines() if "feelings family accuracy" in line)
    assert row.split()[-4:] == ["1/3", "0.333", "2/2", "1.000"]
    assert "v1 parents misses -> ? 2" in report and "v2 parents" not in report


def test_roles_of_intents() -> None:
    assert heldout_eval.role_of("faq/welkom") == "youth"
    assert heldout_eval.role_of("parent_code") == "none"
    assert heldout_eval.role_of("school_faq/how_refer") == "school"
    assert heldout_eval.role_of("professional_refer") == "professional"
