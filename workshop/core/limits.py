"""How much a session may hold, in one place.

Every channel that writes (typing, pasting, the new-session form, the demo's source) and
every reader of a session file shares these numbers; the README states them. Each is
far above what a real focus group produces, and far below what would make the tool
slow or use gigabytes of memory.
"""

# One entry: a moment, an expectation, an idea, a note or quote, an action, a title, a
# name. About five pages of text: a long verbatim quote fits, a pasted book does not.
MAX_TEXT = 20_000  # characters

# A prompt card's template in a deck; a drawn prompt is the template with the moment in it.
MAX_TEMPLATE = 2_000  # characters
MAX_PROMPT_TEXT = MAX_TEMPLATE + MAX_TEXT

# A step's planned minutes, and the dots each participant has in a vote (its cap per item
# too): what a script may say, and what a session file is read with. A crafted file with
# a hundred million dots drew a hundred million of them; 1e308 minutes crashed the clock.
MAX_MINUTES = 600
MAX_DOTS = 99

# An exercise script (Markdown) or a prompt deck (TOML). The built-in ones are about
# 11 KB; a session file carries its script, so this also bounds what a run has to draw.
MAX_SCRIPT_BYTES = 64 * 1024
MAX_DECK_BYTES = 64 * 1024

# Participants in a session: a typo guard ("66" for "6"), well above any real group. The
# form and `workshop new` say so; a file is read with no more (every screen lists them).
MAX_PARTICIPANTS = 30

# Steps in a script. The built-in ones have 9; a full day is a few dozen. The run screen
# lists them all and rebuilds on each step change: 11,000 steps carried by a crafted
# session file made each F8 take 15 s and the first screen 25 s.
MAX_STEPS = 100

# A demo source (TOML, `workshop demo --source`). The built-in ones are about 35 KB.
MAX_DEMO_SOURCE_BYTES = 1024 * 1024

# One step's text, drawn whole on the run screen as Markdown (Textual takes about 4 s
# for 8,000 characters of list items, 60 s for 256 KB). The built-in steps have 2,000.
MAX_STEP_TEXT = 8_000  # characters

# Where an event came from (``via``: "phone") and the id a phone made for an entry it
# sent (a UUID has 36 characters).
MAX_VIA = 16
MAX_CLIENT_ID = 64

# One event as stored (its JSON data). The largest is the session's creation, which
# carries the script: at most twice its size once escaped as JSON, plus the title.
MAX_EVENT_CHARS = 1_000_000

# Nesting of an event's JSON. The deepest real event (the script: steps, options) has 4.
MAX_JSON_DEPTH = 32

# The largest single value SQLite will hand back from a session file (bytes): an event
# at its limit in four-byte UTF-8, with room to spare. Anything larger is refused by
# SQLite itself before it reaches Python's memory.
MAX_VALUE_BYTES = 8 * 1024 * 1024


def count_text(n: int) -> str:
    """20,000 in English, 20.000 in Spanish."""
    if 0 <= n < 1000:  # written alike in every language, without importing babel (20 ms)
        return str(n)
    from workshop.i18n import integer

    return integer(n)


def size_text(n: int) -> str:
    """A byte count for people: 256 KB, 50.0 MB (50,0 MB in Spanish)."""
    from workshop.i18n import decimal

    if n < 1024 * 1024:
        return f"{decimal(n / 1024, 0)} KB" if n >= 1024 else f"{n} B"
    return f"{decimal(n / (1024 * 1024), 1)} MB"
