"""The ambassador catalogue: texts of (HTML) sections are valid Telegram HTML as written."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.ambassadors import texts

CATALOGUE = Path(texts.__file__)
# Telegram's HTML parse mode knows these tags only; anything else ("<school>") is refused.
TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
TAG = re.compile(r"<\s*/?\s*([a-zA-Z][\w-]*)")
ENTITY = re.compile(r"&(?!lt;|gt;|amp;|quot;)")


def _html_texts() -> dict[str, str]:
    """Names defined under a section comment that says (HTML), with their values."""
    found: dict[str, str] = {}
    html_section = False
    source = CATALOGUE.read_text(encoding="utf-8")
    starts = {node.lineno: node for node in ast.parse(source).body if isinstance(node, ast.Assign)}
    for number, line in enumerate(source.splitlines(), start=1):
        if line.startswith("# ---"):
            html_section = "(HTML)" in line
        node = starts.get(number)
        if html_section and node is not None:
            name = node.targets[0].id  # type: ignore[attr-defined]
            value = getattr(texts, name)
            if isinstance(value, str):
                found[name] = value
    return found


def test_html_texts_use_only_telegram_tags_and_escape_angle_brackets() -> None:
    html_texts = _html_texts()
    assert "WELCOME" in html_texts and "SUMMARY_TITLE" in html_texts  # the sections are seen
    for name, value in html_texts.items():
        tags = set(TAG.findall(value))
        assert tags <= TELEGRAM_TAGS, f"{name}: {tags - TELEGRAM_TAGS} (write &lt; for '<')"
        assert not ENTITY.search(value), f"{name}: a bare '&'"
