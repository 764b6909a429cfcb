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


def disk_reason(exc: BaseException) -> str:
    """Why the disk refused a write, in the user's words (for SaveError messages)."""
    import errno

    from workshop.i18n import t

    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "full" in text:
        return t("the disk is full")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or any(
            word in text for word in ("readonly", "read-only", "permission")):
        return t("the file or its folder cannot be written")
    if code == errno.ENOENT or "no such" in text or "unable to open" in text:
        return t("the file was moved or deleted")
    if code == errno.EIO or "disk i/o" in text:
        return t("the disk stopped answering (was it removed?)")
    return getattr(exc, "strerror", None) or str(exc)
