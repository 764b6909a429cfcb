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
