"""Reading time zones as people type them: places, offsets the way people mean them, and
refusals that say what to type instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.zones import ZoneError, read_zone, stored_zone, suggest_zones, zone_label

NOON = datetime(2026, 1, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "stored", "shown", "ahead_of_utc"),
    [
        ("Europe/Berlin", "Europe/Berlin", "Europe/Berlin", timedelta(hours=1)),
        ("america/new_york", "America/New_York", "America/New_York", timedelta(hours=-5)),
        ("new york", "America/New_York", "America/New_York", timedelta(hours=-5)),
        ("Berlin", "Europe/Berlin", "Europe/Berlin", timedelta(hours=1)),
        ("UTC", "UTC", "UTC", timedelta(0)),
        ("gmt", "UTC", "UTC", timedelta(0)),
        ("UTC+0", "UTC", "UTC", timedelta(0)),
        ("UTC+5", "Etc/GMT-5", "UTC+5", timedelta(hours=5)),
        ("GMT+5", "Etc/GMT-5", "UTC+5", timedelta(hours=5)),
        ("gmt-3", "Etc/GMT+3", "UTC-3", timedelta(hours=-3)),
        ("UTC \u2212 3", "Etc/GMT+3", "UTC-3", timedelta(hours=-3)),
        ("+14", "Etc/GMT-14", "UTC+14", timedelta(hours=14)),
        ("UTC-12", "Etc/GMT+12", "UTC-12", timedelta(hours=-12)),
        ("UTC+05:30", "Asia/Kolkata", "Asia/Kolkata", timedelta(hours=5, minutes=30)),
        ("utc+0545", "Asia/Kathmandu", "Asia/Kathmandu", timedelta(hours=5, minutes=45)),
        ("UTC-09:30", "Pacific/Marquesas", "Pacific/Marquesas", -timedelta(hours=9, minutes=30)),
    ],
)
def test_places_and_offsets_are_read_as_people_mean_them(typed, stored, shown, ahead_of_utc):
    key = read_zone(typed)
    assert key == stored
    assert zone_label(key) == shown
    assert NOON.astimezone(stored_zone(key)).utcoffset() == ahead_of_utc


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("EST", "`America/New_York`"),
        ("cet", "`Europe/Berlin`"),
        ("IST", "`Asia/Kolkata`"),
        ("localtime", "don't know the time zone"),
        ("Factory", "don't know the time zone"),
        ("posixrules", "don't know the time zone"),
        ("US/Eastern", "don't know the time zone"),
        ("EST5EDT", "don't know the time zone"),
        ("Mars/Olympus", "don't know the time zone"),
        ("Etc/GMT+5", "means UTC-5"),
        ("Etc/GMT-5", "means UTC+5"),
        ("UTC+15", "UTC-12 to UTC+14"),
        ("UTC+5:75", "not an offset I can read"),
        ("UTC-03:30", "`America/St_Johns`"),
        ("UTC+07:30", "No place keeps"),
    ],
)
def test_names_that_are_no_place_or_ambiguous_are_refused_with_a_suggestion(typed, says):
    with pytest.raises(ZoneError, match=None) as refused:
        read_zone(typed)
    assert says in str(refused.value)


def test_every_suggestion_is_read_back_as_itself():
    for typed in ("", "utc", "utc+5", "UTC+05:30", "berl", "new", "gmt-3", "asia"):
        offered = suggest_zones(typed)
        assert offered, typed
        for name in offered:
            assert zone_label(read_zone(name)) == name


def test_an_offset_as_typed_is_offered_first():
    assert suggest_zones("gmt+5")[0] == "UTC+5"
    assert suggest_zones("UTC+05:30")[0] == "Asia/Kolkata"
    assert "Europe/Berlin" in suggest_zones("berl")
    assert not [name for name in suggest_zones("e") if name in ("EST", "Factory", "localtime")]


def test_a_stored_key_this_host_lacks_reads_back_as_utc():
    assert stored_zone("localtime-missing-here").key == "UTC"
    assert stored_zone(None).key == "UTC"
