"""Text people type, made safe to store and to show, the same on every database.

Control characters are dropped (PostgreSQL cannot store NUL at all, SQLite can: dropping
them keeps both back-ends alike, and Discord shows none of them anyway); newlines and tabs
stay, since they separate entries. A *name* must also have something visible: blank,
zero-width-only or invisible-filler names are refused, since nobody could read or pick
them from a list. A name typed in quotes, as a command line would want it
(``name:"Squat Off"``), is the name without them: Discord passes the quotes on.
"""

from __future__ import annotations

import unicodedata

KEPT_CONTROLS = frozenset("\n\t")
INVISIBLE = frozenset("\u115f\u1160\u180e\u2800\u3164\uffa0")
"""Letters and symbols that render as nothing (Hangul fillers, the braille blank)."""
_UNSEEN_CATEGORIES = ("C", "Z", "M")
"""Other, separators and marks: nothing a lone one of them shows (``\u200b``, ``\u00ad``)."""


def clean_text(text: str) -> str:
    """``text`` without control characters other than newline and tab."""
    return "".join(ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) != "Cc")


def visible(ch: str) -> bool:
    return ch not in INVISIBLE and not unicodedata.category(ch).startswith(_UNSEEN_CATEGORIES)


def visible_name(text: str) -> str | None:
    """A name on one line with single spaces, or None when nothing in it can be seen."""
    name = " ".join(clean_text(text).split())
    return name if any(visible(ch) for ch in name) else None


QUOTES = ('"“”„', "'‘’")
"""Quote marks that may open or close a quoted name, double and single: phones mix their
curly forms."""


def unquoted(text: str) -> str:
    """``text`` without one pair of quotes around it: ``"Squat Off"`` is ``Squat Off``."""
    text = text.strip()
    for marks in QUOTES:
        if len(text) >= 2 and text[0] in marks and text[-1] in marks:
            return text[1:-1].strip()
    return text


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``1 day``, ``3 days``: the count with the word in the right number."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
