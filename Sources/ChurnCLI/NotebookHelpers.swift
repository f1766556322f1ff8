/// The Python helpers every `churn report` notebook carries in its first (hidden) cell: run the
/// `churn` command line and show its results as HTML tables and SVG figures.
enum NotebookHelpers {
    /// The helper cell's source.
    /// - Parameters:
    ///   - workdir: the directory the commands run in, relative to the notebook's directory
    ///     (where the kernel starts): the directory `churn report` ran in, so that the data paths
    ///     the user typed stay valid.
    ///   - binary: the `churn` executable to fall back on, relative to `workdir` or absolute.
    static func source(workdir: String, binary: String) -> String {
        #"""
# ChurnKit notebook helpers, written by `churn report` (hidden: Jupyter shows this cell collapsed).
# churn(...) runs the `churn` command line in WORKDIR and prints the exact command and what it wrote
# to stderr; it returns the parsed JSON for `--format json`, else the printed text. table(...) shows
# rows as HTML; line_chart(...) and bar_chart(...) draw SVG figures from the JSON; show_svg(...) shows
# a figure a command wrote (--plot). The binary is $CHURN when set, else `churn` on the PATH, else
# the one that wrote this notebook. Files the commands write go to notebook-output/ in WORKDIR.
import html
import json
import math
import os
import shlex
import shutil
import subprocess
from pathlib import Path

from IPython.display import HTML, SVG, display

ROOT = (Path.cwd() / \#(pythonLiteral(workdir))).resolve()
OUTPUT = "notebook-output"


def _binary():
    if os.environ.get("CHURN"):
        return os.environ["CHURN"]
    written_by = ROOT / \#(pythonLiteral(binary))
    return shutil.which("churn") or str(written_by)


def churn(*args):
    """Runs `churn ARGS` in the repository root; prints the command and its stderr.

    Returns the parsed JSON for `--format json`, else the printed text (also shown).
    Raises RuntimeError naming the command when it fails.
    """
    args = [str(a) for a in args]
    command = "churn " + shlex.join(args)
    (ROOT / OUTPUT).mkdir(exist_ok=True)
    result = subprocess.run([_binary(), *args], cwd=ROOT, capture_output=True, text=True)
    stderr = result.stderr if not result.stderr or result.stderr.endswith("\n") else result.stderr + "\n"
    print("$ " + command + "\n" + stderr, end="")
    if result.returncode != 0:
        raise RuntimeError(f"`{command}` exited with status {result.returncode}")
    if "--format" in args and args[args.index("--format") + 1 :][:1] == ["json"]:
        return json.loads(result.stdout)
    print(result.stdout, end="")
    return result.stdout


def fmt(value, digits=3):
    """A number with `digits` significant digits (integers as they are), or "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value != value:
            return "n/a"
        return f"{value:.{digits}g}"
    return str(value)


def percent(value, digits=1):
    """A fraction as a percentage ("12.3%")."""
    return "" if value is None else f"{100 * value:.{digits}f}%"


def table(rows, columns, caption=None):
    """Shows `rows` (dicts) as an HTML table; `columns` is a list of (header, key or function)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h, _ in columns)
    body = []
    for row in rows:
        cells = []
        for _, get in columns:
            value = get(row) if callable(get) else row.get(get)
            text = value if isinstance(value, str) else fmt(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    display(HTML(f'<table style="white-space: nowrap">{title}<thead><tr>{head}</tr></thead>'
                 f"<tbody>{''.join(body)}</tbody></table>"))


# --- SVG figures -------------------------------------------------------------------------------

_W, _H, _L, _R, _T, _B = 680, 400, 75, 200, 40, 70
_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _n(x):
    return f"{x:.1f}"


def _ticks(low, high):
    """About five round tick values (steps of 1, 2 or 5 times a power of ten) within [low, high]."""
    raw = (high - low) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    return [k * step for k in range(first, int(math.floor(high / step + 1e-9)) + 1)]


def _tick_label(v):
    """A value as an axis or bar label: thousands separated from 1,000 on, else 3 significant digits."""
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}" if abs(v) > 1e-12 else "0"


def _frame(title, xlabel, ylabel, xr, yr, xticks=True):
    pw, ph = _W - _L - _R, _H - _T - _B
    sx = lambda x: _L + (x - xr[0]) / (xr[1] - xr[0]) * pw
    sy = lambda y: _T + ph - (y - yr[0]) / (yr[1] - yr[0]) * ph
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{_W}" height="{_H}" fill="white"/>',
             f'<text x="{_W / 2}" y="22" text-anchor="middle" font-size="15">{html.escape(title)}</text>',
             f'<line x1="{_L}" y1="{_n(_T + ph)}" x2="{_L + pw}" y2="{_n(_T + ph)}" stroke="black"/>',
             f'<line x1="{_L}" y1="{_T}" x2="{_L}" y2="{_n(_T + ph)}" stroke="black"/>',
             f'<text x="{_n(_L + pw / 2)}" y="{_H - 12}" text-anchor="middle">{html.escape(xlabel)}</text>',
             f'<text x="16" y="{_n(_T + ph / 2)}" text-anchor="middle" transform="rotate(-90 16 {_n(_T + ph / 2)})">{html.escape(ylabel)}</text>']
    for v in _ticks(*yr):
        parts.append(f'<line x1="{_L - 4}" y1="{_n(sy(v))}" x2="{_L}" y2="{_n(sy(v))}" stroke="black"/>'
                     f'<text x="{_L - 7}" y="{_n(sy(v) + 4)}" text-anchor="end">{_tick_label(v)}</text>')
    if xticks:
        for v in _ticks(*xr):
            parts.append(f'<line x1="{_n(sx(v))}" y1="{_n(_T + ph)}" x2="{_n(sx(v))}" y2="{_n(_T + ph + 4)}" stroke="black"/>'
                         f'<text x="{_n(sx(v))}" y="{_n(_T + ph + 18)}" text-anchor="middle">{_tick_label(v)}</text>')
    return parts, sx, sy


def _legend(parts, entries):
    for k, (name, color, dashed) in enumerate(entries):
        y = _T + 10 + 18 * k
        dash = ' stroke-dasharray="5,4"' if dashed else ""
        parts.append(f'<line x1="{_W - _R + 15}" y1="{y}" x2="{_W - _R + 40}" y2="{y}" stroke="{color}" stroke-width="2"{dash}/>'
                     f'<text x="{_W - _R + 46}" y="{y + 4}">{html.escape(name)}</text>')


def line_chart(title, xlabel, ylabel, series, xrange, yrange):
    """Shows an SVG line chart. Each series is a dict: name, points [(x, y)], and optionally
    dashed (bool), markers (bool) and labels (a text per point, drawn beside its marker)."""
    parts, sx, sy = _frame(title, xlabel, ylabel, xrange, yrange)
    entries = []
    for k, s in enumerate(series):
        color = _COLORS[k % len(_COLORS)] if not s.get("dashed") else "#777777"
        path = " ".join(f"{_n(sx(x))},{_n(sy(y))}" for x, y in s["points"])
        dash = ' stroke-dasharray="5,4"' if s.get("dashed") else ""
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        if s.get("markers"):
            for i, (x, y) in enumerate(s["points"]):
                parts.append(f'<circle cx="{_n(sx(x))}" cy="{_n(sy(y))}" r="3.5" fill="{color}"/>')
                if s.get("labels"):
                    parts.append(f'<text x="{_n(sx(x) + 6)}" y="{_n(sy(y) - 6)}" font-size="10">{html.escape(s["labels"][i])}</text>')
        entries.append((s["name"], color, s.get("dashed", False)))
    _legend(parts, entries)
    display(SVG("\n".join(parts + ["</svg>"])))


def _bar_label(label, x, y, count):
    """A bar's label under the axis, slanted when there are many bars."""
    if count <= 5:
        return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle">{html.escape(label)}</text>'
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="end" font-size="11" '
            f'transform="rotate(-30 {_n(x)} {_n(y)})">{html.escape(label)}</text>')


def bar_chart(title, xlabel, ylabel, bars, reference=None, intervals=None):
    """Shows an SVG bar chart of `bars` [(label, value)]. `reference` (value, label) draws a
    labelled dashed line across the bars; `intervals` [(low, high)] draws a whisker per bar."""
    values = [v for _, v in bars] + ([reference[0]] if reference else [])
    values += [x for pair in (intervals or []) for x in pair]
    low, high = min(values + [0]), max(values + [0])
    pad = 0.1 * (high - low or 1)
    yr = (low - pad if low < 0 else 0, high + pad)
    parts, sx, sy = _frame(title, xlabel, ylabel, (0, len(bars)), yr, xticks=False)
    base = sy(0)
    parts.append(f'<line x1="{_L}" y1="{_n(base)}" x2="{_W - _R}" y2="{_n(base)}" stroke="black"/>')
    for i, (label, value) in enumerate(bars):
        x0, x1 = sx(i + 0.15), sx(i + 0.85)
        top = min(sy(value), base)
        parts.append(f'<rect x="{_n(x0)}" y="{_n(top)}" width="{_n(x1 - x0)}" height="{_n(abs(sy(value) - base))}" fill="{_COLORS[0]}"/>'
                     + _bar_label(label, (x0 + x1) / 2, sy(yr[0]) + 16, len(bars))
                     + f'<text x="{_n((x0 + x1) / 2 + 4)}" y="{_n(top - 4)}" text-anchor="start" font-size="10">{_tick_label(value)}</text>')
        if intervals:
            lo, hi = intervals[i]
            xm = (x0 + x1) / 2
            parts.append(f'<line x1="{_n(xm)}" y1="{_n(sy(lo))}" x2="{_n(xm)}" y2="{_n(sy(hi))}" stroke="black"/>'
                         f'<line x1="{_n(xm - 5)}" y1="{_n(sy(lo))}" x2="{_n(xm + 5)}" y2="{_n(sy(lo))}" stroke="black"/>'
                         f'<line x1="{_n(xm - 5)}" y1="{_n(sy(hi))}" x2="{_n(xm + 5)}" y2="{_n(sy(hi))}" stroke="black"/>')
    entries = [(ylabel if len(ylabel) < 18 else "value", _COLORS[0], False)]
    if intervals:
        entries.append(("95% interval", "black", False))
    if reference:
        y = sy(reference[0])
        parts.append(f'<line x1="{_L}" y1="{_n(y)}" x2="{_W - _R}" y2="{_n(y)}" stroke="#777777" stroke-width="2" stroke-dasharray="5,4"/>')
        entries.append((reference[1], "#777777", True))
    _legend(parts, entries)
    display(SVG("\n".join(parts + ["</svg>"])))


def join_csv(out, key, *paths):
    """Writes `out` (in notebook-output/): the rows of the first CSV in `paths` with the columns
    of the others appended, matched on the `key` column (every file must have every key)."""
    import csv
    tables = [{row[key]: row for row in csv.DictReader(open(ROOT / p, newline=""))} for p in paths]
    columns = []
    for t in tables:
        columns += [c for c in next(iter(t.values())) if c not in columns]
    with open(ROOT / out, "w", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        for k, row in tables[0].items():
            merged = {}
            for t in tables:
                merged.update(t[k])
            writer.writerow(merged)
    print(f"wrote {out}: {len(tables[0])} rows, columns {', '.join(columns)}")


def show_svg(path):
    """Shows an SVG figure that a `churn` command wrote (`--plot FILE`)."""
    display(SVG((ROOT / path).read_text()))
"""#
    }
}
