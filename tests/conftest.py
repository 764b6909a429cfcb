"""Shared by every test: each one starts in English, with folders of its own.

The CLI sets the message language for the whole process (``--lang``, a session's own
language), and a test that runs a command in this process would otherwise leave it set
for whichever test comes next. Without --lang, the command line speaks WORKSHOP_LANG,
else LANG: the developer's own settings must not change what a test reads.

The user's data and state folders (sessions, the recent sessions' list, crash logs) are
a fresh temporary folder for each test (XDG_DATA_HOME, XDG_STATE_HOME, inherited by the
commands a test starts): no test reads or writes the real ones, and none sees another's.
"""

import gc
import inspect
import itertools
import os
import shutil
import tempfile

import pytest
from textual.app import App

import stalled
from workshop.i18n import set_language

_USER_FOLDERS = ("XDG_DATA_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch):
    """The one language fixture: English messages, and an English environment for the
    commands a test runs in this process or starts."""
    for name in ("WORKSHOP_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)
    return home


@pytest.fixture(scope="session")
def _kept_stylesheets(tmp_path_factory):
    return tmp_path_factory.mktemp("stylesheets")


@pytest.fixture(autouse=True)
def _stylesheets_kept_across_tests(_kept_stylesheets, monkeypatch):
    """The parsed stylesheets kept in one folder per test process, not in each test's
    own: the apps of a process find them kept after its first, as a user's starts do
    (tests/tui/test_stylesheet_cache.py has its own folder for each of its tests)."""
    from workshop.tui import stylesheet_cache

    monkeypatch.setattr(stylesheet_cache, "_folder", lambda: _kept_stylesheets)


@pytest.fixture
def notices(monkeypatch) -> list[str]:
    """What the test's apps told the user in notifications, in order, as shown. Read at
    App.notify, the public door every notice goes through (toasts are not drawn in a
    test, and expire from the app after seconds a loaded machine may take)."""
    told: list[str] = []
    notify = App.notify

    def recorded(self, message, *args, **kwargs):
        told.append(str(message))
        return notify(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", recorded)
    return told


# Where the system keeps a folder in memory (Linux's tmpfs), the tests' temporary files go
# there. The tests create hundreds of session files, and SQLite asks the disk to make
# every commit durable: on this machine's disk a new session took 100 ms (18 ms of CPU)
# and an event 3 ms, in memory 13 ms (6 ms) and 0.3 ms; the storage tests took 35 %
# less time and 19 % less CPU. What a test proves does not depend on the disk under it:
# the disk-full tests mount their own small filesystem, the crash tests kill a process
# (the kernel keeps what it wrote). A TMPDIR set by the user is kept, and so is the disk
# where the memory folder is small (a container's /dev/shm is 64 MB by default): a full
# one would fail tests for a reason that is not theirs.
MEMORY = "/dev/shm"
MEMORY_NEEDED = 1 << 30  # free bytes; the suite keeps only failed tests' folders


def _free(folder: str) -> int:
    try:
        stat = os.statvfs(folder)
    except OSError:
        return 0
    return stat.f_bavail * stat.f_frsize


def _temporary_files_in_memory() -> None:
    if "TMPDIR" in os.environ or not os.path.isdir(MEMORY) or not os.access(MEMORY, os.W_OK):
        return
    if _free(MEMORY) < MEMORY_NEEDED:
        return
    os.environ["TMPDIR"] = MEMORY  # for the commands the tests start, too
    tempfile.tempdir = None  # chosen again from TMPDIR (pytest's tmp_path included)


def pytest_configure(config):
    _temporary_files_in_memory()
    # Before any test module is imported: environments copied at import time (for the
    # commands tests start) get a throwaway user folder too, never the real one.
    config._workshop_home = tempfile.mkdtemp(prefix="workshop-tests-")
    for name in _USER_FOLDERS:
        os.environ[name] = os.path.join(config._workshop_home, name.lower())
    config.addinivalue_line("markers", "libreoffice: converts reports with LibreOffice "
                                       "(slow to start: scheduled first)")
    # Each Pilot test builds and drops thousands of objects (widgets, styles, drawn
    # lines) that live as long as its app: at Python's default thresholds they outlived
    # the young collections and set off a full one every test or so, a fifth of a TUI
    # test's CPU (measured with gc.callbacks: 4.7 s of 22 over 33 tests). Collected
    # every 100,000 allocations instead, the garbage is the same and the run takes a
    # few tens of MB more (1.5 s of collection for the same tests).
    gc.set_threshold(100_000, 50, 50)


# The longest runs (a whole session through the screens; the screens' every field, the
# small terminal's every step, every step's picture; the slowest properties and the kill
# test), started first so that none is left for the end while the other workers stand
# idle. Each is where test ids start: a file's, or a test's (its parameters included).
LONGEST = ("tui/test_full_session.py", "tui/test_typed_text.py", "tui/test_small_screen.py",
           "tui/test_notices_placed.py", "tui/test_snapshots.py::test_every_step_panel",
           "test_property_votes.py::TestVotingThroughTheStore", "test_fold_property.py",
           "tui/test_step_ahead.py::test_a_panel_made_ahead_shows_what_one_made_as",
           "test_fault_kill.py", "test_scripts.py::test_an_installed_wheel",
           "test_packaging.py::test_the_demo_is_built_from_an_installed_wheel")


def _first(item) -> int:
    """0 the LibreOffice test, 1 the longest, 2 the other Pilot runs (async, the room's
    too) and the properties (a second or more each), 3 the plain tests (mostly a tenth
    of a second or less)."""
    if item.get_closest_marker("libreoffice") is not None:
        return 0
    node = item.nodeid.removeprefix("tests/")
    if node.startswith(LONGEST):
        return 1
    test = getattr(item, "obj", None)
    if inspect.iscoroutinefunction(test) or getattr(test, "is_hypothesis_test", False):
        return 2
    return 3


def pytest_sessionfinish(session):
    """The garbage the tests left is collected once more, then what is left is moved out
    of the collector's way. pytest collects five times over at the end of a session
    (whatever a finalizer raises is reported), each time walking every object a worker
    still holds (a few hundred MB after a few hundred tests): about 2.5 s of CPU a worker,
    six workers at the same moment, on two cores the last 8 s of the run (seen in stack
    dumps of the workers). Here collections repeat only while they still find garbage
    (two, mostly), and pytest's five then walk only what is made after."""
    for _ in range(5):
        if not gc.collect():
            break
    gc.freeze()


def pytest_collection_finish(session):
    """Everything imported by now (Textual, the tests, the tool) lives as long as the
    run: moved out of the collector's way, so it does not walk those objects again and
    again while each test's apps come and go (a tenth of a TUI test's CPU, measured).
    Importing the TUI paused the collector for an app about to start (tui/__init__.py):
    the tests imported it for none, and each app pauses it again as it loads."""
    from workshop.tui import collector

    collector.resume()
    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)  # after -k and -m have left out what is not run
def pytest_collection_modifyitems(config, items):
    """The LibreOffice test and the longest tests first, one worker each: each starts at
    once, instead of being the last test everyone waits for. xdist gives each worker a
    first chunk of consecutive tests (a quarter of its share: 56 of 1,366 with six
    workers, LoadScheduling.schedule), and all of them in a row went to the first
    worker alone: it ran them one after the other, 10 s after the others had finished
    (the LibreOffice test and the whole session are 27 and 42 s on a loaded machine).
    So each worker's chunk starts with its own few of them, round the workers, and is
    filled with plain tests; the Pilot runs and the properties follow, handed out as
    workers ask, and the other plain tests end the run (a module's tests together,
    its module fixtures made once): a worker keeps two tests queued to the end, and
    Pilot runs queued there kept one busy while the others stood idle (the snapshot
    test's pictures, 10 s behind the others in a fresh-clone run; first chunks filled
    with Pilot runs did the same)."""
    items.sort(key=_first)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers > 1:
        items[:] = _spread(items, workers, config.getoption("maxschedchunk", None))


def _spread(items: list, workers: int, most: int | None = None) -> list:
    """``items`` in the order xdist hands them out: each worker's first chunk (as many as
    xdist's LoadScheduling gives it, at most ``most``, --maxschedchunk) holds its share
    of the longest, then plain tests; then the Pilot runs and properties, then the
    other plain tests."""
    chunk = max(min(len(items) // workers // 4, most or len(items)), 2)
    first = [item for item in items if _first(item) < 2]
    pilot = [item for item in items if _first(item) == 2]
    plain = iter(item for item in items if _first(item) == 3)
    spread, later = [], []  # (a worker's longest past its first chunk: the next handed out)
    for worker in range(workers):
        own = first[worker::workers]
        spread += own[:chunk] + list(itertools.islice(plain, max(chunk - len(own), 0)))
        later += own[chunk:]
    return spread + later + pilot + list(plain)


@pytest.hookimpl(optionalhook=True)  # xdist's hook: absent under -p no:xdist
def pytest_xdist_auto_num_workers(config):
    """Three workers a core. A TUI test spends most of its time asleep (each key Pilot
    presses and each pause waits at least 20 ms for the app to go idle), a test of the
    command line waiting for the process it started: measured per worker
    (/proc/self/schedstat) over a whole run with four workers, each one slept about 65 s
    beside 38 s on a CPU, so on two idle cores a worker's own 105 s, not the 90 s of
    CPU the tests need, set the run's length. Six workers share the same sleep out
    (each worker's collection costs 1.5 s of CPU more)."""
    return 3 * (os.cpu_count() or 1)


def pytest_unconfigure(config):
    home = getattr(config, "_workshop_home", None)
    if home:
        shutil.rmtree(home, ignore_errors=True)


# A test that hangs: what its asyncio tasks wait on, in its failure report (stalled.py).
def _timeout_of(item) -> float:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    value = item.config.getoption("timeout", None) or item.config.getini("timeout")
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    limit = _timeout_of(item)
    timer = None
    if limit > 2 * stalled.BEFORE_TIMEOUT:
        timer = stalled.watch(limit - stalled.BEFORE_TIMEOUT,
                              lambda text: setattr(item, "_stalled_tasks", text))
    try:
        yield
    finally:
        if timer is not None:
            timer.cancel()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    text = getattr(item, "_stalled_tasks", None)
    if text and call.when == "call" and report.failed:
        report.sections.append(
            (f"asyncio tasks {stalled.BEFORE_TIMEOUT:g} s before the timeout", text))
