"""What the README tells a newcomer holds: where files go, and the shell completion
lines, run as a shell would run them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.core import places

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"### {title}\n")
    end = README.find("\n#", start + 4)
    return README[start:end if end > 0 else None]


def test_the_readme_says_where_files_go_as_the_tool_puts_them(monkeypatch, tmp_path):
    text = _section("Where files go")
    # Linux with no XDG variables: the two places the README names.
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", places.ENV):
        monkeypatch.delenv(name, raising=False)
    if sys.platform.startswith("linux"):
        home = "~/" + str(places.sessions_dir().relative_to(tmp_path)) + "/"
        assert f"`{home}`" in text, home
        state = "~/" + str(places.recent_file().relative_to(tmp_path))
        assert f"`{state}`" in text, state
    for words in ("`WORKSHOP_SESSIONS=FOLDER`", "`workshop --dir FOLDER`",
                  "`workshop new --dir FOLDER`", "`make run`", "XDG_DATA_HOME",
                  "XDG_STATE_HOME", "readable only by you", "-o"):
        assert words in text, words
    # And the Makefile does what the README says of `make run`.
    assert 'WORKSHOP_SESSIONS="$(CURDIR)/sessions"' in (ROOT / "Makefile").read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_readmes_completion_line_teaches_bash_to_complete_workshop(tmp_path):
    text = _section("Shell completion")
    lines = re.findall(r"^(eval .*bash_source workshop\)\")", text, re.M)
    assert len(lines) == 1, text
    assert "_WORKSHOP_COMPLETE=zsh_source" in text and "_WORKSHOP_COMPLETE=fish_source" in text
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "workshop").exists()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    # The README's line, then what bash asks when Tab is pressed after "workshop ex".
    script = (f"{lines[0]}\ncomplete -p workshop\n"
              "COMP_WORDS=(workshop ex); COMP_CWORD=1; _workshop_completion workshop\n"
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0].startswith("complete ") and out[0].endswith(" workshop")
    assert "export" in out[1:]
