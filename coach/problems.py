"""The one exception for "tell the person this": a mistake they can fix, not a bug.

Raised anywhere (the coach, storage, a cog, a service, an option's transformer), its
message is the one sentence the person sees, privately; the command tree's error handler
(``bot.errors``) answers it and nothing is logged as a failure. It lives here, in the
package every other one may import, so raising it needs nothing of Discord or the bot.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the person can fix; ``str(error)`` is the sentence to tell them, with an
    example of what works."""
