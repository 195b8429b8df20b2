from __future__ import annotations

import html

from bot.pipeline.messages import Button, Reply
from bot.telegram.rendering import (
    DIGEST_PREFIX,
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE,
    PAYLOAD_PREFIX,
    callback_data_for,
    render,
    split_text,
)


def _no_store(token: str, payload: str) -> None:
    raise AssertionError("short payloads must not be stored")


def test_short_text_is_one_escaped_message() -> None:
    messages = render(Reply("Kom je ook? <script> & zo"), _no_store)
    assert [m.text for m in messages] == ["Kom je ook? &lt;script&gt; &amp; zo"]
    assert messages[0].reply_markup is None


def test_buttons_become_inline_keyboard_on_last_part() -> None:
    reply = Reply("a " * 3000, buttons=(Button("Ja", "/affirm"), Button("Nee", "/deny")))
    messages = render(reply, _no_store)
    assert len(messages) == 2
    assert messages[0].reply_markup is None
    markup = messages[-1].reply_markup
    assert markup is not None
    datas = [str(row[0].callback_data) for row in markup.inline_keyboard]
    assert [d.rpartition("|")[0] for d in datas] == [
        PAYLOAD_PREFIX + "/affirm",
        PAYLOAD_PREFIX + "/deny",
    ]
    assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in datas)


def test_split_respects_limit_after_escaping_and_keeps_all_text() -> None:
    text = ("Tom & Jerry <3 " * 700) + "\n\n" + ("x" * 5000)
    chunks = split_text(text)
    assert all(len(html.escape(c, quote=False)) <= MAX_MESSAGE for c in chunks)
    assert "".join(chunks).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )


def test_split_prefers_paragraph_boundaries() -> None:
    first = "Eerste alinea. " * 200
    chunks = split_text(first.strip() + "\n\n" + "Tweede alinea.")
    assert chunks[-1].startswith("Tweede") or len(chunks) == 1


def test_ten_thousand_characters_and_odd_unicode() -> None:
    text = "🙂\u200b\u202e" * 3400  # emoji, zero-width space, right-to-left override
    messages = render(Reply(text), _no_store)
    assert all(len(m.text) <= MAX_MESSAGE for m in messages)
    assert sum(len(m.text) for m in messages) == len(text)


def test_empty_text_renders_nothing() -> None:
    assert render(Reply(""), _no_store) == []


def test_long_payload_is_stored_under_digest_within_64_bytes() -> None:
    stored: dict[str, str] = {}
    payload = '/inform{"area": "' + "Meierijstad-" * 10 + '"}'
    data = callback_data_for(payload, stored.__setitem__)
    assert data.startswith(DIGEST_PREFIX)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert stored[data.removeprefix(DIGEST_PREFIX)] == payload
    assert payload not in data
    # the same payload maps to the same token (idempotent)
    assert callback_data_for(payload, stored.__setitem__) == data


def test_multibyte_payload_counts_bytes_not_characters() -> None:
    stored: dict[str, str] = {}
    payload = "/x" + "é" * 40  # 42 characters, 82 bytes
    assert callback_data_for(payload, stored.__setitem__).startswith(DIGEST_PREFIX)
