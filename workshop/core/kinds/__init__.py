"""The kinds of step and what each records: one module per kind, listed in ``registry``.

A module here declares (``spec.Spec``) its events (required fields, types, how each
folds into the state, what the timeline and an undo notice say of it), its readable
tables (columns, key, rows; a new table comes with its migration), the entries it
lets ``entry_edited``/``entry_deleted`` name, what it does when a moment or an idea it
hangs on is deleted or merged, its step kinds (script options, warnings, what opens
the step, what the gaps step and the report show of it). The TUI panel of a step kind
(``tui/steps/<kind>.py`` with its ``.tcss``) is the only other file a kind needs.

``session``, ``notes``, ``findings`` and ``entries`` are not step kinds: the session
itself, notes taken at any step, the consultant's synthesis, and the editing and
deleting of any entry.
"""
