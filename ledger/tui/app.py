"""The Silk Ledger terminal app: its screens, keys, season and language.

`make_app` opens the ledger and builds the app; the `silk` command and the tests both
use it, so both run the same app. The app holds what every screen follows: the season
shown, the language, and a counter of saved changes; a screen redoes itself when one of
them differs from what it last showed.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from textual import work
from textual.app import App
from textual.command import CommandPalette
from textual.binding import Binding

from ledger import audit, db, i18n, stores
from ledger.browse import ReadModel, Season, lookup
from ledger.i18n import t
from ledger.tui import texts  # noqa: F401  (registers the UI's texts)
from ledger.tui import textual_compat
from ledger.tui.bindings import localize
from ledger.tui.commands import LedgerCommands
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.screens.batches import BatchesScreen
from ledger.tui.screens.choose import ChooseScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.households import HouseholdsScreen
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.screens.accounts import AccountsScreen
from ledger.tui.screens.assets import AssetsScreen
from ledger.tui.screens.books import BooksScreen
from ledger.tui.screens.vouchers import VouchersScreen

#: The kinds a user may add from the "add a record" chooser, most used first.
ADDABLE = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments", "batches",
           "households", "partners", "seasons", "vouchers")

#: The kinds that belong to no season, so a closed season does not stop them.
UNSEASONED = ("households", "partners", "seasons", "vouchers")


#: Textual's own commands by the title it gives them: the text key of their name.
SYSTEM_COMMANDS = {"Theme": "tui.system.theme", "Quit": "tui.system.quit",
                   "Keys": "tui.system.keys", "Minimize": "tui.system.minimize",
                   "Maximize": "tui.system.maximize", "Screenshot": "tui.system.screenshot"}


#: The keys of the four main screens share one place in the footer.
SCREENS = Binding.Group("tui.key.screens", compact=True)


class SilkApp(App):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {LedgerCommands}
    MODES = {"home": HomeScreen, "households": HouseholdsScreen, "batches": BatchesScreen,
             "journal": JournalScreen, "vouchers": VouchersScreen, "accounts": AccountsScreen,
             "books": BooksScreen, "assets": AssetsScreen}
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("question_mark", "toggle_keys", "tui.key.help", key_display="?"),
        Binding("g", "switch_mode('home')", "tui.key.home", group=SCREENS),
        Binding("h", "show_list('households')", "tui.key.households", group=SCREENS),
        Binding("b", "switch_mode('batches')", "tui.key.batches", group=SCREENS),
        Binding("j", "show_list('journal')", "tui.key.journal", group=SCREENS),
        Binding("v", "switch_mode('vouchers')", "books.key.vouchers", group=SCREENS),
        Binding("k", "switch_mode('accounts')", "books.key.accounts", group=SCREENS),
        Binding("z", "switch_mode('books')", "books.key.books", group=SCREENS),
        Binding("d", "switch_mode('assets')", "books.key.assets", group=SCREENS),
        Binding("N", "year_end", "books.key.year_end", key_display="N"),
        Binding("e", "choose_season", "tui.key.season"),
        Binding("left_square_bracket", "step_season(-1)", "tui.key.prev_season", show=False),
        Binding("right_square_bracket", "step_season(1)", "tui.key.next_season", show=False),
        Binding("a", "add_record", "tui.key.add"),
        Binding("w", "wage_sheet", "tui.key.wage_sheet"),
        Binding("o", "open_log", "tui.key.log"),
        Binding("y", "yield_book", "tui.key.yield", show=False),
        Binding("u", "backups", "tui.key.backups"),
        Binding("ctrl+b", "backup_now", "tui.key.backup_now"),
        Binding("I", "import_files", "tui.key.import", key_display="I"),
        Binding("E", "export_files", "tui.key.export", key_display="E"),
        Binding("f2", "toggle_language", "tui.key.language"),
        # on a township's server only (see `check_action`)
        Binding("L", "switch_ledger", "tui.key.switch_ledger", key_display="L"),
        Binding("q", "quit", "tui.key.quit"),
        # Textual's own palette key, given here so that its label is translated too.
        Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "tui.key.palette",
                show=False, priority=True),
    ]

    def __init__(self, db_path: str, read_model: ReadModel, **kwargs):
        super().__init__(**kwargs)
        self.db_path = db_path
        #: What every screen reads the ledger through (see ledger.browse).
        self.read_model = read_model
        self.season: Season | None = read_model.seasons.current()
        self.changes = 0
        #: Backups made from the app: the backups list redoes itself when it changes.
        self.backups_made = 0
        #: The last `check` of the ledger: (the data stamp it ran on, findings).
        self.checked: tuple[tuple[int, ...], list[str]] | None = None
        #: Whether the main screens are built, or left to be built when first shown
        #: (see `prepare_screens`).
        self.screens_prepared = False
        #: Whether to call `settle_memory` once they are: in the one app of a `silk`
        #: process, not in tests that make hundreds of apps in one.
        self.settles_memory = False
        #: The open village as the header shows it after the screen's name.
        self.place = ""
        #: The ledger's `write_stamp` when last shown: another accountant's write
        #: changes it, and the screen in view is read again (see `look_for_writes`).
        self.seen_writes: tuple[int, ...] | None = None

    #: Seconds between two looks for what another accountant wrote.
    LOOK_EVERY = 5.0

    def on_descendant_focus(self, event) -> None:
        """The widget taking the cursor names its keys in the reader's language (its
        Textual words, `Cursor down`, in the key help)."""
        localize(event.widget)

    def on_mount(self) -> None:
        localize(self)
        self._retitle()
        self.seen_writes = self._write_stamp()
        self.set_interval(self.LOOK_EVERY, self.look_for_writes)
        self.set_up_if_empty()

    def set_up_if_empty(self, back_to: str | None = None) -> None:
        """A ledger with no season yet opens on the first-run screen: on starting, and
        on switching to a new village's empty ledger alike (where Esc goes back to
        the village `back_to`)."""
        if self.read_model.seasons.is_empty():
            from ledger.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(back_to), self._set_up)

    # -- the main screens, built before they are asked for ------------------------------
    #: Built one at a time once the first screen has shown its figures, while the
    #: accountant reads it; their key then only switches to them. Composing a screen
    #: (Textual's CSS, some thirty widgets, its first page) takes a few hundred ms,
    #: which would otherwise come between every first key and its screen.
    PREPARED = ("households", "journal", "batches")
    #: Seconds after the first screen's figures show (so they are drawn first), and
    #: between two screens being prepared (so a key never waits long behind them).
    PREPARE_AFTER, PREPARE_GAP = 0.1, 0.05

    def prepare_screens(self) -> None:
        """Build the next main screen not built yet, and come back for the one after.
        Textual has no public way to build a mode's screen ahead of time (see
        textual_compat); where it cannot be done, screens are built when first shown."""
        if not self.is_running:
            return  # (not while the app shuts down: it is closing those very stacks)
        built = textual_compat.modes_built(self)
        pending = [mode for mode in self.PREPARED if built is not None and mode not in built]
        if pending:
            textual_compat.build_mode(self, pending[0])
            self.set_timer(self.PREPARE_GAP, self.prepare_screens)
        else:
            textual_compat.restyle_modes(self, self.PREPARED)
            self.screens_prepared = True
            if self.settles_memory:
                settle_memory()

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification as written: they quote names and files, which Textual
        would otherwise read as markup (see widgets/plain.py)."""
        super().notify(message, title=title, severity=severity, timeout=timeout,
                       markup=False)

    def _set_up(self, done: bool | None) -> None:
        if done:  # the screen below redoes itself as it resumes (see LedgerScreen)
            self.season = self.read_model.seasons.current()
            self.changes += 1
            self._retitle()

    def _retitle(self) -> None:
        village = db.get_meta("village")
        self.title = f"{t('tui.title')} · {village}" if village else t("tui.title")
        self.place = place(self.db_path, village)
        season = self.season
        shown = f"{season.code} {season.name}" if season else t("tui.no_season")
        # every screen's header: its own name, then the village open and the season
        self.sub_title = f"{self.place} · {shown}"

    # -- what another accountant wrote ----------------------------------------------------
    def _write_stamp(self) -> tuple[int, ...] | None:
        try:
            return self.read_model.seasons.write_stamp()
        except EXPECTED:
            return None  # (the ledger cannot be read just now: the next look tells)

    def on_app_focus(self) -> None:
        """The terminal's window comes back to the front: look at once."""
        self.look_for_writes()

    def look_for_writes(self, reload: bool = True) -> bool:
        """Read the screen in view again if anyone wrote to the ledger since it was
        shown (another accountant on the same server ledger, another window on the
        file); one statement of a few `MAX(id)`s, so it runs every few seconds. The
        other screens redo themselves as they are resumed (a screen resuming looks
        itself, with `reload` False: its redo reads it). True if something changed."""
        if not self.is_running:
            return False
        stamp = self._write_stamp()
        if stamp is None or self.seen_writes is None or stamp == self.seen_writes:
            if self.seen_writes is None:
                self.seen_writes = stamp
            return False
        self.checked = None
        if reload:
            self.records_changed()
        else:
            self.changes += 1
            self.seen_writes = stamp
        return True

    async def redo_screen(self) -> None:
        """Redo the screen in view after a change of season, language or records."""
        if isinstance(self.screen, LedgerScreen):
            await self.screen.redo()

    async def action_show_list(self, mode: str) -> None:
        """The list of a main screen, not the page last opened from it: the keys the
        accountant types next are meant for the list (a search, a filter). A form
        left open there, with what was typed in it, is kept and shown instead."""
        from ledger.tui.forms.base import FormScreen

        await self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, FormScreen):
            await self.pop_screen()

    # -- season ------------------------------------------------------------------------
    def action_choose_season(self) -> None:
        seasons = self._seasons()
        if not seasons:
            return
        options = [(str(s.id), season_option(s)) for s in seasons]
        current = str(self.season.id) if self.season else None
        self.push_screen(ChooseScreen(t("tui.pick.season"), options, current),
                         lambda chosen: chosen and self.call_later(self.show_season, int(chosen)))

    async def action_step_season(self, step: int) -> None:
        seasons = self._seasons()
        if not seasons or self.season is None:
            return
        ids = [s.id for s in seasons]
        index = ids.index(self.season.id) if self.season.id in ids else 0
        await self.show_season(ids[max(0, min(len(ids) - 1, index + step))])

    async def show_season(self, season_id: int) -> None:
        season = next((s for s in self._seasons() if s.id == season_id), None)
        if season is None or (self.season and season.id == self.season.id):
            return
        self.season = season
        await self.redo_screen()
        self._retitle()  # after: the header it would tell is replaced by the redo

    def _seasons(self) -> list[Season]:
        try:
            return self.read_model.seasons.all()
        except EXPECTED as error:
            self.notify(problem(error, self.db_path), severity="error")
            return []

    # -- language ----------------------------------------------------------------------
    async def action_toggle_language(self) -> None:
        i18n.set_language("en" if i18n.language() == "zh" else "zh")
        localize(self)
        if self.focused is not None:
            localize(self.focused)
        await self.redo_screen()
        self._retitle()  # after: the header it would tell is replaced by the redo
        self.refresh_bindings()

    def action_command_palette(self) -> None:
        """Textual's command palette, asking in the reader's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("tui.palette.search"),
                                            id="--command-palette"))

    def get_system_commands(self, screen):
        """Textual's own commands in the palette, named in the reader's language."""
        for command in super().get_system_commands(screen):
            key = SYSTEM_COMMANDS.get(command.title)
            yield (command if key is None
                   else command._replace(title=t(key), help=t(f"{key}.help")))

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_notice_board(self) -> None:
        if self.season is not None:
            from ledger.tui.screens.preview import PreviewScreen

            self.push_screen(PreviewScreen("summary"))

    # -- closing, the audit trail, backups ----------------------------------------------
    def season_is_closed(self) -> bool:
        """Whether the season shown is closed (read again: another window may close it)."""
        if self.season is None:
            return False
        self.season = self.read_model.seasons.by_id(self.season.id) or self.season
        return self.season.is_closed

    def refuse_closed(self) -> bool:
        """Say the season is closed, instead of opening a form it would refuse."""
        if not self.season_is_closed():
            return False
        self.notify(t("tui.season_closed", season=self.season.code), severity="warning",
                    timeout=8)
        return True

    def close_season(self) -> None:
        from ledger.tui.screens.close import CloseScreen

        if self.season is not None and not self.season_is_closed():
            self.push_screen(CloseScreen(self.season), self.season_changed)

    def reopen_season(self) -> None:
        from ledger.tui.screens.close import ReopenScreen

        if self.season is not None and self.season_is_closed():
            self.push_screen(ReopenScreen(self.season), self.season_changed)

    def season_changed(self, text: str | None) -> None:
        """After a close or reopen: the message, and every screen redone."""
        if text:
            self.notify(text)
            self.season_is_closed()
            self.checked = None
            self.records_changed()

    def action_open_log(self, kind: str | None = None, record_id: int | None = None) -> None:
        from ledger.tui.screens.log import LogScreen

        self.push_screen(LogScreen(kind, record_id))

    def action_yield_book(self) -> None:
        from ledger.tui.screens.yields import YieldScreen

        self.push_screen(YieldScreen())

    def action_backups(self) -> None:
        from ledger.tui.screens.backups import BackupsScreen

        self.push_screen(BackupsScreen())

    # -- files in and out, a backup to a folder, printing every sheet ------------------
    def action_import_files(self) -> None:
        from ledger.tui.screens.files import ImportScreen

        self.push_screen(ImportScreen())

    def action_export_files(self) -> None:
        from ledger.tui.screens.files import ExportScreen

        self.push_screen(ExportScreen())

    def action_backup_to(self) -> None:
        from ledger.tui.screens.files import BackupToScreen

        self.push_screen(BackupToScreen())

    def action_restore_from(self) -> None:
        from ledger.tui.screens.files import RestoreFromScreen

        self.push_screen(RestoreFromScreen())

    def action_all_statements(self) -> None:
        """Every household's settlement sheet of the season, previewed, to print."""
        if self.season is not None:
            from ledger.tui.screens.preview import PreviewScreen

            self.push_screen(PreviewScreen("statements"))

    def action_backup_now(self) -> None:
        self.notify(t("tui.backup.working"))
        self._backup_now()

    @work(thread=True, exclusive=True, group="backup")
    def _backup_now(self) -> None:
        from ledger import backup

        try:
            made = backup.backup(self.db_path)
        except EXPECTED as error:
            self.call_from_thread(self.notify, problem(error, self.db_path), severity="error")
            return
        self.call_from_thread(self._backed_up, made)

    def _backed_up(self, made: Path) -> None:
        self.backups_made += 1
        self.notify(t("backup_done", ledger=stores.shown(self.db_path), path=str(made)), timeout=10)
        self.call_later(self.redo_screen_if_stale)

    async def redo_screen_if_stale(self) -> None:
        screen = self.screen
        if isinstance(screen, LedgerScreen) and screen.shown_as != screen.state():
            await screen.redo()

    def reopen_ledger(self, text: str, address: str | None = None,
                      back_to: str | None = None) -> None:
        """After a restore: open the restored ledger afresh, forget every figure kept
        from the old one, and show the screens again from their roots. With `address`,
        the ledger at that address is opened instead (another village on the server)."""
        self.read_model.release()
        self.read_model.reopened(db.open_ledger(address or self.db_path))
        if address:
            self.db_path = address
        self.seen_writes = self._write_stamp()
        season = self.season
        self.season = ((self.read_model.seasons.by_code(season.code) if season else None)
                       or self.read_model.seasons.current())
        self.checked = None
        self._retitle()
        self.changes += 1  # each screen redoes itself as it resumes (see LedgerScreen)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen_stack[0], LedgerScreen):
            self.screen_stack[0].reopened()
        self._rebuild_other_modes()
        self.notify(text, timeout=10)
        self.set_up_if_empty(back_to)

    def unsaved_work(self) -> list[str]:
        """The forms and dialogs open anywhere in the app, under any main screen, with
        something typed in them (each says so by its `typed()`): what replacing the open
        ledger (a restore, another village) would close."""
        from textual.css.query import NoMatches

        found = []
        for screen in textual_compat.every_screen(self):
            typed = getattr(screen, "typed", None)
            if not callable(typed) or not screen.is_mounted:
                continue
            try:
                if typed():
                    found.append(screen.work_name())
            except NoMatches:  # (a screen being composed or taken down: nothing typed yet)
                continue
        return found

    def with_unsaved_work(self, text: str, unsaved: list[str] | None = None) -> str:
        """`text`, the question before the ledger is replaced, and the unsaved work it
        would lose (`unsaved`, or as found now), if any."""
        unsaved = self.unsaved_work() if unsaved is None else unsaved
        if not unsaved:
            return text
        return f"{text}\n\n" + t("tui.unsaved.lost", forms=t("tui.unsaved.sep").join(unsaved))

    def _rebuild_other_modes(self) -> None:
        """Every main screen but the one in view is built afresh when next shown (and
        prepared again, see `prepare_screens`): a page opened on the ledger before, a
        household's, never comes back showing what it read there."""
        for mode, screen in self.MODES.items():
            if mode != self.current_mode:
                self.remove_mode(mode)
                self.add_mode(mode, screen)

    # -- the other villages of a township's server ----------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """The key to switch villages shows on a server's ledger only."""
        if action == "switch_ledger":
            return stores.is_server(self.db_path)
        return True

    def action_switch_ledger(self) -> None:
        """The server's ledgers (code, village) to choose one from; on a file, why not."""
        if not stores.is_server(self.db_path):
            self.notify(t("tui.switch.needs_server"), severity="warning", timeout=8)
            return
        from ledger.stores import postgresql

        try:
            found = postgresql.ledgers(self.db_path)
        except EXPECTED as error:
            self.notify(problem(error, self.db_path), severity="error")
            return
        options = [(code, f"{code}  {village or '-'}") for code, village in found]
        current = postgresql.parse(self.db_path).ledger
        self.push_screen(ChooseScreen(t("tui.pick.ledger"), options, current),
                         lambda code: code and code != current and self._ask_to_switch(code))

    def _ask_to_switch(self, code: str) -> None:
        """Switch at once; or, with a form's unsaved work that the switch would close,
        once the accountant has said so."""
        unsaved = self.unsaved_work()
        if not unsaved:
            self.call_later(self.switch_ledger, code)
            return
        from ledger.tui.screens.backups import ConfirmScreen

        text = t("tui.switch.explain", code=code, ledger=self.place or stores.shown(self.db_path))
        self.push_screen(ConfirmScreen(t("tui.switch.title", code=code),
                                       self.with_unsaved_work(text, unsaved)),
                         lambda yes: yes and self.call_later(self.switch_ledger, code))

    async def switch_ledger(self, code: str) -> None:
        """Open ledger `code` of the same server database as the restore reopens one,
        and show its home screen; the ledger open before stays open if it cannot be."""
        from ledger.stores import postgresql

        where = postgresql.parse(self.db_path)
        if code == where.ledger:
            return
        await self.switch_mode("home")
        before = self.db_path
        try:
            self.reopen_ledger(t("tui.switch.done", code=code), where.of(code),
                               back_to=where.ledger)
        except EXPECTED as error:
            self.notify(problem(error, where.of(code)), severity="error")
            self.read_model.reopened(db.open_ledger(before))
            self.set_up_if_empty()  # (back to an empty ledger's first-run screen)
            return
        await self.redo_screen()  # (the first-run screen instead, on an empty ledger)

    # -- adding records: the entry forms live in ledger.tui.forms ----------------------
    def action_add_record(self) -> None:
        screen = self.screen
        preset = getattr(screen, "preset", None)
        options = [(kind, i18n.kind_label(kind)) for kind in ADDABLE]
        self.push_screen(ChooseScreen(t("tui.pick.kind"), options),
                         lambda kind: kind and self.add_record(kind,
                                                               preset(kind) if preset else None))

    def add_record(self, kind: str, preset: dict[str, str] | None = None) -> None:
        if kind == "vouchers":
            self.new_voucher()
            return
        if kind not in UNSEASONED and self.refuse_closed():
            return
        try:
            from ledger.tui.forms.entry import EntryForm
        except ImportError:
            self.notify(t("tui.forms_missing"), severity="error")
            return
        season = self.season.code if self.season else None
        self.push_screen(EntryForm(kind, season=season, preset=preset or None), self._saved)

    def action_wage_sheet(self) -> None:
        if self.season is None or self.refuse_closed():
            return
        try:
            from ledger.tui.forms.wage_sheet import WageSheet
        except ImportError:
            self.notify(t("tui.forms_missing"), severity="error")
            return
        self.push_screen(WageSheet(self.season.code), self._wages_saved)

    def open_word_list(self, name: str) -> None:
        """One of the accountant's lists (茧等级, 投入品项目, 收费项目), to look over and
        add a word to."""
        from ledger.tui.forms.terms import WordListScreen

        self.push_screen(WordListScreen(name), lambda word: word and self.notify(
            t("list.added", word=word, list=t(f"list.{name}"))))

    # -- the whole books: vouchers and the chart -----------------------------------------
    def new_voucher(self) -> None:
        """The voucher form (记账凭证); the screens are redone when one is saved."""
        from ledger.tui.forms.voucher import VoucherForm

        self.push_screen(VoucherForm(), self._saved)

    def add_account(self, parent: str = "") -> None:
        from ledger.tui.forms.account import AccountForm

        self.push_screen(AccountForm(parent), self._saved)

    async def show_book(self, report: str) -> None:
        """The books screen showing `report` (科目余额表, 现金日记账 ...)."""
        await self.switch_mode("books")
        screen = self.screen
        if isinstance(screen, BooksScreen) and screen.report != report:
            screen.choose(report)

    async def depreciate(self) -> None:
        """The fixed-asset register, with a month's depreciation to preview and post."""
        await self.switch_mode("assets")
        if isinstance(self.screen, AssetsScreen):
            self.screen.action_depreciate()

    # -- master data: households and batches from their pages, seasons, partners --------
    def edit_master(self, kind: str, code: str) -> None:
        """The edit form of a household, partner, season or batch (`ledger.masterdata`):
        changed for a reason, audited; the screens are redone after a change."""
        from ledger.tui.forms.edit import EditForm

        def edited(changed: dict[str, tuple] | None) -> None:
            if changed:
                self.notify(t("tui.edited", code=code, changes=", ".join(
                    f"{old} → {new}" for old, new in changed.values())))
                if kind == "seasons" and self.season is not None:
                    # the season shown is a snapshot: read it again, with its new dates
                    shown = self.season.id
                    self.season = next((s for s in self._seasons() if s.id == shown),
                                       self.season)
                    self._retitle()
                self.records_changed()

        self.push_screen(EditForm(kind, code), edited)

    def edit_season(self) -> None:
        """The season shown: its name and dates."""
        if self.season is not None:
            self.edit_master("seasons", self.season.code)

    def edit_partner(self) -> None:
        """A partner chosen from the list (buyers, suppliers): its name, phone and note."""
        partners = lookup.Parties(("partner",)).all()
        if not partners:
            self.notify(t("tui.no_partners"))
            return
        options = [(match.code, f"{match.code}  {match.label}") for match in partners]
        self.push_screen(ChooseScreen(t("tui.pick.partner"), options),
                         lambda code: code and self.edit_master("partners", code))

    def action_year_end(self) -> None:
        from ledger.tui.screens.year_end import YearEndScreen

        self.push_screen(YearEndScreen(), self.season_changed)

    def _saved(self, record_id: int | None) -> None:
        if record_id is not None:
            self._changed()

    def _wages_saved(self, count: int | None) -> None:
        if count:
            self.notify(t("tui.wages_saved", count=count))
            self._changed()

    def records_changed(self) -> None:
        """Records were added or corrected: every screen reads its figures again."""
        self._changed()

    def _changed(self) -> None:
        self.changes += 1
        self.seen_writes = self._write_stamp()
        if self.season is None:
            self.season = self.read_model.seasons.current()
            self._retitle()
        self.call_later(self._reload_screen)

    def _reload_screen(self) -> None:
        if isinstance(self.screen, LedgerScreen):
            self.screen.load()




def place(address: str, village: str | None) -> str:
    """The open ledger as the header names it: `桑园村 · sangyuan @ 127.0.0.1/township`
    on a server (no user or password), `桑园村 · ledger.db` for a file."""
    name = village or t("tui.no_village")
    if stores.is_server(address):
        from urllib.parse import urlsplit

        from ledger.stores import postgresql

        where = postgresql.parse(address)
        return f"{name} · {where.ledger} @ {urlsplit(address).hostname}/{where.database}"
    return f"{name} · {Path(address).name}"


def season_option(season: Season) -> str:
    """A season as the season picker lists it, marked 已结账 once closed."""
    line = f"{season.code}  {season.name}  {season.start} – {season.end}"
    return f"{line}  · {t('tui.home.closed')}" if season.is_closed else line


def settle_memory() -> None:
    """Once the app has started: collect what starting left behind and exempt the rest
    (widgets, screens, CSS, kept figures) from later garbage collections. CPython's
    collector otherwise walks every object of every screen now and then, which held a
    key back by up to 230 ms in the benchmark."""
    gc.collect()
    gc.freeze()


def run(db_path: str | os.PathLike, lang: str | None = None,
        operator: str | None = None) -> None:
    """The terminal UI for a person: `make_app`, settling memory once started."""
    app = make_app(db_path, lang=lang, operator=operator)
    app.settles_memory = True
    app.run()


def make_app(db_path: str | os.PathLike, lang: str | None = None,
             operator: str | None = None) -> SilkApp:
    """Open (or create) the ledger at `db_path` and build the app on it; `operator` names
    who is writing, for the audit trail (by default the computer's user name)."""
    i18n.set_language(lang)
    if operator:
        audit.set_operator(operator)
    database = db.open_ledger(db_path, create=True)
    # (a server's address is kept as written: as a path its `//` would become `/`)
    address = str(db_path) if stores.is_server(db_path) else str(Path(db_path))
    return SilkApp(address, ReadModel(database))
