"""`--help` in the user's language.

Help texts are written in English where click expects them (docstrings, ``help=``) and
translated when help is formatted, not at import: the language is only known once
``--lang`` (or the environment) has been read, and ``--help`` is eager. Every command
module builds its commands with `command`; the group is a `Group`.

Click's own words of --help (Usage, Options, the help and version options) go through
`t` here; its messages ("Missing argument", "Try … for help") through its own catalog
(see `workshop.cli.clickwords`).
"""

from __future__ import annotations

import contextlib
import inspect
import os

import click

from workshop.cli.output import echo
from workshop.i18n import LANGUAGES, known, normalise, set_language, t

# The locale variables that name the language of messages, in the order POSIX reads
# them: the first one set and not empty wins.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language() -> str:
    """WORKSHOP_LANG, else the locale's language (LC_ALL, LC_MESSAGES, LANG), else English."""
    for name in ("WORKSHOP_LANG", *LOCALE_VARIABLES):
        value = os.environ.get(name, "").strip()
        if value:
            return normalise(value)
    return normalise(None)


def choose_language(lang: str | None) -> None:
    """--lang when it names a language we speak, else the environment's: a refused
    --lang fr is refused in the user's own language."""
    set_language(known(lang) or environment_language())


def _translated(text: str | None) -> str | None:
    return t(inspect.cleandoc(text)) if text else text


@contextlib.contextmanager
def _speaking(command: click.Command):
    """The command's own help texts in the current language while click formats them."""
    saved = command.help, command.short_help
    command.help, command.short_help = _translated(command.help), _translated(command.short_help)
    try:
        yield
    finally:
        command.help, command.short_help = saved


def _option_record(option: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """Click's record for an option, with its help, metavar and [extras] translated."""
    record = option.get_help_record(ctx)
    if record is None:
        return None
    spec = record[0]
    metavar = option.make_metavar(ctx) if not (option.is_flag or option.count) else ""
    if metavar and spec.endswith(f" {metavar}") and not isinstance(option.type, click.Choice):
        spec = spec[: -len(metavar)] + t(metavar)
    extra = option.get_help_extra(ctx)
    items = []
    if "envvars" in extra:
        items.append(t("env var: {var}", var=", ".join(extra["envvars"])))
    if "default" in extra:
        items.append(t("default: {default}", default=extra["default"]))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(t("required"))
    text = _translated(option.help) or ""
    if items:
        text = f"{text}  [{'; '.join(items)}]" if text else f"[{'; '.join(items)}]"
    return spec, text


class Command(click.Command):
    """A click command whose help speaks the current language."""

    # Whether the command's own --lang is also the language it speaks in. Not for a
    # command whose --lang is the language of what it writes (a report, a code book):
    # a consultant asks for an English report in Spanish, and is answered in Spanish.
    speaks_its_lang = True

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # A command's own --lang, wherever it stands among its arguments, is read first:
        # click's refusals of the rest ("Missing argument") then speak it too.
        if not isinstance(self, click.Group) and self.speaks_its_lang:
            lang = known(_lang_anywhere(args))
            if lang is not None:
                set_language(lang)
        return super().parse_args(ctx, args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes its help option once per command, its text in the language of
        # that moment; ours stays English, translated like every help text when shown
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Show this message and exit."
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        with _speaking(self):
            return super().get_short_help_str(limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [t(piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("Usage:") + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _speaking(self):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [_option_record(param, ctx) for param in self.get_params(ctx)
                   if isinstance(param, click.Option)]
        shown = [record for record in records if record]
        if shown:
            with formatter.section(t("Options")):
                formatter.write_dl(shown)


class Group(Command, click.Group):
    """The `workshop` group: reads --lang before click runs the eager --help."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        choose_language(_lang_in(args))
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(t("Commands")):
                formatter.write_dl([(name, cmd.get_short_help_str(limit))
                                    for name, cmd in commands])


def _lang_in(args: list[str]) -> str | None:
    """The group's own --lang value: the options before the command name."""
    for index, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        if not arg.startswith("-"):
            return None
    return None


class LanguageChoice(click.Choice):
    """--lang: one of the catalogs (en, es, pt_BR …), however the tag is written
    ("ES", "pt-br", "es_MX.UTF-8" name the catalog they mean)."""

    def __init__(self) -> None:
        super().__init__(LANGUAGES)

    def convert(self, value, param, ctx):
        return super().convert(known(value) or value, param, ctx)


def _lang_anywhere(args: list[str]) -> str | None:
    """The value of a command's --lang among all its arguments (before a ``--``)."""
    for index, arg in enumerate(args):
        if arg == "--":
            return None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
    return None


class PathType(click.Path):
    """``click.Path`` whose word for what it wants ("File 'x' is a directory.") is
    looked up when a message is made, not when the command is built at import, before
    the language is known."""

    @property
    def name(self) -> str:
        from workshop.cli.clickwords import _gettext  # click's own word, click's catalog

        return _gettext(self._name)

    @name.setter
    def name(self, value: str) -> None:
        self._name = value


class Argument(click.Argument):
    """An argument whose name in messages ("Missing argument 'ARCHIVO'") is the one
    the usage line shows, in the current language."""

    def make_metavar(self, ctx: click.Context) -> str:
        return t(super().make_metavar(ctx))


def argument(*decls: str, **attrs):
    """`click.argument` for our commands (see `Argument`)."""
    return click.argument(*decls, cls=Argument, **attrs)


class WriterCommand(Command):
    """A command whose --lang is the language of what it writes (a report, a code
    book), not of its messages: those follow `workshop --lang`, WORKSHOP_LANG, else the
    locale."""

    speaks_its_lang = False


def command(name: str | None = None, *, cls: type[Command] = Command, **attrs):
    """`click.command` for a command whose help is translated."""
    return click.command(name, cls=cls, **attrs)


def version_option(version: str):
    """-V/--version, printing "workshop, version X" in the current language."""

    def show(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            echo(t("workshop, version {version}", version=version))
            ctx.exit()

    return click.option("--version", "-V", is_flag=True, is_eager=True, expose_value=False,
                        callback=show, help="Show the version and exit.")
