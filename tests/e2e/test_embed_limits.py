"""Every reply fits Discord's embed limits, cut with "and N more", and keeps its buttons.

SimCord checks each embed against Discord's limits the way Discord does; the helper is
also checked alone on the limits it must hold."""

from __future__ import annotations

import discord

from cogs._fit import MAX_FIELDS, TOTAL_LIMIT, fit_embed, fit_lines

UNKNOWN = [f"zorbflex maneuver variant q{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(30)]


def within_limits(embed: discord.Embed) -> bool:
    return (
        len(embed) <= TOTAL_LIMIT
        and len(embed.fields) <= MAX_FIELDS
        and len(embed.title or "") <= 256
        and len(embed.description or "") <= 4096
        and all(len(f.name or "") <= 256 and len(f.value or "") <= 1024 for f in embed.fields)
    )


async def test_a_huge_dm_log_is_cut_with_and_n_more_and_keeps_its_undo(gym):
    await gym.alice.send_dm("\n".join(f"{name} 3x5 20kg" for name in UNKNOWN))

    reply = gym.alice.user.dm_channel.last_message
    embed = reply.embeds[0]
    assert embed.title == "Logged 30 exercises"
    assert within_limits(embed)
    more = embed.fields[-1]
    shown = len(embed.fields) - 1
    assert more.value == f"and {30 - shown} more exercises: see /history"
    assert len(await gym.sets(gym.alice)) == 30 * 3

    undone = await gym.alice.user.click(reply, label="Undo")
    assert undone.response.content.startswith("Undone: removed")
    assert await gym.sets(gym.alice) == []


async def test_a_long_log_reply_keeps_its_new_records_field(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 1x5 80kg", when="yesterday")
    entry = "; ".join(f"{name[-12:]} 1x1" for name in UNKNOWN) + "; squat 1x5 100kg"

    logged = await gym.alice.slash(gym.channel, "log", entry=entry)

    embed = logged.response.embeds[0]
    assert within_limits(embed)
    assert embed.fields[-1].name == "🏆 New records"
    assert embed.fields[-2].value.startswith("and ")
    assert embed.fields[-2].value.endswith(" more exercises: see /history")


def test_fitting_cuts_fields_total_and_description_and_counts_what_it_left_out():
    many = discord.Embed(title="t" * 300, description="d" * 5000)
    for n in range(40):
        many.add_field(name=f"field {n}", value="v" * 900)
    many.add_field(name="kept", value="always shown")

    fitted = fit_embed(many, what="things", keep_last=1)

    assert within_limits(fitted)
    assert fitted.fields[-1].name == "kept"
    cut = fitted.fields[-2]
    assert cut.value == f"and {40 - (len(fitted.fields) - 2)} more things"
    assert fitted.title.endswith("…")


def test_fitting_clips_a_long_field_and_cuts_the_description_for_fields_it_must_keep():
    long_field = discord.Embed(title="t", description="short")
    long_field.add_field(name="notes", value="v" * 2000)
    crowded = discord.Embed(title="t", description="d" * 4000)
    for n in range(3):
        crowded.add_field(name=f"field {n}", value="v" * 1000)

    clipped = fit_embed(long_field)
    made_room = fit_embed(crowded, keep_last=3)  # fields that must stay

    assert within_limits(clipped)
    assert len(clipped.fields[0].value) == 1024
    assert clipped.fields[0].value.endswith("…")
    assert within_limits(made_room)
    assert [len(f.value) for f in made_room.fields] == [1000, 1000, 1000]
    assert made_room.description.endswith("…")
    assert len(made_room) == 6000


def test_fitting_lines_keeps_whole_lines_then_says_how_many_more():
    lines = [f"line {n:03d} " + "x" * 90 for n in range(100)]

    text = fit_lines(lines, 1024, "entries")

    assert len(text) <= 1024
    *kept, more = text.split("\n")
    assert kept == lines[: len(kept)]
    assert more == f"and {100 - len(kept)} more entries"
    assert fit_lines(lines[:3], 1024) == "\n".join(lines[:3])
