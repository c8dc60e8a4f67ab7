"""Cross-article coreference as probabilistic record linkage (Fellegi–Sunter, scored by Splink on DuckDB).

Each article's events (``coref.cluster_article``) become records: the event's type family (type, kind,
campaign or not), date window, countries, places (ids, the regions and states that hold them, their names),
actor and target (with the groups they are part of), mode, death toll, the entities named in its evidence
sentences, and whether it is its article's main incident.

Blocking (the rules that choose which pairs are compared, so the cost stays linear in the corpus): an
incident is filed under its type family, each country it can have happened in and each day (short windows)
or week of its window; a statement under its speaker (and every group the speaker is part of) and week; a
campaign or war under each side. A later record is compared only with the earlier records filed under a
key it looks up (:func:`_lookup_keys`), never with every record.

Scoring: Splink's ``predict`` over those pairs with the trained model ``build/reference/coref-model.json``
(its m and u probabilities per comparison level, trained by ``nox -s train-coref``; the build only loads
it). Each pair gets a match weight (log2 Bayes factor) and a match probability.

Clustering: pairs at or above the model's threshold (and, by rule, reports of one war or one campaign:
:func:`_by_rule`), strongest first (ties by record order), join their
clusters unless the result would hold two events of one article (the article kept them apart) or incident
windows that cannot meet. Each accepted join is a link: the build writes it to ``event_links`` with its
weight, so a reader sees why two reports were joined.

Deterministic: records and pairs are sorted, ids are positions in that order, nothing is random.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from newsevents import REFERENCE_DIR
from newsevents.errors import InputError
from newsevents.events.coref import (
    MODE_FAMILIES,
    REACTIONS,
    SPEECH_ACTS,
    Event,
    World,
    _constraint,
)
from newsevents.schemas import table_schema

MODEL_FILE = "coref-model.json"
MODEL_VERSION = 1
#: the largest count a claim may hold (the schema's maximum); the records' tolls are 64-bit integers
COUNT_MAX = table_schema("claims").field("value_low")["constraints"]["maximum"]
TRAIN_COMMAND = "nox -s train-coref"

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Profile:
    """What blocking compares, computed once per record."""

    window: tuple[date, date]
    dated: bool  # the reports pin it to a week or less
    countries: frozenset[str]  # where its places are
    places: frozenset[str]  # the places (not states) its reports name
    implied_country: str | None  # where its participants are based, when no place is named


def profile(event: Event, world: World) -> Profile:
    named = set(event.places) | ({event.location} if event.location else set())
    # an incident happened where its location is (reports listing "in Iraq and Syria" do not make it happen
    # in both); a campaign spans every place its reports name
    where = named if event.aggregate or event.location is None else {event.location}
    countries = frozenset(c for p in where for c in world.countries(p))
    places = frozenset(p for p in named if world.types.get(p) == "place")
    if event.event_type in REACTIONS:
        implied = world.country_of.get(event.actor) if event.actor else None
        about = event.abouts[0] if event.abouts else None
        if implied is None and about is not None:  # said or done about its article's incident
            implied = world.country_of.get(about.location or "") or world.country_of.get(
                _country_or_place(about, world) or ""
            )
    else:
        implied = world.country_of.get(_country_or_place(event, world) or "") or _side_country(event, world)
    window = _constraint(event)
    return Profile(window, (window[1] - window[0]).days <= 7, countries, places, implied)


def _country_or_place(event: Event, world: World) -> str | None:
    """Where an event happened, or failing that the home country of a non-state target (Iraq, for a
    strike on an Iraqi militia), as a place to compare."""
    if event.location is not None:
        return event.location
    if event.target is not None and world.types.get(event.target) != "state":
        code = world.country_of.get(event.target)
        return world.state_of.get(code) if code else None
    return None


def _side_country(event: Event, world: World) -> str | None:
    """Where the non-state side of an event is based (a missile at a ship in the Gulf of Aden fired by a
    Yemeni group): a country to file it under when its place lies in none."""
    for side in (event.target, event.actor):
        if side and world.types.get(side) not in ("state", None) and world.country_of.get(side):
            return world.country_of.get(side)
    return None


# --- blocking ---------------------------------------------------------------------------------------------

MAX_WEEKS = 60  # a window longer than this (a year, a bare "since") is indexed as "wide"
DAY_SPAN = 8  # a window of this many days or fewer (a dated incident, a week's default) is filed by day


def _weeks(p: Profile) -> list[object]:
    first, last = p.window
    weeks = range(first.toordinal() // 7, last.toordinal() // 7 + 1)
    return list(weeks) if len(weeks) <= MAX_WEEKS else ["wide"]


def _days(p: Profile) -> list[tuple[str, int]]:
    return [("day", d) for d in range(p.window[0].toordinal(), p.window[1].toordinal() + 1)]


def _when_filed(p: Profile) -> list[object]:
    """The time keys an incident is filed under: each day of a short window, each week of a longer one
    (``week``), or ``wide``. Two windows that meet share a key of the finer of the two kinds."""
    weeks = _weeks(p)
    if weeks == ["wide"]:
        return weeks
    if (p.window[1] - p.window[0]).days < DAY_SPAN:
        return _days(p)
    return [("week", w) for w in weeks]


def _when_looked_up(p: Profile) -> list[object]:
    """The time keys where every incident whose window meets this one's is filed (and the wide ones); a
    wide window looks among the wide only."""
    weeks = _weeks(p)
    if weeks == ["wide"]:
        return weeks
    return [*_days(p), *(("week", w) for w in weeks), "wide"]


def _where_keys(p: Profile) -> list[str]:
    """The countries an event can have happened in (its places', else where its sides are based)."""
    return sorted(p.countries) or ([p.implied_country] if p.implied_country else ["?"])


def _lineage(entity: str | None, world: World) -> list[str | None]:
    """An entity and every group it is part of (a speaker with none is filed under None)."""
    return [entity, *sorted(world.ancestors(entity))] if entity else [None]


def _index_keys(event: Event, p: Profile, world: World) -> list[tuple]:
    """Where a record is filed: statements by speaker and week, wars by each side, campaigns by each side
    and country (and by side alone), incidents by country and day or week. A participant is filed under
    itself and every group it is part of, so that two related participants (a group and its coalition)
    always share a key."""
    base = (event.event_type, event.kind, event.aggregate)
    if event.event_type in SPEECH_ACTS:
        return [(*base, "speaker", x, w) for x in _lineage(event.actor, world) for w in _weeks(p)]
    if event.aggregate or event.kind == "war":
        sides = [x for side in (event.actor, event.target) if side for x in _lineage(side, world)] or [None]
        if event.kind == "war":
            return [(*base, "side", x) for x in sides]
        wheres = [*sorted(p.countries), "any"] if p.countries else ["none", "any"]
        return [(*base, "side", x, where) for x in sides for where in wheres]
    return [(*base, where, w) for where in _where_keys(p) for w in _when_filed(p)]


def _lookup_keys(event: Event, p: Profile, world: World) -> list[tuple]:
    """Every block a match of ``event`` can be filed in (a match shares a country, or has none, and a day
    or week, or is wide; a related participant; a campaign with no sides named may be any campaign of its
    type, one with no country any campaign of its sides)."""
    base = (event.event_type, event.kind, event.aggregate)
    if event.event_type in SPEECH_ACTS:
        return [(*base, "speaker", x, w) for x in _lineage(event.actor, world) for w in [*_weeks(p), "wide"]]
    if event.aggregate or event.kind == "war":
        sides = [x for side in (event.actor, event.target) if side for x in _lineage(side, world)]
        if event.kind == "war":
            return [(*base, "side", x) for x in [*sides, None]]
        wheres = [*sorted(p.countries), "none"] if p.countries else ["any"]
        return [(*base, "side", x, where) for x in [*sides, None] for where in wheres]
    wheres = [*_where_keys(p), "?"] if _where_keys(p) != ["?"] else ["?"]
    return [(*base, where, w) for where in wheres for w in _when_looked_up(p)]


# --- records ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the corpus stage knows of each article beyond its events: entities and tolls by sentence."""

    entities: dict[tuple[str, int], frozenset[str]]  # (article, sentence index) -> entity ids named there
    killed: dict[tuple[str, int], int]  # (article, sentence index) -> the largest death toll told there

    @staticmethod
    def empty() -> Evidence:
        return Evidence({}, {})


def corpus_order(event: Event) -> tuple:
    """Incidents first (a reaction is matched by the corpus incident it is about); campaigns with both
    sides named before those with one; then in the order reported."""
    sides = (event.actor is not None) + (event.target is not None)
    first = event.mentions[0].candidate
    order = (min(event.published), first.article_id, first.start)
    return (event.event_type in REACTIONS, event.aggregate, -sides if event.aggregate else 0, *order)


def _mode_family(mode: str | None) -> str | None:
    if mode is None:
        return None
    return next(("+".join(sorted(f)) for f in MODE_FAMILIES if mode in f), mode)


def _family(event: Event) -> str:
    """What kind of record: a war, a campaign (a series of attacks), a statement, or a single incident."""
    if event.kind == "war":
        return "war"
    if event.aggregate:
        return "series"
    return "statement" if event.event_type in SPEECH_ACTS else "incident"


def record(uid: int, event: Event, p: Profile, world: World, names: dict[str, str], evidence: Evidence) -> dict:
    """One row of the linkage input: what the comparisons read (lists sorted, so the row is stable)."""
    article = event.mentions[0].candidate.article_id
    places = sorted(p.places)
    holders = [x for x in places if x in world.regions]  # a region (or state) holds the towns of its country
    sentences = sorted({(m.candidate.article_id, m.candidate.sentence_index) for m in event.mentions})
    # a figure beyond any count (an identifier or a typo: the build drops its claim later) is no toll
    tolls = [k for s in sentences if s in evidence.killed and (k := evidence.killed[s]) <= COUNT_MAX]
    actor, target = event.actor, event.target
    if event.kind == "war":  # a war's sides, in either order
        actor, target = [*sorted({actor, target} - {None}), None, None][:2]
    countries = sorted(p.countries)
    spans = event.aggregate or event.kind == "war"
    return {
        "unique_id": uid,
        "article_id": article,
        "family": _family(event),
        # a campaign's or war's window is the span of its reports, not when it happened: no evidence either way
        "first": None if spans else p.window[0].toordinal(),
        "last": None if spans else p.window[1].toordinal(),
        "countries": countries,
        # a campaign spans countries: where one side is based says little of where it was fought
        "implied": [p.implied_country] if p.implied_country and not event.aggregate else [],
        "place_ids": places,
        "place_within": sorted({a for x in places for a in world.ancestors(x)} | {f"country:{c}" for c in countries}),
        "holder_of": sorted({f"country:{c}" for x in holders for c in world.countries(x)}),
        "place_names": sorted({names.get(x, x).casefold() for x in places}),
        "actor": actor,
        "actor_lineage": sorted(world.ancestors(actor)) if actor else [],
        "target": target,
        "target_lineage": sorted(world.ancestors(target)) if target else [],
        "mode": event.mode,
        "mode_family": _mode_family(event.mode),
        "killed": max(tolls) if tolls else None,
        "entities": sorted(set().union(*(evidence.entities.get(s, frozenset()) for s in sentences))),
        "main": bool(event.main),
    }


RECORD_SCHEMA = {
    "unique_id": "int64",
    "article_id": "string",
    "family": "string",
    "first": "int64",
    "last": "int64",
    "countries": "list<string>",
    "implied": "list<string>",
    "place_ids": "list<string>",
    "place_within": "list<string>",
    "holder_of": "list<string>",
    "place_names": "list<string>",
    "actor": "string",
    "actor_lineage": "list<string>",
    "target": "string",
    "target_lineage": "list<string>",
    "mode": "string",
    "mode_family": "string",
    "killed": "int64",
    "entities": "list<string>",
    "main": "bool",
}


def _arrow(rows: list[dict]):
    import pyarrow as pa

    types = {"int64": pa.int64(), "string": pa.string(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind in RECORD_SCHEMA.items()])
    return pa.Table.from_pylist(rows, schema=schema)


def blocked_pairs(events: list[Event], profiles: list[Profile], world: World) -> list[tuple[int, int]]:
    """(earlier, later) record positions that share a blocking key, of different articles and of windows
    that can meet (for single incidents: a campaign spans every report), sorted."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, (event, p) in enumerate(zip(events, profiles, strict=True)):
        article = event.mentions[0].candidate.article_id
        for key in _lookup_keys(event, p, world):
            for j in blocks.get(key, ()):
                if events[j].mentions[0].candidate.article_id != article and _may_be_one(
                    events[j], profiles[j], event, p, world
                ):
                    pairs.add((j, i))
        for key in _index_keys(event, p, world):
            blocks[key].append(i)
    return sorted(pairs)


def _may_be_one(a: Event, pa: Profile, b: Event, pb: Profile, world: World) -> bool:
    """The hard constraints: one type family, windows that meet (for single incidents), sides not swapped
    (the other side's attack answers this one, it is not the same event)."""
    if (a.event_type, a.kind, a.aggregate) != (b.event_type, b.kind, b.aggregate):
        return False
    if not a.aggregate and not (pa.window[0] <= pb.window[1] and pb.window[0] <= pa.window[1]):
        return False
    if a.kind == "war":
        return True
    return not _swapped(a, b) and world.related(a.actor, b.actor)


def _swapped(a: Event, b: Event) -> bool:
    """One report's actor is the other's target and not also its own actor (a report naming one side as
    both says nothing of the order)."""
    return bool(
        (a.actor and a.actor == b.target and a.actor != b.actor and a.actor != a.target)
        or (a.target and a.target == b.actor and a.target != b.target and b.actor != b.target)
    )


# --- the model --------------------------------------------------------------------------------------------


def _null(l_expr: str) -> dict:
    return {"sql_condition": l_expr, "label_for_charts": "null", "is_null_level": True}


def _level(sql: str, label: str) -> dict:
    return {"sql_condition": sql, "label_for_charts": label}


def _overlap() -> str:
    return '"first_l" <= "last_r" AND "first_r" <= "last_l"'


def _span(side: str, days: int) -> str:
    return f'"last_{side}" - "first_{side}" <= {days}'


def _any(a: str, b: str) -> str:
    return f'list_has_any("{a}", "{b}")'


def _none_where(side: str) -> str:
    return f'len("countries_{side}") = 0 AND len("implied_{side}") = 0'


def _empty(col: str) -> str:
    return f'(len("{col}_l") = 0 OR len("{col}_r") = 0)'


def _side(col: str) -> list[dict]:
    return [
        _null(f'"{col}_l" IS NULL OR "{col}_r" IS NULL'),
        _level(f'"{col}_l" = "{col}_r"', "same"),
        _level(
            f'list_contains("{col}_lineage_l", "{col}_r") OR list_contains("{col}_lineage_r", "{col}_l")',
            "one part of the other",
        ),
        _level(_any(f"{col}_lineage_l", f"{col}_lineage_r"), "part of one group"),
        _level("ELSE", "different"),
    ]


JARO_WINKLER = 0.88  # "Tal Oora" and "Tal Oura", "Kataib" and "Kata'ib": one name spelled two ways


def comparisons() -> list[dict]:
    """The comparisons and their levels (Splink settings; m and u come from training)."""
    best_jw = (
        'list_max(list_transform("place_names_l", x -> list_max(list_transform("place_names_r", '
        "y -> jaro_winkler_similarity(x, y)))))"
    )
    return [
        {
            "output_column_name": "family",
            "comparison_description": "what both are (pairs are always of one type family): how often reports of "
            "a war, a campaign, a statement or an incident are one event",
            "comparison_levels": [
                _null('"family_l" IS NULL OR "family_r" IS NULL'),  # never: every record says
                _level("\"family_l\" = 'war'", "a war"),
                _level("\"family_l\" = 'series'", "a campaign"),
                _level("\"family_l\" = 'statement'", "a statement"),
                _level("ELSE", "an incident"),
            ],
        },
        {
            "output_column_name": "when",
            "comparison_description": "date windows: how tightly the two reports date it",
            "comparison_levels": [
                _null('"first_l" IS NULL OR "first_r" IS NULL'),
                _level(f"{_overlap()} AND {_span('l', 2)} AND {_span('r', 2)}", "the same day or two"),
                _level(f"{_overlap()} AND {_span('l', 8)} AND {_span('r', 8)}", "the same week"),
                _level(_overlap(), "windows meet"),
                _level("ELSE", "windows apart"),
            ],
        },
        {
            "output_column_name": "country",
            "comparison_description": "the countries its places are in, else where its sides are based",
            "comparison_levels": [
                _null(f"({_none_where('l')}) OR ({_none_where('r')})"),
                _level(_any("countries_l", "countries_r"), "a named country in common"),
                _level('len("countries_l") > 0 AND len("countries_r") > 0', "different named countries"),
                _level(
                    'list_has_any(list_concat("countries_l", "implied_l"), list_concat("countries_r", "implied_r"))',
                    "where its sides are based",
                ),
                _level("ELSE", "different countries"),
            ],
        },
        {
            "output_column_name": "place",
            "comparison_description": "named places: the same, one inside the other, or one name spelled two ways",
            "comparison_levels": [
                _null(_empty("place_ids")),
                _level(_any("place_ids_l", "place_ids_r"), "the same place"),
                _level(f"{best_jw} >= {JARO_WINKLER}", "names alike (Jaro-Winkler)"),
                _level(
                    f"{_any('place_ids_l', 'place_within_r')} OR {_any('place_ids_r', 'place_within_l')} OR "
                    f"{_any('holder_of_l', 'place_within_r')} OR {_any('holder_of_r', 'place_within_l')}",
                    "one inside the other",
                ),
                _level("ELSE", "different places"),
            ],
        },
        {"output_column_name": "actor", "comparison_levels": _side("actor")},
        {"output_column_name": "target", "comparison_levels": _side("target")},
        {
            "output_column_name": "mode",
            "comparison_levels": [
                _null('"mode_l" IS NULL OR "mode_r" IS NULL'),
                _level('"mode_l" = "mode_r"', "same"),
                _level('"mode_family_l" = "mode_family_r" OR \'targeted\' IN ("mode_l", "mode_r")', "compatible"),
                _level("ELSE", "different"),
            ],
        },
        {
            "output_column_name": "killed",
            "comparison_description": "death tolls told in the evidence sentences",
            "comparison_levels": [
                _null('"killed_l" IS NULL OR "killed_r" IS NULL'),
                _level('"killed_l" = "killed_r"', "the same toll"),
                _level('abs("killed_l" - "killed_r") <= greatest(2, 0.3 * greatest("killed_l", "killed_r"))', "close"),
                _level("ELSE", "far apart"),
            ],
        },
        {
            "output_column_name": "entities",
            "comparison_description": "entities named in the evidence sentences",
            "comparison_levels": [
                _null(_empty("entities")),
                _level('len(list_intersect("entities_l", "entities_r")) >= 3', "three or more shared"),
                _level('len(list_intersect("entities_l", "entities_r")) >= 1', "one or two shared"),
                _level("ELSE", "none shared"),
            ],
        },
        {
            "output_column_name": "main",
            "comparison_description": "each is the incident its article is about",
            "comparison_levels": [
                _null('"main_l" IS NULL OR "main_r" IS NULL'),  # never: every record says
                _level('"main_l" AND "main_r"', "both main"),
                _level("ELSE", "not both"),
            ],
        },
    ]


def settings(prior: float = 0.01) -> dict:
    """Splink settings without trained parameters (training fills in m and u per level)."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": [],  # pairs come from blocked_pairs (registered)
        "comparisons": comparisons(),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": [],
        "linker_uid": "coref",
    }


@dataclass(frozen=True)
class Model:
    splink: dict  # the Splink settings with m and u
    threshold: float  # match weight at or above which two records are one event
    version: int


@cache
def load_model(path: Path = REFERENCE_DIR / MODEL_FILE) -> Model:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(path, f"cannot read the coreference model ({e}); `{TRAIN_COMMAND}` writes it") from None
    if not isinstance(data, dict) or data.get("version") != MODEL_VERSION:
        found = data.get("version") if isinstance(data, dict) else None
        raise InputError(path, f"coreference model version {found!r}, expected {MODEL_VERSION} (`{TRAIN_COMMAND}`)")
    return Model(data["splink"], float(data["threshold"]), data["version"])


def _predict(rows: list[dict], pairs: list[tuple[int, int]], model_settings: dict, columns: list[str]) -> list:
    """Splink's predictions for the given pairs (registered, not blocked by Splink), on a DuckDB connection
    of one thread (one order of evaluation whatever the machine): ``columns`` per pair, sorted by the pair."""
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker

    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 1")
        db = DuckDBAPI(connection=con)
        records = db.register(_arrow(rows), table_name="records")
        linker = Linker(records, json.loads(json.dumps(model_settings)), log_level=None, validate_settings=False)
        left, right = zip(*pairs, strict=True)
        table = pa.table({"match_key": ["0"] * len(pairs), "join_key_l": list(left), "join_key_r": list(right)})
        linker.table_management.register_blocked_pairs_for_predict(db.register(table, table_name="pairs"))
        result = linker.inference.predict(warning_mode="never")
        selected = ", ".join(f'"{c}"' for c in ["unique_id_l", "unique_id_r", *columns])
        return con.execute(
            f"SELECT {selected} FROM {result.physical_name} ORDER BY unique_id_l, unique_id_r"
        ).fetchall()
    finally:
        con.close()


def score(rows: list[dict], pairs: list[tuple[int, int]], model_settings: dict) -> list[tuple[int, int, float, float]]:
    """(left, right, match weight, match probability) of each pair, by Splink, sorted by the pair."""
    if not pairs:
        return []
    out = _predict(rows, pairs, model_settings, ["match_weight", "match_probability"])
    return [(int(a), int(b), float(w), float(p)) for a, b, w, p in out]


def gammas(rows: list[dict], pairs: list[tuple[int, int]], model_settings: dict) -> list[tuple[int, int, dict]]:
    """The comparison level (gamma) of each pair per comparison: what training counts."""
    if not pairs:
        return []
    with_gammas = {**model_settings, "retain_intermediate_calculation_columns": True, "retain_matching_columns": True}
    names = [c["output_column_name"] for c in model_settings["comparisons"]]
    out = _predict(rows, pairs, with_gammas, [f"gamma_{n}" for n in names])
    return [(int(r[0]), int(r[1]), dict(zip(names, r[2:], strict=True))) for r in out]


# --- linking ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """One cross-article merge: the two article events joined, and the evidence for it."""

    left: Event
    right: Event
    match_weight: float
    match_probability: float


_captured: list | None = None


@contextmanager
def capture() -> Iterator[list]:
    """Training only: :func:`link` merges nothing and hands its records, pairs and events to the caller."""
    global _captured
    _captured = []
    try:
        yield _captured
    finally:
        _captured = None


def link(
    events: list[Event], world: World, names: dict[str, str], evidence: Evidence, model: Model | None = None
) -> tuple[list[Event], list[Link]]:
    """Merge the reports of one happening from different articles: the corpus's events (in the order their
    first member was reported, incidents before reactions) and the links that joined them."""
    ordered = sorted(events, key=corpus_order)
    profiles = [profile(e, world) for e in ordered]
    rows = [record(i, e, p, world, names, evidence) for i, (e, p) in enumerate(zip(ordered, profiles, strict=True))]
    pairs = blocked_pairs(ordered, profiles, world)
    if _captured is not None:
        _captured.append((ordered, rows, pairs, world))
        return ordered, []
    model = model or load_model()
    scored = score(rows, pairs, model.splink)
    accepted = sorted(
        (s for s in scored if s[2] >= model.threshold or _by_rule(s[0], s[1], ordered, profiles, world)),
        key=lambda s: (-s[2], s[0], s[1]),
    )
    parent = list(range(len(ordered)))
    articles = [{e.mentions[0].candidate.article_id} for e in ordered]
    windows: list[tuple[date, date] | None] = [
        None if e.aggregate else p.window for e, p in zip(ordered, profiles, strict=True)
    ]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[tuple[int, int, float, float]] = []
    for a, b, weight, probability in accepted:
        ra, rb = root(a), root(b)
        if ra == rb or articles[ra] & articles[rb]:
            continue  # one article's events stay as the article told them
        wa, wb = windows[ra], windows[rb]
        if wa is not None and wb is not None and not (wa[0] <= wb[1] and wb[0] <= wa[1]):
            continue  # incidents whose windows cannot meet
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        articles[keep] |= articles[gone]
        if wa is not None and wb is not None:
            windows[keep] = (max(wa[0], wb[0]), min(wa[1], wb[1]))
        links.append((a, b, weight, probability))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        members[root(i)].append(i)
    merged = []
    for home, rest in sorted(members.items()):
        for i in rest[1:]:
            _absorb(ordered[home], ordered[i], world)
        merged.append(ordered[home])
    return merged, [Link(ordered[a], ordered[b], w, p) for a, b, w, p in links]


def _by_rule(i: int, j: int, events: list[Event], profiles: list[Profile], world: World) -> bool:
    """Wars and campaigns are joined by rule, whatever their weight: the development gold annotates too few
    of them (a handful of labelled pairs, nearly all one way) for the model to learn them."""
    a, b = events[i], events[j]
    if a.kind == "war":
        return _one_war(a, b, world)
    return a.aggregate and _one_campaign(a, profiles[i], b, profiles[j], world)


def _one_campaign(a: Event, pa: Profile, b: Event, pb: Profile, world: World) -> bool:
    """Two reports of a campaign with a side in common (the other sides related or not named) in countries
    that meet (or not named)."""
    if not (world.related(a.actor, b.actor) and world.related(a.target, b.target)):
        return False
    shared = (a.actor is not None and b.actor is not None) or (a.target is not None and b.target is not None)
    return shared and (not (pa.countries and pb.countries) or bool(pa.countries & pb.countries))


def _one_war(a: Event, b: Event, world: World) -> bool:
    """Two reports of a war whose sides are one's within the other's: the same war, whatever the order of
    the sides (a rule, not the model: the development gold treats wars as context, so there are no labelled
    pairs of wars to learn from)."""
    if a.kind != "war" or b.kind != "war":
        return False
    sides_a, sides_b = {a.actor, a.target} - {None}, {b.actor, b.target} - {None}

    def within(xs: set, ys: set) -> bool:
        return all(any(world.related(x, y) for y in ys) for x in xs)

    return bool(sides_a and sides_b and (within(sides_a, sides_b) or within(sides_b, sides_a)))


def _absorb(home: Event, event: Event, world: World) -> None:
    home.mentions.extend(event.mentions)
    home.places |= event.places
    home.actor = world.more_specific(home.actor, event.actor)
    home.target = world.more_specific(home.target, event.target)
    home.location = world.more_specific(home.location, event.location)
    home.mode = home.mode or event.mode
    home.attributed_actor = home.attributed_actor or event.attributed_actor
    home.main = home.main or event.main
    home.abouts = home.abouts + [x for x in event.abouts if x not in home.abouts]
    if event.not_before and (home.not_before is None or event.not_before > home.not_before):
        home.not_before = event.not_before
