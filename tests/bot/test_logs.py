"""Log output: JSON lines carry the extra fields; secrets never appear."""

from __future__ import annotations

import json
import logging

from bot.logs import JsonFormatter, RedactFilter


def test_json_lines_carry_extra_fields_and_tracebacks():
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("now",), sys.exc_info()
        )
    record.error_id = "abcd1234"
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "failed now"
    assert entry["error_id"] == "abcd1234"
    assert "ValueError: bad" in entry["traceback"]
    assert "\n" not in line


def test_a_token_in_a_message_is_redacted():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token is %s", ("sekrit.tok",), None)
    RedactFilter(["sekrit.tok"]).filter(record)
    assert record.getMessage() == "token is [redacted]"
