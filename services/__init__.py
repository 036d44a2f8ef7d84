"""Each feature's rules over ``coach`` and ``storage``: what a command does, without Discord.

One module per feature (``services/log.py`` for logging sets, ``services/challenges.py``
for challenges, ...). A cog is a short script over them: it reads the options, calls a
service, and renders what comes back. The same functions serve the console and the CLI.

How a service is written:

- Plain functions. An ``async`` one takes the ``Store`` first and the time as ``now``
  (keyword-only, aware UTC, from the bot's clock: a service reads no clock of its own);
  a unit of work is a plain function over a ``Session`` that the async one hands to
  ``Store.run``.
- Anything the person must be told (a name that matches nothing, a limit reached) is
  raised as ``coach.problems.UserError`` with the one sentence to show; the command tree
  turns it into the private answer. A service never returns an error as a value.
- It returns plain data (dataclasses, rows, numbers) and never Discord objects: wording
  of embeds and buttons stays in the cogs.
- It imports ``coach``, ``storage`` and the standard library, never ``discord``, ``bot``
  or ``cogs`` (``lint-imports`` checks this).
"""
