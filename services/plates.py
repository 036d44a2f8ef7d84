"""/plates: what goes on each side of the bar, with the person's own plates if they set
some (/settings plates).

Asking signs nobody up: a person without a row gets a gym's standard set in kg.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.plates import PlatePlan, PlateSet, parse_plates, plan
from coach.vocabulary import Unit
from storage.store import Store
from storage.tables import Person


async def _settings_of(store: Store, user_id: int) -> tuple[Unit, PlateSet | None]:
    """Their unit and own plate set, without making their row."""
    person = await store.run(lambda session: session.get(Person, user_id))
    if person is None:
        return Unit.KG, None
    return Unit(person.unit), PlateSet.read(person.plates)


@dataclass(frozen=True, slots=True)
class PlateAnswer:
    """The plan, and the person's own set when it was left out for being in another unit
    (so the answer can say so rather than quietly use a gym's plates)."""

    plan: PlatePlan
    set_aside: PlateSet | None = None


async def plates_for(
    store: Store,
    user_id: int,
    weight: float,
    *,
    bar: float | None = None,
    unit: Unit | None = None,
    plates: str | None = None,
) -> PlateAnswer:
    """How to load ``weight`` in ``unit`` (None: the person's); ``bar`` and ``plates`` (as
    typed) override the person's own set, which serves only when it is in that unit.
    A ``PlateError`` (a ``UserError``) says why it cannot be answered."""
    own_unit, mine = await _settings_of(store, user_id)
    chosen = unit if unit is not None else own_unit
    set_aside = None
    if mine is not None and mine.unit is chosen:
        bar = mine.bar if bar is None else bar
        plates = plates or ",".join(map(str, mine.plates))
    elif mine is not None and not plates:
        set_aside = mine
    found = plan(weight, chosen, bar=bar, plates=parse_plates(plates) if plates else ())
    return PlateAnswer(found, set_aside)
