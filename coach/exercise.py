"""What one exercise is, as the catalog and custom exercises describe it."""

from __future__ import annotations

from dataclasses import dataclass

from coach.vocabulary import Balance, Equipment, Muscle, Pattern, Region


@dataclass(frozen=True, slots=True)
class Exercise:
    """A classified exercise. ``key`` is stable and stored with every logged set.

    ``family`` groups variants of one lift for strength ratios and plateaus (the back-squat
    family holds back, high-bar, low-bar, pause, safety-bar and box squats); an exercise
    without variants is its own family (its key). ``family_share`` scales an e1RM into its
    family: a front squat is about 85 % of a back squat, so its e1RM counts as e1RM / 0.85.
    ``balance`` places an Olympic lift on the push or pull side of push:pull (M8).
    """

    key: str
    name: str
    region: Region
    pattern: Pattern
    primary: tuple[Muscle, ...]
    secondary: tuple[Muscle, ...] = ()
    equipment: Equipment = Equipment.OTHER
    bodyweight: bool = False
    # A machine or band that takes weight off: a load typed or imported without a sign is
    # the help it gives (``assisted pull up 3x8 30kg`` is bodyweight minus 30 kg).
    assisted: bool = False
    aliases: tuple[str, ...] = ()
    family: str = ""
    family_share: float = 1.0
    balance: tuple[Balance, ...] = ()

    def __post_init__(self) -> None:
        if not self.family:
            # frozen: set once, here, so every exercise has a family (itself by default).
            object.__setattr__(self, "family", self.key)

    @property
    def is_cardio(self) -> bool:
        return self.region is Region.CARDIO
