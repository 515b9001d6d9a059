#!/usr/bin/env python3
"""Draws bench/compare.sh's results as an SVG bar chart, by hand (no
plotting library): one horizontal bar per measurement, grouped by
comparison, on a logarithmic time axis (the times span milliseconds to
minutes), each labelled with its best wall time.

    bench/chart.py RESULTS.tsv OUT.svg

RESULTS.tsv is compare.sh's: a header line, then one line per measurement
with at least the columns section, label, tool, best (seconds, empty when
the tool was not available) and status.
"""
import csv
import math
import sys
from xml.sax.saxutils import escape

COLORS = {"guardrail": "#2f6fb0", "parse-only": "#9aa5b1", "peer": "#d9822b"}
ROW, GAP, LEFT, RIGHT, TOP = 22, 14, 330, 110, 54
WIDTH = 960


def fmt(seconds):
    if seconds < 1:
        return "%.0f ms" % (seconds * 1000) if seconds >= 0.01 else "%.1f ms" % (seconds * 1000)
    if seconds < 120:
        return "%.2f s" % seconds
    return "%.1f min" % (seconds / 60)


def tick(seconds):
    if seconds < 1:
        return "%g ms" % round(seconds * 1000, 3)
    return "%g s" % seconds


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        for k in ("section", "label", "tool", "best", "status"):
            r[k] = (r.get(k) or "").strip()
    times = [float(r["best"]) for r in rows if r["best"]]
    if not times:
        lo, hi = 0.001, 1.0
    else:
        lo = 10 ** math.floor(math.log10(max(min(times), 1e-4)))
        hi = 10 ** math.ceil(math.log10(max(times)))
        if hi <= lo:
            hi = lo * 10
    span = math.log10(hi) - math.log10(lo)
    plot = WIDTH - LEFT - RIGHT

    def x(seconds):
        return LEFT + plot * (math.log10(max(seconds, lo)) - math.log10(lo)) / span

    sections = []
    for r in rows:
        if not sections or sections[-1][0] != r["section"]:
            sections.append((r["section"], []))
        sections[-1][1].append(r)
    height = TOP + sum(ROW * (len(rs) + 1) + GAP for _, rs in sections) + 40
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
             'font-family="Helvetica, Arial, sans-serif" font-size="12">' % (WIDTH, height, WIDTH, height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="%d" y="22" font-size="15" font-weight="bold">guardrail and its peers: best wall time '
             '(log scale, shorter is faster)</text>' % 12]
    # Legend.
    lx = 12
    for name, label in (("guardrail", "guardrail"), ("parse-only", "parse only (lower bound)"), ("peer", "peer tool")):
        parts.append('<rect x="%d" y="32" width="12" height="12" fill="%s"/>' % (lx, COLORS[name]))
        parts.append('<text x="%d" y="42">%s</text>' % (lx + 16, escape(label)))
        lx += 30 + 7 * len(label)
    # Grid: one line per decade.
    grid_bottom = height - 34
    decade = lo
    while decade <= hi * 1.0001:
        gx = x(decade)
        parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e3e7eb"/>' % (gx, TOP - 4, gx, grid_bottom))
        parts.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (gx, grid_bottom + 16,
                                                                                         tick(decade)))
        decade *= 10
    y = TOP
    for section, rs in sections:
        parts.append('<text x="12" y="%d" font-weight="bold">%s</text>' % (y + 15, escape(section)))
        y += ROW
        for r in rs:
            label = r["label"]
            if len(label) > 52:
                label = label[:51] + "\u2026"
            parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (LEFT - 8, y + 15, escape(label)))
            if r["best"]:
                t = float(r["best"])
                w = max(1.0, x(t) - LEFT)
                color = COLORS.get(r["tool"], COLORS["peer"])
                parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>' % (
                    LEFT, y + 3, w, ROW - 6, color, escape(r["label"]), fmt(t)))
                parts.append('<text x="%.1f" y="%d" fill="#222">%s</text>' % (LEFT + w + 5, y + 15, fmt(t)))
            else:
                parts.append('<text x="%d" y="%d" fill="#999" font-style="italic">%s</text>' % (
                    LEFT + 4, y + 15, escape(r["status"] or "not available")))
            y += ROW
        y += GAP
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
