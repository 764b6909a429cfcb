"""The room: participants' own phones on the local network, and a projector page.

A web server (aiohttp) runs inside the ``workshop run`` process, in Textual's event loop,
and records what phones send through the session's one writer, as the keyboard does.
It imports the core, never the TUI; the TUI opens and closes it (``tui/screens/room``).
"""
