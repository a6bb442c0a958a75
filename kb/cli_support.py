"""What the `kb` command's subcommands share: error handling, options, formats and output helpers."""

from __future__ import annotations

import sys
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

from kb import api
from kb.api import CorpusError, KbError, ValidationFailed, currently_processing

if TYPE_CHECKING:
    from rich.console import Console


@lru_cache(maxsize=1)
def err_console() -> Console:
    """The console for diagnostics on stderr (rich is imported on first use: most runs print none)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def escape(text: str) -> str:
    """Text shown as it is on a console, never read as markup (it may quote the user's [brackets])."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)

# Typer's own usage errors and exits pass through untouched (Typer ships its own Click, so its
# exception base class is reached from a public exception rather than imported).
_CLI_CONTROL = (typer.Exit, typer.Abort) + tuple(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)


class KbGroup(TyperGroup):
    """Turns library errors into messages and exit codes, for every command at once."""

    def invoke(self, ctx: typer.Context):
        """Run the command; turn library errors into messages on stderr and exit codes."""
        try:
            return super().invoke(ctx)
        except _CLI_CONTROL:
            raise
        except ValidationFailed as err:
            sys.stderr.write(err.report.to_text())
            err_console().print("[red]error:[/red] the data does not conform; nothing was written.")
            raise typer.Exit(1)
        except CorpusError as err:
            for problem in err.problems:
                # messages quote the user's data, which may hold [brackets]: never read them as markup
                err_console().print(f"[red]error:[/red] {escape(str(problem))}", markup=True)
            err_console().print(f"{len(err.problems)} problem(s) found; nothing was written. Fix them and run again.")
            raise typer.Exit(err.exit_code)
        except KbError as err:
            err_console().print(f"[red]error:[/red] {escape(str(err))}")
            raise typer.Exit(err.exit_code)
        except KeyboardInterrupt:
            err_console().print("interrupted; nothing was written.")
            raise typer.Exit(130)
        except Exception as err:  # a bug, not a user's mistake: say so, and where
            where = currently_processing()
            place = f" while processing {where}" if where else ""
            err_console().print(
                f"[red]internal error[/red]{escape(place)}: {type(err).__name__}: {escape(str(err))}\n"
                "This is a bug in kb, not in your input; please report it with the command you ran."
            )
            raise typer.Exit(2)


CorpusOption = Annotated[
    Optional[Path],
    typer.Option("--corpus", help="Corpus folder.", show_default="./corpus if present, else the bundled corpus",
                 file_okay=False),
]
BuildOption = Annotated[Path, typer.Option("--build", "--out", help="The build output folder.", file_okay=False)]


CredentialsEnvOption = Annotated[Optional[str], typer.Option(
    "--credentials-env", metavar="VARIABLE",
    help="The environment variable that holds USER:PASSWORD for a store that asks for them (basic or digest).")]
NetrcOption = Annotated[bool, typer.Option(
    "--netrc", help="Take the store's user name and password from ~/.netrc (or $NETRC), by its host name.")]
NetrcFileOption = Annotated[Optional[Path], typer.Option(
    "--netrc-file", help="Take the store's user name and password from this netrc file.", dir_okay=False)]


def progress(step: str) -> None:
    """Show a build or push step on stderr, dimmed."""
    err_console().print(f"[dim]… {step}[/dim]")


def parse_params(values: list[str]) -> dict[str, str]:
    """The `--param KEY=VALUE` options as a dict; raises typer.BadParameter for an item without `=`."""
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r}: write KEY=VALUE", param_hint="--param")
        params[key] = value
    return params


def print_table(result: api.QueryResult) -> None:
    """Print a query's result as a table on stdout (yes/no for ASK), and its row count on stderr."""
    if result.boolean is not None:
        print("yes" if result.boolean else "no")
        return
    from rich.table import Table  # only a table needs it: not imported at every start

    table = Table(show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        table.add_row(*(escape(api.show_term(value)) for value in row))
    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    err_console().print(f"[dim]{len(result.rows)} row(s)[/dim]")


class ReportFormat(str, Enum):
    """The formats of a validation report."""
    text = "text"
    json = "json"
    turtle = "turtle"


class ResultFormat(str, Enum):
    """The formats of a query's result."""
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"


class ShowFormat(str, Enum):
    """The formats of `kb show`."""
    table = "table"
    json = "json"


class SchemaName(str, Enum):
    """The corpus files that have a schema."""

    annotation = "annotation"
    registry = "registry"
