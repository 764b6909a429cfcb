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
