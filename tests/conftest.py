"""Shared by every test: each one starts in English.

The CLI sets the message language for the whole process (``--lang``, a session's own
language), and a test that runs a command in this process would otherwise leave it set
for whichever test comes next.
"""

import pytest

from workshop.i18n import set_language


@pytest.fixture(autouse=True)
def _english_messages():
    set_language("en")
    yield
    set_language("en")


def pytest_configure(config):
    config.addinivalue_line("markers", "libreoffice: converts reports with LibreOffice "
                                       "(slow to start: scheduled first)")


def pytest_collection_modifyitems(config, items):
    """The LibreOffice test first: with xdist it starts on one worker while the others
    take the rest, instead of being the last test everyone waits for."""
    items.sort(key=lambda item: item.get_closest_marker("libreoffice") is None)
