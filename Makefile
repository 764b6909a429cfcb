# Two commands a newcomer needs: `make run` and `make test`. Both build the virtual
# environment first, from nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint tools bench bench-all i18n clean

# Python may write its compiled bytecode beside the sources, whatever the shell says: the
# test suite starts dozens of processes (xdist workers, the commands tests run), and
# without the cache each one compiled every module it imported again.
unexport PYTHONDONTWRITEBYTECODE

# uv installs the same packages from the same index as pip, in parallel: on a fresh
# machine (no cache) pip took 40-65 s, a third of `make test`'s two minutes, and uv takes
# a few. It is only the installer (pinned here); pip does the install itself where uv
# cannot be had. The venv starts without pip (venv's own copy of pip took 4 s of the
# set-up): the Python that makes it puts uv in it, and uv puts pip there with the rest
# (a test builds the wheel with pip). A Python without pip, or one older than 22.3 (no
# --python), gets the venv's pip first, as before.
UV := 'uv>=0.9,<1'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet $(UV) 2>/dev/null || \
	{ $(BIN)/python -m ensurepip --default-pip >/dev/null && \
	  $(BIN)/python -m pip install --quiet $(UV); } || true
	$(BIN)/uv pip install --quiet --python $(BIN)/python pip -e '.[test]' || \
	{ $(BIN)/python -m ensurepip --default-pip >/dev/null; \
	  $(BIN)/python -m pip install --quiet -e '.[test]'; }
	touch $(STAMP)

# The checkout's own sessions/ (the demo is there), not the data folder an installed
# tool uses.
run: $(STAMP)
	WORKSHOP_SESSIONS="$(CURDIR)/sessions" $(BIN)/workshop $(ARGS)

# The report test that prints the demo reports needs LibreOffice and pdftotext, the test
# of the report's text widths DejaVu Sans's font files, and the room's browser test
# Debian's Chromium (Playwright drives it; its own browser download
# is never used). Installed once where we are root and have apt-get (not counted in the
# tests' time); elsewhere those tests are skipped and say why.
tools:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && \
	  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-dejavu-core >/dev/null 2>&1 || \
	    { apt-get update >/dev/null 2>&1 && \
	      apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-dejavu-core >/dev/null 2>&1; }; } || \
	echo "LibreOffice, pdftotext or DejaVu Sans missing and not installable here: the printed-report and text-width tests will be skipped"; }
	@command -v chromium >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
	    { apt-get update >/dev/null 2>&1 && \
	      apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; }; } || \
	echo "Chromium missing and not installable here: the room's browser test will be skipped"; }

# Style and mistakes (ruff), types (mypy: strict on the core and i18n) and the layers
# (import-linter); settings in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The lint gate of `make test`: ruff and lint-imports (a second each, side by side)
# before the tests, mypy beside them. On a fresh clone mypy has no cache and takes about
# 12 s of one core: started niced with the gate, it takes the core the gate leaves idle,
# then the moments the test workers leave one idle, instead of holding both back for
# that long. Its report follows the tests', and either failing fails `make test`.
# The first time, the tests are collected once beside the gate: that writes the bytecode
# of every module they import (uv installs none), which each test worker (three a core)
# otherwise compiled again for itself at start (4.5 s of CPU each).
# xdist hands the tests out at most 8 at a time (--maxschedchunk): in its own batches (up
# to a twelfth of what is left, 85 tests), the last Pilot runs went to one worker 12 s
# before the end, which ran them while the others stood idle (tests/conftest.py puts the
# long tests first and the plain ones last).
test: $(STAMP) tools
	@nice -n 10 $(BIN)/mypy > $(VENV)/mypy.out 2>&1 & typing=$$!; \
	$(BIN)/ruff check . > $(VENV)/ruff.out 2>&1 & ruffed=$$!; \
	$(BIN)/lint-imports > $(VENV)/layers.out 2>&1 & layered=$$!; \
	[ -e $(VENV)/.compiled ] || { $(BIN)/python -m pytest -q --collect-only -p no:xdist \
	  -p no:cacheprovider > /dev/null 2>&1 && touch $(VENV)/.compiled; }; \
	wait $$ruffed; linted=$$?; wait $$layered; layers=$$?; \
	cat $(VENV)/ruff.out $(VENV)/layers.out; \
	if [ $$linted -ne 0 ] || [ $$layers -ne 0 ]; then kill $$typing; exit 1; fi; \
	$(BIN)/python -m pytest -q -n auto --maxschedchunk 8 $(PYTEST_ARGS); tests=$$?; \
	wait $$typing; typed=$$?; cat $(VENV)/mypy.out; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# The translation catalogs: old Python tables folded in, every message of the code and
# of click extracted, each language's catalogs updated (new messages untranslated, a
# changed one kept as a fuzzy hint), compiled to .mo; then what is left to translate.
i18n: $(STAMP)
	$(BIN)/python tools/catalogs.py

# Issue 13's figures, each against its baseline, and how each cost grows (a few minutes);
# bench-all runs every script in benchmarks/ with its own details (much longer).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_goals.py

bench-all: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
