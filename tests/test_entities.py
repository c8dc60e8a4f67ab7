"""Entities: recognition of every written form, discovery of unknown names, resolution, provenance.

The sentences here are written for the tests, not taken from the seeds.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frictionless
import pytest
from conftest import write_article

from newsevents import REFERENCE_DIR
from newsevents.entities.reference import load_gazetteer
from newsevents.entities.text import name_key
from newsevents.pipeline import BuildContext, run_steps
from validation.runner import run


def extract(tmp_path: Path, **articles: str) -> tuple[list[dict], dict[str, dict]]:
    """Mentions and entities built from articles given as ``id="text"`` (dated 2024-01-29)."""
    for article_id, text in articles.items():
        write_article(tmp_path / "seeds", f"{article_id}.txt", f" date 2024-01-29 {text}")
    tables = run_steps(BuildContext(tmp_path / "seeds", tmp_path / "out"))
    return tables["mentions"], {e["entity_id"]: e for e in tables["entities"]}


def found(mentions: list[dict]) -> list[tuple[str, str]]:
    return [(m["text"], m["entity_id"]) for m in sorted(mentions, key=lambda m: (m["article_id"], m["start"]))]


def test_possessives_are_not_part_of_names(tmp_path):
    mentions, _ = extract(tmp_path, a="Iran’s envoy and Hamas’ leaders met Syria's foreign minister.")
    assert found(mentions) == [("Iran", "iran"), ("Hamas", "hamas"), ("Syria", "syria")]


def test_hyphenated_compounds_hold_two_names(tmp_path):
    mentions, _ = extract(tmp_path, a="The Israel-Hamas war reached the Iraq-Syria border.")
    assert found(mentions) == [("Israel", "israel"), ("Hamas", "hamas"), ("Iraq", "iraq"), ("Syria", "syria")]


def test_typographic_and_straight_apostrophes_are_one_name(tmp_path):
    mentions, _ = extract(tmp_path, a="Kata’ib Hezbollah and Kata'ib Hizballah denied it, as did Kataib Hezbollah.")
    assert {e for _, e in found(mentions)} == {"kataib-hezbollah"}
    assert len(mentions) == 3


def test_transliteration_variants_and_diacritics_resolve_to_one_entity(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="Harakat al Nujaba fighters joined Harakat al-Nujaba; Nujaba'a later said so.",
        b="Shelling hit Albu Kamal, also written Abu Kamal or Ālbū Kamāl.",
    )
    assert found(mentions) == [
        ("Harakat al Nujaba", "harakat-al-nujaba"),
        ("Harakat al-Nujaba", "harakat-al-nujaba"),
        ("Nujaba'a", "harakat-al-nujaba"),
        ("Albu Kamal", "albu-kamal"),
        ("Abu Kamal", "albu-kamal"),
        ("Ālbū Kamāl", "albu-kamal"),
    ]


def test_abbreviations_match_in_capitals_only(tmp_path):
    mentions, _ = extract(tmp_path, a="U.S. troops and the PMF told us that the US would stay.")
    assert found(mentions) == [
        ("U.S.", "united-states"),
        ("PMF", "popular-mobilization-forces"),
        ("US", "united-states"),
    ]


def test_titles_are_not_part_of_names(tmp_path):
    mentions, _ = extract(tmp_path, a="President Biden wrote to Supreme Leader Ayatollah Ali Khamenei on Friday.")
    assert found(mentions) == [("Biden", "joe-biden"), ("Ali Khamenei", "ali-khamenei")]


def test_an_unknown_official_is_discovered_typed_and_resolved_by_surname(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="Jordanian army spokesman Mustafa al-Hiyari said the drone came from Syria. Hiyari gave no toll.",
        b="Mr. Hiyari declined to comment on Monday.",
    )
    assert [(t, e) for t, e in found(mentions) if "Hiyari" in t] == [
        ("Mustafa al-Hiyari", "mustafa-al-hiyari"),
        ("Hiyari", "mustafa-al-hiyari"),
        ("Hiyari", "mustafa-al-hiyari"),
    ]
    person = entities["mustafa-al-hiyari"]
    assert person["entity_type"] == "person" and person["in_reference"] is False
    assert person["n_articles"] == 2
    assert "title" in person["source"]


def test_victims_and_their_hometowns_in_a_casualty_list(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="The dead were Spc. Kennedy Ladon Sanders, 24, of Waycross, Georgia, and Staff Sgt. Ann Roe, 31, "
        "of Tbilisi, Georgia. Georgia condemned the attack.",
    )
    assert entities["kennedy-ladon-sanders"]["entity_type"] == "person"
    assert entities["ann-roe"]["entity_type"] == "person"
    assert (entities["waycross"]["entity_type"], entities["waycross"]["country_code"]) == ("place", "US")
    georgias = [e for t, e in found(mentions) if t == "Georgia"]
    assert georgias == ["georgia-us-state", "georgia", "georgia"]  # a US address; the country twice


def test_a_victim_named_after_an_occupation_is_a_person(tmp_path):
    mentions, entities = extract(tmp_path, a="The missiles killed Kurdish businessman Karwan Zebari and his son.")
    assert ("Karwan Zebari", "karwan-zebari") in found(mentions)
    assert entities["karwan-zebari"]["entity_type"] == "person"


def test_a_name_whose_arabic_article_is_written_in_lower_case(tmp_path):
    mentions, _ = extract(tmp_path, a="Rockets hit al-Asad airbase on Saturday, and al-Assad was silent.")
    assert found(mentions) == [("al-Asad airbase", "ain-al-asad-air-base"), ("al-Assad", "bashar-al-assad")]


def test_unknown_places_and_groups_take_their_type_from_the_text(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Rockets fell on the village of Khirbet Ghazaleh. The militant group Ashab al-Kahf claimed it, "
        "and the Kurdistan Counter-Terrorism Department said a base known as Camp Sentinel was hit.",
    )
    assert entities["khirbet-ghazaleh"]["entity_type"] == "place"
    assert entities["ashab-al-kahf"]["entity_type"] == "armed_group"
    assert entities["kurdistan-counter-terrorism-department"]["entity_type"] == "organization"
    assert entities["camp-sentinel"]["entity_type"] == "place"
    assert all(not entities[e]["in_reference"] for e in ("khirbet-ghazaleh", "ashab-al-kahf", "camp-sentinel"))


def test_also_known_as_joins_two_names_across_articles(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="The strike killed Abdul Rahman al-Jabouri, also known as Abu Hajar al-Iraqi, a militia commander.",
        b="Supporters mourned Abu Hajar al-Iraqi in Baghdad.",
    )
    ids = {e for t, e in found(mentions) if "Jabouri" in t or "Hajar" in t}
    assert ids == {"abdul-rahman-al-jabouri"}
    assert entities["abdul-rahman-al-jabouri"]["n_articles"] == 2
    assert entities["abdul-rahman-al-jabouri"]["entity_type"] == "person"


def test_an_acronym_in_brackets_is_another_name_unless_it_cannot_be_one(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="BAGHDAD (KUNA) - The Kurdistan Region Security Council (KRSC) said two drones were downed. "
        "The KRSC gave no details.",
    )
    assert [e for t, e in found(mentions) if t == "KRSC"] == ["kurdistan-region-security-council"] * 2
    assert not [m for m in mentions if m["text"] == "KUNA"]


def test_a_capital_standing_for_its_state_and_the_city_itself(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="Washington accused Tehran of arming the group, while mourners gathered in Tehran. "
        "A blast in central Baghdad has killed two.",
    )
    assert found(mentions) == [
        ("Washington", "united-states"),
        ("Tehran", "iran"),
        ("Tehran", "tehran"),
        ("Baghdad", "baghdad"),
    ]


def test_different_things_with_one_name_stay_apart(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="Defense Secretary Lloyd Austin spoke. Austin said more troops would go.",
        b="Protesters marched in Austin, Texas, on Sunday.",
    )
    assert [e for t, e in found(mentions) if "Austin" in t] == ["lloyd-austin", "lloyd-austin", "austin"]
    assert entities["austin"]["entity_type"] == "place" and entities["austin"]["country_code"] == "US"


def test_descriptions_of_a_collective_actor_keep_the_state_inside(tmp_path):
    mentions, _ = extract(tmp_path, a="Iran-backed militias and Iranian proxies fired drones.")
    assert found(mentions) == [
        ("Iran", "iran"),
        ("Iran-backed militias", "iran-backed-militias"),
        ("Iranian", "iran"),
        ("Iranian proxies", "iran-backed-militias"),
    ]


def test_shouted_headlines_and_lowercase_words_are_not_names(tmp_path):
    mentions, _ = extract(tmp_path, a="IS IT OVER FOR THE REGION\n\nLet us see what the ministry says.")
    assert mentions == []


def test_every_span_in_the_seeds_package_is_its_text(seeds_package):
    report = run(seeds_package, ["duckdb-sql"])
    assert report.ok, report.summary()
    assert any("span" in r.check for r in report.results)


def test_a_drifted_mention_span_is_caught(package_copy):
    path = package_copy / "data" / "mentions.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[3][4] = rows[3][4] + "x"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    failures = [f for r in run(package_copy, ["duckdb-sql"]).results for f in r.failures]
    assert [f.table for f in failures] == ["mentions"]
    assert f"start={rows[3][1]}" in failures[0].row and "but the body has" in failures[0].evidence


def test_reference_data_is_valid_and_every_row_has_a_source():
    schema = json.loads((REFERENCE_DIR / "entities.schema.json").read_text(encoding="utf-8"))
    resource = frictionless.Resource(
        path="entities.csv", basepath=str(REFERENCE_DIR), schema=frictionless.Schema.from_descriptor(schema)
    )
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    with (REFERENCE_DIR / "entities.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        assert row["source"].startswith(("wikipedia:", "collective actor")), row["entity_id"]
        if row["entity_type"] == "place" and row["entity_id"] not in {"middle-east"}:
            assert row["geonameid"] or row["latitude"], f"{row['entity_id']} has no coordinates"


def test_no_name_in_the_reference_data_belongs_to_two_entities():
    owners: dict[tuple, set[str]] = {}
    with (REFERENCE_DIR / "entities.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
                caps = name.replace(".", "").replace("-", "").isupper()
                owners.setdefault((name_key(name), caps), set()).add(row["entity_id"])
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("Kataib Hizbullah", "kataib-hezbollah"),
        ("Nasser Kanaani", "nasser-kanani"),
        ("Al Bukamal", "albu-kamal"),
        ("Ain al-Asad", "ain-al-asad-air-base"),
        ("Mosul", "mosul"),
        ("Kut", "al-kut"),
        ("Houthis", "houthis"),
        ("Sanaa", "sanaa"),
        ("SANA", "sana"),
        ("Hodeidah", "al-hudaydah"),  # GeoNames has "El-Hodeidah": the form without the article counts too
    ],
)
def test_the_gazetteer_covers_the_region_beyond_the_seeds(name, entity_id):
    assert load_gazetteer().lookup(name).entity_id == entity_id
