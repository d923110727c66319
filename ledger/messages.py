"""Every text a user reads, in English and Chinese: key -> (English, 中文).

Keys are grouped by prefix: `kind.` record kinds, `field.` field names, `party.` party
kinds, `col.` report columns, `help.` command-line help; bare keys are messages.
A test checks that both languages use the same placeholders.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- record kinds ------------------------------------------------------------------
    "kind.households": ("household", "农户"),
    "kind.partners": ("partner", "合作单位"),
    "kind.seasons": ("season", "蚕季"),
    "kind.batches": ("batch", "蚕批"),
    "kind.leaf": ("leaf delivery", "桑叶供应"),
    "kind.sales": ("cocoon sale", "售茧"),
    "kind.inputs": ("input", "投入"),
    "kind.wages": ("wage", "工资"),
    "kind.charges": ("charge", "收费"),
    "kind.subsidies": ("subsidy", "补助"),
    "kind.payments": ("payment", "结算款"),
    # -- party kinds -------------------------------------------------------------------
    "party.household": ("household", "农户"),
    "party.partner": ("partner", "合作单位"),
    "party.collective": ("collective", "村集体"),
    # -- fields ------------------------------------------------------------------------
    "field.code": ("code", "编号"),
    "field.name": ("name", "名称"),
    "field.group": ("village group", "村民小组"),
    "field.phone": ("phone", "电话"),
    "field.shares": ("shares", "股份"),
    "field.note": ("note", "备注"),
    "field.start": ("start", "开始日期"),
    "field.end": ("end", "结束日期"),
    "field.season": ("season", "蚕季"),
    "field.owner": ("owner", "所有者"),
    "field.sheets": ("sheets", "张数"),
    "field.breed": ("breed", "品种"),
    "field.hatch": ("hatch", "收蚁"),
    "field.mount": ("mount", "上蔟"),
    "field.harvest": ("harvest", "采茧"),
    "field.date": ("date", "日期"),
    "field.batch": ("batch", "蚕批"),
    "field.supplier": ("supplier", "供应方"),
    "field.kg": ("kg", "重量(公斤)"),
    "field.price": ("price", "单价"),
    "field.buyer": ("buyer", "收购方"),
    "field.grade": ("grade", "等级"),
    "field.deduction": ("deduction", "扣款"),
    "field.item": ("item", "项目"),
    "field.quantity": ("quantity", "数量"),
    "field.unit": ("unit", "单位"),
    "field.amount": ("amount", "金额"),
    "field.payer": ("payer", "付款方"),
    "field.household": ("household", "农户"),
    "field.worker": ("worker", "务工人员"),
    "field.task": ("task", "工种"),
    "field.rate": ("rate", "工价"),
    "field.recipient": ("recipient", "受助方"),
    "field.source": ("source", "来源"),
    "field.direction": ("direction", "方向"),
    "field.method": ("method", "方式"),
    "field.memo": ("memo", "摘要"),
    # -- field problems ----------------------------------------------------------------
    "required": ("required, but empty", "必填，但为空"),
    "not_text": ("must be text", "应为文字"),
    "control_character": ("contains a control character", "含有控制字符"),
    "too_long": ("longer than {limit} characters", "超过 {limit} 个字符"),
    "bad_code": ("'{value}' is not a valid code (letters, digits, - _ . ; at most 32)",
                 "“{value}”不是有效编号（字母、数字、- _ .，最多 32 个）"),
    "bad_date": ("'{value}' is not a date (YYYY-MM-DD)", "“{value}”不是日期（应为 YYYY-MM-DD）"),
    "not_a_number": ("'{value}' is not a number", "“{value}”不是数字"),
    "not_exact": ("must be an exact decimal, not a float", "应为精确小数，不能是浮点数"),
    "not_finite": ("'{value}' is not a finite number", "“{value}”不是有限数值"),
    "too_many_decimals": ("more than {places} decimal places", "小数位超过 {places} 位"),
    "too_large": ("larger than {limit:,}", "超过 {limit:,}"),
    "must_be_positive": ("must be greater than zero", "应大于零"),
    "must_not_be_negative": ("must not be negative", "不能为负数"),
    "bad_choice": ("'{value}' is not one of: {choices}", "“{value}”不在可选值中：{choices}"),
    "unknown_party": ("no household or partner with code {code}",
                      "没有编号为 {code} 的农户或合作单位"),
    "unknown_season": ("no season with code {code}", "没有编号为 {code} 的蚕季"),
    "refused_above": ("{code} is refused above, so this row cannot be checked against it",
                      "{code} 已在前面被拒绝，无法据此核对本行"),
    "unknown_batch": ("no batch with code {code}", "没有编号为 {code} 的蚕批"),
    "party_must_be.partner": ("{code} is not a partner; this must be a partner",
                              "{code} 不是合作单位，此处应为合作单位"),
    "party_must_be.household": ("{code} is not a household; this must be a household",
                                "{code} 不是农户，此处应为农户"),
    "party_must_be.collective_household": (
        "{code} is a partner; this must be a household or COLLECTIVE",
        "{code} 是合作单位，此处应为农户或村集体"),
    "party_must_be.collective_household_partner": ("{code} cannot be used here",
                                                   "{code} 不能用于此处"),
    "outside_season": ("{date} is outside season {season} ({start} to {end})",
                       "{date} 不在蚕季 {season}（{start} 至 {end}）之内"),
    "reserved_code": ("{code} is reserved for the village collective",
                      "{code} 是村集体的保留编号"),
    "duplicate_code": ("code {code} is already used", "编号 {code} 已被使用"),
    "self_dealing": ("{code} cannot earn from itself: its own leaf or labour carries no price "
                     "(record it at 0, or not at all)",
                     "{code} 不能从自己处获得收入：自家桑叶或劳力不计价（按 0 记录，或不记录）"),
    "end_before_start": ("ends before it starts ({start})", "结束日期早于开始日期（{start}）"),
    "season_overlap": ("overlaps season {code} ({start} to {end})",
                       "与蚕季 {code}（{start} 至 {end}）重叠"),
    "mount_before_hatch": ("mount is before hatch ({hatch})", "上蔟日期早于收蚁日期（{hatch}）"),
    "harvest_before_mount": ("harvest is before mount ({mount})",
                             "采茧日期早于上蔟日期（{mount}）"),
    "harvest_before_hatch": ("harvest is before hatch ({hatch})",
                             "采茧日期早于收蚁日期（{hatch}）"),
    "product_too_large": ("the amount it comes to is larger than {limit:,} yuan",
                          "计算所得金额超过 {limit:,} 元"),
    "deduction_exceeds_sale": ("deduction is larger than the sale ({gross} yuan)",
                               "扣款大于售茧金额（{gross} 元）"),
    "more_problems": ("... and more problems: {count}", "……另有 {count} 个问题"),
    "record_refused": ("problems found: {count}; nothing was recorded",
                       "{count} 个问题；未记录任何内容"),
    # -- ledger files ------------------------------------------------------------------
    "db_is_directory": ("{path} is a folder, not a ledger file", "{path} 是文件夹，不是账本文件"),
    "db_missing": ("no ledger at {path}; create one with 'silk init' or 'silk demo'",
                   "{path} 处没有账本；请先运行 silk init 或 silk demo 创建"),
    "db_not_ledger": ("{path} is not a Silk Ledger file", "{path} 不是蚕桑账本文件"),
    "db_folder_missing": ("folder {path} does not exist", "文件夹 {path} 不存在"),
    "db_unreadable": ("cannot read ledger {path}: {reason}", "无法读取账本 {path}：{reason}"),
    "db_too_new": ("this ledger has schema version {version}; this program knows up to "
                   "{supported}; please upgrade silk-ledger",
                   "此账本的结构版本为 {version}，本程序最高支持 {supported}；请升级 silk-ledger"),
    "internal_error": ("unexpected error ({error}). A write that was under way was undone; "
                       "run 'silk check' before trying again. SILK_DEBUG=1 shows the details; "
                       "please report it.",
                       "意外错误（{error}）。进行中的写入已撤销；重试前请先运行 silk check。"
                       "设置 SILK_DEBUG=1 可查看详情，请报告此问题。"),
    "interrupted": ("interrupted; the command's unfinished writes were undone",
                    "已中断；该命令未完成的写入已撤销"),
    "db_error": ("database error in {path}: {reason}", "账本 {path} 数据库错误：{reason}"),
    "db_migration_broken": ("upgrading the ledger to version {version} would break links in "
                            "table {table}; the ledger was left as it was",
                            "升级账本到版本 {version} 会破坏表 {table} 中的关联；账本保持原样"),
    "db_busy": ("the ledger is busy in another window; try again in a moment",
                "账本正被另一个窗口使用；请稍后再试"),
    "db_readonly": ("the ledger file is read-only; nothing was recorded",
                    "账本文件只读；未记录任何内容"),
    "db_exists": ("{path} already holds a ledger with records; choose another --db",
                  "{path} 已有含记录的账本；请用 --db 指定其他文件"),
    "no_such_season": ("no season with code {code}", "没有编号为 {code} 的蚕季"),
    # -- check ---------------------------------------------------------------------------
    "check_voucher_unbalanced": ("voucher {voucher} does not balance: debit {debit}, credit "
                                 "{credit} yuan",
                                 "凭证 {voucher} 借贷不平：借方 {debit} 元，贷方 {credit} 元"),
    "check_voucher_empty": ("voucher {voucher} has no postings", "凭证 {voucher} 没有分录"),
    "check_posting_malformed": ("voucher {voucher} has a posting that is not one positive debit "
                                "or credit", "凭证 {voucher} 有分录不是单一的正数借方或贷方"),
    "check_voucher_lines": ("voucher {voucher} has {count} postings instead of 2",
                            "凭证 {voucher} 有 {count} 条分录，应为 2 条"),
    "check_record_unposted": ("{kind} record {record} ({amount} yuan) has no voucher",
                              "{kind}记录 {record}（{amount} 元）没有记账凭证"),
    "check_voucher_orphan": ("voucher {voucher} is for {kind} record {record}, which is missing "
                             "(deleted outside the program)",
                             "凭证 {voucher} 所记的{kind}记录 {record} "
                             "不存在（在本程序之外被删除）"),
    "check_amount_wrong": ("{kind} record {record} of {date}: amount {amount} yuan is not its "
                           "quantity × price",
                           "{kind}记录 {record}（{date}）：金额 {amount} 元不等于数量 × 单价"),
    "check_amount_negative": ("{kind} record {record} of {date}: amount {amount} yuan is negative",
                              "{kind}记录 {record}（{date}）：金额 {amount} 元为负数"),
    "check_date_outside": ("{kind} record {record}: date {date} is outside its season",
                           "{kind}记录 {record}：日期 {date} 不在所属蚕季内"),
    "check_season_not_batch": ("{kind} record {record} is not in its batch's season",
                               "{kind}记录 {record} 与其蚕批不在同一蚕季"),
    "check_balance_drift": ("kept balance of account {account} in season {season} differs "
                            "from its postings", "科目 {account} 在蚕季 {season} 的余额与分录不符"),
    "check_flow_drift": ("kept figure {figure} of {party} in season {season} differs from "
                         "its records", "蚕季 {season} 中 {party} 的 {figure} 留存合计与记录不符"),
    "check_income_sum": ("season {season}: net incomes add up to {net} yuan, but money from "
                         "outside less purchases from partners is {outside} yuan",
                         "蚕季 {season}：各方纯收入合计 {net} 元，与外部收入减外购支出 "
                         "{outside} 元不符"),
    "check_collective_income": ("season {season}: the collective's net income is {computed} "
                                "yuan from its records but {accounts} yuan in its income and "
                                "expense accounts",
                                "蚕季 {season}：村集体按记录纯收入 {computed} 元，"
                                "收支科目为 {accounts} 元"),
    "check_household_balance": ("season {season}: household {household} balance {computed} yuan "
                                "from its records, but its 113 account says {kept} yuan",
                                "蚕季 {season}：农户 {household} 按记录余额 {computed} 元，"
                                "内部往来科目为 {kept} 元"),
    # -- import --------------------------------------------------------------------------
    "import_unknown_file": ("cannot tell what {path} holds from its name; name it one of: {kinds}",
                            "无法从文件名判断 {path} 的内容；请命名为：{kinds}"),
    "import_empty_folder": ("folder {path} has no .csv files", "文件夹 {path} 中没有 .csv 文件"),
    "import_missing_file": ("{path} does not exist", "{path} 不存在"),
    "import_bad_csv": ("{path}:{line}: not valid CSV: {reason}",
                       "{path}:{line}：CSV 格式错误：{reason}"),
    "import_no_header": ("the file is empty; it needs a header row", "文件为空，缺少表头行"),
    "import_unknown_column": ("unknown column; the columns are: {columns}",
                              "未知的列；应有的列为：{columns}"),
    "import_duplicate_column": ("column appears twice", "列名重复"),
    "import_missing_column": ("column is missing from the header", "表头缺少此列"),
    "import_row_width": ("the row has {found} fields, the header {expected}",
                         "此行有 {found} 个字段，表头有 {expected} 个"),
    # -- report columns ------------------------------------------------------------------
    "col.code": ("Code", "编号"),
    "col.name": ("Head of household", "户主"),
    "col.sheets": ("Sheets", "张数"),
    "col.cocoon_kg": ("Cocoon kg", "蚕茧（公斤）"),
    "col.kg_per_sheet": ("kg/sheet", "公斤/张"),
    "col.cocoon_income": ("Cocoon income", "售茧收入"),
    "col.other_income": ("Other income", "其他收入"),
    "col.cost": ("Costs", "支出"),
    "col.net_income": ("Net income", "纯收入"),
    "col.paid": ("Settled (net)", "本季结算（净额）"),
    "col.balance": ("Balance owed", "应付余额"),
    "col.total": ("Total", "合计"),
    "collective_name": ("Village collective", "村集体"),
    "col.account": ("Account", "科目编码"),
    "col.account_name": ("Account name", "科目名称"),
    "col.opening_debit": ("Opening Dr", "期初借方"),
    "col.opening_credit": ("Opening Cr", "期初贷方"),
    "col.debit": ("Period Dr", "本期借方"),
    "col.credit": ("Period Cr", "本期贷方"),
    "col.closing_debit": ("Closing Dr", "期末借方"),
    "col.closing_credit": ("Closing Cr", "期末贷方"),
    "season_title": ("Season {code} {name} ({start} to {end})",
                     "蚕季 {code} {name}（{start} 至 {end}）"),
    "trial_balance_title": ("Trial balance", "科目余额表"),
    "trial_balance_season": ("Trial balance, season {code}", "科目余额表（蚕季 {code}）"),
    "balanced": ("Debits equal credits.", "借贷平衡。"),
    "not_balanced": ("DEBITS AND CREDITS DIFFER.", "借贷不平！"),
    # -- command line --------------------------------------------------------------------
    "help.silk": ("Silk Ledger (蚕桑账本): the books of a sericulture village cooperative. "
                  "Without a command, shows what the ledger holds.",
                  "蚕桑账本：村集体蚕桑合作社的账簿。不带命令时显示账本概况。"),
    "help.version": ("show the program's version and exit", "显示版本号并退出"),
    "help.db": ("ledger file or postgresql://…?ledger=CODE address (default: $SILK_DB, else "
                "./ledger.db)",
                "账本文件（默认：$SILK_DB，否则为当前目录的 ledger.db）"),
    "help.lang": ("language of output and help (default: from the locale)",
                  "输出和帮助的语言（默认：跟随系统区域设置）"),
    "help.commands": ("commands", "命令"),
    "help.init": ("create an empty ledger (a file, or a ledger on a PostgreSQL server)",
                  "创建空账本（文件，或 PostgreSQL 服务器上的账本）"),
    "help.village": ("the village's name", "村名"),
    "help.collective": ("the collective's name, as on its documents (default: "
                        "VILLAGE股份经济合作社)",
                        "集体经济组织名称，用于单据抬头（默认：村名+股份经济合作社）"),
    "help.demo": ("fill a new ledger with a realistic demo village",
                  "用一个逼真的示范村填充新账本"),
    "help.households": ("number of households (default 150)", "农户数（默认 150）"),
    "help.seasons": ("number of seasons (default 3)", "蚕季数（默认 3）"),
    "help.seed": ("random seed; the same seed gives the same village (default 1)",
                  "随机种子；相同种子生成相同的村（默认 1）"),
    "help.import": ("import canonical CSV files or folders of them",
                    "导入标准 CSV 文件或其所在文件夹"),
    "help.import_long": ("Import CSV files (UTF-8 or GBK) and .xlsx workbooks, or folders of "
                         "them; the kind comes from the file name, in English or Chinese "
                         "(households.csv or 农户.csv, partners/合作单位, seasons/蚕季, "
                         "batches/蚕批, "
                         "leaf/桑叶, sales/售茧, inputs/投入, wages/工资, charges/收费, "
                         "subsidies/补助, payments/结算款) or from --map. Columns may have their "
                         "Chinese names. All in one transaction: if any row is wrong, every "
                         "problem is listed and nothing is imported.",
                         "导入 CSV 文件（UTF-8 或 GBK）和 .xlsx 工作簿，"
                         "或包含它们的文件夹；按文件名"
                         "识别类别，中英文均可（households.csv 或 农户.csv、partners/合作单位、"
                         "seasons/蚕季、batches/蚕批、leaf/桑叶、sales/售茧、inputs/投入、wages/工资、"
                         "charges/收费、subsidies/补助、payments/结算款），或由 --map "
                         "指定。列名可用"
                         "中文。全部在一个事务中完成：任何一行有错，列出所有问题，不导入任何内容。"),
    "help.import_paths": ("CSV or xlsx files, or folders", "CSV 或 xlsx 文件，或文件夹"),
    "help.report": ("print a report", "打印报表"),
    "help.reports": ("reports", "报表"),
    "help.report_season": ("every household's and the collective's income for a season",
                           "某蚕季各农户及村集体的收益"),
    "help.season_code": ("season code, e.g. 2026-1", "蚕季编号，例如 2026-1"),
    "help.format": ("output format (default: text)", "输出格式（默认：text）"),
    "help.report_trial": ("trial balance of every account (科目余额表)",
                          "科目余额表：各科目的期初、发生额与期末余额"),
    "help.trial_season": ("only this season's movements, with balances before and after",
                          "仅本蚕季发生额，并列出期初、期末余额"),
    "help.check": ("verify the books: every voucher balances, every record is posted, "
                   "every balance agrees", "检查账目：凭证借贷平衡、记录均已记账、余额一致"),
    "nothing_written": ("Problems found: {count}; nothing was written to the ledger.",
                        "发现 {count} 个问题；账本未作任何改动。"),
    "overview_head": ("Ledger {path} — village: {village}", "账本 {path} —— 村：{village}"),
    "overview_empty": ("The ledger is empty. Start with 'silk demo' for a demo village, or "
                       "'silk import FOLDER' to load your CSV files.",
                       "账本为空。可运行 silk demo 生成示范村，或 silk import 文件夹 导入 "
                       "CSV 文件。"),
    "overview_season": ("  season {code} {name} ({start} to {end}): {count} records",
                        "  蚕季 {code} {name}（{start} 至 {end}）：{count} 条记录"),
    "overview_hint": ("See a season with 'silk report season {season}'; 'silk --help' lists "
                      "every command.", "查看蚕季：silk report season {season}；"
                      "全部命令：silk --help"),
    "init_ready": ("Ledger {path} is ready (village: {village}).",
                   "账本 {path} 已就绪（村：{village}）。"),
    "init_done": ("Created ledger {path} (village: {village}).",
                  "已创建账本 {path}（村：{village}）。"),
    "demo_done": ("Filled {path} with the demo village {village}.",
                  "已在 {path} 生成示范村 {village}。"),
    "added": ("  {kind}: {count}", "  {kind}：{count} 条"),
    "added_total": ("{count} records added.", "共新增 {count} 条记录。"),
    "added_head": ("Added:", "新增："),
    "check_failed": ("Problems found: {count}.", "发现 {count} 个问题。"),
    "check_progress": ("Checking the books… step {step} of {steps}",
                       "正在核对账目… 第 {step}/{steps} 步"),
    "import_progress": ("Reading… {count} rows so far", "正在读取… 已读 {count} 行"),
    "check_ok": ("The books are sound: {records} records, {vouchers} vouchers, all balanced.",
                 "账目无误：{records} 条记录，{vouchers} 张凭证，借贷平衡。"),
    # -- settlement sheets and the notice board -----------------------------------------
    "doc.statement": ("Settlement sheet", "结算单"),
    "doc.statement_title": ("{village} sericulture settlement sheet, season {season}",
                            "{village}蚕桑结算单（{season}）"),
    "doc.summary_title": ("{village} sericulture accounts for the notice board, season {season}",
                          "{village}蚕桑财务公开表（{season}）"),
    "doc.collective": ("Collective", "集体经济组织"),
    "doc.season": ("Season", "蚕季"),
    "doc.period": ("{start} to {end}", "{start} 至 {end}"),
    "doc.household": ("Household", "户号"),
    "doc.head": ("Head of household", "户主"),
    "doc.group": ("Village group", "村民小组"),
    "doc.balance_in": ("Balance carried in", "期初余额"),
    "doc.net_income": ("Net income this season", "本季纯收入"),
    "doc.paid": ("Settled this season (net)", "本季结算（净额）"),
    "doc.balance_out": ("Balance carried out", "期末余额"),
    "doc.owed_to_household": ("owed to the household", "村集体应付农户"),
    "doc.owed_by_household": ("owed by the household", "农户应交村集体"),
    "doc.settled": ("settled in full", "已结清"),
    "doc.balance_words": ("{words} ({side})", "{words}（{side}）"),
    "doc.in_words": ("In words", "大写"),
    "doc.subtotal": ("Subtotal", "小计"),
    "doc.income_total": ("Total income", "收入合计"),
    "doc.cost_total": ("Total costs", "支出合计"),
    "doc.plus": ("Add: {label}", "加：{label}"),
    "doc.less": ("Less: {label}", "减：{label}"),
    "doc.list_sep": (", ", "、"),
    "doc.none_sections": ("None this season: {sections}.", "本季无：{sections}。"),
    "doc.grade_share": ("{grade} {kg} kg ({share}%)", "{grade} {kg} 公斤（{share}%）"),
    "doc.ungraded": ("ungraded", "未分级"),
    "col.breed": ("Breed", "品种"),
    "doc.batches": ("Batches", "蚕批情况"),
    "doc.grade_mix": ("Grades", "等级构成"),
    "doc.none": ("none this season", "本季无"),
    "doc.signature_household": ("Household (signature)", "农户签字"),
    "doc.signature_accountant": ("Accountant (signature)", "会计签字"),
    "doc.signature_date": ("Date", "日期"),
    "doc.printed": ("Printed {date} by Silk Ledger", "打印日期：{date}（蚕桑账本）"),
    "doc.page": ("Page {page}", "第 {page} 页"),
    "doc.households": ("Households", "农户"),
    "doc.collective_row": ("Village collective", "村集体"),
    "doc.yield_by_group": ("Yield by village group (households' batches)",
                           "各村民小组产量（不含村集体育蚕车间）"),
    "doc.income_bands": ("Households by net income", "农户纯收入分布"),
    "doc.income_statement": ("The collective's income statement (收益)", "村集体收益表"),
    "doc.operating_income": ("Operating income (经营收入)", "经营收入"),
    "doc.subsidy_income": ("Subsidy income (补助收入)", "补助收入"),
    "doc.operating_costs": ("Operating expenses (经营支出)", "经营支出"),
    "doc.result": ("Income for the season", "本季收益"),
    "doc.band_below": ("below {high:,}", "{high:,} 以下"),
    "doc.band_between": ("{low:,} to {high:,}", "{low:,} 至 {high:,}"),
    "doc.band_above": ("{low:,} and more", "{low:,} 以上"),
    "doc.yuan": ("yuan", "元"),
    "doc.kg": ("kg", "公斤"),
    "doc.households_count": ("households", "户"),
    "section.sales": ("Cocoon sales", "售茧"),
    "section.leaf_supplied": ("Leaf supplied", "供应桑叶"),
    "section.leaf_received": ("Leaf received", "购入桑叶"),
    "section.wages_earned": ("Wages earned", "务工收入"),
    "section.wages_paid": ("Wages paid", "支付工资"),
    "section.inputs": ("Inputs", "投入"),
    "section.charges": ("Charges", "收费"),
    "section.subsidies": ("Subsidies", "补助"),
    "section.payments": ("Settlement payments", "结算款"),
    "col.date": ("Date", "日期"),
    "col.batch": ("Batch", "蚕批"),
    "col.buyer": ("Buyer", "收购方"),
    "col.grade": ("Grade", "等级"),
    "col.kg": ("kg", "公斤"),
    "col.price": ("Price", "单价"),
    "col.deduction": ("Deduction", "扣款"),
    "col.amount": ("Amount", "金额"),
    "col.to": ("To", "用叶农户"),
    "col.supplier": ("Supplier", "供应方"),
    "col.worker": ("Worker", "务工人员"),
    "col.task": ("Task", "工种"),
    "col.payer": ("Paid by", "付款方"),
    "col.quantity": ("Qty", "数量"),
    "col.unit": ("Unit", "单位"),
    "col.rate": ("Rate", "工价"),
    "col.source": ("Source", "来源"),
    "col.item": ("Item", "项目"),
    "col.household": ("Household", "农户"),
    "col.direction": ("Direction", "方向"),
    "col.method": ("Method", "方式"),
    "col.memo": ("Memo", "摘要"),
    "col.group": ("Group", "组别"),
    "col.income": ("Income", "收入"),
    "col.households": ("Rearing households", "养蚕户数"),
    "direction.to_household": ("paid to household", "付给农户"),
    "direction.from_household": ("paid by household", "农户交来"),
    "method.cash": ("cash", "现金"),
    "method.bank": ("bank", "银行"),
    "method.transfer": ("bank transfer", "转账"),
    "method.wechat": ("WeChat Pay", "微信"),
    "method.alipay": ("Alipay", "支付宝"),
    "books.use.workshop": ("workshop", "育蚕车间"),
    "books.use.production": ("production", "生产"),
    "books.use.management": ("management", "管理"),
    "books.use.public": ("public works", "公益"),
    "no_such_household": ("no household with code {code}", "没有编号为 {code} 的农户"),
    "help.report_summary": ("the season summary for the notice board (财务公开表)",
                            "蚕季财务公开表（张贴用）"),
    "help.statement": ("one household's settlement sheet (结算单) for a season",
                       "某农户某蚕季的结算单"),
    "help.statements": ("every household's settlement sheet for a season, one a page, in one file",
                        "某蚕季所有农户的结算单，每户一页，合为一个文件"),
    "help.household_code": ("household code, e.g. H001", "户号，例如 H001"),
    "help.output": ("write to FILE (text without it goes to the screen)",
                    "写入文件 FILE（不指定时文本输出到屏幕）"),
    "help.font": ("a TrueType font with Chinese for PDF (default: found on the system)",
                  "PDF 使用的中文 TrueType 字体（默认：自动查找系统字体）"),
    "written": ("written to {path}", "已写入 {path}"),
    "print_missing": ("cannot print {path}: there is no such file",
                      "无法打印 {path}：没有这个文件"),
    "print_failed": ("could not send {path} to the printer {printer}: {reason}",
                     "无法把 {path} 送到打印机 {printer}：{reason}"),
    "cannot_write": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    "no_sheets": ("no household has a record or a balance in season {season}; no sheets to print",
                  "蚕季 {season} 没有有记录或余额的农户，无结算单可打印"),
    "needs_output": ("{format} cannot go to the screen; give -o FILE",
                     "{format} 格式不能输出到屏幕，请用 -o 指定文件"),
    "font_fallback": ("no Chinese TrueType font found on this computer; the PDF names the "
                      "standard font STSong-Light, which the PDF reader must supply. Give "
                      "--font FILE (e.g. simsun.ttc) to embed one.",
                      "本机未找到中文 TrueType 字体；PDF 将使用标准字体 STSong-Light，"
                      "由阅读器提供。"
                      "可用 --font 指定字体文件（如 simsun.ttc）以嵌入字体。"),
    "font_unusable": ("cannot use font {path}: it is missing or not a TrueType font with Chinese",
                      "无法使用字体 {path}：文件不存在，或不是含中文的 TrueType 字体"),
    # -- text documents (ledger/reports/text.py) -------------------------------------------
    "text.part": ("{number}. {title}", "{cn}、{title}"),
    "text.subpart": ("{part}.{number} {title}", "（{cn}）{title}"),
    "text.field": ("{label}: ", "{label}："),
    "text.season_value": ("{code} {name}, {period}", "{code} {name}，{period}"),
    "text.units": ("Amounts in yuan, weights in kg.", "金额单位：元　重量单位：公斤"),
    "text.income": ("Income", "收入"),
    "text.costs": ("Costs", "支出"),
    "text.net_income_formula": ("{label} (income less costs)", "{label}（收入合计－支出合计）"),
    "text.balance": ("Balance", "余额结算"),
    "text.col_head": ("Head", "户主"),
    "text.date_line": ("{label}: ____________________", "{label}：________年____月____日"),
    "doc.signature_supervision": ("Supervision committee (signature)", "村务监督委员会签字"),
    "text.group_households": ("{group} (households: {count})", "{group}（{count} 户）"),
    "text.no_group": ("No village group", "未分组"),
    "text.band_header": ("Net income, yuan", "纯收入（元）"),
    # -- HTML documents (ledger/reports/html.py, charts.py) --------------------------------
    "html.period": ("Period", "期间"),
    "html.col_hatch": ("Hatched", "收蚁"),
    "html.col_mount": ("Mounted", "上蔟"),
    "html.col_harvest": ("Harvested", "采茧"),
    "html.chart_yield": ("Cocoon yield by village group (kg of cocoons per sheet of eggs)",
                         "各村民小组蚕茧单产（每张蚕种产茧公斤数）"),
    "html.chart_bands": ("Households by net income this season (yuan)", "农户本季纯收入分布（元）"),
    # -- PDF documents (ledger/reports/pdf.py, fonts.py) -----------------------------------
    # -- export ---
    "help.export": ("write the ledger for other tools: CSV, hledger, Beancount or Excel",
                    "导出账本供其他软件使用：CSV、hledger、Beancount 或 Excel"),
    "help.export_long": ("Write the ledger for other tools: every record kind as canonical CSV "
                         "in a folder (silk import reads it back), the double-entry journal "
                         "for hledger or Beancount, or an Excel workbook with the season "
                         "reports and every record kind.",
                         "导出账本：各类记录按标准格式写成 CSV 文件夹（可用 silk import 导回），"
                         "或写成 hledger / Beancount 复式记账日记账，"
                         "或写成含各蚕季报表和各类记录的 "
                         "Excel 工作簿。"),
    "help.export_format": ("csv (a folder), hledger, beancount or xlsx (a file)",
                           "csv（文件夹）、hledger、beancount 或 xlsx（文件）"),
    "help.export_output": ("where to write: a folder for csv, a file for the others",
                           "写入位置：csv 为文件夹，其他格式为文件"),
    "export_needs_output": ("export --format {format} needs -o: a folder for csv, a file for "
                            "hledger, beancount and xlsx",
                            "导出 {format} 格式需要用 -o 指定写入位置：csv 为文件夹，"
                            "hledger、beancount、xlsx 为文件"),
    "export_not_folder": ("{path} is a file; CSV export writes a folder of files, give a "
                          "folder with -o",
                          "{path} 是文件；CSV 导出写成一个文件夹，请用 -o 指定文件夹"),
    "export_folder_not_empty": ("folder {path} holds other files ({names}); silk import would "
                                "read them too: give a new or empty folder",
                                "文件夹 {path} 中有其他文件（{names}），导回时会一并读取："
                                "请指定新的或空的文件夹"),
    "export_done": ("{count} records written as CSV to {path}",
                    "已将 {count} 条记录以 CSV 写入 {path}"),
    "export_journal_done": ("{count} vouchers written to {path}", "已将 {count} 张凭证写入 {path}"),
    # -- messy import ---
    "import_bad_encoding": ("{path}:{line}: the file is neither UTF-8 nor GBK/GB18030 text "
                            "(UTF-16, or not a text file?); in Excel or WPS save it as 'CSV UTF-8'",
                            "{path}:{line}：文件既不是 UTF-8 也不是 GBK/GB18030 文本（可能是 "
                            "UTF-16 "
                            "或非文本文件）；请在 Excel 或 WPS 中另存为“CSV UTF-8”格式"),
    "import_bad_xlsx": ("{path} is not a readable .xlsx workbook: {reason}",
                        "{path} 不是可读取的 .xlsx 工作簿：{reason}"),
    "import_no_sheet": ("{path} has no sheet named {sheet}; its sheets: {sheets}",
                        "{path} 中没有名为 {sheet} 的工作表；现有工作表：{sheets}"),
    "import_bad_map": ("mapping file {path}: {reason}", "映射文件 {path}：{reason}"),
    "import_constant_and_column": ("column {column} is both in the file and a constant of the "
                                   "mapping; remove one",
                                   "列 {column} 既在文件中，又是映射文件中的固定值；请删去其一"),
    "import_jin": ("'{value}' is in 斤 (half a kilogram); write kilograms (公斤)",
                   "“{value}”以斤为单位（半公斤）；请改为公斤"),
    "import_ambiguous_number": ("'{value}' is ambiguous: a comma that is not a thousands "
                                "separator; write the number with a decimal point",
                                "“{value}”有歧义：逗号不是千位分隔符；请用小数点书写"),
    "import_ambiguous_date": ("'{value}' is ambiguous; write the year in full and first, "
                              "e.g. 2026-04-05 or 2026年4月5日",
                              "“{value}”有歧义；请写全年份并放在最前，例如 2026-04-05 或 "
                              "2026年4月5日"),
    "import_duplicate_row": ("this row is already in the ledger (record #{id}); if it is a "
                             "second, separate record, import with --allow-duplicates",
                             "此行已在账本中（记录 #{id}）；如确为另一条记录，请加 "
                             "--allow-duplicates 导入"),
    "dry_run_head": ("Would add (dry run, nothing written):", "将新增（试导入，未写入）："),
    "dry_run_total": ("{count} records would be added.", "共将新增 {count} 条记录。"),
    "dry_run_clean": ("No problems found.", "未发现问题。"),
    "dry_run_problems": ("Problems found: {count}; nothing was written (dry run).",
                         "发现 {count} 个问题；试导入，账本未作任何改动。"),
    "help.import_dry_run": ("check everything and show what would be added, writing nothing",
                            "检查全部内容并显示将新增的记录，不写入账本"),
    "help.import_format": ("output format of --dry-run (default: text)",
                           "--dry-run 的输出格式（默认：text）"),
    "help.import_map": ("a TOML mapping of another layout: [columns] renames, [constants], kind",
                        "其他表格格式的 TOML 映射文件：[columns] 列名对应、[constants] 固定值、"
                        "kind 类别"),
    "help.import_sheet": ("the sheet of .xlsx workbooks to read (default: the first)",
                          ".xlsx 工作簿中要读取的工作表（默认：第一个）"),
    "help.import_allow_duplicates": ("add rows even if the same records are already in the ledger",
                                     "即使账本中已有相同记录也照样导入"),
    # -- season close, corrections, audit trail, tamper evidence ------------------------
    "export_reversals_kept": ("note: {count} reversal(s) of closed seasons' records are written "
                              "with negative figures, which silk import refuses: these files "
                              "are not a copy to import back (silk backup makes one)",
                              "注意：{count} 条已结账蚕季记录的红字冲销以负数写出，silk import "
                              "不接受负数：这些文件不能作为完整副本导回（完整副本请用 silk "
                              "backup）"),
    "check_total_drift": ("kept total of account {account} over all seasons differs from its "
                          "postings", "科目 {account} 的累计余额与其分录不符"),
    "doc.reversal": ("(reversal of {id})", "（红字冲销 {id}）"),
    "doc.reversed": ("(reversed by {id})", "（已被 {id} 冲销）"),
    "doc.correction": ("(corrects {id})", "（更正 {id}）"),
    "season_closed": ("season {season} is closed (结账): nothing can be added to it; correct a "
                      "mistake in it with `silk reverse KIND:ID --reason ...`, which posts the "
                      "reversal in an open season",
                      "蚕季 {season} 已结账，不能再添加记录；其中的错误请用 "
                      "`silk reverse 类别:编号 --reason 原因` 在未结账的蚕季红字冲销"),
    "bad_record_ref": ("'{ref}' does not name a record: write KIND:ID, e.g. sales:42 or 售茧:42",
                       "“{ref}”不是记录编号：请写成 类别:编号，例如 sales:42 或 售茧:42"),
    "no_such_record": ("there is no record {ref}", "没有记录 {ref}"),
    "reverse_a_reversal": ("record {ref} is itself a reversal; correct the original record "
                           "instead", "记录 {ref} 本身是红字冲销记录；请更正原记录"),
    "already_reversed": ("record {ref} was already reversed by {by}",
                         "记录 {ref} 已由 {by} 冲销"),
    "no_open_season_on": ("no open season contains {date}; give --date within an open season "
                          "(or add the season first)",
                          "没有包含 {date} 的未结账蚕季；请用 --date "
                          "指定未结账蚕季内的日期（或先添加蚕季）"),
    "amend_unknown_field": ("cannot amend '{field}': the fields are {fields}",
                            "不能更正“{field}”：可更正的字段为 {fields}"),
    "amend_closed": ("record {ref} is in season {season}, which is closed: reverse it with "
                     "`silk reverse {ref} --reason ...` and record the right figures in an "
                     "open season", "记录 {ref} 属于已结账的蚕季 {season}：请用 "
                     "`silk reverse {ref} --reason 原因` 冲销，再在未结账蚕季录入正确数据"),
    "correction_needs_reason": ("a correction needs a reason (--reason TEXT); it is kept in "
                                "the audit trail",
                                "更正须说明原因（--reason 原因），原因记入操作日志"),
    "season_already_closed": ("season {season} was already closed at {at}",
                              "蚕季 {season} 已于 {at} 结账"),
    "close_earlier_first": ("season {earlier} is still open; close it before {season}",
                            "蚕季 {earlier} 尚未结账；请先结账该季，再结账 {season}"),
    "close_check_failed": ("the season was not closed: silk check found {count} problem(s) "
                           "(listed above); put them right first",
                           "未结账：账本检查发现 {count} 个问题（见上）；请先更正"),
    "reopen_needs_reason": ("reopening a season needs a reason (--reason TEXT)",
                            "反结账须说明原因（--reason 原因）"),
    "season_not_closed": ("season {season} is not closed", "蚕季 {season} 未结账"),
    "reopen_later_first": ("season {later} after it is closed; reopen {later} first",
                           "其后的蚕季 {later} 已结账；请先对 {later} 反结账"),
    "close_done": ("Season {season} is closed; its records can no longer be changed.",
                   "蚕季 {season} 已结账，其记录不能再更改。"),
    "reopen_done": ("Season {season} is open again (reason kept in the audit trail).",
                    "蚕季 {season} 已反结账（原因已记入操作日志）。"),
    "reverse_done": ("{ref} reversed by {by} in season {season} on {date}.",
                     "{ref} 已由 {by} 红字冲销（蚕季 {season}，{date}）。"),
    "amend_done": ("{ref} corrected: reversed by {reversal}, replaced by {by}.",
                   "{ref} 已更正：由 {reversal} 冲销，由 {by} 替代。"),
    "log_empty": ("No entries in the audit trail.", "操作日志中没有记录。"),
    "log_reason": ("reason", "原因"),
    "log_before": ("before", "原为"),
    "log_after": ("after", "改为"),
    "action.record": ("recorded", "录入"),
    "action.import": ("imported", "导入"),
    "action.demo": ("demo data", "示例数据"),
    "action.reverse": ("reversed", "红字冲销"),
    "action.amend": ("corrected", "更正"),
    "action.close": ("closed season", "结账"),
    "action.reopen": ("reopened season", "反结账"),
    "action.migrate": ("upgraded ledger", "升级账本"),
    "action.init": ("created ledger", "建账"),
    "action.restore": ("restored from a backup", "从备份恢复"),
    "check_reversal_wrong": ("{kind} record {record} is not the exact reversal of the record "
                             "it names", "{kind}记录 {record} 与其所冲销的原记录不相符"),
    "check_reversed_twice": ("{kind} record {record} is reversed more than once",
                             "{kind}记录 {record} 被冲销了不止一次"),
    "check_seal_broken": ("row {row} of table {table} was changed outside the program (its "
                          "seal does not match)",
                          "表 {table} 第 {row} 行在本程序之外被改动（校验码不符）"),
    "check_chain_broken": ("voucher {voucher} or its postings were changed outside the program, "
                           "or a voucher before it was removed (hash chain broken)",
                           "凭证 {voucher} 或其分录在本程序之外被改动，"
                           "或其前的凭证被删除（哈希链断开）"),
    "check_voucher_record_changed": ("the record of voucher {voucher} was changed outside the "
                                     "program after it was posted",
                                     "凭证 {voucher} 所记的业务记录在记账后被本程序之外改动"),
    "check_rows_missing": ("table {table} lacks row {rows}: deleted outside the program",
                           "表 {table} 缺少第 {rows} 行：在本程序之外被删除"),
    "check_log_broken": ("audit trail entry {entry} was changed, or one before it removed, "
                         "outside the program",
                         "操作日志第 {entry} 条在本程序之外被改动，或其前的记录被删除"),
    "col.when": ("when", "时间"),
    "col.operator": ("operator", "操作人"),
    "col.action": ("action", "操作"),
    "col.what": ("what", "对象"),
    "col.entry": ("#", "序号"),
    "help.operator": ("who is writing, for the audit trail (default: the computer's user name)",
                      "操作人姓名，记入操作日志（默认：计算机用户名）"),
    "help.close": ("close a season (结账) once silk check passes: its records are locked",
                   "结账：账本检查通过后锁定该蚕季，其记录不能再更改"),
    "help.reopen": ("reopen the latest closed season, for a reason kept in the audit trail",
                    "反结账：重新打开最近结账的蚕季，原因记入操作日志"),
    "help.reason": ("why: kept in the audit trail", "原因：记入操作日志"),
    "help.reverse": ("reverse a record (红字冲销), e.g. sales:42: in its own season while open, "
                     "else in the open season of --date; this is how a record is deleted",
                     "红字冲销一条记录（如 sales:42）：蚕季未结账时在原蚕季冲销，否则在 --date "
                     "所在的未结账蚕季冲销；删除记录即用此命令"),
    "help.record_ref": ("the record, as KIND:ID (e.g. sales:42)",
                        "记录，写作 类别:编号（如 sales:42）"),
    "help.reverse_date": ("date of the reversal: within the record's season while it is open "
                          "(default: the record's own date), else in an open season (default: "
                          "today)", "冲销日期：蚕季未结账时须在该蚕季内（默认：原记录日期），"
                          "否则在某个未结账蚕季内（默认：今天）"),
    "help.amend": ("correct a record of an open season: it is reversed and recorded again "
                   "with the changes, e.g. silk amend sales:42 kg=88.5 --reason 'scale'",
                   "更正未结账蚕季的记录：原记录冲销，按修改后的内容重新录入，"
                   "例如 silk amend sales:42 kg=88.5 --reason 过磅错误"),
    "help.amend_changes": ("changes as FIELD=VALUE, with the canonical CSV column names",
                           "修改内容，写作 字段=值，字段名同标准 CSV 列名"),
    "help.log": ("show the audit trail: who changed what, when and why",
                 "查看操作日志：何人何时因何更改了什么"),
    "help.log_record": ("only entries about this record (KIND:ID)",
                        "只看与该记录（类别:编号）有关的条目"),
    "help.log_since": ("only entries from this day on", "只看此日期以来的条目"),
    "help.log_limit": ("only the newest N entries", "只看最近 N 条"),
    "amend_bad_change": ("'{change}' is not FIELD=VALUE", "“{change}”不是 字段=值 的形式"),
    # -- backups, restore, busy and hostile input --------------------------------------
    "help.backup": ("copy the ledger, even while it is in use, into backups/ beside it "
                    "(named with the date and time) or into FILE",
                    "复制账本（使用中也可），存入账本旁的 backups/ 文件夹（以日期时间命名）"
                    "或存为 FILE"),
    "help.backup_file": ("the backup file, or a folder to put a dated backup in",
                         "备份文件，或存放带日期备份的文件夹"),
    "help.restore": ("put a backup in place of the ledger, after checking it; the ledger it "
                     "replaces is kept in backups/ (on a server: as a dump in the working "
                     "folder)",
                     "先检查备份，再用它替换账本；被替换的账本保留在 backups/ 中"
                     "（服务器上的账本：导出到当前文件夹）"),
    "help.restore_file": ("the backup file to restore", "要恢复的备份文件"),
    "backup_done": ("Backed up {ledger} to {path}.", "已将 {ledger} 备份到 {path}。"),
    "backup_exists": ("{path} already exists; a backup never overwrites a file: give another "
                      "name or a folder",
                      "{path} 已存在；备份不会覆盖已有文件：请换一个文件名或指定文件夹"),
    "backup_failed": ("could not write the backup {path}: {reason}; the ledger was not changed. "
                      "Free some disk space or choose another folder",
                      "无法写入备份 {path}：{reason}；账本未作改动。请腾出磁盘空间或换一个文件夹"),
    "backup_ledger_damaged": ("the ledger {path} is damaged ({reason}), so no backup was made "
                              "of it. Restore the latest good backup with 'silk restore FILE' "
                              "(see the backups/ folder beside it)",
                              "账本 {path} 已损坏（{reason}），因此未备份。请用 silk restore 文件 "
                              "恢复最近的完好备份（见账本旁的 backups/ 文件夹）"),
    "restore_missing": ("{path} is not a file; give the backup file to restore (they are in the "
                        "backups/ folder beside the ledger)",
                        "{path} 不是文件；请指定要恢复的备份文件（在账本旁的 backups/ 文件夹中）"),
    "restore_same_file": ("{path} is the ledger itself; give a backup file to restore",
                          "{path} 就是账本本身；请指定一个备份文件"),
    "restore_not_ledger": ("{path} is not a Silk Ledger backup; nothing was restored and the "
                           "ledger was left as it was",
                           "{path} 不是蚕桑账本的备份；未恢复，账本保持原样"),
    "restore_damaged": ("the backup {path} is damaged ({reason}); nothing was restored and the "
                        "ledger was left as it was. Try an older backup",
                        "备份 {path} 已损坏（{reason}）；未恢复，账本保持原样。请改用更早的备份"),
    "restore_too_new": ("the backup {path} has schema version {version}; this program knows up "
                        "to {supported}. Upgrade silk-ledger to restore it; the ledger was left "
                        "as it was",
                        "备份 {path} 的结构版本为 {version}，本程序最高支持 {supported}。"
                        "请升级 silk-ledger 后再恢复；账本保持原样"),
    "restore_check_failed": ("the backup {path} does not pass 'silk check' ({count} problems; "
                             "the first: {first}); nothing was restored and the ledger was left "
                             "as it was. Try an older backup",
                             "备份 {path} 未通过 silk check（{count} 个问题，第一个：{first}）；"
                             "未恢复，账本保持原样。请改用更早的备份"),
    "restore_done": ("Restored {backup} into {path}; the ledger it replaced is kept as {aside}.",
                     "已用 {backup} 恢复账本 {path}；被替换的账本保留为 {aside}。"),
    "restore_done_new": ("Restored {backup} into {path}.", "已用 {backup} 恢复账本 {path}。"),
    "invisible_text": ("is only invisible characters, which would print as a blank; type "
                       "the text itself", "只含不可见字符，打印出来是空白；请输入实际文字"),
    "text_direction_mark": ("contains an invisible text-direction mark (U+{code}), which can make "
                            "printed names and figures read out of order; type it again without",
                            "含有不可见的文字方向控制符（U+{code}），会使打印出的名称和数字顺序错乱；请重新输入"),
    # -- reports --
    "doc.check_code": ("Ledger check code {code}", "账本校验码 {code}"),
    # -- tui --
    "action.set_up": ("set up the ledger", "设置账本"),
    # -- files: corrections, read-only ledgers, disk full, leftovers --
    "reverse_date_outside_season": (
        "season {season} ({start} to {end}) is open, so the reversal stays in it: give a "
        "--date within it, or none for the record's own date ({date} is outside it)",
        "蚕季 {season}（{start} 至 {end}）未结账，冲销须在本蚕季内：请用 --date 指定该蚕季内的"
        "日期，或不指定（默认原记录日期）；{date} 不在其中"),
    "disk_full": ("the disk holding the ledger's folder {folder} is full; nothing was written. "
                  "Free some space there and try again",
                  "账本所在文件夹 {folder} 的磁盘已满；未写入任何内容。请腾出空间后重试"),
    "db_needs_upgrade": ("{path} was written by an older version (schema {version}; this "
                         "program reads {supported}) and is only read here, so it was not "
                         "upgraded: open it once for writing, in the terminal UI (silk --db "
                         "{path}), which upgrades it after an automatic backup (a copy on "
                         "read-only media must be copied somewhere writable first)",
                         "{path} 由旧版本写入（结构版本 {version}，本程序读取 {supported}），此处"
                         "只读打开，未升级：请先以可写方式打开一次（终端界面 silk --db {path}），"
                         "程序会在自动备份后升级它（只读介质上的文件请先复制到可写位置）"),
    # -- imp: import and export trust --------------------------------------------------
    "odd_digit": ("'{value}' holds {char} (U+{code}), which looks like a digit but is not "
                  "one; type the digits 0-9",
                  "“{value}”含有 {char}（U+{code}），看似数字但不是数字；请用 0-9 书写"),
    "import_not_utf8": ("{path}:{line}: byte 0x{byte} at column {column} is not valid UTF-8, "
                        "though the rest of the file is UTF-8: a line pasted from a file in "
                        "another encoding? Correct that line, or save the file again as "
                        "'CSV UTF-8'",
                        "{path}:{line}：第 {column} 列的字节 0x{byte} 不是有效的 UTF-8，"
                        "而文件其余部分"
                        "是 UTF-8：是否从另一种编码的文件粘贴了内容？请改正该行，或另存为“CSV "
                        "UTF-8”格式"),
    "import_cr_line_ends": ("{path}: its lines end with a carriage return only (as old Mac "
                            "programs save them), so it reads as one long line; save it again "
                            "as 'CSV UTF-8' in Excel or WPS",
                            "{path}：各行只以回车符（CR）结尾（旧版 Mac 程序的存法），"
                            "读出来只有一行；"
                            "请在 Excel 或 WPS 中另存为“CSV UTF-8”格式"),
    "import_blank_first_line": ("{path}:1: the first line is blank; the header (the column "
                                "names) must be on the first line: delete the blank line",
                                "{path}:1：第一行是空行；表头（列名）必须在第一行：请删除该空行"),
    "import_bom_inside": ("{path}:{line}: the line begins with an invisible byte-order mark "
                          "(U+FEFF), as where two files were joined into one; delete it (and "
                          "a second header row, if there is one)",
                          "{path}:{line}：该行以不可见的字节顺序标记（U+FEFF）开头，常见于两个文件"
                          "拼接之处；请删除它（如有第二个表头行，也一并删除）"),
    "import_duplicate_in_import": ("this row is the same as {first} in this import; if it is "
                                   "a second, separate record, import with --allow-duplicates",
                                   "此行与本次导入中的 {first} 完全相同；如确为另一条记录，"
                                   "请加 --allow-duplicates 导入"),
    "import_link_loop": ("{path} is a symbolic link that leads back to itself (a loop); "
                         "give the file itself",
                         "{path} 是指向自身的符号链接（循环）；请指定文件本身"),
    "import_not_file_folder": ("{path} is a folder (or a link to one), not a file; only the "
                               "files in the folder given are read",
                               "{path} 是文件夹（或指向文件夹的链接），不是文件；"
                               "只读取所给文件夹中的文件"),
    "import_not_file_pipe": ("{path} is a pipe (FIFO), not a regular file; it is not read",
                             "{path} 是管道（FIFO），不是普通文件；不予读取"),
    "import_not_file_device": ("{path} is a device or socket, not a regular file; it is not "
                               "read", "{path} 是设备或套接字，不是普通文件；不予读取"),
    "import_cannot_read": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "field.reason": ("reason", "原因"),
    "import_header_ambiguous": ("{path}: rows {lines} all look like the header (every cell a "
                                "column name); keep one header row",
                                "{path}：第 {lines} 行都像表头（每格都是列名）；请只保留一行表头"),
    # -- yield book (issue 16) --
    "yield_range_backwards": ("--from {first} comes after --to {last}: give the earlier season "
                              "first", "--from {first} 在 --to {last} 之后：请先写较早的蚕季"),
    "yield_bad_by": ("cannot add up the yield by '{by}': choose one of {choices}",
                     "无法按“{by}”汇总产量：请选择 {choices} 之一"),
    "yield_no_such_breed": ("no batch is of the breed '{breed}'", "没有品种为“{breed}”的蚕批"),
    "yield.title": ("Yield by {by}", "蚕茧产量（按{by}）"),
    "yield.by.season": ("season", "蚕季"),
    "yield.by.household": ("household", "农户"),
    "yield.by.group": ("village group", "村民小组"),
    "yield.by.breed": ("breed", "品种"),
    "yield.range": ("Seasons {first} to {last} ({start} to {end}, {count} seasons).",
                    "蚕季 {first} 至 {last}（{start} 至 {end}，共 {count} 季）。"),
    "yield.only_breed": ("Only batches of {breed}.", "仅含品种 {breed} 的蚕批。"),
    "yield.no_seasons": ("The ledger has no seasons yet.", "账本中尚无蚕季。"),
    "yield.no_breed": ("(no breed)", "（未填品种）"),
    "yield.col.batches": ("Batches", "批数"),
    "yield.col.sheets": ("Sheets", "张数"),
    "yield.col.cocoon_kg": ("Cocoon kg", "蚕茧公斤"),
    "yield.col.kg_per_sheet": ("kg/sheet", "公斤/张"),
    "yield.col.leaf_kg": ("Leaf kg", "桑叶公斤"),
    "yield.col.leaf_per_cocoon": ("Leaf per kg cocoon", "每公斤茧耗叶"),
    "yield.col.top_share": ("{grade} share", "{grade}占比"),
    "yield.col.income_per_sheet": ("Cocoon income per sheet", "每张售茧收入"),
    "yield.col.change": ("kg/sheet vs previous season", "公斤/张 比上季"),
    "yield.col.season_median": ("Season median", "本季中位数"),
    "yield.col.batch_cost": ("Batch cost", "蚕批成本"),
    "yield.flagged_head": ("Batches below 60% of their season's median kg per sheet "
                           "(visit before the next round):",
                           "单张产量低于本季中位数 60% 的蚕批（下一季前应上门查看）："),
    "yield.none_flagged": ("none", "无"),
    "yield.notes_head": ("Notes on the batches:", "蚕批记事："),
    "help.report_yield": ("the yield book: batches, sheets, cocoon and leaf kg and their "
                          "ratios by season, household, village group or breed, and the "
                          "batches that failed",
                          "产量账：按蚕季、农户、村民小组或品种汇总批数、张数、"
                          "蚕茧与桑叶公斤数及其比率，并列出失败的蚕批"),
    "help.yield_by": ("add the batches up by season (the default), household, group or breed",
                      "按 season（蚕季，默认）、household（农户）、group（小组）或 "
                      "breed（品种）汇总"),
    "help.yield_from": ("the first season of the range (default: the earliest)",
                        "起始蚕季（默认：最早一季）"),
    "help.yield_to": ("the last season of the range (default: the latest)",
                      "截止蚕季（默认：最近一季）"),
    "help.yield_breed": ("only the batches of this breed", "只含此品种的蚕批"),
    "yield.chart_households": ("kg of cocoons per sheet, by household",
                               "各户单张产茧量（公斤/张）"),
    "yield.chart_breed": ("kg of cocoons per sheet by season, a line per breed",
                          "各季单张产茧量（公斤/张），按品种"),
    "yield.chart_group": ("kg of cocoons per sheet by season, a line per village group",
                          "各季单张产茧量（公斤/张），按村民小组"),
    "yield.sheet_flagged": ("Flagged batches", "低产蚕批"),
    "yield.flagged_part": ("Batches that failed (below 60% of the season's median kg per sheet)",
                           "低产蚕批（单张产量低于本季中位数的 60%）"),
    "note_refused": ("the note is refused: {reason}", "记事未记入：{reason}"),
    "note_empty": ("the note is empty: write what was seen", "记事为空：请写下所见情况"),
    "note_outside_season": ("the note's date {date} is outside season {season} "
                            "({start} to {end}) of the batch",
                            "记事日期 {date} 不在该蚕批所属蚕季 {season}（{start} 至 {end}）之内"),
    "note_added": ("Note {id} added to batch {batch}.", "已为蚕批 {batch} 记入记事 {id}。"),
    "help.note": ("add a dated note to a batch (disease, mortality, 眠起 stages, weather); "
                  "it posts nothing but is kept in the audit trail",
                  "为蚕批添加带日期的记事（病害、死亡率、眠起、天气）；不记账，但记入审计日志"),
    "help.note_batch": ("the batch's code", "蚕批编号"),
    "help.note_text": ("what was seen", "所见情况"),
    "help.note_date": ("the day it was seen (default: today)", "日期（默认：今天）"),
    "action.note": ("noted on a batch", "蚕批记事"),
    # -- cli --
    "output_exists": ("{path} already exists; give --force to replace it",
                      "{path} 已存在；如要替换，请加 --force"),
    "output_not_file": ("{path} is neither a file nor a device or pipe to write into (a folder? "
                        "a disk?); give a file name",
                        "{path} 既不是文件，也不是可写入的设备或管道（是文件夹或磁盘？）；"
                        "请指定文件名"),
    "help.force": ("replace the file if it exists", "文件已存在时替换它"),
    # -- tamper evidence: triggers, anchors, audit coverage, re-derived vouchers --------
    "check_trigger_missing": ("the guarding trigger {trigger} is missing: the database no longer "
                              "refuses what it guards (it was dropped outside the program)",
                              "保护触发器 {trigger} 缺失："
                              "数据库不再拒绝它所防护的改动（在本程序之外被删除）"),
    "check_trigger_altered": ("the guarding trigger {trigger} was rewritten outside the program",
                              "保护触发器 {trigger} 在本程序之外被改写"),
    "check_trigger_foreign": ("the trigger {trigger} is not part of the ledger's schema: it was "
                              "added outside the program",
                              "触发器 {trigger} 不属于账本结构：在本程序之外被添加"),
    "check_anchor_cut": ("the ledger ends before anchor {code} written at {at} ({source}): "
                         "records were cut off (the ledger has {vouchers} vouchers and {changes} "
                         "audit entries)",
                         "账本在 {at} 写下的校验码 {code}（{source}）之前就结束了："
                         "末尾的记录被删掉了"
                         "（账本现有 {vouchers} 张凭证、{changes} 条操作日志）"),
    "check_anchor_diverged": ("the ledger no longer passes through anchor {code} written at {at} "
                              "({source}): vouchers or audit entries up to it were rewritten",
                              "账本不再与 {at} 写下的校验码 {code}（{source}）相符："
                              "此前的凭证或操作日志被改写"),
    "anchor_unreadable": ("{code} is not a ledger check code (it looks like V1234-A567-3F9C2A7B)",
                          "{code} 不是账本校验码（格式如 V1234-A567-3F9C2A7B）"),
    "anchor_source_close": ("close of season {season}", "{season} 季结账"),
    "anchor_source_paper": ("the code given", "所给的校验码"),
    "anchors_unwritable": ("warning: the write is saved, but its check code could not be added "
                           "to {path} ({reason})",
                           "警告：已保存，但校验码未能写入 {path}（{reason}）"),
    "help.anchor": ("also verify that the ledger passes through this check code (账本校验码), "
                    "read off a printed settlement sheet or notice board",
                    "同时核对账本与这个校验码（从打印的结算单或公开栏上抄下）相符"),
    "check_voucher_amount": ("{kind} record {record} of {date}: its voucher {voucher} posts "
                             "{posted} yuan, but the record says {amount} yuan",
                             "{kind}记录 {record}（{date}）：其凭证 {voucher} 记 {posted} 元，"
                             "记录却是 {amount} 元"),
    "check_voucher_date": ("{kind} record {record}: its voucher {voucher} is dated {voucher_date}, "
                           "but the record says {date}",
                           "{kind}记录 {record}：其凭证 {voucher} 的日期是 {voucher_date}，"
                           "记录却是 {date}"),
    "check_voucher_season": ("{kind} record {record} of {date}: its voucher {voucher} is in "
                             "another season than the record",
                             "{kind}记录 {record}（{date}）：其凭证 {voucher} 与记录不在同一蚕季"),
    "check_voucher_accounts": ("{kind} record {record} of {date}: its voucher {voucher} debits "
                               "{debited} and credits {credited}, but by the posting rules it "
                               "debits {expected_debit} and credits {expected_credit}",
                               "{kind}记录 {record}（{date}）：其凭证 {voucher} 借记 {debited}、"
                               "贷记 {credited}，按记账规则应借记 {expected_debit}、贷记 "
                               "{expected_credit}"),
    "check_records_missing": ("{kind} record {rows} is missing: deleted outside the program",
                              "{kind}记录 {rows} 不存在：在本程序之外被删除"),
    "check_record_unaudited": ("{kind} record {record} was added outside the program: no audit "
                               "trail entry introduced it",
                               "{kind}记录 {record} 是在本程序之外添加的：操作日志中没有它的来历"),
    "check_row_unaudited": ("row {row} of table {table} was added outside the program: no audit "
                            "trail entry introduced it",
                            "表 {table} 第 {row} 行是在本程序之外添加的：操作日志中没有它的来历"),
    "check_meta_changed": ("the ledger's settings (village name, schema version) were changed "
                           "outside the program (their seal does not match)",
                           "账本设置（村名、结构版本）在本程序之外被改动（校验码不符）"),
    # -- master data: changing a household, partner, season or batch --------------------
    "edit_kind_unknown": ("only {kinds} can be changed this way, not '{kind}'",
                          "只能这样修改{kinds}，不能修改“{kind}”"),
    "edit_unknown": ("there is no {kind} with code {code}", "没有编号为 {code} 的{kind}"),
    "edit_needs_reason": ("say why the change is made: the audit trail keeps the reason "
                          "with the old and new values",
                          "请说明修改原因：审计记录会同时保存原因和修改前后的值"),
    "not_editable": ("cannot be changed; what can: {fields}", "不能修改；可修改的有：{fields}"),
    "edit_season_closed": ("season {season} is closed (结账): its batches and dates no longer "
                           "change", "蚕季 {season} 已结账，其蚕批和日期不能再修改"),
    "season_dates_exclude": ("the season has a record or batch date on {date}, which the new "
                             "dates would leave outside it",
                             "本蚕季有日期为 {date} 的记录或蚕批日期，新的起止日期会把它排除在外"),
    # -- the audit trail in words ------------------------------------------------------
    "log_count": ("{count} records", "{count} 条"),
    "log_more_records": ("… and {count} more", "……另有 {count} 条"),
    "action.edit": ("changed", "修改"),
    # -- the whole books ---------------------------------------------------------------
    "check_month_drift": ("kept balance of account {account} for {month} differs from its "
                          "postings", "科目 {account} 在 {month} 的月度余额与其分录不符"),
    "check_number_drift": ("voucher {voucher} is kept as number {kept}, but it is number "
                           "{computed} of its month in posting order",
                           "凭证 {voucher} 记载的编号为 {kept}，"
                           "按其月份内的记账顺序应为 {computed}"),
    "check_number_missing": ("voucher {voucher} has no number kept (it is number {computed} "
                             "of its month in posting order)",
                             "凭证 {voucher} 没有记载编号（按其月份内的记账顺序应为 {computed}）"),
    "check_number_more": ("{count} more vouchers of {month} are kept with other numbers than "
                          "their posting order gives",
                          "{month} 另有 {count} 张凭证记载的编号与记账顺序不符"),
    "check_described_drift": ("voucher {voucher} ({number}): what the books show of it (its "
                              "batch or party, its detail, 对方科目) is kept otherwise than its "
                              "record and postings say",
                              "凭证 {voucher}（{number}）：账簿中记载的摘要或对方科目"
                              "与其记录和分录不符"),
    "check_described_more": ("{count} more vouchers: what the books show of them is kept "
                             "otherwise than their records and postings say",
                             "另有 {count} 张凭证在账簿中记载的摘要或对方科目与其记录和分录不符"),
    "check_number_orphan": ("number {kept} is kept for voucher {voucher}, which is missing",
                            "编号 {kept} 记载给了凭证 {voucher}，但该凭证不存在"),
    "kind.vouchers": ("voucher", "记账凭证"),
    "field.lines": ("lines", "分录"),
    "field.summary": ("summary", "摘要"),
    "field.account": ("account", "科目"),
    "field.debit": ("debit", "借方"),
    "field.credit": ("credit", "贷方"),
    "field.attachments": ("attachments", "附单据张数"),
    "field.maker": ("made by", "制单"),
    "action.voucher": ("posted", "记账"),
    "voucher_two_lines": ("a voucher needs at least two lines", "一张凭证至少要有两行分录"),
    "voucher_unbalanced": ("debits {debit} and credits {credit} differ: a voucher must "
                           "balance", "借方合计 {debit} 与贷方合计 {credit} 不等：借贷必须相等"),
    "line_one_side": ("fill exactly one of debit or credit", "借方和贷方只能填一个"),
    "bad_attachments": ("'{value}' is not a number of attachments", "“{value}”不是附单据张数"),
    "unknown_account": ("there is no account {code}; add it to the chart first",
                        "没有科目 {code}；请先在科目表中添加"),
    "account_has_children": ("account {code} has sub-accounts: post to one of them",
                             "科目 {code} 有明细科目：请记到明细科目"),
    "account_year_end_only": ("account {code} is posted only by the year-end close",
                              "科目 {code} 只能由年终结账记账"),
    "year_closed": ("the year {year} is closed (年终结账): post this in an open year, or "
                    "reverse what is wrong",
                    "{year} 年已年终结账：请记在未结账的年度，或用红字冲销更正"),
    "voucher_in_closed_season": ("{date} lies in season {season}, which is closed: a voucher "
                                 "on a household's account cannot change its signed "
                                 "settlement sheet",
                                 "{date} 在已结账的蚕季 {season} 内："
                                 "涉及农户往来的凭证不能改变已签字的结算单"),
    "check_general_voucher_mismatch": ("voucher {record}: its journal entry #{voucher} does "
                                       "not match its lines, date or seal",
                                       "记账凭证 {record}：其分录 #{voucher} 与凭证的行、"
                                       "日期或封印不符"),
    # -- year end (issue 14)
    "help.close_year": ("close the year (年终结账): carry income and expense to 本年收益, "
                        "distribute it (reserve, members by shares, other) and lock the year",
                        "年终结账：结转本年损益与本年收益，分配收益（公积公益金、按股份向成员分配、"
                        "其他），并锁定该年度"),
    "help.year": ("the year, e.g. 2026", "年度，例如 2026"),
    "help.reserve": ("提取公积公益金 as a percent of the year's net income, e.g. 10",
                     "提取公积公益金占本年收益的百分比，例如 10"),
    "help.members": ("the amount distributed to the member households by their shares, in "
                     "yuan", "按股份向成员分配的金额（元）"),
    "help.other": ("any other distribution, in yuan (needs --other-account)",
                   "其他分配的金额（元，需要 --other-account）"),
    "help.other_account": ("the account credited with the other distribution, e.g. 211",
                           "其他分配贷记的科目，例如 211"),
    "help.dry_run": ("show the plan and every dividend, and write nothing",
                     "只显示分配方案和每户分红，不写入"),
    "help.reopen_year": ("reopen a closed year: its closing vouchers are reversed (红字冲销), "
                         "for a reason kept in the audit trail",
                         "反结账：红字冲销该年度的结账凭证，原因记入审计记录"),
    "help.statement_year": ("the household's annual statement of YEAR instead of a season's "
                            "settlement sheet", "该户 YEAR 年度的年度对账单（代替蚕季结算单）"),
    "action.close_year": ("closed year", "年终结账"),
    "action.reopen_year": ("reopened year", "年度反结账"),
    "year_end.voucher.income": ("carry the year's income and expense", "结转本年损益"),
    "year_end.voucher.net_income": ("carry the year's net income", "结转本年收益"),
    "year_end.voucher.distribution": ("income distribution", "收益分配"),
    "year_end.voucher.distributions": ("carry the distributions", "结转各项分配"),
    "year_end.line.reserve": ("提取公积公益金", "提取公积公益金"),
    "year_end.line.dividend": ("dividend to {code} by shares", "{code} 按股份分红"),
    "year_end.line.other": ("other distribution", "其他分配"),
    "year_end_bad_year": ("'{value}' is not a year", "“{value}”不是年度"),
    "year_end_bad_percent": ("the reserve percent '{value}' must be from 0 to 100 with at most "
                             "two decimals", "公积公益金比例“{value}”必须在 0 到 100 之间，"
                             "最多两位小数"),
    "year_end_bad_amount": ("{field} '{value}': {reason}", "{field}“{value}”：{reason}"),
    "year_end_negative_amount": ("{field} '{value}' cannot be negative",
                                 "{field}“{value}”不能为负数"),
    "year_end_members": ("the members' amount", "向成员分配金额"),
    "year_end_other": ("the other distribution", "其他分配金额"),
    "year_end_negative_shares": ("household {code} has negative shares ({shares}): correct "
                                 "its shares before distributing",
                                 "农户 {code} 的股份为负数（{shares}）：请先更正股份再分配"),
    "year_end_no_shareholders": ("no household holds shares: a members' amount of {amount} "
                                 "cannot be split", "没有农户持有股份：无法分配向成员分配的 "
                                 "{amount} 元"),
    "year_end_other_needs_account": ("an other distribution needs --other-account CODE",
                                     "其他分配需要指定 --other-account 科目"),
    "year_end_other_account_bad": ("the other-distribution account {code} cannot be used: "
                                   "{why}", "其他分配科目 {code} 不能使用：{why}"),
    "year_end_other_account_missing": ("there is no such account", "没有这个科目"),
    "year_end_other_account_parent": ("it has sub-accounts: name one of them",
                                      "它有明细科目：请指定明细科目"),
    "year_end_other_account_equity": ("本年收益 and 收益分配 are the close's own accounts",
                                      "本年收益和收益分配是结账本身使用的科目"),
    "year_end_other_account_internal": ("a household's 内部往来 is for the members' "
                                        "distribution", "农户内部往来科目只用于向成员分配"),
    "year_end_season_open": ("season {season} ends in {year} and is still open: close it "
                             "first (silk close {season})",
                             "蚕季 {season} 在 {year} 年结束但尚未结账：请先结账（silk close "
                             "{season}）"),
    "year_end_already_closed": ("the year {year} is already closed", "{year} 年已经年终结账"),
    "year_end_earlier_open": ("the year {earlier} has vouchers and is not closed: close "
                              "{earlier} first", "{earlier} 年有凭证但尚未年终结账：请先结账 "
                              "{earlier} 年"),
    "year_end_too_much": ("the distribution {total} is larger than the distributable income "
                          "(可分配收益) {distributable}",
                          "分配合计 {total} 元大于可分配收益 {distributable} 元"),
    "close_year_check_failed": ("the year was not closed: silk check found {count} "
                                "problem(s)", "未年终结账：silk check 发现 {count} 个问题"),
    "year_end_not_closed": ("the year {year} is not closed", "{year} 年尚未年终结账"),
    "year_end_later_closed": ("the year {later} is closed: reopen it before {year}",
                              "{later} 年已年终结账：请先反结账 {later} 年，再反结账 {year} 年"),
    "reopen_year_needs_reason": ("give a reason for reopening the year (--reason)",
                                 "反结账需要说明原因（--reason）"),
    "year_end_plan_title": ("Year-end close of {year}", "{year} 年年终结账"),
    "year_end_net_income": ("Net income (本年收益)", "本年收益"),
    "year_end_opening": ("Undistributed at the start of the year", "年初未分配收益"),
    "year_end_transfers_in": ("Other transfers in", "其他转入"),
    "year_end_distributable": ("Distributable income", "可分配收益"),
    "year_end_reserve": ("Public accumulation fund ({percent}%)", "提取公积公益金（{percent}%）"),
    "year_end_members_line": ("To members by shares", "向成员分配"),
    "year_end_other_line": ("Other distribution ({account})", "其他分配（{account}）"),
    "year_end_closing_undistributed": ("Undistributed at the end of the year",
                                       "年末未分配收益"),
    "year_end_dividends": ("Dividends by shares", "按股份分红"),
    "year_end_no_dividends": ("(no dividends)", "（无分红）"),
    "year_end_dry_run": ("Dry run: nothing was written.", "试算：未写入任何内容。"),
    "year_end_closed": ("The year {year} is closed: {count} closing voucher(s) posted.",
                        "{year} 年已年终结账：记入 {count} 张结账凭证。"),
    "year_end_reopened": ("The year {year} is reopened: {count} closing voucher(s) reversed.",
                          "{year} 年已反结账：红字冲销 {count} 张结账凭证。"),
    "col.shares": ("Shares", "股份"),
    "col.dividend": ("Dividend", "分红"),
    "doc.annual_title": ("{village} annual statement {year}, household {code}",
                         "{village}{year}年度农户对账单（{code}）"),
    "doc.annual": ("Annual statement", "年度对账单"),
    "doc.year": ("Year", "年度"),
    "annual.opening": ("Balance at 1 January {year}", "{year}年1月1日余额"),
    "annual.closing": ("Balance at 31 December {year}", "{year}年12月31日余额"),
    "annual.seasons": ("Seasons ending in {year}", "{year}年结束的蚕季"),
    "annual.vouchers": ("Vouchers on the household's account (内部往来)", "农户往来凭证"),
    "annual.net_income": ("Net income of the seasons", "各蚕季纯收入"),
    "annual.paid": ("Settled in the seasons (net)", "各蚕季结算（净额）"),
    "annual.dividend": ("Dividend by shares", "按股份分红"),
    "annual.other_vouchers": ("Other vouchers", "其他凭证"),
    "annual.across": ("Records of seasons across New Year, dated in another year",
                      "跨年度蚕季在其他年度的记录"),
    "annual.none": ("none this year", "本年无"),
    "annual.kind_dividend": ("dividend", "分红"),
    "annual.kind_voucher": ("voucher", "凭证"),
    "col.season": ("Season", "蚕季"),
    "col.period": ("Period", "期间"),
    "col.voucher": ("Voucher", "凭证号"),
    "col.kind": ("Kind", "类别"),
    "statement_season_or_year": ("name a season (the settlement sheet) or --year YEAR (the "
                                 "annual statement), not both",
                                 "请指定蚕季（结算单）或 --year 年度（年度对账单），二者选一"),
    # -- statements and books (issue 14)
    "statement_unbalanced": ("balance sheet {year}: on {date} total assets {assets} differ "
                             "from total liabilities and owners' equity {claims}",
                             "{year} 年资产负债表：{date} 资产总计 {assets} 与负债和所有者权益"
                             "总计 {claims} 不等"),
    "statement_undistributed_differs": ("income statement {year}: undistributed income at the "
                                        "end of the year {computed} differs from the balance "
                                        "sheet's {kept} on 31 December",
                                        "{year} 年收益及收益分配表：年末未分配收益 {computed} "
                                        "与资产负债表 12 月 31 日的未分配收益 {kept} 不等"),
    "check_cash_short": ("warning: cash on hand was below zero from {first} to {last} (at "
                         "worst {amount}): a receipt was probably not recorded",
                         "警告：{first} 至 {last} 库存现金余额小于零（最低 {amount}）：可能有收款"
                         "未入账"),
    "check_cash_short_since": ("warning: cash on hand has been below zero since {first} (at "
                               "worst {amount}): a receipt was probably not recorded",
                               "警告：自 {first} 起库存现金余额小于零（最低 {amount}）：可能有"
                               "收款未入账"),
    "check_warnings": ("{count} warning(s): worth a look, but the books are sound",
                       "{count} 条警告：请核对，账簿本身无误"),
    "book.counter_several": ("{code} etc.", "{code} 等"),
    "book.unit": ("in yuan", "单位：元"),
    "book.side_debit": ("Dr", "借"),
    "book.side_credit": ("Cr", "贷"),
    "book.side_none": ("-", "平"),
    "book.item": ("Item", "项目"),
    "book.line": ("Line", "行次"),
    "book.start": ("Start ({date})", "年初数（{date}）"),
    "book.end": ("End ({date})", "期末数（{date}）"),
    "book.section_assets": ("Assets", "资产"),
    "book.section_liabilities": ("Liabilities", "负债"),
    "book.section_equity": ("Owners' equity", "所有者权益"),
    "book.balance_sheet": ("Balance sheet", "资产负债表"),
    "book.income_statement": ("Income and distribution statement", "收益及收益分配表"),
    "book.distribution": ("Income distribution", "收益分配"),
    "book.year": ("Year {year}", "{year} 年度"),
    "book.this_year": ("This year", "本年数"),
    "book.net_income": ("Net income of the year", "本年收益"),
    "book.reserve": ("Public accumulation fund", "提取公积公益金"),
    "book.members": ("Distributed to members", "向成员分配"),
    "book.shares": ("Shares", "股份"),
    "book.dividend": ("Dividend", "分红"),
    "book.dividends": ("Dividends by shares", "按股分红"),
    "book.voucher": ("Voucher", "凭证号"),
    "book.summary": ("Summary", "摘要"),
    "book.counter": ("Counter account", "对方科目"),
    "book.debit": ("Debit", "借方"),
    "book.credit": ("Credit", "贷方"),
    "book.side": ("Dr/Cr", "借或贷"),
    "book.balance": ("Balance", "余额"),
    "book.opening": ("Opening balance", "期初余额"),
    "book.closing": ("Closing balance", "期末余额"),
    "book.day_total": ("Day total", "本日合计"),
    "book.month_total": ("Month total", "本月合计"),
    "book.year_total": ("Year to date", "本年累计"),
    "book.month": ("Month", "月份"),
    "book.cash_short": ("Warning: cash on hand ended {date} at {amount}, below zero: a "
                        "receipt was probably not recorded",
                        "注意：{date} 库存现金余额为 {amount}，小于零：可能有收款未入账"),
    "book.span": ("{first} to {last}", "{first} 至 {last}"),
    "book.cash_book": ("Cash book", "现金日记账"),
    "book.bank_book": ("Bank book", "银行存款日记账"),
    "book.account_ledger": ("Account ledger", "明细账"),
    "book.general_ledger": ("General ledger", "总账"),
    "book.trial_balance": ("Trial balance", "科目余额表"),
    "book.period_part": ("Opening, period and closing", "期初、本期发生额和期末"),
    "book.year_part": ("Year to date", "本年累计发生额"),
    "book.year_debit": ("Year Dr", "本年累计借方"),
    "book.year_credit": ("Year Cr", "本年累计贷方"),
    "book.bad_period": ("'{value}' is not a {kind}: write {example}",
                        "“{value}”不是{kind}：请写成 {example}"),
    "book.period_kind_month": ("month", "月份"),
    "book.period_kind_quarter": ("quarter", "季度"),
    "book.period_kind_year": ("year", "年份"),
    "book.one_period": ("give one period: --month, --quarter, --year or --from and --to",
                        "请只给一个期间：--month、--quarter、--year 或 --from 和 --to"),
    "book.season_formats": ("a season's trial balance is text, JSON or CSV",
                            "蚕季科目余额表只能输出 text、JSON 或 CSV"),
    "help.report_balance_sheet": ("the balance sheet of a year (资产负债表)",
                                  "年度资产负债表"),
    "help.report_income_statement": ("the income statement and its distribution of a year "
                                     "(收益及收益分配表)", "年度收益及收益分配表"),
    "help.report_distribution": ("the year's distribution and every household's dividend",
                                 "年度收益分配和各户分红"),
    "help.report_cash_book": ("the cash book (现金日记账)", "现金日记账"),
    "help.report_bank_book": ("the bank book (银行存款日记账)", "银行存款日记账"),
    "help.report_account_ledger": ("an account's ledger (明细账), sub-accounts included",
                                   "科目明细账（含明细科目）"),
    "help.report_general_ledger": ("the general ledger of a year (总账)", "年度总账"),
    "help.report_year": ("the year, such as 2026", "年度，例如 2026"),
    "help.account_code": ("the account's code, such as 101 or 113.H001",
                          "科目编码，例如 101 或 113.H001"),
    "help.period_month": ("a month: 2026-04", "月份：2026-04"),
    "help.period_quarter": ("a quarter: 2026-Q2", "季度：2026-Q2"),
    "help.period_year": ("a year: 2026", "年度：2026"),
    "help.period_from": ("first day, with --to", "起始日期，与 --to 一起用"),
    "help.period_to": ("last day, with --from", "截止日期，与 --from 一起用"),
    # -- sub-accounts, general vouchers from files, voucher numbers (issue 14) -------
    "kind.accounts": ("account", "科目"),
    "action.account": ("added account", "增设科目"),
    "field.voucher": ("voucher", "凭证"),
    "account_code_form": ("'{code}' is not a sub-account's code: write the parent's code, a "
                          "dot and one to eight capital letters or digits, e.g. 513.01",
                          "“{code}”不是明细科目编码：请写成 上级科目编码、点号和一至八位大写字母或"
                          "数字，例如 513.01"),
    "account_exists": ("account {code} already exists", "科目 {code} 已存在"),
    "account_no_parent": ("account {code} needs its parent {parent}, which is not in the "
                          "chart", "科目 {code} 的上级科目 {parent} 不在科目表中"),
    "account_reserved_parent": ("113's sub-accounts belong to the households (113.H001 is "
                                "household H001's): add a household instead of {code}",
                                "113 的明细科目属于各农户（113.H001 即农户 H001）：请添加农户，"
                                "而不是科目 {code}"),
    "account_year_end_parent": ("account {parent} is posted only by the year-end close and "
                                "takes no sub-account by hand ({code})",
                                "科目 {parent} 只能由年终结账记账，不能手工增设明细科目 {code}"),
    "account_program_parent": ("the program posts to account {parent} itself, so it must "
                               "stay without sub-accounts ({code})",
                               "程序自身会记账到科目 {parent}，它不能有明细科目（{code}）"),
    "account_parent_posted": ("account {parent} already has postings of its own: with a "
                              "sub-account {code} it would take none any more and they would "
                              "be stranded; add sub-accounts before posting to an account",
                              "科目 {parent} 已有分录：增设明细科目 {code} 后它不能再记账，"
                              "已有分录将无处归属；请在记账前增设明细科目"),
    "import_voucher_date_differs": ("a voucher's rows must share one date: {first} has "
                                    "{date}",
                                    "同一凭证的各行日期必须相同：{first} 的日期是 {date}"),
    "import_duplicate_voucher": ("this voucher is already in the ledger (vouchers:{id}); if it "
                                 "is a second, separate voucher, import with "
                                 "--allow-duplicates",
                                 "此凭证已在账本中（vouchers:{id}）；如确为另一张凭证，请加 "
                                 "--allow-duplicates 导入"),
    "import_duplicate_voucher_in_import": ("this voucher is the same as the one at {first} in "
                                           "this import; if it is a second, separate voucher, "
                                           "import with --allow-duplicates",
                                           "此凭证与本次导入中 {first} 的凭证完全相同；如确为另"
                                           "一张凭证，请加 --allow-duplicates 导入"),
    "bad_voucher_ref": ("'{ref}' names no voucher: write vouchers:ID or a voucher number such "
                        "as 记-2026-04-0017", "“{ref}”不是凭证：请写 vouchers:编号 或凭证号，"
                        "例如 记-2026-04-0017"),
    "bad_voucher_line": ("--line '{line}': write SUMMARY,ACCOUNT,DEBIT,CREDIT with one of "
                         "debit or credit empty, e.g. \"电费,513.01,356.40,\"",
                         "--line “{line}”：请写成 摘要,科目,借方,贷方，借贷只填一个，"
                         "例如 \"电费,513.01,356.40,\""),
    "account_added": ("account {code} {name} added.", "已增设科目 {code} {name}。"),
    "voucher_posted": ("voucher {number} posted (vouchers:{id}).",
                       "凭证 {number} 已记账（vouchers:{id}）。"),
    "voucher_heading": ("{number}  {date}  vouchers:{id}  attachments {attachments}  made by "
                        "{maker}", "{number}  {date}  vouchers:{id}  附单据 {attachments} 张  "
                        "制单 {maker}"),
    "voucher_reverses": ("reverses vouchers:{id} (红字冲销)", "红字冲销 vouchers:{id}"),
    "voucher_closing": ("made by the year-end close", "年终结账凭证"),
    "voucher_total": ("Total", "合计"),
    "col.summary": ("Summary", "摘要"),
    "col.account_code": ("Account", "科目"),
    "col.voucher_debit": ("Debit", "借方"),
    "col.voucher_credit": ("Credit", "贷方"),
    "col.account_side": ("Side", "方向"),
    "col.leaf": ("Postable", "可记账"),
    "side.debit": ("debit", "借"),
    "side.credit": ("credit", "贷"),
    "help.account": ("add a sub-account to the chart, e.g. 513.01 电费",
                     "增设明细科目，例如 513.01 电费"),
    "help.account_add": ("add a sub-account: CODE (parent.NN) and NAME",
                         "增设明细科目：编码（上级.NN）和名称"),
    "help.new_account_code": ("the new account's code, e.g. 513.01", "新科目的编码，例如 513.01"),
    "help.account_name": ("its own name, e.g. 电费 (shown as 管理费用-电费)",
                          "科目自身名称，例如 电费（显示为 管理费用-电费）"),
    "help.accounts": ("the chart of accounts, with the sub-accounts added",
                      "科目表（含已增设的明细科目）"),
    "help.accounts_format": ("text (default) or json", "text（默认）或 json"),
    "help.accounts_households": ("list the households' 113 sub-accounts too",
                                 "同时列出各农户的 113 明细科目"),
    "help.voucher": ("general vouchers (记账凭证): add one, or show one with its number",
                     "记账凭证：录入或查看（含凭证号）"),
    "help.voucher_add": ("post a general voucher from its lines", "按分录录入一张记账凭证"),
    "help.voucher_show": ("print a voucher: its number (记-2026-04-0017) or vouchers:ID",
                          "打印凭证：凭证号（记-2026-04-0017）或 vouchers:编号"),
    "help.voucher_ref": ("a voucher number (记-2026-04-0017), vouchers:ID or ID",
                         "凭证号（记-2026-04-0017）、vouchers:编号 或编号"),
    "help.voucher_date": ("the voucher's date", "凭证日期"),
    "help.voucher_line": ("one line: \"SUMMARY,ACCOUNT,DEBIT,CREDIT\", one of debit or credit "
                          "empty; give --line once per line, at least twice",
                          "一行分录：\"摘要,科目,借方,贷方\"，借贷只填一个；每行一个 --line，"
                          "至少两行"),
    "help.voucher_attachments": ("attachments (附单据张数)", "附单据张数"),
    "reverse_voucher_done": ("{ref} ({number}) reversed by {by} ({by_number}) on {date}.",
                             "{ref}（{number}）已由 {by}（{by_number}）红字冲销，日期 {date}。"),
    "help.reverse_ref": ("the record (KIND:ID, e.g. sales:42), or a general voucher "
                         "(vouchers:12, or its number 记-2026-04-0017)",
                         "记录（类别:编号，如 sales:42）或记账凭证（vouchers:12 或凭证号 "
                         "记-2026-04-0017）"),
    # -- fixed assets (issue 14) ----------------------------------------------------------
    "kind.assets": ("fixed asset", "固定资产"),
    "field.cost": ("cost", "原值"),
    "field.life": ("useful life (months)", "使用年限（月）"),
    "field.residual": ("residual value", "残值"),
    "field.use": ("use", "用途"),
    "field.paid_from": ("paid from", "付款科目"),
    "field.opening_depreciation": ("opening accumulated depreciation", "期初累计折旧"),
    "action.asset": ("added fixed asset", "新增固定资产"),
    "action.depreciate": ("depreciated", "计提折旧"),
    # -- the accountant's lists of grades and items (ledger.terms) --
    "action.list_add": ("added to a list", "加入清单"),
    "list.grades": ("cocoon grades", "茧等级"),
    "list.input_items": ("input items", "投入品项目"),
    "list.charge_items": ("charge items", "收费项目"),
    "list_unlisted.grades": ("“{value}” is not on the list of cocoon grades",
                             "“{value}”不在茧等级清单中"),
    "list_unlisted.input_items": ("“{value}” is not on the list of input items",
                                  "“{value}”不在投入品项目清单中"),
    "list_unlisted.charge_items": ("“{value}” is not on the list of charge items",
                                   "“{value}”不在收费项目清单中"),
    "list_empty.grades": ("type the grade to add", "请输入要加入的等级"),
    "list_empty.input_items": ("type the item to add", "请输入要加入的项目"),
    "list_empty.charge_items": ("type the item to add", "请输入要加入的项目"),
    "list_has.grades": ("“{word}” is already on the list of cocoon grades",
                        "“{word}”已在茧等级清单中"),
    "list_has.input_items": ("“{word}” is already on the list of input items",
                             "“{word}”已在投入品项目清单中"),
    "list_has.charge_items": ("“{word}” is already on the list of charge items",
                              "“{word}”已在收费项目清单中"),
    "asset_residual_too_large": ("the residual value {residual} must be less than the cost "
                                 "{cost}", "残值 {residual} 应小于原值 {cost}"),
    "asset_opening_depreciation_too_large": (
        "{amount} is more than the asset can be depreciated by: cost {cost} less residual "
        "{residual} is {limit}",
        "期初累计折旧 {amount} 超过可提折旧总额：原值 {cost} 减残值 {residual} 为 {limit}"),
    "asset_opening_depreciation_not_opening": (
        "only an asset that was in the opening balances has depreciation from before the "
        "books; one whose purchase is posted here has none",
        "只有期初余额中已有的资产才有期初累计折旧；在本账中记购置凭证的资产没有"),
    "asset_bad_life": ("'{value}' is not a whole number of months", "“{value}”不是整月数"),
    "asset_life_range": ("the useful life is 1 to {limit} months",
                         "使用年限应为 1 至 {limit} 个月"),
    "asset_account_not_of_use": ("account {code} is not where a {use} asset's depreciation "
                                 "goes: use {expected} or one of its sub-accounts",
                                 "科目 {code} 不适用于用途为 {use} 的资产的折旧："
                                 "请用 {expected} 或其明细科目"),
    "asset_paid_from_itself": ("the purchase cannot be paid from account {code}",
                               "购置款不能从科目 {code} 支付"),
    "asset_month_depreciated": ("{month} is already depreciated ({voucher}) without this "
                                "asset: reverse that voucher first, then add the asset and "
                                "depreciate the month again",
                                "{month} 已计提折旧（{voucher}），其中没有这项资产："
                                "请先红字冲销该凭证，再添加资产并重新计提"),
    "asset_purchase_summary": ("bought fixed asset {code} {name}", "购入固定资产 {code} {name}"),
    "asset_separator": (", ", "、"),
    "depreciation_summary": ("depreciation for {month}", "计提 {month} 折旧"),
    "depreciation_summary_assets": ("depreciation for {month}: {assets}",
                                    "计提 {month} 折旧：{assets}"),
    "bad_month": ("'{value}' is not a month: write it as YYYY-MM (2026-05)",
                  "“{value}”不是月份：请写成 YYYY-MM（如 2026-05）"),
    "depreciation_done": ("{month} is already depreciated by voucher {voucher}; to do it "
                          "again, reverse that voucher first",
                          "{month} 已由凭证 {voucher} 计提折旧；如需重新计提，请先红字冲销该凭证"),
    "depreciation_no_assets": ("there are no fixed assets to depreciate: add one with "
                               "`silk asset add`",
                               "没有可计提折旧的固定资产：请先用 `silk asset add` 添加"),
    "depreciation_before_assets": ("{month} is before the first fixed asset ({code}, "
                                   "acquired {date}): nothing to depreciate",
                                   "{month} 早于第一项固定资产（{code}，{date} 购入）：无可计提"),
    "depreciation_nothing": ("nothing to depreciate in {month}: every asset was acquired "
                             "that month or later, or is fully depreciated",
                             "{month} 无可计提折旧：资产均在当月或以后购入，或已提足折旧"),
    "asset_added": ("Fixed asset {code} {name} added: cost {cost}, {life} months, "
                    "{monthly} a month to {account}",
                    "已添加固定资产 {code} {name}：原值 {cost}，{life} 个月，"
                    "每月折旧 {monthly} 记入 {account}"),
    "asset_added_voucher": ("Its purchase is voucher {voucher} (debit 151, credit {account})",
                            "购置凭证 {voucher}（借 151，贷 {account}）"),
    "asset_added_opening": ("No purchase voucher: it is in the opening balances",
                            "未生成购置凭证：已在期初余额中"),
    "asset_added_opening_depreciation": (
        "No purchase voucher: it is in the opening balances, with {amount} depreciated "
        "before the books began", "未生成购置凭证：已在期初余额中，期初累计折旧 {amount}"),
    "asset_list_opening_note": ("Accumulated depreciation includes {amount} from before the "
                                "books began",
                                "累计折旧含期初累计折旧 {amount}"),
    "depreciation_posted": ("Depreciation for {month} posted: voucher {voucher}, {total} for "
                            "{count} assets", "已计提 {month} 折旧：凭证 {voucher}，"
                            "{count} 项资产共 {total}"),
    "depreciation_dry_run": ("Depreciation for {month} would post, dated {date} (nothing "
                             "written):", "将计提 {month} 折旧，日期 {date}（未写入）："),
    "asset_list_empty": ("No fixed assets in the register", "固定资产登记簿中没有资产"),
    "asset_list_title": ("Fixed assets as of {month}", "固定资产（截至 {month}）"),
    "asset_list_title_all": ("Fixed assets", "固定资产"),
    "col.asset_name": ("Name", "名称"),
    "col.voucher_summary": ("Summary", "摘要"),
    "col.line_debit": ("Debit", "借方"),
    "col.line_credit": ("Credit", "贷方"),
    "col.acquired": ("Bought", "购入月份"),
    "col.asset_cost": ("Cost", "原值"),
    "col.monthly": ("Monthly", "月折旧"),
    "col.accumulated": ("Accumulated", "累计折旧"),
    "col.net": ("Net", "净值"),
    "check_depreciation_mismatch": ("the depreciation of {month} charged the assets {amount}, "
                                    "but its voucher (vouchers:{record}) credits {posted} to "
                                    "152", "{month} 的折旧按资产计 {amount}，但其凭证"
                                    "（vouchers:{record}）贷记 152 为 {posted}"),
    "check_depreciation_twice": ("{month} is depreciated twice: reverse one of its vouchers",
                                 "{month} 计提了两次折旧：请红字冲销其中一张凭证"),
    "help.asset": ("the fixed-asset register: add an asset, list the register",
                   "固定资产登记簿：添加资产、查看登记簿"),
    "help.asset_commands": ("asset commands", "固定资产命令"),
    "help.asset_add": ("add a fixed asset (and post its purchase, unless --opening)",
                       "添加固定资产（并生成购置凭证，除非 --opening）"),
    "help.asset_code": ("the asset's code, such as A001", "资产编号，如 A001"),
    "help.asset_name": ("the asset's name", "资产名称"),
    "help.asset_date": ("the date it was acquired", "购入日期"),
    "help.asset_cost": ("its cost in yuan", "原值（元）"),
    "help.asset_life": ("its useful life in months", "使用年限（月）"),
    "help.asset_residual": ("its residual value in yuan (default 0)", "残值（元，默认 0）"),
    "help.asset_use": ("where it is used: workshop (511.04), production (401), management "
                       "(513) or public (514)",
                       "用途：workshop 车间（511.04）、production 生产（401）、"
                       "management 管理（513）或 public 公益（514）"),
    "help.asset_account": ("charge its depreciation to this sub-account of the use's "
                           "account instead", "折旧改记入用途科目下的这个明细科目"),
    "help.asset_paid_from": ("the account the purchase was paid from (default 102)",
                             "购置款的贷方科目（默认 102 银行存款）"),
    "help.asset_opening": ("it is already in the opening balances: post no purchase",
                           "已在期初余额中：不生成购置凭证"),
    "help.asset_opening_depreciation": (
        "with --opening: the depreciation the earlier books charged it (累计折旧期初), in "
        "yuan; the same amount is in the opening balances' credit to 152",
        "与 --opening 同用：原账簿已计提的折旧（累计折旧期初，元），即期初余额中贷记 152 的这部分"),
    "help.asset_list": ("the register: cost, accumulated depreciation and net value",
                        "登记簿：原值、累计折旧和净值"),
    "help.asset_month": ("as of the end of this month (YYYY-MM)", "截至该月末（YYYY-MM）"),
    "help.depreciate": ("post a month's depreciation of the fixed assets (one voucher)",
                        "计提某月固定资产折旧（一张凭证）"),
    "help.depreciate_month": ("the month, YYYY-MM", "月份，YYYY-MM"),
    "help.depreciate_dry_run": ("show the voucher's lines without posting it",
                                "只显示凭证分录，不记账"),
    "doc.vouchers": ("Vouchers on its account (a loan, a dividend)", "往来凭证（借款、分红等）"),
    # -- the round trip of the whole books (issue 14)
    "kind.depreciation": ("month depreciated", "计提折旧月份"),
    "kind.closes": ("year closed", "年终结账"),
    "import_asset_voucher_unknown": (
        "no voucher {voucher} in vouchers.csv of this import (the asset's purchase; leave "
        "it empty for an asset in the opening balances)",
        "本次导入的 vouchers.csv 中没有凭证 {voucher}（资产的购置凭证；期初已有的资产留空）"),
    "import_asset_voucher_ambiguous": (
        "vouchers.csv has more than one voucher {voucher}: give each voucher its own value",
        "vouchers.csv 中有不止一张凭证 {voucher}：请给每张凭证不同的编号"),
    "import_asset_voucher_not_purchase": (
        "voucher {voucher} does not debit 151 Fixed assets with the asset's cost {cost}",
        "凭证 {voucher} 没有以资产原值 {cost} 借记 151 固定资产"),
    "import_depreciation_total": (
        "depreciating {month} posts {posted} here, not {total}: the register differs from "
        "the one the file was written from",
        "在此计提 {month} 折旧为 {posted}，不是 {total}：固定资产登记簿与导出时不同"),
    "import_close_bad_year": ("not a year such as 2025: {value}",
                              "不是年份（如 2025）：{value}"),
    "import_close_check_failed": ("{year} is not closed over a ledger check finds wrong: "
                                  "{finding}",
                                  "账本检查未通过，{year} 年不能结账：{finding}"),
    # -- the terminal UI (issue 15)
    "form.discard.title": ("Discard what was typed?", "放弃已填写的内容？"),
    "form.discard.text": ("The form is closed and nothing typed in it is saved. Enter: "
                          "discard · Esc: back to the form",
                          "关闭后，表中填写的内容都不保存。回车：放弃 · Esc：返回继续填写"),
    "tui.key.palette": ("commands", "命令"),
    "sheet.draft_restored": ("The unsaved sheet left last time is back: save it with Ctrl+S "
                             "or discard it with Esc",
                             "已恢复上次未保存的考勤表：Ctrl+S 保存，Esc 放弃"),
    "sheet.draft_kept": (" (kept as a draft: back when the sheet is opened again)",
                         "（已存为草稿，再打开考勤表时恢复）"),
    "edit.title": ("Change {kind} {code}", "修改{kind} {code}"),
    "tui.key.edit": ("Edit", "修改"),
    "tui.edited": ("{code} changed: {changes}", "{code} 已修改：{changes}"),
    "tui.edit_needs_reason": ("a change needs a reason: type it in the reason field; it is "
                              "kept in the audit trail",
                              "修改须说明原因：请在“原因”一栏填写，原因记入操作日志"),
    "tui.field.reverse_date": ("date of the reversal", "冲销日期"),
    "tui.reverse_date_placeholder": (
        "blank: the record's own date; for a closed season, a day of the open season",
        "留空：用原记录日期；已结账蚕季的记录，请填未结账蚕季内的日期"),
    "tui.season_closed": ("season {season} is closed (结账): nothing can be added to it; "
                          "correct a mistake in it from the journal (j), with r to reverse "
                          "the record into an open season",
                          "蚕季 {season} 已结账，不能再添加记录；其中的错误请在流水账（j）"
                          "选中记录按 r 红字冲销，冲销记入未结账的蚕季"),
    "tui.no_open_season_on": ("no open season contains {date}: type a date within an open "
                              "season in the date field (or add the season first)",
                              "没有包含 {date} 的未结账蚕季：请在“冲销日期”填写未结账蚕季内"
                              "的日期（或先添加蚕季）"),
    "tui.amend_closed": ("record {ref} is in season {season}, which is closed: reverse it "
                         "(r) with a date in the open season, then add the right figures there",
                         "记录 {ref} 属于已结账的蚕季 {season}：请按 r 冲销（填写未结账蚕季"
                         "内的日期），再在该季录入正确数据"),
    "tui.correction_needs_reason": ("a correction needs a reason: type it in the reason field; "
                                    "it is kept in the audit trail",
                                    "更正须说明原因：请在“原因”一栏填写，原因记入操作日志"),
    "tui.reopen_needs_reason": (
        "reopening a season needs a reason: type it in the reason field",
        "反结账需要说明原因：请在“原因”一栏填写"),
    "tui.reopen_year_needs_reason": (
        "reopening the year needs a reason: type it in the reason field",
        "年度反结账需要说明原因：请在“原因”一栏填写"),
    "tui.close_check_failed": (
        "the season was not closed: the check found {count} problem(s); see them with c on "
        "the home screen and put them right first",
        "未结账：检查发现 {count} 个问题；请在首页按 c 查看，先更正"),
    "tui.close_year_check_failed": (
        "the year was not closed: the check found {count} problem(s); see them with c on the "
        "home screen and put them right first",
        "未年终结账：检查发现 {count} 个问题；请在首页按 c 查看，先更正"),
    "tui.year_end_season_open": (
        "season {season} ends in {year} and is still open: close it first (x on the home "
        "screen, with that season chosen)",
        "蚕季 {season} 在 {year} 年结束但尚未结账：请先选中该蚕季，在首页按 x"
        " 结账"),
    "tui.year_end_other_needs_account": (
        "an other distribution needs an account: fill in the other distribution's account",
        "其他分配需要指定科目：请填写“其他分配科目”"),
    "tui.reverse_date_outside_season": (
        "season {season} ({start} to {end}) is open, so the reversal stays in it: type a "
        "date within it, or leave the date blank for the record's own date ({date} is "
        "outside it)",
        "蚕季 {season}（{start} 至 {end}）未结账，冲销记在本季：请填写本季"
        "内的日期，或留空使用原记录日期（{date} 不在本季内）"),
    "tui.depreciation_no_assets": (
        "there are no fixed assets to depreciate: add one with a on the fixed assets screen "
        "(d)",
        "没有可计提折旧的固定资产：请在固定资产（d）页按 a 添加"),
    "tui.output_exists": (
        "{path} already exists: choose another name, or remove the old file first",
        "{path} 已存在：请换一个文件名，或先删除旧文件"),
    "tui.restore_check_failed": (
        "the backup {path} does not pass the check ({count} problems; the first: {first}); "
        "nothing was restored and the ledger was left as it was. Try an older backup",
        "备份 {path} 未通过检查（{count} 个问题；第一个：{first}）；未恢复"
        "，账本保持原样。请换一个较早的备份"),
    "tui.palette.search": ("Search for commands…", "搜索命令…"),
    "tui.system.theme": ("Theme", "配色"),
    "tui.system.theme.help": ("Change the colours of the screens", "更换界面配色"),
    "tui.system.quit": ("Quit", "退出"),
    "tui.system.quit.help": ("Close the ledger and leave the program",
                             "关闭账本，退出程序"),
    "tui.system.keys": ("Keys", "按键"),
    "tui.system.keys.help": ("Show or hide the keys of this screen",
                             "显示或隐藏本页的按键说明"),
    "tui.system.minimize": ("Restore", "还原"),
    "tui.system.minimize.help": ("Restore the enlarged part to its size",
                                 "把放大的部分还原"),
    "tui.system.maximize": ("Enlarge", "放大"),
    "tui.system.maximize.help": ("Enlarge the part with the cursor to the whole screen",
                                 "把光标所在部分放大到整个屏幕"),
    "tui.system.screenshot": ("Screenshot", "截图"),
    "tui.system.screenshot.help": ("Save a picture (SVG) of this screen",
                                   "把本屏保存为图片（SVG）"),
    # -- the township (ledger/township.py) ------------------------------------------------
    "township.title": ("Township summary of the villages' sericulture", "乡镇蚕桑汇总表"),
    "township.issuer": ("Rural collective accounts kept by the township (村账乡代管)",
                        "村账乡代管"),
    "township.season": ("season {season}", "蚕季 {season}"),
    "township.year": ("the seasons of {year}", "{year} 年各蚕季"),
    "township.col.ledger": ("Village", "村"),
    "township.col.households": ("Households", "农户数"),
    "township.col.owed": ("Owed to households", "应付农户"),
    "township.total": ("Total", "合计"),
    "township.chart": ("Cocoon kg per sheet by village", "各村单张产茧量"),
    "township.missing": ("No such season in: {ledgers} (shown as zeros).",
                         "以下村没有该蚕季（按零计）：{ledgers}"),
    "township_not_folder": ("{address} is not a township: give a folder holding one ledger "
                            "file a village (or a PostgreSQL database)",
                            "{address} 不是乡镇账套：请指定存放各村账本文件的文件夹（或 PostgreSQL "
                            "数据库）"),
    "township_no_ledgers": ("there are no village ledgers (*.db) in {address}",
                            "{address} 中没有村账本（*.db）"),
    "township_season_or_year": ("name a season or --year YEAR, not both",
                                "请指定蚕季或 --year 年度，二者只能选一"),
    "help.report_township": ("every village ledger of a township side by side and summed, "
                             "for a season or a year (--db: the folder of the villages' "
                             "ledgers)", "乡镇汇总：各村账本并列并合计，按蚕季或年度（--db："
                             "各村账本所在文件夹）"),
    "help.report_township_trial": ("the level-1 accounts' trial balance summed over the "
                                   "villages of a township", "乡镇科目余额表：各村一级科目合计"),
    "help.township_year": ("the seasons that begin in YEAR instead of one season",
                           "按年度汇总（该年开始的各蚕季），代替单个蚕季"),
    # -- the rearing calendar (ledger.rearing) ------------------------------------------
    "round.spring": ("Spring", "春蚕"),
    "round.summer": ("Summer", "夏蚕"),
    "round.autumn": ("Autumn", "秋蚕"),
    # -- ledgers on a PostgreSQL server -------------------------------------------------
    "pg_address_bad": ("{address} is not a ledger address: write "
                       "postgresql://user@host:port/database?ledger=CODE",
                       "{address} 不是账本地址：应写作 "
                       "postgresql://用户@主机:端口/数据库?ledger=账本编号"),
    "pg_code_bad": ("'{code}' cannot be a ledger code: use letters, digits, _ or - "
                    "(at most 40, not beginning with pg_)",
                    "“{code}”不能作账本编号：请用字母、数字、_ 或 -（至多 40 个，不以 pg_ 开头）"),
    "pg_unreachable": ("the PostgreSQL server at {address} does not answer; is it running, "
                       "and are host and port right?",
                         "{address} 的 PostgreSQL 服务器没有响应；"
                       "请确认服务器已启动，主机和端口无误"),
    "pg_no_database": ("the server has no database {database}; the township creates it once "
                       "with 'createdb {database}'",
                       "服务器上没有数据库 {database}；乡镇须先用“createdb {database}”建立一次"),
    "pg_denied": ("the server at {address} refused this login or this operation (user, "
                  "password or rights)",
                  "{address} 的服务器拒绝了此登录或此操作（用户、密码或权限）"),
    "pg_connection_lost": ("the connection to the server at {address} was lost (the server "
                           "stopped or ended this session); the server undid what was not "
                           "yet committed",
                           "与 {address} 服务器的连接已断开（服务器停止或结束了此会话）；"
                           "尚未提交的写入已由服务器撤销"),
    "pg_conflict": ("the server at {address} undid the write {tries} times for a conflict with "
                    "other writers (serialization failure or deadlock); nothing was written, "
                    "try again",
                    "{address} 的服务器因与其他写入冲突（串行化失败或死锁）连续 {tries} 次撤销了"
                    "这次写入；未写入任何内容，请重试"),
    "pg_full": ("the server at {address} is out of disk or memory; nothing was written",
                "{address} 的服务器磁盘或内存不足；未写入任何内容"),
    "pg_no_ledger_code": ("{address} names no ledger: add ?ledger=CODE (see 'silk ledgers')",
                          "{address} 没有指定账本：请加上 ?ledger=账本编号（见“silk ledgers”）"),
    "pg_no_ledger": ("there is no ledger {code} at {address}; 'silk ledgers' lists them, "
                     "'silk init' creates one",
                     "{address} 上没有账本 {code}；“silk ledgers”列出已有账本，“silk init”新建"),
    "ledgers_none": ("there are no ledgers at {address}; "
                     "'silk --db ADDRESS?ledger=CODE init' creates one",
                     "{address} 上还没有账本；用“silk --db 地址?ledger=编号 init”新建"),
    "ledgers_not_server": ("'silk ledgers' lists the ledgers of a PostgreSQL server: give "
                           "--db postgresql://user@host:port/database",
                           "“silk ledgers”列出 PostgreSQL 服务器上的账本：请用 "
                           "--db postgresql://用户@主机:端口/数据库"),
    "pg_tool_missing": ("{program}, one of PostgreSQL's own programs, is not installed here; "
                        "install the PostgreSQL client programs",
                        "本机没有 PostgreSQL 的程序 {program}；请安装 PostgreSQL 客户端程序"),
    "pg_dump_cut_short": ("it ends before pg_dump's closing line: the file was cut short",
                          "文件在 pg_dump 的结束行之前就断了：文件不完整"),
    "help.ledgers": ("list the village ledgers on a PostgreSQL server (code, village)",
                     "列出 PostgreSQL 服务器上的各村账本（编号、村名）"),
    # -- users of a township's server (ledger.roles) -------------------------------------
    "help.user": ("who may do what on a PostgreSQL server: add a user, list, remove them",
                  "服务器上的用户与权限：添加、列出、删除用户"),
    "help.users": ("user commands", "用户命令"),
    "help.user_add": ("create a login: an accountant reads and writes only his villages' "
                      "ledgers, an auditor reads every ledger and writes nothing",
                      "新建登录用户：会计只能读写所管各村的账本，审计（经管站）可读全部账本、不能写"),
    "help.user_list": ("list the users of the township database (name, role, ledgers)",
                       "列出乡镇数据库的用户（用户名、角色、账本）"),
    "help.user_remove": ("remove a login silk made: its rights in this township database "
                         "revoked, then the login dropped (it can no longer connect)",
                         "删除 silk 建立的登录用户：先撤销其在本乡镇数据库的权限，再删除登录"
                         "（此后无法连接）"),
    "help.user_name": ("the login's name", "登录用户名"),
    "help.user_role": ("accountant (his villages only) or auditor (reads all, writes none)",
                       "accountant 会计（只管所列村）或 auditor 审计（全部只读）"),
    "help.user_ledger": ("a ledger code the accountant keeps; give it again for more "
                         "villages, or later to add one",
                         "会计所管的账本编号；可重复给出多个村，或以后再加"),
    "help.user_password": ("the login's password (none: the server authenticates otherwise)",
                           "登录密码（不给则由服务器以其他方式认证）"),
    "user_role.accountant": ("accountant", "会计"),
    "user_role.auditor": ("auditor", "审计"),
    "user_added": ("{name} ({role}) may now read: {ledgers}",
                   "{name}（{role}）现在可以查阅：{ledgers}"),
    "user_removed": ("{name} ({role}) removed: the login can no longer connect",
                     "已删除 {name}（{role}）：此登录已无法连接"),
    "user_unknown": ("there is no login {name} on the server at {address}; 'silk user list' "
                     "lists the users",
                     "{address} 的服务器上没有登录用户 {name}；“silk user list”列出用户"),
    "user_not_silks": ("{name} is not a user silk made (a role of the server's own); silk "
                       "removes only its accountants and auditors",
                       "{name} 不是 silk 建立的用户（是服务器自己的角色）；silk 只删除它建立的"
                       "会计和审计"),
    "user_still_used": ("{name} still has rights or objects in another database of the "
                        "server; remove the user there first (silk user remove with that "
                        "database's address); nothing was changed",
                        "{name} 在服务器的另一个数据库中仍有权限或对象；请先在那里删除此用户"
                        "（用该数据库的地址运行 silk user remove）；未作任何更改"),
    "user_none": ("there are no users at {address}; 'silk user add' creates one",
                  "{address} 上还没有用户；用“silk user add”新建"),
    "user_not_server": ("users and their rights are kept by a PostgreSQL server: give "
                        "--db postgresql://user@host:port/database (a ledger file has none)",
                        "用户及其权限由 PostgreSQL 服务器管理：请用 "
                        "--db postgresql://用户@主机:端口/数据库（账本文件没有用户）"),
    "user_name_bad": ("'{name}' cannot be a user name: use letters, digits, _ or - "
                      "(at most 63, not beginning with pg_)",
                      "“{name}”不能作用户名：请用字母、数字、_ 或 -（至多 63 个，不以 pg_ 开头）"),
    "user_role_bad": ("'{role}' is not a role: accountant or auditor",
                      "“{role}”不是角色：应为 accountant 或 auditor"),
    "user_needs_ledger": ("an accountant keeps at least one village: give --ledger CODE",
                          "会计至少管一个村：请给出 --ledger 账本编号"),
    "user_other_role": ("{name} is already a login on this server as {role}; choose another "
                        "name",
                        "{name} 已是本服务器上的登录用户（{role}）；请换一个用户名"),
    "help.copy": ("copy a ledger to a new address, ids, seals, chain and audit trail intact "
                  "(a file to a server to join the township, or back): silk copy FROM TO",
                  "把账本原样复制到新地址（编号、封印、凭证链和审计记录不变；文件上服务器加入乡镇"
                  "代管，或带回村里）：silk copy 源 目标"),
    "help.copy_from": ("the ledger to copy: a file, or postgresql://…?ledger=CODE",
                       "要复制的账本：文件，或 postgresql://…?ledger=编号"),
    "help.copy_to": ("where the copy goes: a new file, or postgresql://…?ledger=CODE not "
                     "yet on the server",
                     "复制到哪里：一个新文件，或服务器上还没有的 postgresql://…?ledger=编号"),
    "copy_target_exists": ("{target} already holds a ledger or a file; a copy never writes "
                           "over one: give a new address",
                           "{target} 已有账本或文件；复制不会覆盖：请给一个新地址"),
    "copy_done": ("copied {source} to {target}: {rows} rows; its head is {code}",
                  "已把 {source} 复制到 {target}：共 {rows} 行；账本校验码 {code}"),
    "action.copy": ("copied from another address", "从其他地址复制而来"),
}
