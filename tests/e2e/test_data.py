"""/data import (preview, confirm, undo), /data export and /data forget, as a lifter uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.tables import Person
from tests.db import every
from tests.e2e.conftest import shown

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
STRONG = (FIXTURES / "strong_comma.csv").read_bytes()


async def set_zone(gym, member, zone: str = "Europe/Stockholm") -> None:
    await member.slash(gym.channel, "settings timezone", timezone=zone)


async def test_the_preview_names_exercises_the_catalog_does_not_know(gym):
    await set_zone(gym, gym.alice)
    unknown = STRONG.replace(b"Standing Calf Raise (Barbell)", b"Zercher Wobble (Barbell)")

    asked = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", unknown))

    text = shown(asked).embeds[0].description
    assert "22 of 24 sets matched the catalog" in text
    assert "Zercher Wobble (Barbell) (2)" in text
    assert "/exercise add" in text


async def test_an_unmatched_name_can_be_mapped_to_a_catalog_exercise(gym):
    await set_zone(gym, gym.alice)
    unknown = STRONG.replace(b"Standing Calf Raise (Barbell)", b"Zercher Wobble (Barbell)")

    asked = await gym.alice.slash(
        gym.channel,
        "data import",
        file=("strong.csv", unknown),
        map="zercher wobble (barbell) = calf raise",
    )
    assert "24 of 24 sets matched the catalog" in shown(asked).embeds[0].description
    await gym.alice.click(shown(asked), label="Import 24 sets")

    wobbles = [r for r in await gym.sets(gym.alice) if r.exercise_name.startswith("Zercher")]
    assert [r.exercise_key for r in wobbles] == ["standing_calf_raise"] * 2


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        ("Zercher Wobble", "Map names as `name in the file = exercise`"),
        ("Zercher Wobble (Barbell) = moonwalk", "I don't know `moonwalk` as an exercise"),
    ],
)
async def test_a_mapping_that_cannot_be_read_is_one_sentence(gym, mapping, says):
    await set_zone(gym, gym.alice)

    asked = await gym.alice.slash(
        gym.channel, "data import", file=("strong.csv", STRONG), map=mapping
    )

    assert says in shown(asked).content
    assert await gym.sets(gym.alice) == []


async def test_import_shows_a_preview_and_writes_only_when_confirmed(gym):
    await set_zone(gym, gym.alice)

    asked = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))

    assert asked.ephemeral
    preview = shown(asked)
    text = preview.embeds[0].description
    assert "Strong export, 24 rows." in text
    assert "Adds 24 sets in 5 workouts, 2022-07-28 to 2022-08-29." in text
    assert "Exercises: 24 of 24 sets matched the catalog." in text
    assert await gym.sets(gym.alice) == []

    done = await gym.alice.click(preview, label="Import 24 sets")

    assert "Imported 24 sets from Strong" in done.response.content
    rows = await gym.sets(gym.alice)
    assert len(rows) == 24
    squat = [r for r in rows if r.exercise_key == "back_squat"]
    assert [(r.weight_kg, r.reps) for r in squat] == [(110.0, 6), (90.0, 12)]
    assert str(squat[0].local_date) == "2022-07-28"


async def test_an_imported_run_is_kept_as_cardio_and_counts_no_set(gym):
    await set_zone(gym, gym.alice, "UTC")
    hevy = (FIXTURES / "hevy_kg.csv").read_bytes()
    asked = await gym.alice.slash(gym.channel, "data import", file=("hevy.csv", hevy))
    await gym.alice.click(shown(asked), label="Import 31 sets")

    (run,) = [r for r in await gym.sets(gym.alice) if r.exercise_name == "Running"]

    assert (run.exercise_key, run.distance_m, run.seconds, run.reps) == (
        "running",
        1500.0,
        540,
        None,
    )
    history = await gym.alice.slash(gym.channel, "history", exercise="run", days=3650)
    assert "1.5 km" in str(shown(history).embeds[0].to_dict())


async def test_undo_removes_the_last_log_never_an_import(gym):
    await set_zone(gym, gym.alice)
    await gym.alice.slash(gym.channel, "log", entry="bench 3x5 80kg")
    asked = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))
    await gym.alice.click(shown(asked), label="Import 24 sets")

    asked = await gym.alice.slash(gym.channel, "undo")
    await gym.alice.click(shown(asked), label="Undo it")

    rows = await gym.sets(gym.alice)
    assert len(rows) == 24
    assert all(row.source == "import" for row in rows)


async def test_an_unanswered_confirmation_expires_after_two_minutes_and_changes_nothing(gym):
    await gym.alice.slash(gym.channel, "log", entry="bench 3x5 80kg")
    asked = await gym.alice.slash(gym.channel, "undo")
    await gym.env.advance_time(60)
    assert not any(b["disabled"] for b in shown(asked).components[0]["components"])

    await gym.env.advance_time(61)

    buttons = shown(asked).components[0]["components"]
    assert [(b["label"], b["disabled"]) for b in buttons] == [("Undo it", True), ("Keep it", True)]
    assert len(await gym.sets(gym.alice)) == 3


async def test_importing_the_same_file_again_adds_nothing_and_undo_removes_the_import(gym):
    await set_zone(gym, gym.alice)
    first = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))
    await gym.alice.click(shown(first), label="Import 24 sets")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    again = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))
    assert shown(again).embeds[0].title == "Nothing new to import"
    assert "Already in your log: 24 sets." in shown(again).embeds[0].description
    assert len(await gym.sets(gym.alice)) == 27

    asked = await gym.alice.slash(gym.channel, "data import", undo=True)
    assert "24 sets from Strong (strong.csv)" in asked.response.embeds[0].description
    removed = await gym.alice.click(asked.response, label="Remove them")

    assert removed.response.content == "Removed 24 imported sets."
    assert [r.source for r in await gym.sets(gym.alice)] == ["slash"] * 3


async def test_a_file_without_zones_asks_for_the_persons_zone_first(gym):
    result = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))

    reply = shown(result)
    assert "`/settings timezone`" in reply.content
    assert await gym.sets() == []


async def test_a_bad_file_gets_one_sentence_and_nothing_is_stored(gym):
    await set_zone(gym, gym.alice)
    broken = STRONG.replace(b"110.0,6", b"110.0,six", 1)

    result = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", broken))

    reply = shown(result)
    assert reply.content == "Nothing was imported. Row 2: Reps 'six' is not a number."
    assert await gym.sets() == []


async def test_export_sends_a_csv_and_json_privately_and_the_csv_imports_back(gym):
    await set_zone(gym, gym.alice)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg @8", note="=HYPERLINK(x)")

    result = await gym.alice.slash(gym.channel, "data export")

    message = shown(result)
    assert message.ephemeral
    files = {a.filename: a for a in message.attachments}
    assert set(files) == {"legday-sets.csv", "legday-data.json"}
    sets_csv = (await files["legday-sets.csv"].read()).decode()
    rows = list(csv.DictReader(io.StringIO(sets_csv), delimiter=";"))
    assert [
        (r["Exercise Name"], r["Weight"], r["Weight Unit"], r["Reps"], r["RPE"]) for r in rows
    ] == [("squat", "100.0", "kg", "5", "8")] * 3
    assert rows[0]["Notes"] == "'=HYPERLINK(x)"
    everything = json.loads(await files["legday-data.json"].read())
    assert len(everything["tables"]["logged_set"]) == 3
    assert everything["tables"]["person"][0]["timezone"] == "Europe/Stockholm"

    await set_zone(gym, gym.bob)
    asked = await gym.bob.slash(
        gym.channel, "data import", file=("legday-sets.csv", sets_csv.encode())
    )
    await gym.bob.click(shown(asked), label="Import 3 sets")
    mine, theirs = await gym.sets(gym.alice), await gym.sets(gym.bob)
    same = lambda r: (  # noqa: E731
        r.exercise_key,
        r.weight_kg,
        r.reps,
        r.rpe,
        r.warmup,
        r.note,
        r.local_date,
        r.performed_at.replace(microsecond=0),
    )
    assert [same(r) for r in theirs] == [same(r) for r in mine]


@pytest.mark.parametrize("unit", ["kg", "lb"])
async def test_per_side_sets_and_runs_survive_the_round_trip(gym, unit):
    for member in (gym.alice, gym.bob):
        await set_zone(gym, member)
        await member.slash(gym.channel, "settings unit", unit=unit)
    await gym.alice.slash(gym.channel, "log", entry="bss 3x10 each 24kg; run 5km 25min")
    exported = shown(await gym.alice.slash(gym.channel, "data export"))
    sets_csv = await {a.filename: a for a in exported.attachments}["legday-sets.csv"].read()

    asked = await gym.bob.slash(gym.channel, "data import", file=("legday-sets.csv", sets_csv))
    await gym.bob.click(shown(asked), label="Import 4 sets")

    carried = lambda r: (r.exercise_key, r.weight_kg, r.reps, r.per_side, r.seconds, r.distance_m)  # noqa: E731
    mine, theirs = await gym.sets(gym.alice), await gym.sets(gym.bob)
    assert [carried(r) for r in theirs] == [carried(r) for r in mine]
    assert sorted(r.per_side for r in theirs) == [False, True, True, True]


async def test_forget_asks_then_removes_the_person_everywhere(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.bob.slash(gym.channel, "log", entry="bench 3x5 80kg")

    asked = await gym.alice.slash(gym.channel, "data forget")
    assert asked.ephemeral
    assert len(await gym.sets(gym.alice)) == 3  # nothing before confirming
    done = await gym.alice.click(asked.response, label="Delete everything")

    assert done.response.content.startswith("Done: Leg Day has deleted everything")
    assert await gym.sets(gym.alice) == []
    assert len(await gym.sets(gym.bob)) == 3
    people = await every(gym.env.bot.store, select(Person.id))
    assert people == [gym.bob.id]


async def test_importing_your_own_export_back_adds_nothing(gym):
    await set_zone(gym, gym.alice)
    first = await gym.alice.slash(gym.channel, "data import", file=("strong.csv", STRONG))
    await gym.alice.click(shown(first), label="Import 24 sets")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; squat 60kg x 5")
    exported = await gym.alice.slash(gym.channel, "data export")
    files = {a.filename: a for a in shown(exported).attachments}
    sets_csv = await files["legday-sets.csv"].read()

    again = await gym.alice.slash(gym.channel, "data import", file=("legday-sets.csv", sets_csv))

    assert shown(again).embeds[0].title == "Nothing new to import"
    assert "Already in your log: 28 sets." in shown(again).embeds[0].description
    assert len(await gym.sets(gym.alice)) == 28


async def test_after_forget_a_challenge_board_no_longer_shows_them(gym):
    challenge = {"name": "Leg January", "metric": "leg_sets", "goal": 6.0}
    dates = {"starts": "2026-01-01", "ends": "2026-01-14"}
    await gym.bob.slash(gym.channel, "challenge create", **challenge, **dates)
    await gym.alice.slash(gym.channel, "challenge join", name="Leg January")
    await gym.alice.slash(gym.channel, "log", entry="squat 5x5 100kg")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    before = await gym.bob.slash(gym.channel, "challenge board", name="Leg January")
    assert gym.alice.mention in before.response.embeds[0].description

    asked = await gym.alice.slash(gym.channel, "data forget")
    await gym.alice.click(asked.response, label="Delete everything")

    after = await gym.bob.slash(gym.channel, "challenge board", name="Leg January")
    text = after.response.embeds[0].description
    assert gym.alice.mention not in text
    assert gym.bob.mention in text


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "Nothing was imported. That file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Nothing was imported. That file is binary"),
        (b"Name,Score\nalice,3\n", "Nothing was imported. I don't know a file whose header"),
        (STRONG.splitlines(keepends=True)[0], "Nothing was imported. That export has a header"),
        (b"Date,Exercise\n\xff\xfe\xfd\n", "Nothing was imported. That file is not UTF-8"),
    ],
)
async def test_each_kind_of_bad_file_gets_one_sentence_and_stores_nothing(gym, data, says):
    await set_zone(gym, gym.alice)

    result = await gym.alice.slash(gym.channel, "data import", file=("export.csv", data))

    reply = shown(result)
    assert reply.content.startswith(says)
    assert reply.content.count(". ") <= 2
    assert await gym.sets() == []
    assert gym.env.take_bugs() == []


async def test_an_export_in_lb_imports_back_unchanged_after_switching_to_kg(gym):
    await set_zone(gym, gym.alice)
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await gym.alice.slash(
        gym.channel, "log", entry="squat 3x5 225; bss 2x10 each 50; run 1.5km 9min"
    )
    exported = shown(await gym.alice.slash(gym.channel, "data export"))
    sets_csv = await {a.filename: a for a in exported.attachments}["legday-sets.csv"].read()
    stored = lambda r: (r.exercise_key, r.weight_kg, r.reps, r.per_side, r.distance_m)  # noqa: E731
    before = [stored(r) for r in await gym.sets(gym.alice)]

    await gym.alice.slash(gym.channel, "settings unit", unit="kg")
    again = await gym.alice.slash(gym.channel, "data import", file=("legday-sets.csv", sets_csv))

    assert shown(again).embeds[0].title == "Nothing new to import"
    assert "Already in your log: 6 sets." in shown(again).embeds[0].description
    assert [stored(r) for r in await gym.sets(gym.alice)] == before
    assert ("running", None, None, False, 1500.0) in before
