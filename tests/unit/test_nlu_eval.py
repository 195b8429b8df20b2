"""The NLU report tool: strict FAQ scoring, macro F1 and confusions from Rasa's JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.tools import nlu_eval

TEST_SET = """version: "3.1"
nlu:
  - intent: cost
    examples: |
      - wat kost t
      - is het [gratis](price)
  - intent: faq/therapie
    examples: |
      - is het therapie
      - is dit hulpverlening
  - intent: faq/avond
    examples: |
      - wat doe je daar
"""


@pytest.fixture
def out(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "set.yml").write_text(TEST_SET, encoding="utf-8")
    results = tmp_path / "results"
    results.mkdir()
    (results / "intent_report.json").write_text(
        json.dumps(
            {
                "cost": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 2},
                "faq": {"precision": 0.75, "recall": 1.0, "f1-score": 0.857, "support": 3},
                "accuracy": 0.8,
            }
        )
    )
    (results / "response_selection_report.json").write_text(
        json.dumps(
            {
                "faq/therapie": {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 2},
                "faq/avond": {"precision": 0.5, "recall": 1.0, "f1-score": 0.667, "support": 1},
                "macro avg": {},
            }
        )
    )
    (results / "intent_errors.json").write_text(
        json.dumps(
            [
                {
                    "text": "wat kost t",
                    "intent": "cost",
                    "intent_prediction": {"name": "faq", "confidence": 0.9},
                },
            ]
        )
    )
    (results / "response_selection_errors.json").write_text(
        json.dumps(
            [
                {
                    "text": "is dit hulpverlening",
                    "intent_response_key_target": "faq/therapie",
                    "intent_response_key_prediction": {"name": "faq/avond", "confidence": 0.6},
                },
            ]
        )
    )
    return tmp_path


def test_load_test_set_strips_entity_annotations(out: Path) -> None:
    pairs = nlu_eval.load_test_set(out / "tests")
    assert ("is het gratis", "cost") in pairs and len(pairs) == 5


def test_strict_scoring_and_confusions(out: Path) -> None:
    predictions = nlu_eval.strict_predictions(
        nlu_eval.load_test_set(out / "tests"),
        json.loads((out / "results" / "intent_errors.json").read_text()),
        json.loads((out / "results" / "response_selection_errors.json").read_text()),
    )
    assert ("cost", "faq/?") in predictions and ("faq/therapie", "faq/avond") in predictions
    rows = {r.label: r for r in nlu_eval.strict_scores(predictions)}
    assert rows["cost"].recall == 0.5 and rows["cost"].precision == 1.0
    assert rows["faq/avond"].precision == 0.5 and rows["faq/avond"].recall == 1.0
    assert rows["faq/?"].support == 0
    # macro over labels with support only: cost 0.667, therapie 0.667, avond 0.667
    assert nlu_eval.macro_f1(rows.values()) == pytest.approx(2 / 3)
    assert nlu_eval.confusions(predictions).most_common(1)[0][1] == 1


def test_main_without_running_rasa(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = nlu_eval.main(
        ["--no-run", "--nlu", str(out / "tests"), "--out", str(out / "results"), "--min-f1", "0.92"]
    )
    printed = capsys.readouterr().out
    assert code == 1  # below the target
    assert "macro F1: 0.667" in printed and "cost -> faq/?: 1" in printed
    assert "faq/therapie" in printed and "Rasa's own reports" in printed


def test_held_out_versions_are_reported_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in (("a", "ik ken hier niemand"), ("b", "mijn zoon zit alleen")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ("feelings.txt" if name == "a" else "parents.txt")).write_text(
            text + "\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    out.mkdir()
    (out / "intent_errors.json").write_text(
        json.dumps(
            [
                {"text": "ik ken hier niemand", "intent_prediction": {"name": "feeling"}},
                {"text": "mijn zoon zit alleen", "intent_prediction": {"name": "faq"}},
            ]
        )
    )
    nlu_eval.report_heldout(
        tmp_path / "m.tar.gz",
        {"v1": tmp_path / "a", "v2": tmp_path / "b", "v3": tmp_path / "none"},
        out,
        run=False,
    )
    printed = capsys.readouterr().out
    assert "held-out families (v1, v2):" in printed
    row = next(line for line in printed.splitlines() if "feelings family accuracy" in line)
    assert row.split()[-4:] == ["1/1", "1.000", "0/0", "0.000"]
    assert "v2 parents misses -> faq 1" in printed and "niemand" not in printed


def test_held_out_questions_give_figures_without_lines(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = out / "v3"
    version.mkdir()
    (version / nlu_eval.QUESTIONS_FILE).write_text(TEST_SET, encoding="utf-8")
    results = out / "results" / "questions-v3"
    results.mkdir()
    for name in ("intent_report.json", "intent_errors.json", "response_selection_errors.json"):
        (results / name).write_text((out / "results" / name).read_text(), encoding="utf-8")
    nlu_eval.report_questions(
        out / "m.tar.gz", {"v2": out / "none", "v3": version}, out / "results", run=False
    )
    printed = capsys.readouterr().out
    assert "held-out questions" in printed
    row = next(line for line in printed.splitlines() if "macro F1" in line)
    assert row.split()[-1] == "0.667"  # one column: v2 has no questions file
    assert "3/5" in printed
    assert "kost" not in printed and "hulpverlening" not in printed


def test_no_heldout_skips_every_held_out_report(
    out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    monkeypatch.setattr(nlu_eval, "report_heldout", lambda *a, **k: called.append("families"))
    monkeypatch.setattr(nlu_eval, "report_questions", lambda *a, **k: called.append("questions"))
    args = ["--no-run", "--nlu", str(out / "tests"), "--out", str(out / "results")]
    assert nlu_eval.main([*args, "--no-heldout"]) == 0
    assert called == [] and "macro F1: 0.667" in capsys.readouterr().out
    assert nlu_eval.main(args) == 0
    assert called == ["families", "questions"]


def test_family_figures_of_labelled_lines() -> None:
    predictions = [
        ("feeling/lonely", "feeling/lonely"),
        ("feeling/shy", "feeling/lonely"),  # wrong feeling, right family and person
        ("feeling/bullied", "parent_role"),
        ("feeling/no_friends", "faq/welkom"),  # not the family, but a young person's answer
        ("parent_role", "parent_signup"),
        ("parent_signup", "school_faq/parents"),
        ("parent_code", "parent_code"),  # a code, not a parent's question: not counted
        ("professional_refer", "professional_role"),
        ("cost", "faq/?"),
    ]
    printed = nlu_eval.format_families(predictions)
    feelings, parents, professionals = printed.splitlines()[1:]
    assert "family 2/4 0.500" in feelings and "role 3/4 0.750" in feelings
    assert "misses -> parent_role 1, faq 1" in feelings
    assert "family 1/2 0.500" in parents and "role 1/2 0.500" in parents
    assert "misses -> school_faq 1" in parents
    assert "family 1/1 1.000" in professionals and "misses" not in professionals
    assert nlu_eval.format_families([("cost", "cost"), ("faq/avond", "faq/avond")]) == ""
