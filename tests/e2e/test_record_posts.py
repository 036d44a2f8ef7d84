"""Which new records go to the channel: e1RM records of the main lifts by default, or what
the person chose with /settings records; their own reply always lists every record."""

from __future__ import annotations

DAY = 24 * 3600


async def two_days(gym, first: str, second: str):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry=first)
    await gym.env.advance_time(DAY)
    return await gym.alice.slash(gym.channel, "log", entry=second)


def public(result) -> list[str]:
    return [m.content for m in result.followups if not m.ephemeral]


async def test_a_calf_raise_record_stays_private_by_default(gym):
    result = await two_days(gym, "calf raise 3x15 60kg", "calf raise 4x15 60kg")

    assert "best day's volume" in result.response.embeds[0].fields[-1].value
    assert public(result) == []


async def test_a_main_lift_e1rm_is_announced_without_its_smaller_records(gym):
    result = await two_days(gym, "squat 100x5", "squat 110x5")

    [post] = public(result)
    assert post.startswith(f"🏆 {gym.alice.mention} set a new record!")
    assert "best e1RM 128.3 kg (was 116.7 kg)" in post
    assert "heaviest 5-rep set" not in post
    assert "heaviest 5-rep set 110 kg" in result.response.embeds[0].fields[-1].value


async def test_a_record_post_names_the_person_but_pings_nobody(gym):
    await two_days(gym, "squat 100x5", "squat 110x5")

    [sent] = [
        r
        for r in gym.env.http_requests
        if r.method == "POST" and "set a new record" in str((r.json or {}).get("content"))
    ]
    assert gym.alice.mention in sent.json["content"]
    assert sent.json["allowed_mentions"]["parse"] == []


async def test_all_records_or_none_as_the_person_chooses(gym):
    chosen = await gym.alice.slash(gym.channel, "settings records", announce="all")
    assert chosen.response.embeds[0].title == "Records announced in the channel: every record"
    result = await two_days(gym, "calf raise 3x15 60kg", "calf raise 4x15 60kg")
    [post] = public(result)
    assert "best day's volume" in post

    await gym.alice.slash(gym.channel, "settings records", announce="none")
    await gym.alice.slash(gym.channel, "log", entry="squat 200x5")  # no record: a first
    await gym.env.advance_time(DAY)
    quiet = await gym.alice.slash(gym.channel, "log", entry="squat 210x5")
    assert "🏆 New records" in [f.name for f in quiet.response.embeds[0].fields]
    assert public(quiet) == []


def records_said(result) -> str:
    """The reply's records field, empty when it names none."""
    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    return fields.get("🏆 New records", "")


async def test_a_set_beaten_earlier_the_same_day_is_no_record_in_the_reply_or_channel(gym):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "settings records", announce="all")
    await gym.alice.slash(gym.channel, "log", entry="squat 100kg x5", when="yesterday")
    said = [
        await gym.alice.slash(gym.channel, "log", entry=f"squat {kg}kg x5")
        for kg in (105, 110, 108)
    ]

    first, second, third = (records_said(result) for result in said)
    assert "best e1RM 122.5 kg (was 116.7 kg)" in first
    # Today's 525 kg passes yesterday's 500 kg: said once, not again at each later set.
    assert "best day's volume 525 kg (was 500 kg)" in first
    assert "best e1RM 128.3 kg (was 122.5 kg)" in second
    assert "heaviest 5-rep set 110 kg (was 105 kg)" in second
    assert "volume" not in second
    assert third == ""  # 108 kg beat yesterday, not the 110 kg just before
    assert public(said[2]) == []
    shown = await gym.alice.slash(gym.channel, "pr", exercise="squat")
    assert "Best e1RM: **128.3 kg**" in shown.response.embeds[0].fields[0].value


async def test_in_lb_the_previous_best_is_the_one_pr_showed(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await gym.alice.slash(gym.channel, "log", entry="squat 5x5 220", when="yesterday")
    await gym.alice.slash(gym.channel, "log", entry="squat 1x3 255")
    shown = await gym.alice.slash(gym.channel, "pr", exercise="squat")
    assert "Best e1RM: **280.5 lb**" in shown.response.embeds[0].fields[0].value

    logged = await gym.alice.slash(gym.channel, "log", entry="squat 5x5 225")

    assert "e1RM" not in records_said(logged)  # 262.5 lb does not beat 280.5 lb


async def test_an_undone_or_edited_set_is_no_longer_the_best_to_beat(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 100kg x5", when="yesterday")
    heavy = await gym.alice.slash(gym.channel, "log", entry="squat 110kg x5")
    await gym.alice.click(heavy.response, label="Undo")

    after_undo = await gym.alice.slash(gym.channel, "log", entry="squat 108kg x5")
    assert "best e1RM 126 kg (was 116.7 kg)" in records_said(after_undo)

    history = await gym.alice.slash(gym.channel, "history", exercise="squat")
    ref = history.response.components[0]["components"][0]["options"][0]["value"]
    picked = await gym.alice.select(history.response, [ref])
    modal = await gym.alice.click(picked.response, label="Edit")
    assert "108 kg" in str(modal.modal)
    await gym.alice.submit_modal(modal, {"sets": "squat 90kg x5"})

    after_edit = await gym.alice.slash(gym.channel, "log", entry="squat 105kg x5")
    assert "best e1RM 122.5 kg (was 116.7 kg)" in records_said(after_edit)
