"""DuckDB: the package opens with typed columns and declared keys; sentences join to articles."""

from __future__ import annotations

import datetime

import duckdb
import pytest

from newsevents.duck import connect, create_table_sql, dependency_order


def test_columns_are_typed_as_the_schema_says(seeds_package):
    con = connect(seeds_package)
    types = dict(
        con.sql(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'articles'"
        ).fetchall()
    )
    assert types["published_date"] == "DATE"
    assert types["n_words"] == "BIGINT"
    assert types["body"] == "VARCHAR"


def test_sentences_join_articles_and_every_span_matches_the_body(seeds_package):
    con = connect(seeds_package)
    rows = con.sql("""
        SELECT a.article_id, a.published_date, count(*) AS n,
               count(*) FILTER (WHERE substr(a.body, s.start + 1, s."end" - s.start) = s.text) AS exact
        FROM sentences s JOIN articles a USING (article_id)
        GROUP BY ALL ORDER BY a.article_id
    """).fetchall()
    assert len(rows) == 5
    for _, published, n, exact in rows:
        assert isinstance(published, datetime.date)
        assert n == exact > 0
    per_article = dict(con.sql("SELECT article_id, n_sentences FROM articles").fetchall())
    assert {r[0]: r[2] for r in rows} == per_article


def test_keys_are_declared_and_enforced(seeds_package):
    con = connect(seeds_package)
    kinds = {row[0] for row in con.sql("SELECT constraint_type FROM duckdb_constraints()").fetchall()}
    assert {"PRIMARY KEY", "FOREIGN KEY", "NOT NULL", "CHECK"} <= kinds
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO sentences VALUES ('missing', 0, 0, 'sentence', 0, 1, 'x')")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO sentences SELECT article_id, 0, 0, 'sentence', 0, 1, 'x' FROM articles LIMIT 1")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO sentences SELECT article_id, 999, 0, 'nonsense', 0, 1, 'x' FROM articles LIMIT 1")


def test_ddl_declares_composite_keys_and_references():
    schema = {
        "fields": [
            {"name": "a", "type": "string", "constraints": {"required": True}},
            {"name": "end", "type": "integer", "constraints": {"minimum": 0}},
        ],
        "primaryKey": ["a", "end"],
        "foreignKeys": [{"fields": ["a"], "reference": {"resource": "other", "fields": ["id"]}}],
    }
    sql = create_table_sql("t", schema)
    assert '"a" VARCHAR NOT NULL' in sql and '"end" BIGINT CHECK ("end" >= 0)' in sql
    assert 'PRIMARY KEY ("a", "end")' in sql and 'FOREIGN KEY ("a") REFERENCES "other" ("id")' in sql
    assert "PRIMARY KEY" not in create_table_sql("t", schema, constraints=False)


def test_tables_load_after_the_tables_they_reference():
    resources = [
        {
            "name": "child",
            "schema": {"foreignKeys": [{"fields": ["p"], "reference": {"resource": "parent"}}]},
        },
        {"name": "parent", "schema": {}},
    ]
    assert [r["name"] for r in dependency_order(resources)] == ["parent", "child"]
