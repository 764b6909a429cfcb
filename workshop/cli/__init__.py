"""The `workshop` command. Each area keeps its commands in its own module here.

Commands that do not open the TUI never import Textual: imports of the TUI, the report
writers and other heavy modules happen inside the command functions.
"""

from __future__ import annotations

import sys

import click

from workshop import __version__
from workshop.cli import demo, export, research, scripts, session, study, tui
from workshop.cli.clickwords import route_click_messages
from workshop.cli.common import handle_errors
from workshop.cli.help import Group, LanguageChoice, PathType, choose_language, version_option
from workshop.cli.output import echo, flush_stdout, reader_gone, stderr
from workshop.i18n import t

route_click_messages()


class _Group(Group):
    def list_commands(self, ctx):  # keep the order we register them in, not A-Z
        return list(self.commands)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        """Click's own messages (a usage error naming a file, "Aborted!") are printed
        through our safe stream: a file name given on the command line may hold
        control characters. Otherwise as click's standalone mode."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
            flush_stdout()  # a reader gone now raises here, not at the exit
        except BrokenPipeError:
            reader_gone()
        except click.ClickException as exc:
            # click's hint says IO, but show() only echoes to it: a writer will do.
            exc.show(file=stderr())  # type: ignore[arg-type]
            sys.exit(exc.exit_code)
        except click.Abort:
            echo(t("Interrupted."), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        # Before click's own handling, which would exit 1 on a closed pipe.
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            reader_gone()


@click.group(cls=_Group, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@version_option(__version__)
@click.option("--lang", type=LanguageChoice(), help="Language of messages.")
@click.option("--dir", "folder", type=PathType(file_okay=False), metavar="FOLDER",
              help="The sessions folder (default: WORKSHOP_SESSIONS, else your data folder).")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, folder: str | None) -> None:
    """Lead a customer-experience focus group from the terminal.

    With no command, opens the home screen.
    """
    choose_language(lang)
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang
    ctx.obj["dir"] = folder
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui.home)


for _module in (session, scripts, tui, export, research, demo, study):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    with handle_errors():
        cli.main(prog_name="workshop", standalone_mode=True)


__all__ = ["cli", "main", "t", "sys"]
