"""The command palette's commands: every screen, every season, every record kind to
add, the wage sheet, the accountant's lists, the notice board, every household's sheets to
print, importing, exporting, backups, the language, the keys and quitting."""
from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ledger import i18n, stores, terms
from ledger.browse import HouseholdEntry, ReadModel, release
from ledger.i18n import t
from ledger.tui.safety import EXPECTED
from ledger.tui.screens.books import REPORTS

SCREENS = ("home", "households", "batches", "journal", "vouchers", "accounts", "books",
           "assets")
KINDS = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments", "batches",
         "households", "partners", "seasons")


def _household_entries(read_model: ReadModel) -> list[HouseholdEntry]:
    try:
        return read_model.households.entries()
    except EXPECTED:
        return []
    finally:
        release()  # the worker thread's connection


class LedgerCommands(Provider):
    async def startup(self) -> None:
        """Households are offered by code, name and pinyin initials; their index is read
        in a thread (the first time, pinyin for every name takes a moment)."""
        self.households = await asyncio.to_thread(_household_entries, self.app.read_model)

    def commands(self) -> list[tuple[str, object, str]]:
        """(text, callback, help) for everything the palette offers."""
        app = self.app
        found = [(t("tui.cmd.go", screen=t(f"tui.screen.{name}")),
                  partial(app.switch_mode, name), "") for name in SCREENS]
        seasons = app.read_model.seasons.all()
        found += [(t("tui.cmd.season", code=s.code, name=s.name),
                   partial(app.call_later, app.show_season, s.id), t("tui.cmd.season_help"))
                  for s in seasons]
        found += [(t("tui.cmd.add", kind=i18n.kind_label(kind)), partial(app.add_record, kind),
                   t("tui.cmd.add_help")) for kind in KINDS]
        found += self.ledger_commands()
        found += [(t("tui.cmd.new_voucher"), app.new_voucher, t("tui.cmd.vouchers"))]
        found += [(t("tui.cmd.go", screen=t(f"books.report.{report}")),
                   partial(app.call_later, app.show_book, report), "") for report in REPORTS]
        found += [(t("tui.cmd.year_end"), app.action_year_end, ""),
                  (t("tui.cmd.depreciate"), partial(app.call_later, app.depreciate), "")]
        other = "en" if i18n.language() == "zh" else "zh"
        found += [
            (t("tui.cmd.wage_sheet"), app.action_wage_sheet, ""),
            *((t("tui.cmd.list", list=t(f"list.{name}")), partial(app.open_word_list, name),
               t("tui.cmd.list_help")) for name in terms.LISTS),
            (t("tui.cmd.yield"), app.action_yield_book, ""),
            (t("tui.cmd.summary"), partial(app.run_action, "notice_board"), ""),
            (t("tui.cmd.language", language=t(f"tui.lang.{other}")),
             partial(app.run_action, "toggle_language"), ""),
            (t("tui.cmd.help"), app.action_toggle_keys, ""),
            (t("tui.cmd.quit"), app.exit, ""),
        ]
        return found

    def ledger_commands(self) -> list[tuple[str, object, str]]:
        """Closing the season, correcting the record under the cursor, the audit trail,
        backups: each where it makes sense."""
        app = self.app
        found = []
        season = app.season
        if season is not None:
            closed = season.is_closed
            found.append((t("tui.cmd.reopen" if closed else "tui.cmd.close", code=season.code),
                          app.reopen_season if closed else app.close_season, ""))
        screen = self.screen  # the screen the palette was opened on
        if hasattr(screen, "action_correct"):
            found += [(t("tui.cmd.reverse"), partial(screen.action_correct, "reverse"), ""),
                      (t("tui.cmd.amend"), partial(screen.action_correct, "amend"), "")]
        if season is not None:
            found.append((t("tui.cmd.edit_season", code=season.code), app.edit_season, ""))
        found.append((t("tui.cmd.edit_partner"), app.edit_partner, ""))
        found.append((t("tui.cmd.switch_ledger"), app.action_switch_ledger,
                      t("tui.cmd.switch_ledger_help") if stores.is_server(app.db_path)
                      else t("tui.switch.needs_server")))
        found += [(t("tui.cmd.log"), app.action_open_log, ""),
                  (t("tui.cmd.backup_now"), app.action_backup_now, ""),
                  (t("tui.cmd.backups"), app.action_backups, ""),
                  (t("tui.cmd.backup_to"), app.action_backup_to, ""),
                  (t("tui.cmd.restore_from"), app.action_restore_from, ""),
                  (t("tui.cmd.import"), app.action_import_files, ""),
                  (t("tui.cmd.export"), app.action_export_files, "")]
        if season is not None:
            found.append((t("tui.cmd.all_statements"), app.action_all_statements, ""))
        return found

    async def discover(self) -> Hits:
        for text, callback, help_text in self.commands():
            yield DiscoveryHit(text, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text,
                          help=help_text or None)
        needle = query.strip().lower()
        if len(needle) < 2:
            return
        for entry in self.households:
            if (entry.code.lower().startswith(needle) or needle in entry.name
                    or entry.initials.startswith(needle)):
                text = t("tui.cmd.household", code=entry.code, name=entry.name)
                # the name as written: a string prompt would be read as markup
                yield Hit(0.5, Content(text), partial(self.open_household, entry.code),
                          text=text)

    def open_household(self, code: str) -> None:
        from ledger.tui.screens.household import HouseholdScreen

        self.app.push_screen(HouseholdScreen(code))
