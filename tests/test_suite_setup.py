"""The test suite's own set-up: temporary files go to memory only where there is room."""

from __future__ import annotations

import os
import tempfile

import conftest


def _chosen(monkeypatch, free: int) -> str | None:
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(conftest, "_free", lambda folder: free)
    monkeypatch.setattr(conftest.os.path, "isdir", lambda folder: True)
    monkeypatch.setattr(conftest.os, "access", lambda folder, mode: True)
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)  # put back afterwards
    conftest._temporary_files_in_memory()
    return os.environ.get("TMPDIR")


def test_a_small_memory_folder_leaves_the_temporary_files_on_disk(monkeypatch) -> None:
    assert _chosen(monkeypatch, 64 << 20) is None  # a container's default /dev/shm


def test_a_roomy_memory_folder_takes_the_temporary_files(monkeypatch) -> None:
    assert _chosen(monkeypatch, 8 << 30) == conftest.MEMORY


def test_a_temporary_folder_the_user_chose_is_kept(monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", "/somewhere/chosen")
    monkeypatch.setattr(conftest, "_free", lambda folder: 8 << 30)
    conftest._temporary_files_in_memory()
    assert os.environ["TMPDIR"] == "/somewhere/chosen"


class _Item:
    """What the scheduling reads of a collected test."""

    def __init__(self, nodeid: str, test, *, libreoffice: bool = False) -> None:
        self.nodeid, self.obj, self._libreoffice = nodeid, test, libreoffice

    def get_closest_marker(self, name: str):
        return name if name == "libreoffice" and self._libreoffice else None


def test_each_worker_starts_with_long_tests_and_the_run_ends_with_plain_ones() -> None:
    async def pilot_run() -> None: ...

    def plain() -> None: ...

    items = [*(_Item(f"tests/test_core.py::test_{i}", plain) for i in range(26)),
             *(_Item(f"tests/tui/test_steps.py::test_{i}", pilot_run) for i in range(4)),
             _Item("tests/tui/test_full_session.py::test_a_whole_session", pilot_run),
             _Item("tests/test_report_pdf.py::test_printed", plain, libreoffice=True)]
    items.sort(key=conftest._first)
    # Two workers: xdist gives each 4 tests first (a quarter of its share), 3 with
    # --maxschedchunk 3.
    order = [item.nodeid.split("/")[-1] for item in conftest._spread(items, 2, 3)]
    assert order[:3] == ["test_report_pdf.py::test_printed",
                         "test_core.py::test_0", "test_core.py::test_1"]
    assert order[3:6] == ["test_full_session.py::test_a_whole_session",
                          "test_core.py::test_2", "test_core.py::test_3"]
    # The Pilot runs are handed out next, and the plain tests end the run.
    assert order[6:10] == [f"test_steps.py::test_{i}" for i in range(4)]
    assert order[10:] == [f"test_core.py::test_{i}" for i in range(4, 26)]
