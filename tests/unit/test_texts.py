"""The text catalogues (bot/<feature>/texts.py): one place per text, every text in use.

What Rasa says lives in domain/*.yml; what our code says lives in one catalogue per feature
(convention in each catalogue's docstring). These checks keep it that way: a text defined twice
(in two catalogues, twice in one, or in a catalogue and a domain response) would drift apart
when someone edits one of them, and an unused catalogue name misleads whoever edits it.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "bot").glob("*/texts.py"))
CODE = [
    p
    for p in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "actions").glob("*.py")]
    if p.name != "texts.py"
]


def _strings(node: ast.expr) -> list[str] | None:
    """The texts of a catalogue value (dict keys are codes, not texts); None if not plain data."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List):
        items = [_strings(e) for e in node.elts]
        return None if any(i is None for i in items) else [s for i in items for s in i or []]
    if isinstance(node, ast.Dict):
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
            return None
        items = [_strings(v) for v in node.values]
        return None if any(i is None for i in items) else [s for i in items for s in i or []]
    return None


def _entries(path: Path) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    body = ast.parse(path.read_text(encoding="utf-8")).body
    for i, node in enumerate(body):
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        assert isinstance(node, ast.Assign), f"{path.name}:{node.lineno}: only NAME = text"
        (target,) = node.targets
        assert isinstance(target, ast.Name) and target.id.isupper(), f"{path}:{node.lineno}"
        texts = _strings(node.value)
        assert texts is not None, f"{path}:{node.lineno}: {target.id} is not plain text"
        entries[target.id] = texts
    return entries


def _norm(text: str) -> str:
    return " ".join(text.split())


def _is_sentence(text: str) -> bool:
    """Two words or more: single words ("Nee", "geen", "e-mail") and bullets are vocabulary."""
    return len(re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[a-z_]*\}", "", text))) >= 2


def _domain_texts() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        for name, variants in responses.items():
            for variant in variants or []:
                text = variant.get("text")
                if isinstance(text, str):
                    found.setdefault(_norm(text), f"domain/{path.name}: {name}")
    return found


def test_there_are_catalogues_and_they_hold_only_named_texts() -> None:
    assert len(CATALOGUES) >= 5
    for path in CATALOGUES:
        assert _entries(path), path


def test_no_text_is_defined_twice() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in CATALOGUES:
        for name, texts in _entries(path).items():
            for text in dict.fromkeys(_norm(t) for t in texts if _is_sentence(t)):
                where[text].append(f"{path.parent.name}/texts.py: {name}")
    domain = _domain_texts()
    doubles = {
        text: places + ([domain[text]] if text in domain else [])
        for text, places in where.items()
        if len(places) > 1 or text in domain
    }
    assert doubles == {}, "one text, one place: use the existing name instead"


def _used_names() -> set[str]:
    """Catalogue names the code uses: ``texts.NAME`` (any alias ending in texts) or imported."""
    used: set[str] = set()
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id.endswith("texts"):
                    used.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".texts"):
                used.update(alias.name for alias in node.names)
    return used


def test_every_catalogue_name_is_used_by_the_code() -> None:
    used = _used_names()
    unused = [
        f"{path.parent.name}/texts.py: {name}"
        for path in CATALOGUES
        for name in _entries(path)
        if name not in used
    ]
    assert unused == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.name)
def test_placeholders_are_plain_names(path: Path) -> None:
    """{name} only: a catalogue editor must not need to know str.format's mini-language."""
    for name, texts in _entries(path).items():
        for text in texts:
            for field in re.findall(r"(?<!\{)\{([^{}]*)\}(?!\})", text):
                assert re.fullmatch(r"[a-z_]+", field), f"{name}: {{{field}}}"
