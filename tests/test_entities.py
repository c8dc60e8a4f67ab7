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
from newsevents.entities.text import fold, name_key, tokenize
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


def test_ae_and_ai_spellings_of_one_arabic_name_meet(tmp_path):
    mentions, _ = extract(tmp_path, a="Kataeb Hezbollah denied it; Kataib Sayyid al-Shuhadaa did not.")
    assert found(mentions) == [
        ("Kataeb Hezbollah", "kataib-hezbollah"),
        ("Kataib Sayyid al-Shuhadaa", "kataib-sayyid-al-shuhada"),
    ]


def test_hyphenated_ranks_and_health_and_legal_occupations_title_a_person(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Lt.-Gen. Aviv Kohavi visited the site. Senior paramedic Yossi Levi said two were hurt, "
        "and Haifa prosecutor Dana Cohen told reporters that Hamas official Osama Hamdan was wrong.",
    )
    for person in ("aviv-kohavi", "yossi-levi", "dana-cohen", "osama-hamdan"):
        assert entities[person]["entity_type"] == "person", person


def test_a_plural_occupation_or_an_office_is_not_a_persons_title(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Doctors Without Borders said the Chief of the General Staff had met the team. "
        "Its official Telegram channel posted a video.",
    )
    assert entities["doctors-without-borders"]["entity_type"] == "organization"
    assert not [e for e in entities.values() if e["entity_type"] == "person"]


def test_a_body_owned_by_a_known_state_is_a_name_of_its_own_per_owner(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="Turkey's Foreign Ministry condemned the raid, and Egypt's Foreign Ministry agreed.",
        b="The Children's Hospital said Turkey's Foreign Ministry called.",
    )
    ministries = [(t, e) for t, e in found(mentions) if t == "Foreign Ministry"]
    assert [e for _, e in ministries] == ["foreign-ministry", "foreign-ministry-2", "foreign-ministry"]
    assert entities["foreign-ministry"]["country_code"] == "TR"
    assert entities["foreign-ministry"]["entity_type"] == "organization"
    assert ("Turkey", "turkey") in found(mentions) and ("Egypt", "egypt") in found(mentions)
    assert "Hospital" not in [t for t, _ in found(mentions)]


def test_a_lowercase_place_noun_after_a_name_makes_it_a_place(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Shells hit the Dar al-Salam neighbourhood, Kafr Nabl town and Egypt's Beni Sahl air base, "
        "but spared a Druze town, the Syrian Kafr Dan village, the Deh-e Now district and the Baladiyat concert "
        "hall.",
    )
    for place in ("dar-al-salam", "kafr-nabl", "beni-sahl", "baladiyat", "deh-e-now"):
        assert entities[place]["entity_type"] == "place", place
    assert entities["beni-sahl"]["country_code"] == "EG"
    assert (entities["kafr-dan"]["name"], entities["kafr-dan"]["country_code"]) == ("Kafr Dan", "SY")
    assert "druze" not in entities


def test_a_noun_before_or_after_a_name_makes_it_an_organisation(tmp_path):
    _, entities = extract(
        tmp_path,
        a="The advocacy group Sawa and drone maker Baykar spoke to the Yonhap news agency.",
    )
    assert [entities[e]["entity_type"] for e in ("sawa", "baykar", "yonhap")] == ["organization"] * 3


def test_named_ships_are_places_without_a_country(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="The oil tanker M/V Galaxy Leader was hit, and the Eternity C vessel sank near the Greek tanker. "
        "HMS Diamond responded. Later the Galaxy Leader was towed.",
    )
    assert [t for t, e in found(mentions) if e == "galaxy-leader"] == ["Galaxy Leader", "Galaxy Leader"]
    for ship in ("galaxy-leader", "eternity-c", "hms-diamond"):
        assert (entities[ship]["entity_type"], entities[ship]["country_code"]) == ("place", None), ship
    assert "greek" not in entities


def test_a_facility_noun_after_a_name_and_the_facilitys_stem_alone(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="Drones targeted the al-Harir air base and al-Asad base. The drone aimed at al-Harir was downed. "
        "Assad said nothing.",
    )
    assert found(mentions) == [
        ("Harir air base", "harir-air-base"),
        ("al-Asad", "ain-al-asad-air-base"),
        ("al-Harir", "harir-air-base"),
        ("Assad", "bashar-al-assad"),
    ]


def test_a_name_in_apposition_takes_its_type_from_the_description(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Karim Tahmasbi, the deputy governor of the province, said so. Mourners buried Wael Qudsi, a Saraya "
        "Quds fighter who died on Monday. Jaish al-Fath, an Iran-backed militia group, claimed it. "
        "In West Harbin, a commander said nothing. Human Rights Watch, a New York-based group, blamed the army.",
    )
    assert entities["karim-tahmasbi"]["entity_type"] == "person"
    assert entities["wael-qudsi"]["entity_type"] == "person"
    assert entities["jaish-al-fath"]["entity_type"] == "armed_group"
    assert entities["human-rights-watch"]["entity_type"] == "organization"
    assert entities.get("west-harbin", {}).get("entity_type") in (None, "place")  # a place, if a name at all


def test_a_role_with_its_affiliation_before_a_name_in_commas(tmp_path):
    _, entities = extract(
        tmp_path,
        a="A senior official from Egypt’s intelligence service, Khaled Mansour, has told reporters it was "
        "false. The president met his military secretary, Avi Gilad. Officials in Tyre, Qana, Bint Jbeil said.",
    )
    assert entities["khaled-mansour"]["entity_type"] == "person"
    assert entities["avi-gilad"]["entity_type"] == "person"
    assert {e["name"] for e in entities.values() if e["entity_type"] == "person"} == {"Khaled Mansour", "Avi Gilad"}


def test_a_title_held_in_a_known_place_before_a_name(tmp_path):
    mentions, entities = extract(tmp_path, a="The Egyptian Ambassador in Riyadh Omar Kamal told reporters.")
    assert ("Riyadh", "riyadh") in found(mentions)
    assert entities["omar-kamal"]["entity_type"] == "person"


def test_a_translation_in_brackets_joins_the_name_it_translates(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="Fighters of the Hashid al-Shaabi (Popular Mobilisation) forces and Kataib Hezbollah (Party of God "
        "Brigades) met Benjamin Netanyahu (Likud Party).",
        b="The Party of God Brigades denied it, as did Hashid al-Shaabi.",
    )
    ids = {t: e for t, e in found(mentions)}
    assert ids["Hashid al-Shaabi"] == ids["Popular Mobilisation"] == "popular-mobilization-forces"
    assert ids["Party of God Brigades"] == "kataib-hezbollah"
    assert ids["Likud Party"] != "benjamin-netanyahu"


def test_a_states_name_before_its_own_institution_is_part_of_the_name(tmp_path):
    mentions, _ = extract(
        tmp_path,
        a="The United States Central Command said so. In Iraq Kataib Hezbollah denied it.",
    )
    assert found(mentions) == [
        ("United States Central Command", "us-central-command"),
        ("Iraq", "iraq"),
        ("Kataib Hezbollah", "kataib-hezbollah"),
    ]


def test_a_world_city_or_a_compass_region_after_a_locative_is_a_place(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Fighting raged in Goma and near Bukavu, while in North Kivu troops massed. He spoke in Arabic "
        "to Congress in March.",
    )
    assert [(entities[p]["entity_type"], entities[p]["country_code"]) for p in ("goma", "bukavu", "north-kivu")] == [
        ("place", "CD")
    ] * 3
    assert round(entities["goma"]["latitude"]) == -2 and "geonames:" in entities["goma"]["source"]
    places = {e["name"] for e in entities.values() if e["entity_type"] == "place"}
    assert places == {"Goma", "Bukavu", "North Kivu"}
    assert "arabic" not in entities and "march" not in entities  # a language and a month are no names


def test_a_name_after_near_or_outside_is_a_place_even_unknown_to_geonames(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Gunmen attacked a convoy near Qorvelani on Monday and shelled the farms outside Darrow Kesh. "
        "Troops arrived near Sunday prayers and stood outside Tuesday's market.",
    )
    places = {e["name"] for e in entities.values() if e["entity_type"] == "place"}
    assert {"Qorvelani", "Darrow Kesh"} <= places
    assert not places & {"Sunday", "Tuesday"}  # a day is no place


def test_an_unknown_place_takes_the_country_the_text_puts_it_in(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Shells hit Kafr Dan town in southern Lebanon and the Aleppo suburb of Bab Nairab. Rockets hit the "
        "Baladiyat camp, about 40 miles north of Mosul, and a village in Borno State, in northeastern Nigeria. "
        "Kherson Oblast was hit.",
        b="Drones struck the Tel Zaatar air base. Iraq and Iran traded blame, and Iraq closed its airspace.",
        c="Strikes hit Sidon, Tyre and Kfar Melki village. Israel said Israel had warned that Israel would act.",
        d="An Israeli strike hit a school in Gaza City. A clinic in the Daraj neighbourhood was hit too. "
        "Egypt and Qatar said talks would resume in Cairo.",
    )
    countries = {e["entity_id"]: e["country_code"] for e in entities.values() if not e["in_reference"]}
    assert countries == {
        "kafr-dan": "LB",
        "bab-nairab": "SY",
        "baladiyat": "IQ",
        "borno-state": "NG",
        "kherson-oblast": "UA",  # the city it is named after
        "tel-zaatar": "IQ",  # no country around it: the one its article names most
        "kfar-melki": "LB",  # the country of the places named with it
        "daraj": "PS",  # the last place named before it, not the most named country
    }


def test_institutions_named_in_either_word_order_or_by_acronym(tmp_path):
    _, entities = extract(
        tmp_path,
        a="Jordan's Health Ministry said 3 died. Later Jordan's Ministry of Health said 4 had died. "
        "The Hashemite Relief Corps Quartet (HRCQ) helped, and the head of the Guards spoke.",
    )
    ministries = [e for e in entities.values() if "Ministry" in e["name"]]
    assert len(ministries) == 1 and ministries[0]["country_code"] == "JO"
    assert entities["hashemite-relief-corps-quartet"]["entity_type"] == "organization"
    assert "guards" not in entities


def test_a_states_name_opening_an_unknown_institutions_name_is_part_of_it(tmp_path):
    mentions, entities = extract(
        tmp_path,
        a="The Sudan Doctors Network said the shelling of Nyala, the capital of the state, went on. "
        "In Iraq Security Forces were deployed near St. Elias Church.",
    )
    assert (entities["sudan-doctors-network"]["entity_type"], entities["sudan-doctors-network"]["country_code"]) == (
        "organization",
        "SD",
    )
    assert ("Iraq", "iraq") in found(mentions)
    assert entities["nyala"]["entity_type"] == "place"
    assert entities["st-elias-church"]["entity_type"] == "place"


@pytest.mark.parametrize(
    "name",
    ["U.S.", "Kata'ib Hezbollah", "Ālbū Kamāl", "Iran’s", "al-Nujaba", "the Ministry's", "O'Neill's", "Zaporizhzhia"],
)
def test_a_names_key_is_the_keys_of_its_tokens(name):
    """``name_key`` skips making tokens: it must give exactly the keys ``tokenize`` gives."""
    assert name_key(name) == tuple(t.key for t in tokenize(name))


@pytest.mark.parametrize(
    ("token", "key"),
    [
        ("U.S.", "us"),
        ("Kata'ib", "kataib"),
        ("Kataʼib", "kataib"),
        ("Nujaba`a", "nujaba"),
        ("Kanaani", "kanani"),
        ("Ismael", "ismail"),
        ("MOSUL", "mosul"),
        ("Ālbū", "albu"),
    ],
)
def test_ascii_and_other_spellings_fold_to_one_key(token, key):
    """The ASCII shortcut of ``fold`` and its general path (decompose, drop marks) meet on one key."""
    assert fold(token) == key


def test_a_spelling_that_is_a_larger_foreign_citys_own_name_names_that_city():
    """GeoNames lists old or foreign names among a city's spellings; one that is the own name of a larger city
    in another country names that city (held even outside the regional cities), not the smaller one."""
    gazetteer = load_gazetteer()
    for name, country in (("Salvador", "BR"), ("Plymouth", "GB")):
        city = gazetteer.lookup(name)
        assert city is not None and (city.entity_type, city.country_code) == ("place", country), name
    assert gazetteer.lookup("Baghdad").country_code == "IQ"  # a regional city keeps its own name
