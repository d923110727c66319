"""The `silk` argument parser: every command, its options and its help, in the reader's
language.

Each area of the command line (`records`, `reports`, `documents`, `export`,
`safekeeping`, `closing_and_corrections`) adds its own commands in its
`add_commands(commands)`, next to the functions that run them; a new command goes into
the area it belongs to (or a new area listed in AREAS). Options shared by several
commands are made here (`add_output_options`, `add_document_options`), and so are the
argument types (`positive`, `day`).

argparse's own words ("usage:", "options", its error messages) are translated by the
`Parser` subclass through argparse's public methods (`format_usage`, `format_help`,
`error`, `exit`): the English templates argparse fills in are matched in what it
produces and replaced by their Chinese. A template a future Python words differently is
simply left in English. Nothing here imports the database or the reports, so `silk
--help` and `silk --version` start at once.
"""
from __future__ import annotations

import argparse
import re
import sys
from functools import cache

from ledger import __version__, i18n
from ledger.cli import output

# -- argparse's own words -----------------------------------------------------------------

#: The English texts argparse uses (as it passes them to gettext) and their Chinese.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)s（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个参数",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项不明确：%(option)s 可以是 %(matches)s",
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[rsd]|%[rsd]")


def _template(english: str) -> tuple[re.Pattern, dict[str, str]]:
    """A pattern matching what argparse makes of `english`, its placeholders as named
    groups (positional ones as _0, _1 ...), and how to name them in the Chinese."""
    parts, names, position = [], [], 0
    for piece, placeholder in zip(_PLACEHOLDER.split(english)[::2],
                                  [*_PLACEHOLDER.finditer(english), None]):
        parts.append(re.escape(piece))
        if placeholder is not None:
            name = placeholder[1] or f"_{position}"
            position += placeholder[1] is None
            names.append(name)
            parts.append(f"(?P<{name}>.*?)" if name not in names[:-1] else f"(?P={name})")
    return re.compile("".join(parts), re.DOTALL), names


@cache
def _templates() -> list[tuple[re.Pattern, list[str], str]]:
    """Made when an error is first translated, not at every start."""
    return [(*_template(english), chinese) for english, chinese in ARGPARSE_ZH.items()
            if _PLACEHOLDER.search(english)]


def argparse_text(english: str) -> str:
    """One of argparse's fixed texts, in the reader's language."""
    return ARGPARSE_ZH.get(english, english) if i18n.language() == "zh" else english


def translated_message(message: str) -> str:
    """An error argparse composed from its English templates, in the reader's language:
    each template found is filled again in Chinese (an inner message too)."""
    if i18n.language() != "zh":
        return message
    for pattern, _names, chinese in _templates():
        found = pattern.fullmatch(message)
        if found:
            values = {name: translated_message(value) if name == "message" else value
                      for name, value in found.groupdict().items()}
            return _filled(chinese, values)
    return message


def _filled(template: str, values: dict[str, str]) -> str:
    """`template` with each placeholder replaced by its text: named ones by name,
    positional ones (`%s`) by _0, _1 ... in order."""
    positional = (values[f"_{index}"] for index in range(len(values)) if f"_{index}" in values)
    return _PLACEHOLDER.sub(lambda found: values[found[1]] if found[1] else next(positional),
                            template)


def translated_help(text: str) -> str:
    """Help or usage as argparse formats it, with its headings in the reader's language."""
    if i18n.language() != "zh":
        return text
    prefix = "usage: "
    if text.startswith(prefix):
        text = argparse_text(prefix) + text[len(prefix):]
    lines = text.split("\n")
    for index, line in enumerate(lines):
        heading = line[:-1]
        if line.endswith(":") and heading in ("positional arguments", "options"):
            lines[index] = f"{argparse_text(heading)}:"
    return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """argparse in the reader's language; a bad argument is one line saying what is
    wrong and where to read more; everything it prints goes through `output`."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:  # argparse's own -h, with its help translated
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=argparse_text("show this help message and exit"))

    def format_usage(self) -> str:
        return translated_help(super().format_usage())

    def format_help(self) -> str:
        return translated_help(super().format_help())

    def print_help(self, file=None) -> None:
        output.write(self.format_help())

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {translated_message(message)} ({self.prog} --help)\n")

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            output.tell(message.rstrip("\n"))
        sys.exit(status)


# -- the commands -------------------------------------------------------------------------

def build_parser(argv: list[str] | None = None) -> Parser:
    """The parser for `argv`: only the command it names is built in full (argparse makes
    a parser per command, which for all twenty would cost more than most commands take
    to run), none for a bare `silk` or `silk --version`, and every one for `silk --help`
    or a word that names no command (whose error lists them)."""
    wanted = command_word(argv) if argv is not None else None
    if wanted is not None:
        parser, commands = _parser(wanted)
        if commands.built or wanted == "":
            return parser
    return _parser(None)[0]


def _parser(only: str | None) -> tuple[Parser, "Commands"]:
    from ledger.cli import (assets, books, closing_and_corrections, documents, export,
                            records, reports, safekeeping, users, year_end)

    parser = Parser(prog="silk", description=i18n.t("help.silk"))
    parser.add_argument("--version", action="version", version=f"silk-ledger {__version__}",
                        help=i18n.t("help.version"))
    add_common_options(parser, None)
    parser.set_defaults(run=records.show_overview)
    # The same options after a command (`silk report season S --db x.db`); there they
    # only override what was given before it.
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, argparse.SUPPRESS)
    commands = Commands(parser.add_subparsers(title=i18n.t("help.commands"),
                                              metavar="COMMAND"), common, only)
    for area in (records, reports, documents, export, safekeeping, closing_and_corrections,
                 books, year_end, assets, users):
        area.add_commands(commands)
    return parser, commands


#: The options before a command that take a value (`--db PATH`), by any prefix argparse
#: would accept for them.
VALUE_OPTIONS = ("--db", "--lang", "--operator")


def command_word(argv: list[str]) -> str | None:
    """The command `argv` names; "" when it names none; None for `silk --help`."""
    taking_value = False
    for word in argv:
        if taking_value:
            taking_value = False
        elif word in ("-h", "--help") or word == "--":
            return None
        elif word.startswith("-"):
            taking_value = "=" not in word and any(
                option.startswith(word) for option in VALUE_OPTIONS if len(word) > 2)
        else:
            return word
    return ""


class Commands:
    """Subcommands that all accept the common options: `commands.add("name", "help_key")`
    makes the command `name`, its help the message `help.<help_key>`. With `only`, the
    other commands are not built (see `build_parser`)."""

    def __init__(self, subparsers, common: argparse.ArgumentParser, only: str | None = None):
        self.subparsers = subparsers
        self.common = common
        self.only = only
        self.built = False  # whether a command was made

    def add(self, name: str, help_key: str, long_help_key: str | None = None):
        if self.only is not None and name != self.only:
            return _NotBuilt()
        self.built = True
        return self.subparsers.add_parser(
            name, parents=[self.common], help=help_text(help_key),
            description=help_text(long_help_key or help_key))

    def group(self, parser: Parser, title_key: str) -> "Commands":
        """Commands under a command (`silk report season`), one of them required."""
        if isinstance(parser, _NotBuilt):
            return Commands(None, self.common, only="")
        return Commands(parser.add_subparsers(title=help_text(title_key), metavar="REPORT",
                                              required=True), self.common)


class _NotBuilt:
    """A command not asked for this time: whatever is said of it (add_argument,
    set_defaults, an argument group ...) is not needed, and goes unheard."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


def add_common_options(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--db", metavar="PATH", default=default, help=help_text("db"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default,
                        help=help_text("lang"))
    parser.add_argument("--operator", metavar="NAME", default=default,
                        help=help_text("operator"))


def add_output_options(parser: argparse.ArgumentParser, required: bool = False,
                       help_key: str = "output", metavar: str = "FILE") -> None:
    """`-o PATH` and `--force`, for every command that writes a file (`output.deliver`)."""
    parser.add_argument("-o", "--output", metavar=metavar, required=required,
                        help=help_text(help_key))
    parser.add_argument("--force", action="store_true", help=help_text("force"))


DOCUMENT_FORMATS = ("text", "html", "pdf")


def add_document_options(parser: argparse.ArgumentParser, formats=DOCUMENT_FORMATS,
                         output_required: bool = False) -> None:
    parser.add_argument("--format", choices=formats, default="text", help=help_text("format"))
    add_output_options(parser, output_required)
    parser.add_argument("--font", metavar="FILE", help=help_text("font"))


def help_text(name: str) -> str:
    return i18n.t(f"help.{name}")


# -- argument types -----------------------------------------------------------------------

def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("not_a_number", value=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(i18n.t("must_be_positive"))
    return value


def day(text: str):
    """A date as the rules read it (ISO)."""
    from ledger.rules import Problem, read_date

    try:
        return read_date(text)
    except Problem as problem:
        raise argparse.ArgumentTypeError(i18n.t(problem.reason, **problem.params)) from None
