"""A timeline of the events: when (each event's date window), what (its type) and how deadly (its best toll).

One row per event, a bar from ``date_start`` to ``date_end`` coloured by type, the best fatality figure
written beside it. A large package shows its most-reported events only, and says so. Rendered with
matplotlib's Agg backend without the metadata that would differ from one run to the next: the same package
gives the same PNG bytes.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from newsevents.docs import shorten

COLOURS = {
    "assault": "#b2182b",
    "accuse": "#2166ac",
    "threaten": "#ef8a62",
    "protest": "#67a9cf",
    "sanction": "#762a83",
    "request": "#1b7837",
}
OTHER = "#4d4d4d"
MAX_EVENTS = 40
LABEL_WIDTH = 60


def timeline(
    con: duckdb.DuckDBPyConnection, out: Path, since: str = "2023-09-01", max_events: int = MAX_EVENTS
) -> Path:
    """Draw the events of the package open in ``con`` whose window ends on or after ``since`` into ``out``
    (PNG)."""
    total = con.execute("SELECT count(*) FROM events WHERE date_end >= ?::DATE", [since]).fetchall()[0][0]
    rows = con.execute(
        """
        SELECT * FROM (
            SELECT date_start, date_end, event_type, fatalities_best, is_aggregate, description, event_id
            FROM events WHERE date_end >= ?::DATE
            ORDER BY n_articles DESC, coalesce(fatalities_best, 0) DESC, event_id LIMIT ?)
        ORDER BY date_start DESC, date_end DESC, event_id DESC
        """,
        [since, max_events],
    ).fetchall()
    fig, ax = plt.subplots(figsize=(11, 1.4 + 0.32 * max(len(rows), 1)), dpi=100)
    for y, (start, end, kind, deaths, aggregate, _, _) in enumerate(rows):
        colour = COLOURS.get(kind, OTHER)
        width = (end - start) + timedelta(days=1)  # a window of one day is one day wide
        ax.barh(y, width, left=start, height=0.6, color=colour, alpha=0.45 if aggregate else 0.9, linewidth=0)
        if deaths:
            ax.annotate(
                f"{deaths} killed",
                (end + timedelta(days=1), y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    ax.set_yticks(range(len(rows)), [shorten(r[5], LABEL_WIDTH) for r in rows], fontsize=8)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    types = sorted({r[2] for r in rows})
    ax.legend(
        handles=[Patch(color=COLOURS.get(t, OTHER), label=t) for t in types],
        loc="lower left",
        fontsize=8,
        frameon=False,
        ncols=len(types) or 1,
        bbox_to_anchor=(0, 1.0),
    )
    shown = f"the {len(rows)} most-reported of {total} events" if total > len(rows) else f"{total} events"
    ax.set_title(
        f"Events since {since} ({shown})\nEach bar spans the dates the sources allow; pale bars are "
        "series and campaigns",
        fontsize=9,
        loc="left",
        pad=24,
    )
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out
