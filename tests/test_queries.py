"""The example queries: each runs on a fresh build of the seeds and gives its expected result; the results
also mean what the question asks (checked against the tables directly, not against the expected files)."""

from __future__ import annotations

import csv
import io

import pytest

from newsevents.docs import EXPECTED_DIR, query_files, question, result_csv, run_query
from newsevents.duck import connect

QUERIES = query_files()


@pytest.fixture(scope="module")
def con(seeds_package):
    return connect(seeds_package)


def rows_of(con, stem: str) -> list[dict]:
    (path,) = [p for p in QUERIES if p.stem.startswith(stem)]
    columns, rows = run_query(con, path)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_there_are_at_least_eight_queries_each_with_a_question_and_an_expected_result():
    assert len(QUERIES) >= 8
    for path in QUERIES:
        assert path.read_text(encoding="utf-8").startswith("-- question:"), path.name
        assert question(path).endswith(("?", ".", ")")), path.name
    assert sorted(p.stem for p in EXPECTED_DIR.glob("*.csv")) == [p.stem for p in QUERIES]


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_query_gives_its_expected_result_on_a_fresh_build(con, path):
    expected = (EXPECTED_DIR / f"{path.stem}.csv").read_text(encoding="utf-8")
    actual = result_csv(*run_query(con, path))
    assert actual == expected, f"{path.name}: result changed; if that is intended, run `nox -s docs`"
    assert len(list(csv.reader(io.StringIO(actual)))) > 1, f"{path.name} returns no rows on the seeds"


def test_deadliest_events_list_every_toll_and_lead_with_the_highest(con):
    rows = rows_of(con, "02_")
    bests = [r["best"] for r in rows]
    assert bests == sorted(bests, reverse=True)
    top = [r for r in rows if r["best"] == bests[0]]
    (n_claims,) = con.execute(
        "SELECT count(*) FROM claims c JOIN events e USING (event_id) "
        "WHERE c.quantity = 'killed' AND e.fatalities_best = ?",
        [bests[0]],
    ).fetchall()[0]
    assert len(top) == n_claims >= 2  # the revised toll and the figure it superseded
    assert {r["status"] for r in top} >= {"initial", "revised"}
    bodies = dict(con.execute("SELECT article_id, body FROM articles").fetchall())
    assert all(r["words"] in bodies[r["article_id"]] for r in rows)


def test_contradictions_quote_both_statements_from_their_articles(con):
    rows = rows_of(con, "03_")
    (n,) = con.execute("SELECT count(*) FROM contradictions").fetchall()[0]
    assert len(rows) == n >= 1
    bodies = dict(con.execute("SELECT article_id, body FROM articles").fetchall())
    for r in rows:
        assert r["quote_a"] in bodies[r["article_a"]] and r["quote_b"] in bodies[r["article_b"]]


def test_entities_named_together_are_counted_once_per_pair_and_sentence(con):
    rows = rows_of(con, "04_")
    pairs = [(r["entity_a"], r["entity_b"]) for r in rows]
    assert all(a < b for a, b in pairs) and len(set(pairs)) == len(pairs)
    (direct,) = con.execute(
        """SELECT count(*) FROM (
             SELECT DISTINCT m1.article_id, m1.sentence_index FROM mentions m1 JOIN mentions m2
               USING (article_id, sentence_index)
             WHERE m1.entity_id = 'united-states' AND m2.entity_id = 'iran'
               AND m1.method NOT IN ('demonym', 'description') AND m2.method NOT IN ('demonym', 'description'))"""
    ).fetchall()[0]
    assert {(r["entity_a"], r["entity_b"]): r["sentences"] for r in rows}[("Iran", "United States")] == direct


def test_attacks_on_us_forces_are_listed_report_by_report_in_date_order(con):
    rows = rows_of(con, "05_")
    dates = [r["published_date"] for r in rows]
    assert dates == sorted(dates)
    assert any(r["is_aggregate"] and r["attacks_at_least"] for r in rows)


def test_everything_about_a_person_quotes_the_sentences_naming_them(con):
    rows = rows_of(con, "06_")
    assert rows
    assert all(r["named_as"] in r["sentence"] for r in rows)


def test_strikes_in_baghdad_in_january_2024_name_who_and_how_many(con):
    rows = rows_of(con, "07_")
    assert {(r["actor_name"], r["target_name"], r["fatalities_best"]) for r in rows} == {
        ("United States", "Harakat al-Nujaba", 2)
    }
    assert len({r["article_id"] for r in rows}) == len(rows) >= 2  # one row per reporting article


def test_places_of_events_carry_the_coordinates_of_their_entity(con):
    for r in rows_of(con, "09_"):
        coordinates = con.execute("SELECT latitude, longitude FROM entities WHERE name = ?", [r["place"]]).fetchall()
        assert coordinates == [(r["latitude"], r["longitude"])]


def test_events_by_actor_add_up_to_the_events_table(con):
    rows = rows_of(con, "10_")
    (total,) = con.execute("SELECT count(*) FROM events").fetchall()[0]
    assert sum(r["events"] for r in rows) == total
