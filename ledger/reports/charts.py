"""Bar charts of the season summary, as data and as inline SVG.

The data helpers (`yield_chart`, `band_chart`) say what a chart shows: its bars, each with
an exact value and the text printed on it, so the HTML and PDF forms draw the same
picture from the same figures. `svg` draws a chart as a self-contained SVG fragment for
an HTML page: no script, no links, text in the page's own font.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ledger import i18n, money
from ledger.reports.cells import band_label, kg_per_sheet
from ledger.reports.summary import Band, GroupYield


@dataclass(frozen=True)
class Bar:
    label: str
    value: int   # in the chart's units (e.g. grams per sheet, households); only proportions matter
    text: str    # the value as printed on the bar


@dataclass(frozen=True)
class Chart:
    title: str
    axis: str    # what the bars measure, with its unit
    bars: tuple[Bar, ...]
    scale: int = 1  # `value` units per axis unit, for the tick labels


def yield_chart(groups: list[GroupYield], lang: str) -> Chart:
    """Cocoon kg per sheet of each village group that reared this season."""
    places = 10 ** money.WEIGHT_PLACES
    bars = tuple(Bar(group.group,
                     money.per_sheet(group.cocoon_grams, group.sheets) or 0,
                     kg_per_sheet(group.cocoon_grams, group.sheets))
                 for group in groups)
    return Chart(i18n.t("html.chart_yield", lang), i18n.t("col.kg_per_sheet", lang), bars, places)


def band_chart(bands: list[Band], lang: str) -> Chart:
    """How many households fall in each band of net income for the season."""
    unit = i18n.t("doc.households_count", lang)
    bars = tuple(Bar(band_label(band.low, band.high, lang), band.households,
                     f"{band.households} {unit}" if lang == "en" else f"{band.households}{unit}")
                 for band in bands)
    return Chart(i18n.t("html.chart_bands", lang), i18n.t("col.households", lang), bars)


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least `top`, about `count` intervals: 0, 10, 20 ..."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    last = -(-top // step) * step
    return list(range(0, last + 1, step))


#: Geometry of a drawn chart, in SVG user units (1 unit = 1 CSS px; 700 px ≈ 185 mm).
WIDTH = 700
ROW = 26
BAR = 18
TOP = 34
BOTTOM = 40


def svg(chart: Chart, titled: bool = True) -> str:
    """A horizontal bar chart: one labelled bar a row, its value printed at the bar's end,
    a scale with round ticks below; it scales to the width of its container. Without
    `titled`, the title is left to the page (it stays in the SVG's <title>)."""
    longest = max((_display_width(bar.label) for bar in chart.bars), default=4)
    left = min(220, 16 + 7 * longest)
    right = 90  # room for the value printed past the longest bar
    plot = WIDTH - left - right
    ticks = nice_ticks(max((bar.value for bar in chart.bars), default=0))
    top_value = ticks[-1]
    top = TOP if titled else 10
    height = top + ROW * len(chart.bars) + BOTTOM
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'role="img" aria-label="{escape(chart.title)}">',
             f'<title>{escape(chart.title)}</title>']
    if titled:
        parts.append(f'<text class="chart-title" x="0" y="16">{escape(chart.title)}</text>')
    axis_y = top + ROW * len(chart.bars)
    for tick in ticks:
        x = left + plot * tick / top_value
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" '
                     f'y2="{axis_y}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">'
                     f'{_tick_text(tick, chart.scale)}</text>')
    for index, bar in enumerate(chart.bars):
        y = top + ROW * index
        length = plot * bar.value / top_value
        middle = y + BAR / 2 + 4
        parts.append(f'<text class="label" x="{left - 8}" y="{middle:.1f}" '
                     f'text-anchor="end">{escape(bar.label)}</text>')
        parts.append(f'<rect class="bar" x="{left}" y="{y}" width="{length:.1f}" '
                     f'height="{BAR}"/>')
        parts.append(f'<text class="value" x="{left + length + 5:.1f}" y="{middle:.1f}">'
                     f'{escape(bar.text)}</text>')
    parts.append(f'<line class="axis" x1="{left}" y1="{top - 4}" x2="{left}" y2="{axis_y}"/>')
    parts.append(f'<text class="axis-label" x="{left + plot / 2:.1f}" y="{axis_y + 32}" '
                 f'text-anchor="middle">{escape(chart.axis)}</text>')
    parts.append('</svg>')
    return "".join(parts)


def _tick_text(tick: int, scale: int) -> str:
    if scale == 1:
        return f"{tick:,}"
    whole, rest = divmod(tick, scale)
    return f"{whole:,}" if not rest else f"{tick / scale:g}"


def _display_width(text: str) -> int:
    """Width in half-width cells: CJK and full-width characters count as two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
