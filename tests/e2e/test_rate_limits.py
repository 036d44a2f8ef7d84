"""Per-person cooldowns (discord.py's, on the bot's clock) in simulated time: a burst of
commands or DMs is refused with one private sentence, others are not held up, and waiting
lets the person go on."""

from __future__ import annotations

from bot.rate_limits import COMMANDS_PER, COMMANDS_RATE, DMS_PER, DMS_RATE, HEAVY_PER, HEAVY_RATE
from tests.e2e.conftest import shown


async def test_a_burst_of_commands_is_slowed_down_for_that_person_only(gym):
    for _ in range(COMMANDS_RATE):
        allowed = await gym.alice.slash(gym.channel, "settings show")
        assert allowed.response.embeds
        await gym.env.advance_time(1)

    refused = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    others = await gym.bob.slash(gym.channel, "settings show")

    assert refused.ephemeral
    wait = COMMANDS_PER.total_seconds() - COMMANDS_RATE
    assert refused.response.content == f"Slow down a little: try again in {wait:.0f} s."
    assert await gym.sets(gym.alice) == []
    assert others.response.embeds

    await gym.env.advance_time(wait + 1)  # discord.py's window ends just after its length
    logged = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    assert logged.response.embeds[0].title.startswith("Logged Back Squat")


async def test_autocomplete_is_not_counted(gym):
    for _ in range(COMMANDS_RATE * 2):
        await gym.alice.autocomplete(gym.channel, "pr", "exercise", "squ")

    allowed = await gym.alice.slash(gym.channel, "settings show")

    assert allowed.response.embeds


async def test_a_flood_of_dms_is_answered_once_and_not_logged(gym):
    for n in range(DMS_RATE):
        await gym.alice.send_dm(f"squat 1x5 {100 + n}kg")
    for _ in range(3):
        await gym.alice.send_dm("squat 1x5 200kg")

    replies = [m.content for m in gym.alice.user.dm_channel.history() if m.author.bot]
    slow = [text for text in replies if text.startswith("Slow down")]
    assert slow == [
        f"Slow down a little: try again in {DMS_PER.total_seconds():.0f} s. Nothing was logged."
    ]
    assert len(await gym.sets(gym.alice)) == DMS_RATE

    await gym.env.advance_time(DMS_PER.total_seconds() + 1)
    await gym.alice.send_dm("squat 1x5 200kg")
    assert len(await gym.sets(gym.alice)) == DMS_RATE + 1


async def test_a_heavy_command_has_a_cooldown_of_its_own(gym):
    assert HEAVY_RATE < COMMANDS_RATE  # so that this limit is the one met
    for _ in range(HEAVY_RATE):
        exported = await gym.alice.slash(gym.channel, "data export")
        assert shown(exported).attachments

    refused = await gym.alice.slash(gym.channel, "data export")
    others = await gym.bob.slash(gym.channel, "data export")
    another = await gym.alice.slash(gym.channel, "data import", undo=True)

    assert refused.ephemeral
    wait = HEAVY_PER.total_seconds()
    assert refused.response.content == f"Slow down a little: try again in {wait:.0f} s."
    assert shown(others).attachments
    assert not shown(another).content.startswith("Slow down")  # each heavy command apart

    await gym.env.advance_time(wait + 1)
    exported = await gym.alice.slash(gym.channel, "data export")
    assert shown(exported).attachments
