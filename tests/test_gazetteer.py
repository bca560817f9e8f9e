"""The gazetteer: spelling variants by normalisation, division phrasings, world places, unknowns."""
from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import Context, OfflineGazetteer, get_geocoder, name_key, skeleton_key

SYRIA = Context(countries={"SY": 1.0})

# Every spelling in a group must resolve to the same GeoNames place.
SPELLINGS = {
    "geonames:163779": ["Talbiseh", "Talbisah", "Tallbīsah"],
    "geonames:164947": ["Salamiyah", "Salamiyeh", "As Salamīyah"],
    "geonames:173361": ["Qaryatain", "Al Qaryatayn"],
    "geonames:172946": ["Rastan", "Ar Rastan"],
    "geonames:169389": ["Idlib", "Idleb"],
    "geonames:170017": ["Hama", "Ḩamāh"],
    "geonames:170794": ["Deir ez-Zor", "Deir al-Zour", "Deir Ezzor"],
    "geonames:167611": ["Maarat al-Numan", "Ma‘arrat an Nu‘mān"],
    "geonames:169023": ["Jisr al-Shughour", "Jisr ash Shughūr"],
    "geonames:168661": ["Kafranbel", "Kafr Nabl"],
}


@pytest.mark.parametrize("place_id,spelling", [(pid, s) for pid, group in SPELLINGS.items() for s in group])
def test_spelling_variants_resolve_to_one_place(gazetteer, place_id, spelling):
    resolution = gazetteer.resolve(spelling, SYRIA)
    assert resolution.place is not None, resolution.reason
    assert resolution.place.place_id == place_id
    assert resolution.place.precision == "locality"


@pytest.mark.parametrize("group", list(SPELLINGS.values()))
def test_variants_share_a_skeleton_key(group):
    assert len({skeleton_key(s) for s in group}) == 1


def test_name_key_drops_marks_articles_and_hyphens():
    assert name_key("Ma‘arrat an Nu‘mān") == name_key("Maarrat al-Numan") == "maarrat numan"
    assert name_key("Deir ez-Zor") == "deir zor"


@pytest.mark.parametrize(
    "phrase,admin1",
    [
        ("Idlib province", "12"),
        ("the province of Aleppo", "09"),
        ("Homs Governorate", "11"),
        ("northern Homs", "11"),
        ("Hama province", "10"),
        ("the governorate of Deir ez-Zor", "07"),
    ],
)
def test_division_phrasings_resolve_to_admin1(gazetteer, phrase, admin1):
    place = gazetteer.resolve(phrase, SYRIA).place
    assert place is not None
    assert (place.country, place.admin1, place.precision) == ("SY", admin1, "admin1")


def test_direction_moves_the_point_into_that_part(gazetteer):
    whole = gazetteer.resolve("Homs province").place
    north = gazetteer.resolve("northern Homs").place
    assert north.lat > whole.lat
    assert north.place_id == whole.place_id + "#north"


def test_bare_name_prefers_the_town_over_its_governorate(gazetteer):
    assert gazetteer.resolve("Aleppo", SYRIA).place.precision == "locality"
    assert gazetteer.resolve("Aleppo province", SYRIA).place.precision == "admin1"


@pytest.mark.parametrize(
    "name,country,lat,lon",
    [("Moscow", "RU", 55.75, 37.62), ("Ankara", "TR", 39.92, 32.85), ("New York", "US", 40.71, -74.0),
     ("Paris", "FR", 48.85, 2.35), ("Syria", "SY", 34.8, 38.5), ("Turkey", "TR", 39.0, 35.0)],
)
def test_world_places_resolve_without_context(gazetteer, name, country, lat, lon):
    place = gazetteer.resolve(name).place
    assert place.country == country
    assert abs(place.lat - lat) < 3 and abs(place.lon - lon) < 4


def test_document_country_decides_between_namesakes(gazetteer):
    # Alexandria: Egypt's city by population, Louisiana's when the text is about the US.
    assert gazetteer.resolve("Alexandria").place.country == "EG"
    assert gazetteer.resolve("Alexandria", Context(countries={"US": 1.0})).place.country == "US"


def test_division_named_in_the_document_decides_between_namesakes():
    from geo import geoparse

    text = "Flooding hit Louisiana this week. In Alexandria, shelters opened as the river rose."
    found = {m.text: m for m in geoparse(text)}
    assert found["Alexandria"].place.country == "US" and found["Alexandria"].place.admin1 == "LA"
    syria = {m.text: m for m in geoparse("Russian jets struck Hama and Idlib overnight.")}
    assert syria["Hama"].place.country == "SY"


def test_sites_from_places_extra(gazetteer):
    assert gazetteer.resolve("Sha'ar gas field").place.precision == "site"
    assert gazetteer.resolve("Atshan", SYRIA).place.place_id == "strikemap:atshan"
    assert gazetteer.resolve("Khmeimim air base").place.place_id == "strikemap:hmeimim-air-base"


def test_airports_and_air_bases_by_their_names_and_their_towns(gazetteer):
    assert gazetteer.resolve("Millerovo air base").place.place_id == "ourairports:RU-0282"
    kassala = gazetteer.resolve("Kassala airport").place
    assert (kassala.precision, kassala.kind, kassala.country) == ("site", "airport", "SD")
    assert gazetteer.resolve("Kassala").place.precision == "locality"  # the town stays the town
    # the names news gives an airport without the town it serves, or by a former name
    assert gazetteer.resolve("Heathrow Airport").place.place_id == "ourairports:EGLL"
    assert gazetteer.resolve("Schiphol Airport").place.place_id == "ourairports:EHAM"
    assert gazetteer.resolve("Ringway Airport").place.place_id == "ourairports:EGCC"
    assert gazetteer.resolve("International Airport").place is None  # what is left of "Damascus International Airport"
    assert gazetteer.resolve("Rafic Hariri International Airport").place.place_id == "ourairports:OLBA"
    assert gazetteer.resolve("Belbek airfield").place.place_id == "ourairports:UKFB"  # "Belbek Air Base" as news writes it


def test_power_stations_by_the_names_news_gives_them(gazetteer):
    """The WRI Global Power Plant Database layer: a plant under its kind's words, never a town's bare name."""
    for name in ("Burshtyn TPP", "Trypilska thermal power plant", "Ras Kanatib power station"):
        place = gazetteer.resolve(name).place
        assert (place.kind, place.precision, place.source) == ("power station", "site", "wri"), name
    assert gazetteer.resolve("Burshtyn TPP").place.country == "UA"
    assert gazetteer.resolve("Haifa").place.kind != "power station"  # a town named like a plant stays the town
    assert gazetteer.resolve("power station").place is None


def test_lebanese_suburbs_and_camps_strike_reports_name(gazetteer):
    from geo.gazetteer import Context

    lebanon = Context(countries={"LB": 1.0})
    for name in ("Haret Hreik", "Burj al-Barajneh", "Ghobeiry", "Khiam", "Aita al-Shaab"):
        assert gazetteer.resolve(name, lebanon).place.country == "LB", name


@pytest.mark.parametrize("name,country,not_meant", [
    ("Broken Hill", "AU", "Kabwe"),  # Kabwe's colonial name
    ("Garden City", "US", "Singapore"),  # a nickname
    ("White House", "US", "Casablanca"),  # a translation
])
def test_everyday_words_name_the_place_they_are_the_own_name_of(gazetteer, name, country, not_meant):
    place = gazetteer.resolve(name).place
    assert (place.country, place.name) == (country, name), place
    assert not_meant in [c.place.name for c in gazetteer.candidates(name, limit=50)]  # still a reading


def test_a_shortened_own_name_is_no_nickname(gazetteer):
    assert gazetteer.resolve("New York").place.name == "New York City"


@pytest.mark.parametrize("name", ["Xqzvbnmwpt", "", "   ", "!!!", "\x00"])
def test_unknown_names_give_unknown_not_an_exception(gazetteer, name):
    resolution = gazetteer.resolve(name)
    assert resolution.status == "unknown"
    assert resolution.place is None
    assert resolution.reason


def test_candidates_explain_their_scores(gazetteer):
    ranked = gazetteer.candidates("Hama", SYRIA)
    assert ranked[0].score >= ranked[-1].score
    assert any("document country SY" in r for r in ranked[0].reasons)


def test_offline_gazetteer_is_a_geopy_geocoder():
    geocoder = get_geocoder("offline")
    assert isinstance(geocoder, Geocoder) and isinstance(geocoder, OfflineGazetteer)
    location = geocoder.geocode("Talbiseh", country_codes="SY")
    assert isinstance(location, Location)
    assert location.raw["place_id"] == "geonames:163779"
    assert location.raw["reasons"]
    assert round(location.latitude, 1) == 34.8
    assert geocoder.geocode("Xqzvbnmwpt") is None
    several = geocoder.geocode("Alexandria", exactly_one=False, limit=3)
    assert len(several) == 3 and all(isinstance(x, Location) for x in several)


def test_contexts_alike_for_a_name_resolve_it_alike():
    """Only the weights of the countries and divisions a name's readings lie in can change how
    it resolves: contexts that agree on those share a key, and give the same resolution."""
    from geo.gazetteer import Context, Gazetteer

    g = Gazetteer.default()
    about_syria = Context(countries={"SY": 1.0, "US": 0.4})
    about_syria_and_france = Context(countries={"SY": 1.0, "FR": 0.7})
    assert g.context_key("Aleppo", about_syria.countries, {}) == g.context_key("Aleppo", about_syria_and_france.countries, {})
    a, b = g.resolve("Aleppo", about_syria), g.resolve("Aleppo", about_syria_and_france)
    assert a.place == b.place and [(c.place, c.score, c.reasons) for c in a.candidates] == [
        (c.place, c.score, c.reasons) for c in b.candidates]
    # A weight on a country where the name has a reading is part of the key.
    assert g.context_key("Alexandria", {"EG": 1.0}, {}) != g.context_key("Alexandria", {"EG": 1.0, "US": 0.5}, {})
    # Where readings by skeleton would join (no reading by name in the document's countries),
    # the whole context counts.
    assert g.context_key("Talbisah", {"US": 1.0}, {}) is None or g.resolve(
        "Talbisah", Context(countries={"US": 1.0})).place is not None


def test_syrian_places_added_by_hand_lie_in_their_governorates():
    """places_extra.csv rows are typed in from public sources: each Syrian town or site must fall
    inside (or within 2 km of) the Natural Earth outline of the governorate its row names."""
    import csv
    import json

    from shapely.geometry import Point, shape

    from geo.gazetteer.sources import DATA_DIR

    codes = {(r["country"], r["admin1_code"]): r["iso_3166_2"] for r in csv.DictReader(open(DATA_DIR / "admin1.csv", encoding="utf-8"))}
    outlines = {f["properties"]["iso_3166_2"]: shape(f["geometry"])
                for f in json.load(open(DATA_DIR / "boundaries" / "admin1_levant.geojson", encoding="utf-8"))["features"]}
    checked = 0
    for row in csv.DictReader(open(DATA_DIR / "places_extra.csv", encoding="utf-8")):
        if row["country"] != "SY" or row["precision"] not in ("locality", "site"):
            continue
        outline = outlines[codes[("SY", row["admin1"])]]
        point = Point(float(row["lon"]), float(row["lat"]))
        assert outline.distance(point) * 111 <= 2.0, row["name"]
        checked += 1
    assert checked >= 25


def test_arabic_names_ending_in_ta_marbuta_match_either_spelling(gazetteer):
    """"Rabia" is GeoNames' "Rabī‘ah": a final -ah and -a are one letter in Arabic."""
    from geo.gazetteer import Context

    res = gazetteer.resolve("Rabia", Context(countries={"SY": 1.0}))
    assert res.place is not None and res.place.country == "SY" and res.place.name.startswith("Rab")


def test_point_set_answers_as_distance_km_does():
    """The proximity step's point set: the nearest point within a distance, a label left out, and a
    bounding box that holds every place within reach (checked against plain great-circle distances)."""
    import random

    from geo.gazetteer.place import PointSet, distance_km, haversine_term

    rng = random.Random(7)
    points = [(rng.uniform(-60, 70), rng.uniform(-170, 170), rng.choice("abc")) for _ in range(60)]
    near = PointSet(points)
    for _ in range(400):
        lat, lon = rng.uniform(-60, 70), rng.uniform(-175, 175)
        for exclude in (None, "a"):
            kept = [distance_km(lat, lon, p, q) for p, q, label in points if label != exclude]
            within = [d for d in kept if d <= 450]
            term = near.nearest_term(lat, lon, 450, exclude=exclude)
            assert (term < 1.0) == bool(within)
            if within:
                assert abs(term - haversine_term(min(within))) < 1e-9
            assert near.any_within(lat, lon, 450, exclude) == bool(within)
        box = near.box(450)
        if box is not None and any(distance_km(lat, lon, p, q) <= 450 for p, q, _ in points):
            assert box[0] <= lat <= box[1] and box[2] <= lon <= box[3]
    regional = [(rng.uniform(29, 37), rng.uniform(35, 48), "a") for _ in range(20)]
    box = PointSet(regional).box(450)
    assert box is not None
    for _ in range(2000):
        lat, lon = rng.uniform(15, 50), rng.uniform(20, 65)
        if any(distance_km(lat, lon, p, q) <= 450 for p, q, _ in regional):
            assert box[0] <= lat <= box[1] and box[2] <= lon <= box[3]
    assert PointSet([]).nearest_term(10, 10, 450) == 1.0
    assert PointSet([(89.0, 0.0, "a")]).box(450) is None  # a box over the pole is no box


def test_vowel_digraphs_of_another_romanisation_are_folded(gazetteer):
    from geo.gazetteer.normalize import spelled_alike

    assert spelled_alike("tajoura") == "tajura" and spelled_alike("sheeba") == "shiba" and spelled_alike("aleppo") == "aleppo"
    assert gazetteer.candidates("Tajoura", limit=1)[0].place.country == "LY"


def test_a_spelling_that_differs_by_doubled_letters_alone_ranks_near_the_name(gazetteer):
    from geo.gazetteer.normalize import folded_key

    assert folded_key("maarat numan") == folded_key("maarrat numan") == "marat numan"
    context = Context(countries={"SY": 0.4})
    best = gazetteer.candidates("Maarat al-Numan", context, limit=1)[0]
    assert best.place.place_id == "geonames:167611" and best.match == "alike"
    # a skeleton that only shares consonants stays a weak reading
    assert gazetteer.candidates("Muraat Numin", context, limit=1)[0].match == "skeleton"


def test_a_transliteration_that_doubles_a_letter_or_not_finds_the_place(gazetteer):
    # "Jawad" and the gazetteer's "Jawwād" share one consonant skeleton; "Radaa" is its "Radā‘"
    assert gazetteer.resolve("Bin Jawad", Context(countries={"LY": 1.0})).place.name == "Bin Jawwād"
    assert gazetteer.resolve("Radaa", Context(countries={"YE": 1.0})).place.name == "Radā‘"
    assert gazetteer.resolve("Radaa", Context(countries={"YE": 1.0})).place.country == "YE"
