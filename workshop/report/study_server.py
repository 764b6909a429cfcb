"""The study database served to the team by Datasette (``pip install 'workshop[study]'``),
or one session file (``core.session_metadata``).

Datasette reads the file through read-only connections and escapes every value it
puts in a page, so what participants typed is shown as text, never run as markup. Its
metadata (titles, descriptions, labels, facets, canned queries) comes from the study's
own declarations (``core.study.metadata``). Loopback only unless the researcher says
otherwise: anyone who can reach the port reads the whole study.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop.core import session_metadata
from workshop.core.errors import SessionFileError, WorkshopError
from workshop.core.study import StudyError, metadata, open_study
from workshop.i18n import t

HOST = "127.0.0.1"
PORT = 8001


def datasette_app(study: Path, lang: str | None = None) -> Any:
    """A Datasette instance over the study (its ``.client`` answers without a server),
    its pages' titles and descriptions in ``lang`` (default: the language the sessions
    share, else workshop's own)."""
    try:
        from datasette.app import Datasette
    except ImportError:
        raise WorkshopError(t("Serving a study needs Datasette: pip install "
                              "'workshop[study]'.")) from None
    try:
        open_study(study).conn.close()  # a study of ours, holding no SQL of its own
        described = metadata(study, lang)
    except StudyError as not_a_study:
        # One session file, served as it is: its tables described from the same
        # declarations (brought up to date first if an older version wrote it).
        try:
            session_metadata.tables_up_to_date(study)
        except SessionFileError:
            raise not_a_study from None
        described = session_metadata.metadata(study, lang)
    return Datasette([str(study)], metadata=described,
                     settings={"sql_time_limit_ms": 3000, "allow_download": False})


def serve(study: Path, host: str = HOST, port: int = PORT, lang: str | None = None) -> None:
    """Run Datasette until interrupted (Ctrl+C)."""
    app = datasette_app(study, lang)
    import uvicorn

    uvicorn.run(app.app(), host=host, port=port, log_level="warning")
