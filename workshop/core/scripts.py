"""Exercise scripts: Markdown files that lead a session step by step.

A script is front matter, then one ``##`` section per step::

    ---
    title: Moments of truth
    language: en
    dots: 3
    minutes: 100
    ---

    ## Welcome and consent {kind=intro minutes=5}

    What the facilitator reads aloud, in Markdown.

    ## Vote on the moments {kind=vote minutes=10 target=moments blind=true}

The kind and minutes sit at the end of the step's own heading line (Pandoc style): that
reads and edits as one line, where the attrs plugin's "line before" form splits a step
across two lines and leaves a stray paragraph when one of them is deleted. We parse the
trailing ``{...}`` ourselves; markdown-it-py still finds the headings, so ``##`` inside
code blocks, quotes or lists is never a step.

Front matter is a plain ``key: value`` subset (no YAML dependency): title, language,
dots, cap, minutes, description, translations (names of the same exercise in other
languages, looked up beside this file), crosshairs (data or scale: where the gaps
step's 2×2 puts its cross-hairs; a gaps step may say it too), clocks (auto: a step's
clock starts as the step is entered, the default; manual: only with F5). ``#`` lines in
it and HTML comments before the first step are for authors and never shown. A script
with mistakes raises :class:`ScriptError` with the file and line of the first, and every
one of them in ``mistakes`` (``workshop check`` prints them all: an author fixes them in
one go).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from workshop.core.errors import WorkshopError
from workshop.core.kinds import registry
from workshop.core.kinds.gaps import read_crosshairs
from workshop.core.kinds.options import DEFAULT_DOTS, whole
from workshop.core.limits import (
    MAX_MINUTES,
    MAX_SCRIPT_BYTES,
    MAX_STEP_TEXT,
    MAX_STEPS,
    MAX_TEXT,
    count_text,
    size_text,
)
from workshop.core.record import record
from workshop.core.state import CLOCK_MODES
from workshop.i18n import LANGUAGES, known, plural_count, t

# The kinds a step may be (each kind's own options are in its declaration, kinds/).
STEP_KINDS = tuple(registry.STEP_KINDS)
FRONT_KEYS = ("title", "language", "dots", "cap", "minutes", "description", "translations",
              "crosshairs", "clocks")
EXAMPLE_HEADING = "## Warm-up {kind=discussion minutes=10}"

_ATTRS = re.compile(r"\{([^{}]*)\}\s*$")
_PAIR = re.compile(r"([A-Za-z][\w-]*)=(.+)")
_LONE_ATTRS = re.compile(r"\{[^{}]*=[^{}]*\}")
_NUMBER = re.compile(r"\d+(\.\d+)?")


class ScriptError(WorkshopError):
    """A script that cannot be used. ``str()`` is ``file:line: message`` of the first
    mistake, saying how many more there are; ``mistakes`` holds each one."""

    def __init__(self, file: str | Path | None, line: int | None, message: str,
                 more: list[ScriptError] | None = None):
        self.file = str(file) if file is not None else None
        self.line = line
        self.message = message
        self.mistakes: list[ScriptError] = [self, *(more or [])]
        super().__init__(str(self))

    @classmethod
    def of(cls, mistakes: list[ScriptError]) -> ScriptError:
        """One error standing for several (at least one), the first named."""
        first = mistakes[0]
        return cls(first.file, first.line, first.message, more=mistakes[1:])

    def where(self) -> str:
        where = self.file or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        more = len(self.mistakes) - 1
        if more:
            return self.where() + t(" (and {n} more; workshop check shows all of them)", n=more)
        return self.where()


@record(frozen=False)
class ScriptStep:
    title: str
    kind: str
    minutes: int | float
    body: str = ""
    options: dict[str, Any] = field(default_factory=dict)  # as the kind's declaration reads them
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "kind": self.kind, "minutes": self.minutes,
                "body": self.body, "options": dict(self.options)}


@record(frozen=False)
class Script:
    name: str
    title: str
    lang: str
    dots: int
    cap: int | None
    minutes: int | float  # as the front matter says, else the sum of the steps
    steps: list[ScriptStep]
    path: Path | None = None
    description: str = ""
    translations: tuple[str, ...] = ()
    crosshairs: str | None = None  # as the front matter says; None: at the group's means
    clocks: str | None = None  # "manual": no step clock starts by itself; None: auto

    @property
    def step_minutes(self) -> int | float:
        return _tidy(sum(step.minutes for step in self.steps))

    def to_dict(self) -> dict[str, Any]:
        """What a session file stores: everything needed to run it without the .md file."""
        out = {"name": self.name, "title": self.title, "lang": self.lang, "dots": self.dots,
               "cap": self.cap, "minutes": self.minutes,
               "steps": [step.to_dict() for step in self.steps]}
        if self.crosshairs:
            out["crosshairs"] = self.crosshairs
        if self.clocks:
            out["clocks"] = self.clocks
        return out


# ---- loading ---------------------------------------------------------------------------

def load_script(name_or_path: str | Path, lang: str | None = None) -> Script:
    """A built-in script by name ("moments-of-truth") or a script file by path.

    With ``lang``, a script written in another language is swapped for its translation
    beside it, so ``("moments-of-truth", "es")`` is Spanish. A translation is linked
    either way: the script names it in ``translations``, or it names the script (so a
    new language's script names the others, and they need no change).
    """
    value = str(name_or_path)
    path = Path(value)
    builtin = not path.is_file()
    if builtin:
        if path.suffix or "/" in value or "\\" in value:
            raise ScriptError(value, None, t("There is no such file."))
        path = _builtin_path(value)
    script = read_script(path)
    wanted = known(lang) if lang else None
    if wanted and script.lang != wanted:
        named = [path.with_name(f"{other}.md") for other in script.translations]
        others = sorted(p for p in path.parent.glob("*.md")
                        if p != path and p not in named) if builtin else []
        for candidate in named + others:
            if not candidate.is_file():
                continue
            try:
                translated = read_script(candidate)
            except ScriptError:
                continue  # a broken file beside it is not this script's translation
            if translated.lang == wanted and (candidate in named
                                              or script.name in translated.translations):
                return translated
    return script


def builtin_scripts() -> list[Script]:
    """The scripts that ship with workshop, by name."""
    from workshop.core.resources import exercises_dir

    return [read_script(path) for path in sorted(exercises_dir().glob("*.md"))]


def _builtin_path(name: str) -> Path:
    from workshop.core.resources import exercises_dir

    folder = exercises_dir()
    path = folder / f"{name}.md"
    if path.is_file():
        return path
    names = ", ".join(sorted(p.stem for p in folder.glob("*.md")))
    raise ScriptError(None, None, t(
        "There is no built-in script called “{name}” (built-in: {names}), "
        "and no file by that name.", name=name, names=names))


def read_script(path: str | Path) -> Script:
    """Read and check one script file."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:  # never more than the limit: a 50 MB file, /dev/zero
            raw = fh.read(MAX_SCRIPT_BYTES + 1)
    except FileNotFoundError:
        raise ScriptError(path, None, t("There is no such file.")) from None
    except IsADirectoryError:
        raise ScriptError(path, None, t("This is a folder, not a script file.")) from None
    except PermissionError:
        raise ScriptError(path, None, t("Permission denied: the file cannot be read.")) from None
    except OSError as exc:
        raise ScriptError(path, None, t("The file cannot be read: {reason}.",
                                        reason=exc.strerror or exc)) from None
    if len(raw) > MAX_SCRIPT_BYTES:
        raise ScriptError(path, None, _too_large(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ScriptError(path, line,
                          t("This line is not UTF-8 text: save the file as UTF-8.")) from None
    return parse_script(text, name=path.stem, file=path, path=path)


def parse_script(text: str, *, name: str = "script", file: str | Path | None = None,
                 path: Path | None = None) -> Script:
    """Parse a script's text. Every problem, even an unforeseen one, is a ScriptError."""
    if len(text) > MAX_SCRIPT_BYTES:
        raise ScriptError(file if file is not None else f"{name}.md", None, _too_large(None))
    parser = _Parser(text, file if file is not None else f"{name}.md")
    try:
        return parser.parse(name, path)
    except ScriptError:
        raise
    except Exception as exc:  # never a traceback: say where we were
        parser.errors.append(ScriptError(parser.file, parser.line, t(
            "This script cannot be read here ({error}).", error=type(exc).__name__)))
        raise ScriptError.of(parser.errors) from exc


def _too_large(path: Path | None) -> str:
    """Scripts are read whole and drawn on screen: a size limit keeps that quick (a 50 MB
    script once kept the run screen from appearing at all)."""
    size = ""
    if path is not None:
        try:
            size = t(" ({size})", size=size_text(path.stat().st_size))
        except OSError:
            pass
    return t("This script is too large{size}: a script may be at most {limit}.",
             size=size, limit=size_text(MAX_SCRIPT_BYTES))


# ---- parsing ---------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: str, file: str | Path):
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines = self.text.split("\n")
        self.file = str(file)
        self.line = 1  # where we are, for errors nobody foresaw
        self.errors: list[ScriptError] = []  # every mistake found so far

    def fail(self, line: int | None, message: str) -> ScriptError:
        return ScriptError(self.file, line, message)

    def note(self, line: int | None, message: str) -> None:
        """A mistake that does not stop the reading: the rest is still checked."""
        self.errors.append(self.fail(line, message))

    @contextlib.contextmanager
    def collecting(self) -> Iterator[None]:
        """A mistake raised inside is noted, and reading goes on after the block."""
        try:
            yield
        except ScriptError as exc:
            self.errors.extend(exc.mistakes)

    def stop(self, line: int | None, message: str) -> ScriptError:
        """A mistake after which nothing more can be read: it, and those before it."""
        self.note(line, message)
        return ScriptError.of(self.errors)

    def parse(self, name: str, path: Path | None) -> Script:
        tokens = MarkdownIt("commonmark").use(front_matter_plugin).parse(self.text)
        if not tokens or tokens[0].type != "front_matter":
            if self.lines and self.lines[0].strip() == "---":
                raise self.stop(1, t("The front matter is not closed: end it with a line “---”."))
            raise self.stop(1, t("A script begins with front matter on its first line: "
                                 "a block between two “---” lines with at least title and "
                                 "language."))
        front_end = _span(tokens[0])[1]
        meta = self.front_matter(front_end)
        heads = [i for i, tok in enumerate(tokens)
                 if tok.type == "heading_open" and tok.tag == "h2" and tok.markup == "##"
                 and tok.level == 0]
        self.check_preamble(tokens, heads[0] if heads else len(tokens))
        if not heads:
            last = self.text.rstrip("\n").count("\n") + 1
            raise self.stop(last, t(
                "This script has no steps: each step is a heading like {example}.",
                example=EXAMPLE_HEADING))
        if len(heads) > MAX_STEPS:
            raise self.fail(_span(tokens[heads[MAX_STEPS]])[0] + 1, t(
                "This script has {n} steps; a script has at most {most}.",
                n=count_text(len(heads)), most=count_text(MAX_STEPS)))
        comments = self.comment_lines(tokens)
        steps = []
        for n, i in enumerate(heads):
            start = _span(tokens[i])[0]
            end = _span(tokens[heads[n + 1]])[0] if n + 1 < len(heads) else len(self.lines)
            self.line = start + 1
            step = self.step_heading(tokens[i + 1].content, start + 1, meta)
            self.check_body(tokens, i + 3, heads[n + 1] if n + 1 < len(heads) else len(tokens))
            self.line = start + 1
            body = self.body(_span(tokens[i])[1], end, comments)
            if len(body) > MAX_STEP_TEXT:  # drawn whole on the run screen
                self.note(start + 1, t(
                    "The text of this step is {n} characters long; a step's text holds at most "
                    "{limit} (the facilitator reads it from one screen).",
                    n=count_text(len(body)), limit=count_text(MAX_STEP_TEXT)))
            elif step is not None:
                step.body = body
                steps.append(step)
        if self.errors:
            raise ScriptError.of(self.errors)
        minutes = meta.get("minutes")
        script = Script(name=name, title=meta["title"], lang=meta["language"],
                        dots=meta.get("dots", DEFAULT_DOTS), cap=meta.get("cap"),
                        minutes=0, steps=steps, path=path,
                        description=meta.get("description", ""),
                        translations=meta.get("translations", ()),
                        crosshairs=meta.get("crosshairs"), clocks=meta.get("clocks"))
        script.minutes = minutes if minutes is not None else script.step_minutes
        return script

    # -- front matter
    def front_matter(self, end: int) -> dict[str, Any]:
        # Each key's value as front_value reads it: text, a number or file names.
        meta: dict[str, Any] = {}
        given: set[str] = set()  # keys written, even with a wrong value
        for index in range(1, end - 1):
            number = index + 1
            self.line = number
            line = self.lines[index]
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            key, colon, value = stripped.partition(":")
            key = key.strip().lower()
            if not colon or not key or line[:1].isspace() or " " in key:
                self.note(number, t("Cannot read this front matter line: write “key: value”."))
                continue
            if key not in FRONT_KEYS:
                self.note(number, t("Unknown front matter key “{key}”: use {known}.",
                                    key=key, known=", ".join(FRONT_KEYS)))
                continue
            if key in given:
                self.note(number, t("“{key}” is given twice.", key=key))
                continue
            given.add(key)
            with self.collecting():
                meta[key] = self.front_value(key, _unquote(value.strip()), number)
        for key in ("title", "language"):
            if key not in given:
                self.note(1, t("The front matter has no {key}: add a line “{key}: …”.", key=key))
        return meta

    def front_value(self, key: str, value: str, line: int) -> str | int | float | tuple[str, ...]:
        if key in ("title", "language") and not value:
            raise self.fail(line, t("“{key}” is empty.", key=key))
        if key == "title":
            self.check_title(value, line)
        if key == "language":
            code = known(value)
            if code is None:
                raise self.fail(line, t("The language must be one of {known}, not “{value}”.",
                                        known=", ".join(LANGUAGES), value=value))
            return code
        if key in ("dots", "cap"):
            return self.whole(key, value, line)
        if key == "minutes":
            return self.minutes(value, line)
        if key == "translations":
            return self.translations(value, line)
        if key == "crosshairs":
            return self.crosshairs(value, line)
        if key == "clocks":
            if value.lower() not in CLOCK_MODES:
                raise self.fail(line, t("clocks must be auto (a step's clock starts as the "
                                        "step is entered) or manual (only with F5), not "
                                        "“{value}”.", value=value))
            return value.lower()
        return value

    def translations(self, value: str, line: int) -> tuple[str, ...]:
        """File names (without .md) of the same exercise beside this one: never a path,
        which would reach outside the script's folder (and crashed ``new --lang``)."""
        names = tuple(part.strip() for part in value.split(",") if part.strip())
        for name in names:
            if name in (".", "..") or any(c in name for c in "/\\\0"):
                raise self.fail(line, t("translations names scripts in the same folder by "
                                        "file name, without .md: “{name}” is not such a name.",
                                        name=name))
        return names

    def crosshairs(self, value: str, line: int) -> str:
        try:
            return read_crosshairs(value)
        except ValueError as exc:
            raise self.fail(line, str(exc)) from None

    def whole(self, key: str, value: str, line: int) -> int:
        try:
            return whole(key)(value)
        except ValueError as exc:
            raise self.fail(line, str(exc)) from None

    def minutes(self, value: str, line: int) -> int | float:
        number = _tidy(float(value)) if _NUMBER.fullmatch(value) else None
        if number is None or not 0 < number <= MAX_MINUTES:
            raise self.fail(line, t("minutes must be a number above 0 and at most {most}, "
                                    "not “{value}”.", most=MAX_MINUTES, value=value))
        return number

    # -- what sits between the front matter and the first step, and inside steps
    def check_preamble(self, tokens: list[Token], stop: int) -> None:
        for index in range(1, stop):
            tok = tokens[index]
            if tok.level != 0 or not tok.map or _is_comment(tok):
                continue
            self.line = tok.map[0] + 1
            with self.collecting():
                self.check_lone_attributes(tokens, index)
                if tok.type == "heading_open" and tok.markup.startswith("#") and tok.tag != "h2":
                    raise self.fail(self.line, t(
                        "Steps are level-2 headings (##), as in {example}; the title goes in "
                        "the front matter.", example=EXAMPLE_HEADING))
                raise self.fail(self.line, t(
                    "Text before the first step: every step starts with a heading like {example}; "
                    "only comments may come before it.", example=EXAMPLE_HEADING))

    def check_body(self, tokens: list[Token], start: int, stop: int) -> None:
        for index in range(start, stop):
            span = tokens[index].map
            if tokens[index].level == 0 and span:
                self.line = span[0] + 1
                with self.collecting():
                    self.check_lone_attributes(tokens, index)

    def check_lone_attributes(self, tokens: list[Token], index: int) -> None:
        """Attributes written on their own line (the attrs plugin's habit) would vanish."""
        if tokens[index].type != "paragraph_open":
            return
        if _LONE_ATTRS.fullmatch(tokens[index + 1].content.strip()):
            raise self.fail(self.line, t(
                "Attributes on a line of their own: put them at the end of the step's heading, "
                "as in {example}.", example=EXAMPLE_HEADING))

    def body(self, start: int, end: int, comments: set[int]) -> str:
        """The section's own Markdown, without author comments (nor the gap they leave)."""
        kept: list[str] = []
        dropped = False
        for number in range(start, end):
            line = self.lines[number]
            if number in comments:
                dropped = True
                continue
            if dropped and not line.strip() and (not kept or not kept[-1].strip()):
                continue
            dropped = False
            kept.append(line)
        while kept and not kept[-1].strip():
            kept.pop()
        while kept and not kept[0].strip():
            kept.pop(0)
        return "\n".join(kept)

    def comment_lines(self, tokens: list[Token]) -> set[int]:
        lines: set[int] = set()
        for tok in tokens:
            if tok.level == 0 and _is_comment(tok):
                lines.update(range(*_span(tok)))
        return lines

    def check_title(self, title: str, line: int) -> None:
        """A title is an entry of the session: it has an entry's limit."""
        if len(title) > MAX_TEXT:
            raise self.fail(line, t("This title is {n} characters long; a title holds at most "
                                    "{limit}.", n=count_text(len(title)),
                                    limit=count_text(MAX_TEXT)))

    # -- one step's heading
    def step_heading(self, content: str, line: int,
                     meta: dict[str, Any]) -> ScriptStep | None:
        """The step a heading declares, or None when it has mistakes (each one noted)."""
        before = len(self.errors)
        found = _ATTRS.search(content)
        title = content[:found.start()].strip() if found else content.strip()
        if not found:
            self.note(line, t(
                "The step “{title}” needs its kind and minutes at the end of its heading, "
                "as in {example}.", title=title, example=EXAMPLE_HEADING))
            return None
        if not title:
            self.note(line, t("This step has no title before its attributes."))
        with self.collecting():
            self.check_title(title, line)
        attrs: dict[str, str] = {}  # commas between them are forgiven
        for part in filter(None, re.split(r"[\s,]+", found.group(1))):
            pair = _PAIR.fullmatch(part)
            if not pair:
                self.note(line, t("Cannot read “{part}”: attributes are written key=value, "
                                  "as in minutes=10.", part=part))
                continue
            key = pair.group(1).lower()
            if key in attrs:
                self.note(line, t("“{key}” is given twice.", key=key))
                continue
            attrs[key] = _unquote(pair.group(2))
        kind = attrs.pop("kind", None)
        if kind is None:
            self.note(line, t("The step “{title}” has no kind: add kind=… (one of {kinds}).",
                              title=title, kinds=", ".join(STEP_KINDS)))
            step_kind = None
        else:
            step_kind = registry.step_kind(kind)
            if step_kind is None:
                self.note(line, t("Unknown step kind “{kind}”: use one of {kinds}.",
                                  kind=kind.lower(), kinds=", ".join(STEP_KINDS)))
        minutes = None
        if "minutes" not in attrs:
            self.note(line, t("The step “{title}” has no minutes: add minutes=… to its heading.",
                              title=title))
        else:
            with self.collecting():
                minutes = self.minutes(attrs.pop("minutes"), line)
        if step_kind is None:
            return None
        # The kind's own options (kinds/): each read as its declaration says; every
        # mistake is noted, the rest still read.
        options: dict[str, Any] = {}
        for key, value in attrs.items():
            read = step_kind.options.get(key)
            if read is None:
                if not step_kind.options:
                    self.note(line, t("Unknown option “{key}” for a {kind} step.", key=key,
                                      kind=step_kind.name))
                else:
                    self.note(line, t(step_kind.unknown_option, key=key, kind=step_kind.name,
                                      known=", ".join(step_kind.options)))
                continue
            try:
                options[key] = read(value)
            except ValueError as exc:
                self.note(line, str(exc))
        if minutes is None or len(self.errors) > before:  # no minutes: a mistake was noted
            return None
        if step_kind.defaults is not None:
            options = step_kind.defaults(options, meta)
        return ScriptStep(title=title, kind=step_kind.name, minutes=minutes, options=options,
                          line=line)


def _span(tok: Token) -> list[int]:
    """A block token's source lines, [start, end): markdown-it gives every block token its
    map."""
    assert tok.map is not None
    return tok.map


def _is_comment(tok: Token) -> bool:
    text = tok.content.strip()
    return tok.type == "html_block" and text.startswith("<!--") and text.endswith("-->")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _tidy(number: float) -> int | float:
    return int(number) if float(number).is_integer() else round(number, 2)


# ---- advice for `workshop check` ------------------------------------------------------

def script_warnings(script: Script) -> list[str]:
    """Things that are allowed but probably not meant."""
    warnings = []
    if script.minutes != script.step_minutes:
        warnings.append(t.plural(plural_count(script.step_minutes), "The steps add up to "
                                 "{steps} minute but the front matter says {total}.",
                                 "The steps add up to {steps} minutes but the front matter "
                                 "says {total}.", steps=script.step_minutes,
                                 total=script.minutes))
    seen: set[str] = set()
    for number, step in enumerate(script.steps, 1):
        kind = registry.STEP_KINDS.get(step.kind)
        if kind is not None and kind.warnings is not None:
            warnings += kind.warnings(number, step.options, seen)
        if not step.body:
            warnings.append(t("Step {n} has no text for the facilitator.", n=number))
        seen.add(step.kind)
    return warnings
