"""The preview of an import in words: the same lines in Discord and on the command line."""

from __future__ import annotations

from coach.imports.plan import TOP_UNRESOLVED, Summary


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def preview_lines(summary: Summary, *, map_hint: str) -> list[str]:
    """What the import adds, what is there already, what did not match and what is left
    out. ``map_hint`` says how to make an unmatched name count (a command to run)."""
    lines = [f"{summary.format} export, {_count(summary.rows, 'row')}."]
    if summary.sets:
        lines.append(
            f"Adds {_count(summary.sets, 'set')} in {_count(summary.workouts, 'workout')}, "
            f"{summary.first_day} to {summary.last_day}."
        )
    else:
        lines.append("Adds nothing new.")
    if summary.already_there:
        lines.append(f"Already in your log: {_count(summary.already_there, 'set')}.")
    if summary.sets:
        lines.append(
            f"Exercises: {summary.resolved_sets:,} of {_count(summary.sets, 'set')} matched the "
            "catalog."
        )
    if summary.unresolved:
        top = ", ".join(
            f"{name} ({n})" for name, n in summary.unresolved.most_common(TOP_UNRESOLVED)
        )
        more = len(summary.unresolved) - TOP_UNRESOLVED
        extra = f" and {more} more" if more > 0 else ""
        lines.append(
            f"Not matched, kept under their own names: {top}{extra}. "
            f"They count once you make them yours: {map_hint}."
        )
    if summary.skipped:
        left_out = ", ".join(f"{n} {reason}" for reason, n in summary.skipped.most_common())
        lines.append(f"Left out: {left_out}.")
    return lines
