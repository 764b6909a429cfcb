"""Errors a user may see. Each carries a message fit to print as it is."""


class WorkshopError(Exception):
    """Base of every error the CLI and the TUI show as a one-line message."""


class RuleError(WorkshopError):
    """A domain rule refused a change (over budget, unknown moment…). Nothing written."""


class SessionFileError(WorkshopError):
    """A session file that cannot be opened: missing, damaged, foreign, too new."""


class SessionLockedError(SessionFileError):
    """Another window already writes this session."""


class SaveError(WorkshopError):
    """The disk refused a write (full, read-only, file gone). What was saved stays."""
