"""Every slash command the bot or its docs tell people to type exists, with the options
named: a renamed option or command otherwise leaves advice nobody can follow."""

from __future__ import annotations

import re
from pathlib import Path

from discord import app_commands

ROOT = Path(__file__).resolve().parents[2]
WHERE = ["bot", "cogs", "services", "coach", "storage"]
# `/log squat 3x5`, `/settings profile bodyweight:`, `/challenge board post:True`.
MENTION = re.compile(r"`/([a-z]+(?: [a-z]+)*)([^`\n]*)`")
OPTION = re.compile(r"(?:^|\s)([a-z_]+):")
# Backticked words that start with a slash and are no command: a URL path, folders, and
# the notation's per-side mark (`10/side`).
NOT_COMMANDS = {"metrics", "app", "opt", "side"}


def mentions() -> list[tuple[str, str, str]]:
    """(file, words, rest) for each backticked slash command in our code and docs."""
    files = [p for folder in WHERE for p in (ROOT / folder).rglob("*.py")]
    files += [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
    return [
        (str(path.relative_to(ROOT)), match[1], match[2])
        for path in files
        if "migrations" not in path.parts
        for match in MENTION.finditer(path.read_text(encoding="utf-8"))
        if match[1].split()[0] not in NOT_COMMANDS
    ]


def test_the_source_does_mention_commands_with_options():
    found = mentions()
    assert len(found) > 50
    assert any(OPTION.search(rest) for _file, _words, rest in found)


async def test_every_command_mentioned_exists_with_the_options_it_names(simcord_env):
    commands = {
        c.qualified_name: c
        for c in simcord_env.bot.tree.walk_commands()
        if isinstance(c, app_commands.Command)
    }
    groups = {
        c.qualified_name
        for c in simcord_env.bot.tree.walk_commands()
        if isinstance(c, app_commands.Group)
    }
    wrong = []
    for file, words, rest in mentions():
        split = words.split()
        # The longest run of words that names a command; the words after it are values.
        lengths = [n for n in range(len(split), 0, -1) if " ".join(split[:n]) in commands]
        if not lengths:
            if words not in groups:
                wrong.append(f"{file}: /{words} is no command")
            continue
        command = commands[" ".join(split[: lengths[0]])]
        named = {p.display_name for p in command.parameters}
        text = " ".join(split[lengths[0] :]) + rest
        wrong += [
            f"{file}: /{command.qualified_name} has no option `{option}`"
            for option in OPTION.findall(text)
            if option not in named
        ]
    assert wrong == [], "\n".join(wrong)
