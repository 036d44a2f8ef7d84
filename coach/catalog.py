"""The exercise catalog, and turning what a lifter typed into one of its exercises.

The catalog lives in ``coach/exercises.toml`` (our own data). ``load_catalog`` reads and
validates it once per process. ``Catalog.resolve`` classifies free text in four steps, each
only tried when the one before found nothing:

1. exact: the text is a key, name or alias, ignoring case and repeated spaces;
2. normalised: the text equals one after ``normalise_name`` (punctuation, hyphens, plurals,
   word order, db/bb/rdl-style abbreviations), or after gluing its words together
   ("benchpress"), or after adding or dropping the exercise's own equipment word
   ("barbell back squat", "machine leg press");
3. fuzzy: an edit-distance similarity of at least ``FUZZY_THRESHOLD`` to a single exercise;
4. unresolved: no exercise, up to three suggestions for the person to pick from.

A person's custom exercises take part in every step and win ties against the catalog.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Final, Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from coach.exercise import Exercise
from coach.vocabulary import Balance, Equipment, Muscle, Pattern, Region

FUZZY_THRESHOLD: Final = 0.82
"""Lowest similarity a fuzzy match may have and still be taken without asking.

Similarity is 1 - edits / length, where a swap of two neighbouring letters costs half an edit.
At 0.82 one wrong, missing or extra letter is accepted in names of six or more characters
("dedlift", "benchpres") and a swap in any name ("sqaut", "hip thurst"), two mistakes need a
name of 12+ characters, and three letters typed at random match nothing. The tests pin typos
that must resolve and near misses that must not.
"""

AMBIGUITY_MARGIN: Final = 0.01
"""Two different exercises scoring within this of each other are a guess, not a match:
"rack squat" is one letter from both "back squat" and "hack squat", so the person is asked."""

MAX_SUGGESTIONS: Final = 3
SUGGESTION_FLOOR: Final = 0.4
"""Below this similarity a suggestion would only be noise."""

SEARCH_FUZZY_FLOOR: Final = 0.6
"""Autocomplete adds typo-tolerant matches above this after the prefix and substring hits;
lower lets in look-alikes such as "forward lunge" for "rdl"."""

RESOLVED_CACHE: Final = 4096
"""Catalog-only resolutions kept per process; the cache starts afresh when full."""

MAX_TYPED: Final = 200
"""Only this much of the text is matched: no name is longer, and it bounds the work."""

How = Literal["exact", "normalised", "fuzzy", "unresolved"]

DATA_FILE: Final = "exercises.toml"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a typed name was taken to mean, and how sure the catalog is."""

    exercise: Exercise | None
    typed: str
    confidence: float
    suggestions: tuple[Exercise, ...]
    how: How


# --- Normalisation ---------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")

# Plurals that the suffix rules below would get wrong.
_IRREGULAR: Final[Mapping[str, str]] = {"calves": "calf", "flies": "fly", "flyes": "fly"}

# Abbreviations, misspellings and synonyms, looked up before and after removing a plural so
# that "rdls" and "dbs" work. Each expands to the words of the full form.
_EXPAND: Final[Mapping[str, tuple[str, ...]]] = {
    "db": ("dumbbell",),
    "dumbell": ("dumbbell",),
    "dumbel": ("dumbbell",),
    "bb": ("barbell",),
    "barbel": ("barbell",),
    "kb": ("kettlebell",),
    "bw": ("bodyweight",),
    "banded": ("band",),
    "ezbar": ("ez",),
    "rdl": ("romanian", "deadlift"),
    "sldl": ("stiff", "leg", "deadlift"),
    "dl": ("deadlift",),
    "ohp": ("overhead", "press"),
    "ohs": ("overhead", "squat"),
    "bss": ("bulgarian", "split", "squat"),
    "rfess": ("rear", "foot", "elevated", "split", "squat"),
    "ghr": ("glute", "hamstring", "raise"),
    "gm": ("good", "morning"),
    "ssb": ("safety", "bar"),
    "ext": ("extension",),
    "sa": ("single", "arm"),
    "sl": ("single", "leg"),
    "one": ("single",),
    "1": ("single",),
    "unilateral": ("single",),
    "alt": ("alternating",),
    "inc": ("incline",),
    "dec": ("decline",),
    "cg": ("close", "grip"),
    "oh": ("overhead",),
    "hex": ("trap",),
    "paused": ("pause",),
    "legged": ("leg",),
    "ham": ("hamstring",),
    "flye": ("fly",),
    "curtsey": ("curtsy",),
    "pressdown": ("pushdown",),
    "pressup": ("pushup",),
}

# Words that never change which exercise is meant. "weighted" goes too: a weighted pull-up is
# a pull-up with added load, which the set records. "degree" makes "45°" equal "45 degree".
_FILLER: Final = frozenset(
    {"a", "an", "the", "with", "on", "of", "and", "to", "for", "in", "at", "w", "using"}
    | {"weighted", "exercise", "degree", "deg"}
    # Liftosaur's "Leverage Machine" is a plate-loaded machine: the machine is the equipment.
    | {"leverage"}
)

# Two-word spellings of one-word names: "pull up", "pull-up" and "pullup" must agree.
_JOIN: Final[Mapping[tuple[str, str], str]] = {
    ("pull", "up"): "pullup",
    ("chin", "up"): "chinup",
    ("push", "up"): "pushup",
    ("press", "up"): "pushup",
    ("sit", "up"): "situp",
    ("step", "up"): "stepup",
    ("muscle", "up"): "muscleup",
    ("v", "up"): "vup",
    ("l", "sit"): "lsit",
    ("pull", "down"): "pulldown",
    ("push", "down"): "pushdown",
    ("press", "down"): "pushdown",
    ("pull", "over"): "pullover",
    ("pull", "through"): "pullthrough",
    ("pull", "apart"): "pullapart",
    ("kick", "back"): "kickback",
    ("skull", "crusher"): "skullcrusher",
    ("hyper", "extension"): "hyperextension",
    ("dead", "lift"): "deadlift",
    ("wood", "chop"): "woodchop",
    ("wood", "chopper"): "woodchopper",
    ("clam", "shell"): "clamshell",
    ("body", "weight"): "bodyweight",
    ("t", "bar"): "tbar",
    ("ez", "bar"): "ez",
    ("smith", "machine"): "smith",
}

# The words that name each kind of equipment, as they are after normalisation.
_EQUIPMENT_WORDS: Final[Mapping[Equipment, tuple[str, ...]]] = {
    Equipment.BARBELL: ("barbell",),
    Equipment.DUMBBELL: ("dumbbell",),
    Equipment.KETTLEBELL: ("kettlebell",),
    Equipment.MACHINE: ("machine",),
    Equipment.CABLE: ("cable",),
    Equipment.SMITH: ("smith",),
    Equipment.BODYWEIGHT: ("bodyweight",),
    Equipment.BAND: ("band",),
    Equipment.OTHER: (),
}


def _fold(text: str) -> str:
    """Lower case without accents or apostrophes (typographic apostrophes too, "plié")."""
    decomposed = unicodedata.normalize("NFKD", text[:MAX_TYPED].casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("'", "").replace("\u2019", "").replace("&", " and ")


def _singular(word: str) -> str:
    # Crude on purpose: both sides of every comparison go through it, so it only has to be
    # consistent, and it must leave "press", "bss", "biceps"-like words alone enough to agree.
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) < 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _words(text: str, singular: bool = True) -> list[str]:
    """The normalised words of ``text``, in the order typed.

    ``singular=False`` keeps a final "s": fuzzy matching also tries that, because a typo can
    look like a plural ("benchpres" is not the plural of "benchpre").
    """
    words: list[str] = []
    for raw in _NON_WORD.split(_fold(text)):
        if not raw:
            continue
        expanded = _EXPAND.get(raw)
        if expanded is None:
            single = _singular(raw) if singular else raw
            expanded = _EXPAND.get(single, (single,))
        words.extend(w for w in expanded if w not in _FILLER)
    joined: list[str] = []
    for word in words:
        if joined and (glued := _JOIN.get((joined[-1], word))) is not None:
            joined[-1] = glued
        else:
            joined.append(word)
    return joined


def normalise_name(text: str) -> str:
    """A canonical form of an exercise name, equal for names that mean the same lift.

    Case, accents, punctuation and hyphens, plurals, word order, filler words and common
    abbreviations (db, bb, kb, rdl, ohp, bss, sl, ...) are evened out, so "DB Bench Press",
    "bench press (dumbbell)" and "dumbbell bench-presses" all give "bench dumbbell press".
    It is a key for comparing and storing, not for display.
    """
    return " ".join(sorted(_words(text)))


def _light(text: str) -> str:
    """Lower case, punctuation to single spaces: what autocomplete compares while typing."""
    return " ".join(_NON_WORD.split(_fold(text))).strip()


def _exact(text: str) -> str:
    return " ".join(text.casefold().split())


# --- Similarity ------------------------------------------------------------------------------


def _edit_cost(a: str, b: str, limit: float) -> float:
    """Edits turning ``a`` into ``b``, or infinity once they exceed ``limit``.

    Optimal string alignment distance where one letter wrong, missing or extra costs 1 and a
    swap of neighbours costs 0.5: swaps are the commonest typing slip and should not fail
    short names. Counted in half-edits to stay in integers, and only within the diagonal band
    that ``limit`` allows. rapidfuzz has no half-price swap, so this only scores the few
    candidates its plain OSA distance lets through (``_best_scores``).
    """
    if a == b:
        return 0.0
    cap = int(2 * limit)
    band = cap // 2
    size_a, size_b = len(a), len(b)
    if 2 * abs(size_a - size_b) > cap:
        return math.inf
    over = cap + 1
    before: list[int] = []
    previous = [2 * j if j <= band else over for j in range(size_b + 1)]
    for i in range(1, size_a + 1):
        current = [over] * (size_b + 1)
        if i <= band:
            current[0] = 2 * i
        low, high = max(1, i - band), min(size_b, i + band)
        char = a[i - 1]
        for j in range(low, high + 1):
            other = b[j - 1]
            cost = min(previous[j - 1] + (0 if char == other else 2), previous[j] + 2)
            cost = min(cost, current[j - 1] + 2)
            if i > 1 and j > 1 and char != other and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current[j] = min(cost, over)
        # A cell depends only on the two rows above it, so once both are past the cap every
        # later cell is too.
        if min(current) > cap and min(previous) > cap:
            return math.inf
        before, previous = previous, current
    return previous[size_b] / 2 if previous[size_b] <= cap else math.inf


@dataclass(slots=True)
class _Forms:
    """The ways of writing exercises that have one length, prepared for fuzzy comparison."""

    texts: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)

    def add(self, text: str, owner: int) -> None:
        self.texts.append(text)
        self.owners.append(owner)


def _best_scores(tries: Sequence[str], by_length: Mapping[int, _Forms]) -> dict[int, float]:
    """Best similarity per owner among forms that reach ``FUZZY_THRESHOLD``.

    Only lengths within reach are compared. rapidfuzz compares all forms of a length at
    once by their optimal string alignment distance (OSA), where a swap costs a whole
    edit, and keeps those within twice the limit: a cost within it can have no more,
    since a swap costs half. Only those few get the exact cost, swaps at half price.
    """
    best: dict[int, float] = {}
    slack = 1 - FUZZY_THRESHOLD
    for text in tries:
        size = len(text)
        reach = int(slack * size / FUZZY_THRESHOLD) + 1
        for length in range(max(1, size - reach), size + reach + 1):
            longest = max(size, length)
            limit = slack * longest
            forms = by_length.get(length)
            if forms is None or abs(size - length) > limit:
                continue
            for form, _, at in process.extract_iter(
                text, forms.texts, scorer=OSA.distance, score_cutoff=int(2 * limit)
            ):
                cost = _edit_cost(text, form, limit)
                owner = forms.owners[at]
                if cost <= limit and 1 - cost / longest > best.get(owner, 0.0):
                    best[owner] = 1 - cost / longest
    return best


def _pairs(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


@dataclass(frozen=True, slots=True)
class _Query:
    exact: str
    words: tuple[str, ...]
    spaced: str
    compact: str
    pairs: frozenset[str]
    # Texts to compare with the spaced and the glued forms of the exercises.
    spaced_tries: tuple[str, ...]
    compact_tries: tuple[str, ...]


def _query(text: str) -> _Query:
    words = tuple(_words(text))
    spaced = " ".join(sorted(words))
    compact = "".join(words)
    plural = _words(text, singular=False)
    spaced_tries = dict.fromkeys([spaced, " ".join(sorted(plural))])
    compact_tries = dict.fromkeys([compact, "".join(plural)])
    return _Query(
        exact=_exact(text),
        words=words,
        spaced=spaced,
        compact=compact,
        pairs=_pairs(spaced),
        spaced_tries=tuple(t for t in spaced_tries if t),
        compact_tries=tuple(t for t in compact_tries if t),
    )


def _spellings(exercise: Exercise) -> list[str]:
    """Name and aliases: what normalised and fuzzy matching compare against.

    Keys only match exactly: a custom key such as "custom:12" is not a name anyone types.
    """
    return [exercise.name, *exercise.aliases]


# --- The index -------------------------------------------------------------------------------


class _Index:
    """Lookup tables over a list of exercises; built once for the catalog, per call for custom."""

    def __init__(self, exercises: Sequence[Exercise]) -> None:
        self.exercises = tuple(exercises)
        self.exact: dict[str, int] = {}
        self.normalised: dict[str, int] = {}
        self.compact: dict[str, int] = {}
        self.equipment: dict[str, int | None] = {}
        self.spaced_forms: dict[int, _Forms] = {}
        self.compact_forms: dict[int, _Forms] = {}
        self.likeness: list[tuple[frozenset[str], frozenset[str], int]] = []
        # Letter pair -> the likeness rows that have it: suggestions only look at rows that
        # share a pair with the query, not at every spelling of every exercise.
        self.pair_rows: dict[str, list[int]] = {}
        for owner, exercise in enumerate(self.exercises):
            self._add(owner, exercise)

    def _add(self, owner: int, exercise: Exercise) -> None:
        spaced_seen: set[str] = set()
        compact_seen: set[str] = set()
        self.exact.setdefault(_exact(exercise.key), owner)
        for spelling in _spellings(exercise):
            self.exact.setdefault(_exact(spelling), owner)
            words = _words(spelling)
            if not words:
                continue
            spaced = " ".join(sorted(words))
            compact = "".join(words)
            self.normalised.setdefault(spaced, owner)
            self.compact.setdefault(compact, owner)
            for variant in _equipment_variants(words, exercise.equipment):
                # A variant claimed by two exercises says nothing; None marks it unusable.
                if self.equipment.get(variant, owner) != owner:
                    self.equipment[variant] = None
                else:
                    self.equipment[variant] = owner
            if spaced not in spaced_seen:
                spaced_seen.add(spaced)
                self.spaced_forms.setdefault(len(spaced), _Forms()).add(spaced, owner)
                for pair in (their_pairs := _pairs(spaced)):
                    self.pair_rows.setdefault(pair, []).append(len(self.likeness))
                self.likeness.append((their_pairs, frozenset(words), owner))
            if compact not in compact_seen:
                compact_seen.add(compact)
                self.compact_forms.setdefault(len(compact), _Forms()).add(compact, owner)

    def find_exact(self, query: _Query) -> Exercise | None:
        owner = self.exact.get(query.exact)
        return None if owner is None else self.exercises[owner]

    def find_normalised(self, query: _Query) -> Exercise | None:
        if not query.words:
            return None
        owner = self.normalised.get(query.spaced)
        if owner is None:
            owner = self.compact.get(query.compact)
        if owner is None:
            owner = self.equipment.get(query.spaced)
        return None if owner is None else self.exercises[owner]

    def scores(self, query: _Query) -> dict[int, float]:
        """Best fuzzy similarity per exercise, for those that could pass the threshold."""
        best = _best_scores(query.spaced_tries, self.spaced_forms)
        for owner, score in _best_scores(query.compact_tries, self.compact_forms).items():
            if score > best.get(owner, 0.0):
                best[owner] = score
        return best

    def resemblance(self, query: _Query) -> dict[int, float]:
        """A rough likeness per exercise, for ranking suggestions only.

        Half shared letter pairs (tolerates typos), half shared words (so "dumbbell hip
        thrust" looks like "hip thrust" rather than like "dumbbell thruster").
        """
        best: dict[int, float] = {}
        pairs, words = query.pairs, frozenset(query.words)
        if not words:
            return best
        # Rows sharing no letter pair share no word either: their likeness is 0.
        common = Counter(row for pair in pairs for row in self.pair_rows.get(pair, ()))
        for row, in_common in common.items():
            their_pairs, their_words, owner = self.likeness[row]
            letters = 2 * in_common / (len(pairs) + len(their_pairs))
            shared = len(words & their_words) / len(words | their_words)
            score = (letters + shared) / 2
            if score > best.get(owner, 0.0):
                best[owner] = score
        return best


def _equipment_named(words: Iterable[str]) -> set[Equipment]:
    """The kinds of equipment ``words`` (normalised) name."""
    return {kind for kind, own in _EQUIPMENT_WORDS.items() if any(w in own for w in words)}


def _on_equipment(exercise: Exercise, stated: set[Equipment]) -> bool:
    """Whether ``exercise`` can be what a name stating ``stated`` equipment means.

    A bodyweight or cardio exercise stays itself with a cable or band added (`Hanging Leg
    Raise, Cable`); a loaded lift on other equipment is another lift.
    """
    if not stated or exercise.equipment in stated or exercise.is_cardio:
        return True
    return exercise.bodyweight or exercise.equipment in (Equipment.BODYWEIGHT, Equipment.OTHER)


def _on_other_equipment(exercise: Exercise, stated: set[Equipment]) -> str:
    """``exercise``'s name with its equipment word swapped for the stated equipment's."""
    own = _EQUIPMENT_WORDS[exercise.equipment]
    words = [w for w in _words(exercise.name) if w not in own]
    return " ".join([*words, *(w for kind in stated for w in _EQUIPMENT_WORDS[kind])])


def _equipment_variants(words: list[str], equipment: Equipment) -> list[str]:
    """The name with its own equipment word added or dropped: "barbell back squat".

    Dropping must leave two words: "band walk" without "band" is "walk", which means
    something else entirely.
    """
    own = _EQUIPMENT_WORDS[equipment]
    variants: list[str] = []
    without = [w for w in words if w not in own]
    if len(without) >= 2 and len(without) < len(words):
        variants.append(" ".join(sorted(without)))
    for word in own:
        if word not in words:
            variants.append(" ".join(sorted([*words, word])))
    return variants


# --- The catalog -----------------------------------------------------------------------------


class Catalog:
    """Every exercise Leg Day knows, with the lookups that classify typed names."""

    def __init__(self, exercises: Sequence[Exercise], common: Sequence[str] = ()) -> None:
        """Index ``exercises``; ``common`` lists keys shown first when nothing is typed.

        Raises ValueError naming the exercise if two exercises share a key, a spelling, or a
        normalised spelling: the resolver could not tell them apart.
        """
        _check_unique(exercises)
        self._index = _Index(exercises)
        self._by_key = {e.key: e for e in exercises}
        unknown = [key for key in common if key not in self._by_key]
        if unknown:
            raise ValueError(f"common lists unknown exercise keys: {', '.join(unknown)}")
        order = {key: rank for rank, key in reversed(list(enumerate(common)))}
        self._commonness = [order.get(e.key, len(order)) for e in exercises]
        ranked = sorted(range(len(exercises)), key=lambda i: (self._commonness[i], i))
        self._most_common = tuple(exercises[i] for i in ranked)
        self._resolved: dict[str, Resolution] = {}
        self._search_texts = [
            [(light, light.replace(" ", "")) for light in map(_light, _spellings(e))]
            for e in exercises
        ]

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return self._index.exercises

    def __len__(self) -> int:
        return len(self._index.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._index.exercises)

    def get(self, key: str) -> Exercise | None:
        return self._by_key.get(key)

    def by_key(self, custom: Iterable[Exercise] = ()) -> dict[str, Exercise]:
        """Every exercise by key, people's own ones added (their keys never clash)."""
        return {**self._by_key, **{e.key: e for e in custom}}

    def resolve(self, text: str, custom: Sequence[Exercise] = ()) -> Resolution:
        """The exercise ``text`` names, trying custom exercises first at every step.

        Catalog-only answers are remembered (the catalog never changes in a process), so a
        name logged again costs a dictionary look-up instead of fuzzy matching.
        """
        if custom:
            return self._resolve(text, custom)
        known = self._resolved.get(text)
        if known is None:
            if len(self._resolved) >= RESOLVED_CACHE:
                self._resolved.clear()
            known = self._resolved[text] = self._resolve(text, ())
        return known

    def _resolve(self, text: str, custom: Sequence[Exercise]) -> Resolution:
        typed = text.strip()
        query = _query(typed)
        if not query.words and not query.exact:
            return Resolution(None, typed, 0.0, (), "unresolved")
        mine = _Index(custom) if custom else None
        indexes = [mine, self._index] if mine is not None else [self._index]
        for index in indexes:
            if (found := index.find_exact(query)) is not None:
                return Resolution(found, typed, 1.0, (), "exact")
        for index in indexes:
            if (found := index.find_normalised(query)) is not None:
                return Resolution(found, typed, 1.0, (), "normalised")
        # An equipment word anywhere in the name states the equipment as surely as one in
        # brackets: "cable rdl" is not the barbell RDL, however close "cable" is to "barbell".
        named = _equipment_named(query.words)
        stated: set[Equipment] = set()
        rejected: Exercise | None = None
        for base in _qualified_bases(typed):
            # `Squat (Smith Machine)`, `Bench Press - Close Grip (Barbell)`: the apps'
            # names, with the equipment or variation as a qualifier after the lift.
            base_query = _query(base)
            stated = _equipment_named(set(query.words) - set(base_query.words))
            for index in indexes:
                found = index.find_exact(base_query) or index.find_normalised(base_query)
                if found is None:
                    continue
                if _on_equipment(found, stated):
                    return Resolution(found, typed, 1.0, (), "normalised")
                # `Flat Barbell Bench Press (Smith Machine)`: the lift's own name on the
                # stated equipment is the Smith machine bench press.
                variant = index.find_normalised(_query(_on_other_equipment(found, stated)))
                if variant is not None and variant.equipment in stated:
                    return Resolution(variant, typed, 1.0, (), "normalised")
                rejected = rejected or found
        if rejected is not None:
            # The lift was named, on equipment the catalog has no version of it for: offered
            # as it is, where a typo match might pick another lift (`Leg Curl (Cable)` is no
            # swiss ball leg curl).
            return Resolution(None, typed, 1.0, (rejected,), "unresolved")
        stated = stated or named
        resolution = self._fuzzy(typed, query, mine)
        if resolution.exercise is not None and not _on_equipment(resolution.exercise, stated):
            # A loaded lift on other equipment than the name states is another lift, with
            # other records: offer it, never count the set as it.
            return Resolution(
                None, typed, resolution.confidence, (resolution.exercise,), "unresolved"
            )
        return resolution

    def _fuzzy(self, typed: str, query: _Query, mine: _Index | None) -> Resolution:
        # Candidates as (score, custom first, position, exercise); sorting puts the best first
        # and lets a custom exercise win a tie.
        ranked: list[tuple[float, int, int, Exercise]] = []
        if mine is not None:
            ranked += [(s, 0, i, mine.exercises[i]) for i, s in mine.scores(query).items()]
        ranked += [(s, 1, i, self.exercises[i]) for i, s in self._index.scores(query).items()]
        ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
        if ranked and ranked[0][0] >= FUZZY_THRESHOLD:
            score, source, _, best = ranked[0]
            rival = next((r for r in ranked[1:] if r[3].key != best.key), None)
            clear = rival is None or source == 0 or rival[0] < score - AMBIGUITY_MARGIN
            if clear:
                return Resolution(best, typed, round(score, 3), (), "fuzzy")
        suggestions = self._suggest(query, mine, ranked)
        confidence = round(suggestions[0][0], 3) if suggestions else 0.0
        return Resolution(None, typed, confidence, tuple(e for _, e in suggestions), "unresolved")

    def _suggest(
        self,
        query: _Query,
        mine: _Index | None,
        ranked: list[tuple[float, int, int, Exercise]],
    ) -> list[tuple[float, Exercise]]:
        """Exercises resembling the query, best first, above the noise floor."""
        # Fuzzy scores only count where they passed the threshold (a tie that made the match
        # ambiguous); below it they rank long names oddly, and resemblance does better.
        scored: dict[tuple[int, int], tuple[float, Exercise]] = {
            (source, i): (score, exercise)
            for score, source, i, exercise in ranked
            if score >= FUZZY_THRESHOLD
        }
        sources = [(0, mine), (1, self._index)] if mine is not None else [(1, self._index)]
        for source, index in sources:
            if index is None:
                continue
            for i, score in index.resemblance(query).items():
                held = scored.get((source, i))
                if held is None or held[0] < score:
                    scored[(source, i)] = (score, index.exercises[i])
        order = sorted(scored.items(), key=lambda item: (-item[1][0], item[0][0], item[0][1]))
        picked: list[tuple[float, Exercise]] = []
        for _, (score, exercise) in order:
            if score < SUGGESTION_FLOOR or len(picked) == MAX_SUGGESTIONS:
                break
            # A custom exercise may copy a catalog one; suggesting both would look like a bug.
            if all(exercise.key != seen.key for _, seen in picked):
                picked.append((score, exercise))
        return picked

    def search(self, prefix_or_text: str, limit: int = 25) -> list[Exercise]:
        """Exercises for autocomplete: what ``prefix_or_text`` starts or appears in, best first.

        With nothing typed, the most common lifts come first. Matches rank by how they match
        (whole name or alias, start of the name, start of a word of the name, then the same
        for aliases, then every typed word starting a word, then inside a word), then by how
        common the lift is; typo-tolerant matches fill any room left.
        """
        if limit <= 0:
            return []
        text = _light(prefix_or_text)
        if not text:
            return list(self._most_common[:limit])
        compact = text.replace(" ", "")
        words = text.split()
        found: list[tuple[int, int, int, Exercise]] = []
        for i, exercise in enumerate(self.exercises):
            rank = _search_rank(self._search_texts[i], text, compact, words)
            if rank is not None:
                found.append((rank, self._commonness[i], len(exercise.name), exercise))
        found.sort(key=lambda f: (f[0], f[1], f[2], f[3].name))
        results = [f[3] for f in found[:limit]]
        if len(results) < limit and len(compact) >= 3:
            # Typos: prefix matching finds nothing for "sqaut", resolution-style matching does.
            query = _query(prefix_or_text)
            likeness = self._index.resemblance(query)
            for i, score in self._index.scores(query).items():
                likeness[i] = max(score, likeness.get(i, 0.0))
            extra = sorted(
                (i for i, s in likeness.items() if s >= SEARCH_FUZZY_FLOOR),
                key=lambda i: (-likeness[i], self._commonness[i]),
            )
            shown = {e.key for e in results}
            for i in extra:
                if len(results) >= limit:
                    break
                if self.exercises[i].key not in shown:
                    results.append(self.exercises[i])
        return results


_QUALIFIER = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_DASHED = re.compile(r"\s+[-–—]\s+.*$")


# Liftosaur names the equipment after a comma (`Romanian Deadlift, Leverage Machine`).
_COMMA_EQUIPMENT = re.compile(
    r",\s*(barbell|band|bodyweight|cable|dumbbell|ez bar|kettlebell|leverage machine"
    r"|medicine ball|smith machine|trap bar)\s*$",
    re.IGNORECASE,
)


def _qualified_bases(typed: str) -> list[str]:
    """The name without its bracketed qualifiers (or Liftosaur's equipment after a comma),
    then also without a dashed one.

    The whole name (qualifiers read as words, equipment as equipment) is tried first by the
    normalised step; these are the fall-backs when that exact variant isn't in the catalog.
    """
    unbracketed = _COMMA_EQUIPMENT.sub("", _QUALIFIER.sub("", typed)).strip()
    bases = [unbracketed, _DASHED.sub("", unbracketed).strip()]
    return [base for base in dict.fromkeys(bases) if base and base != typed]


def _search_rank(
    spellings: list[tuple[str, str]], text: str, compact: str, words: list[str]
) -> int | None:
    """How well typed text matches an exercise's name (first) and aliases; lower is better.

    Any word of the name beats the start of an alias: "sq" should offer Front Squat before
    Snatch (alias "squat snatch").
    """
    best: int | None = None
    for position, (spelling, glued) in enumerate(spellings):
        alias = 2 * (position > 0)
        if spelling == text or glued == compact:
            rank = 0
        elif spelling.startswith(text) or glued.startswith(compact):
            rank = 1 + alias
        elif f" {text}" in f" {spelling}":
            rank = 2 + alias
        elif all(any(w.startswith(t) for w in spelling.split()) for t in words):
            rank = 5
        elif len(compact) >= 4 and compact in glued:
            # Shorter pieces turn up inside unrelated words ("rdl" in "forwardlunge").
            rank = 6
        else:
            continue
        if best is None or rank < best:
            best = rank
    return best


def _check_unique(exercises: Sequence[Exercise]) -> None:
    """Raise ValueError if two exercises could be confused by any step of ``resolve``."""
    keys: set[str] = set()
    exact: dict[str, str] = {}
    normalised: dict[str, tuple[str, str]] = {}
    for exercise in exercises:
        if exercise.key in keys:
            raise ValueError(f"exercise {exercise.key!r}: duplicate key")
        keys.add(exercise.key)
        for spelling in [exercise.key, *_spellings(exercise)]:
            owner = exact.setdefault(_exact(spelling), exercise.key)
            if owner != exercise.key:
                raise ValueError(
                    f"exercise {exercise.key!r}: {spelling!r} is already a key, name or alias"
                    f" of {owner!r}"
                )
        for spelling in _spellings(exercise):
            words = _words(spelling)
            if not words:
                raise ValueError(f"exercise {exercise.key!r}: {spelling!r} has no words")
            # The glued form gets a prefix of its own so it cannot meet a spaced one by chance.
            for canonical in (" ".join(sorted(words)), "glued:" + "".join(words)):
                held = normalised.setdefault(canonical, (exercise.key, spelling))
                if held[0] != exercise.key:
                    raise ValueError(
                        f"exercise {exercise.key!r}: {spelling!r} reads the same as"
                        f" {held[1]!r} of {held[0]!r} once normalised"
                    )


# --- Loading ---------------------------------------------------------------------------------

_KEY = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
# What ``like = "other_key"`` copies from that exercise when the table does not say it: what
# the lift is. Its key, name, aliases and family stay its own (another implement is another
# strength progression).
_COPIED: Final = (
    "region",
    "pattern",
    "primary",
    "secondary",
    "equipment",
    "bodyweight",
    "assisted",
    "balance",
)
_FIELDS: Final = frozenset(("key", "name", *_COPIED, "aliases", "family", "family_share"))
_MUSCLES: Final = frozenset(m.value for m in Muscle)
_REGIONS: Final = frozenset(r.value for r in Region)
_PATTERNS: Final = frozenset(p.value for p in Pattern)
_EQUIPMENT: Final = frozenset(e.value for e in Equipment)
_BALANCE: Final = frozenset(b.value for b in Balance)


def _strings(table: Mapping[str, object], field: str, where: str) -> tuple[str, ...]:
    value = table.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: {field} must be a list of strings")
    return tuple(str(v) for v in value)


def _text(table: Mapping[str, object], field: str, where: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {field} must be a non-empty string")
    return value


def _muscles(table: Mapping[str, object], field: str, where: str) -> tuple[Muscle, ...]:
    names = _strings(table, field, where)
    unknown = [n for n in names if n not in _MUSCLES]
    if unknown:
        raise ValueError(f"{where}: unknown muscle(s) in {field}: {', '.join(unknown)}")
    if len(set(names)) != len(names):
        raise ValueError(f"{where}: a muscle is listed twice in {field}")
    return tuple(Muscle(n) for n in names)


def _exercise(table: object, position: int) -> Exercise:
    if not isinstance(table, dict):
        raise ValueError(f"exercise #{position}: must be a table")
    raw_key = table.get("key")
    where = f"exercise {raw_key!r}" if isinstance(raw_key, str) else f"exercise #{position}"
    extra = sorted(set(table) - _FIELDS)
    if extra:
        raise ValueError(f"{where}: unknown field(s) {', '.join(extra)}")
    key = _text(table, "key", where)
    if not _KEY.fullmatch(key):
        raise ValueError(f"{where}: key must be snake_case")
    region, pattern = _text(table, "region", where), _text(table, "pattern", where)
    if region not in _REGIONS:
        raise ValueError(f"{where}: unknown region {region!r}")
    if pattern not in _PATTERNS:
        raise ValueError(f"{where}: unknown pattern {pattern!r}")
    equipment = table.get("equipment", Equipment.OTHER.value)
    if not isinstance(equipment, str) or equipment not in _EQUIPMENT:
        raise ValueError(f"{where}: unknown equipment {equipment!r}")
    bodyweight = table.get("bodyweight", False)
    if not isinstance(bodyweight, bool):
        raise ValueError(f"{where}: bodyweight must be true or false")
    assisted = table.get("assisted", False)
    if not isinstance(assisted, bool) or (assisted and not bodyweight):
        raise ValueError(f"{where}: assisted must be true or false, and only on bodyweight work")
    primary = _muscles(table, "primary", where)
    if not 1 <= len(primary) <= 2:
        raise ValueError(f"{where}: needs 1 or 2 primary muscles, has {len(primary)}")
    secondary = _muscles(table, "secondary", where)
    if set(primary) & set(secondary):
        raise ValueError(f"{where}: a muscle is both primary and secondary")
    aliases = _strings(table, "aliases", where)
    if any(not a.strip() for a in aliases):
        raise ValueError(f"{where}: empty alias")
    family = table.get("family", key)
    if not isinstance(family, str) or not _KEY.fullmatch(family):
        raise ValueError(f"{where}: family must be a snake_case name")
    share = table.get("family_share", 1.0)
    if not isinstance(share, float | int) or isinstance(share, bool) or not 0 < share <= 1:
        raise ValueError(f"{where}: family_share must be a number in (0, 1]")
    balance = _strings(table, "balance", where)
    if any(b not in _BALANCE for b in balance):
        raise ValueError(f"{where}: balance holds only push or pull")
    if balance and pattern != Pattern.OLYMPIC:
        raise ValueError(f"{where}: only Olympic lifts take a balance side")
    return Exercise(
        key=key,
        name=_text(table, "name", where).strip(),
        region=Region(region),
        pattern=Pattern(pattern),
        primary=primary,
        secondary=secondary,
        equipment=Equipment(equipment),
        bodyweight=bodyweight,
        assisted=assisted,
        aliases=aliases,
        family=family,
        family_share=float(share),
        balance=tuple(Balance(b) for b in balance),
    )


def parse_catalog(text: str) -> Catalog:
    """A validated catalog from TOML text in the format of ``coach/exercises.toml``.

    Raises ValueError naming the offending exercise for anything the balance model could not
    count: unknown region, pattern, muscle or equipment, not 1-2 primary muscles, a duplicate
    key or alias, a ``like`` that names no earlier exercise.
    """
    data = tomllib.loads(text)
    tables = data.get("exercise", [])
    if not isinstance(tables, list):
        raise ValueError("exercise must be an array of tables ([[exercise]])")
    common = data.get("common", [])
    if not isinstance(common, list) or not all(isinstance(k, str) for k in common):
        raise ValueError("common must be a list of exercise keys")
    exercises: list[Exercise] = []
    seen: dict[str, Mapping[str, object]] = {}
    for position, raw in enumerate(tables, 1):
        table = _like(raw, seen, position) if isinstance(raw, dict) and "like" in raw else raw
        exercises.append(_exercise(table, position))
        seen[exercises[-1].key] = table
    return Catalog(exercises, [str(k) for k in common])


def _like(
    table: Mapping[str, object], seen: Mapping[str, Mapping[str, object]], position: int
) -> dict[str, object]:
    """``table`` with what it leaves out copied from the earlier exercise it is ``like``:
    an app's variant of a lift ("Lateral Raise (Band)") needs only its key, name and
    equipment."""
    base = seen.get(str(table["like"]))
    if base is None:
        where = f"exercise {table.get('key', f'#{position}')!r}"
        raise ValueError(f"{where}: like {table['like']!r} is not an earlier exercise")
    copied = {field: base[field] for field in _COPIED if field in base}
    return copied | {field: value for field, value in table.items() if field != "like"}


@cache
def load_catalog() -> Catalog:
    """The built-in catalog, read and validated once per process."""
    resource = files("coach") / DATA_FILE
    return parse_catalog(resource.read_text(encoding="utf-8"))
