"""Reading what people type into the console: whole entries, ``name:value`` pairs, targets.

Kept apart from the session so the rules people rely on (several lines, ``#gym`` and
``@lifter2``, picking a component by label or number) are in one small place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

BLOCK = '"""'


def read_entry(stdin: TextIO, prompt: Callable[[str], object]) -> str | None:
    """One entry: a line, lines joined by a trailing backslash, or a ``\"\"\"`` block.

    ``/log \"\"\"`` opens a block that runs to a line holding only ``\"\"\"``; its lines
    join the opening line with line breaks, as Shift+Enter would in Discord.
    """
    line = stdin.readline()
    if not line:
        return None
    text = line.rstrip("\n")
    while text.endswith("\\"):
        prompt("...> ")
        more = stdin.readline()
        text = text[:-1] + "\n" + more.rstrip("\n")
        if not more:
            break
    if text.rstrip().endswith(BLOCK):
        lines = [text.rstrip()[: -len(BLOCK)].rstrip()]
        while True:
            prompt("...> ")
            more = stdin.readline()
            if not more or more.strip() == BLOCK:
                break
            lines.append(more.rstrip("\n"))
        first, *rest = lines
        text = first + (" " if first and rest else "") + "\n".join(rest)
    return text


def named_values(names: Sequence[str], text: str, required: Sequence[str] = ()) -> dict[str, str]:
    """``name:value`` pairs among ``names``, and words given without a name.

    Unnamed words fill the required options not yet given, in order, one word each, the
    first taking what is left over (``/report setup #reports monday 09:00 UTC``,
    ``/reminder legday mon thu 18:00``); with one such option it takes all the text
    (``/log squat 3x5 100kg``).
    """
    values: dict[str, str] = {}
    if not names:
        if text.strip():
            raise ValueError(f"This takes no options, so I don't know where to put `{text}`.")
        return values
    pattern = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, names)) + r"):")
    pieces = pattern.split(text)
    free = pieces[0].strip()
    for name, value in zip(pieces[1::2], pieces[2::2], strict=True):
        values[name] = value.strip()
    if not free:
        return values
    missing = [name for name in required if name not in values]
    words = free.split()
    if len(missing) > 1 and len(words) >= len(missing):
        tail = len(missing) - 1
        values[missing[0]] = " ".join(words[:-tail])
        values.update(zip(missing[1:], words[-tail:], strict=True))
        return values
    target = next((name for name in [*missing, *names] if name not in values), None)
    if target is None:
        raise ValueError(f"I don't know where to put `{free}`.")
    values[target] = free
    return values


def choose(what: str, wanted: str, labels: Sequence[str]) -> int:
    """The index of the item named by its 1-based number or by (the start of) its label."""
    wanted = wanted.strip()
    if wanted.isdigit():
        index = int(wanted) - 1
        if 0 <= index < len(labels):
            return index
        raise ValueError(f"There is no {what} {wanted}; there are {len(labels)}.")
    folded = wanted.casefold()
    for test in (str.__eq__, str.startswith, str.__contains__):
        hits = [i for i, label in enumerate(labels) if test(label.casefold(), folded)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            numbers = ", ".join(str(i + 1) for i in hits)
            raise ValueError(f"Several {what}s match `{wanted}` ({numbers}); use the number.")
    listed = ", ".join(f"{i}. {label}" for i, label in enumerate(labels, start=1))
    raise ValueError(f"No {what} matches `{wanted}`. There are: {listed or 'none'}.")


def components_of(message: Any) -> list[Any]:
    """Every component of a message in reading order, inside Components V2 layouts too
    (containers, sections and their accessories)."""
    found: list[Any] = []

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            found.append(item)
            walk(getattr(item, "children", None) or [])
            if getattr(item, "accessory", None) is not None:
                walk([item.accessory])

    walk(message.components)
    return found


def interactive(message: Any) -> tuple[list[Any], list[Any]]:
    """The buttons with a callback, and the select menus, of a message, in reading order."""
    buttons: list[Any] = []
    menus: list[Any] = []
    for child in components_of(message):
        if getattr(child, "custom_id", None) is None:
            continue  # a link button or a layout's text has nothing for the bot to answer
        if hasattr(child, "options"):
            menus.append(child)
        elif hasattr(child, "label"):
            buttons.append(child)
    return buttons, menus


def menu_choice(menus: Sequence[Any], text: str) -> tuple[Any, list[str]]:
    """``pick [MENU:] OPTION[, OPTION]``: the menu and the values of the options meant."""
    if not menus:
        raise ValueError("The last message has no menu.")
    menu_part, colon, options_part = text.partition(":")
    if colon:
        placeholders = [menu.placeholder or "" for menu in menus]
        menu = menus[choose("menu", menu_part, placeholders)]
    else:
        menu, options_part = menus[0], text
    labels = [option.label for option in menu.options]
    wanted = [part for part in options_part.split(",") if part.strip()]
    if not wanted:
        raise ValueError("Say which option, e.g. `pick 1` or `pick Sleep: 7`.")
    return menu, [menu.options[choose("option", part, labels)].value for part in wanted]


TEXT_INPUT, STRING_SELECT = 4, 3


def form_fields(modal: dict[str, Any]) -> list[dict[str, Any]]:
    """The text inputs and menus of a form as Discord sends it (action rows or labelled
    fields)."""
    fields: list[dict[str, Any]] = []

    def walk(items: Iterable[dict[str, Any]]) -> None:
        for item in items:
            if "custom_id" in item and item.get("type") in (TEXT_INPUT, STRING_SELECT):
                fields.append(item)
            walk(item.get("components", []))
            if "component" in item:
                walk([{**item["component"], "label": item.get("label")}])

    walk(modal.get("components", []))
    return fields


def form_values(
    fields: Sequence[dict[str, Any]], typed: dict[str, str]
) -> dict[str, str | list[str]]:
    """What a form is submitted with: what was filled in unless typed over (as Discord's
    client sends it), text as typed, a menu's option by label or number."""
    filled = {f["custom_id"]: f["value"] for f in fields if f.get("value") is not None}
    values: dict[str, str | list[str]] = filled | typed
    for field in fields:
        name = field["custom_id"]
        if field.get("type") == STRING_SELECT and name in values:
            options = field.get("options") or []
            index = choose("option", typed[name], [o["label"] for o in options])
            values[name] = [options[index]["value"]]
    return values
