"""The fallback layer of villages (data/villages.csv.gz): read only in a text about the village's country, for a
name no bundled place there bears, where the words before it say it is a place, and near the text's other places."""
from __future__ import annotations

import csv
import gzip

import pytest

from geo import geoparse
from geo.gazetteer import Context
from geo.gazetteer.place import distance_km
from geo.gazetteer.sources import DATA_DIR, VILLAGES

SUDAN = Context(countries={"SD": 1.0})


def test_a_village_cities500_lacks_is_read_in_its_country(gazetteer):
    found = gazetteer.resolve("Deribat", SUDAN)
    assert found.place is not None and found.place.source == VILLAGES
    assert found.place.place_id.startswith("geonames:") and found.place.country == "SD"
    assert found.place.precision == "locality"


def test_with_no_country_a_village_is_not_read_and_the_reason_says_why(gazetteer):
    found = gazetteer.resolve("Deribat")
    assert found.place is None
    assert "village of the fallback layer" in found.reason and "SD" in found.reason
    assert gazetteer.resolve("Deribat", Context(countries={"FR": 1.0})).place is None


def test_a_bundled_place_of_the_text_country_keeps_its_name(gazetteer):
    # the layer holds a hamlet called Khiam too; the curated Khiam of south Lebanon is the one meant
    found = gazetteer.resolve("Khiam", Context(countries={"LB": 1.0}))
    assert found.place is not None and found.place.source != VILLAGES


def test_names_of_peoples_and_division_phrasings_are_no_villages(gazetteer):
    assert all(c.place.source != VILLAGES for c in gazetteer.candidates("Shia", Context(countries={"IQ": 1.0})))
    # a division's phrasing is no hamlet of its name; the layer's district of that name answers it
    found = gazetteer.candidates("Kech district", Context(countries={"PK": 1.0}))
    assert all(c.place.source != VILLAGES or c.place.precision == "admin2" for c in found)
    assert found and found[0].place.precision == "admin2" and found[0].place.country == "PK"


def test_the_layer_holds_districts_strike_reports_name():
    text = ("Drones struck a compound in North Waziristan on Monday, Pakistani officials said. Jets bombed hideouts in "
            "the Kurram district on Tuesday, the military said.")
    found = {m.text: m.place for m in geoparse(text)}
    assert found["North Waziristan"] is not None and found["North Waziristan"].precision == "admin2"
    assert found.get("Kurram") is not None and found["Kurram"].precision == "admin2" and found["Kurram"].country == "PK"


def test_a_caller_that_knows_no_place_word_shuts_the_layer(gazetteer):
    assert gazetteer.resolve("Deribat", Context(countries={"SD": 1.0}, villages=False)).place is None


def test_in_text_a_village_is_read_after_a_word_of_place():
    text = ("Sudanese army warplanes bombed Deribat in Darfur on Monday. Fighting also raged around Sohmor, "
            "residents of El Fasher in Sudan said.")
    found = {m.text: m.place for m in geoparse(text)}
    assert found["Deribat"] is not None and found["Deribat"].source == VILLAGES and found["Deribat"].country == "SD"
    # Sohmor is a village of Lebanon's, a country this text does not name
    assert found.get("Sohmor") is None


def test_in_text_a_village_name_with_no_word_of_place_is_no_mention():
    text = "Deribat said the Sudanese army would answer. Officials in Khartoum, Sudan, declined to comment."
    assert all(m.place is None or m.place.source != VILLAGES for m in geoparse(text))


def test_villages_listed_after_a_place_are_read_too():
    text = "Lebanon: Israeli jets struck Sohmor, Machghara and Douris in the Bekaa valley on Tuesday, officials said."
    found = {m.text: m.place for m in geoparse(text)}
    assert all(found.get(n) is not None and found[n].source == VILLAGES and found[n].country == "LB"
               for n in ("Sohmor", "Machghara", "Douris"))


def test_a_village_far_from_every_town_the_text_names_is_a_namesake():
    def buhriz(town):
        text = f"Iraqi forces fought in {town} on Monday. Air strikes also hit Buhriz, residents of {town} in Iraq said."
        return next((m.place for m in geoparse(text) if m.text == "Buhriz"), None)

    near = buhriz("Baquba")  # Buhriz lies just south of Baquba
    assert near is not None and near.source == VILLAGES
    assert buhriz("Mosul") is None  # 350 km off: a namesake, or a place the gazetteer lacks


def test_the_layer_file_holds_geonames_rows_in_the_extra_format():
    with gzip.open(DATA_DIR / "villages.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    assert len(rows) > 100_000
    # GeoNames' rows, and districts under Who's On First's own id where it records no GeoNames one
    assert all(r["place_id"].startswith("geonames:") or r["place_id"].startswith("whosonfirst:")
               and r["precision"] == "admin2" for r in rows)
    assert len({r["place_id"] for r in rows}) == len(rows)
    assert {r["precision"] for r in rows} <= {"locality", "admin2", "site", "region"}
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 for r in rows[::97])
    assert [(r["country"], r["name"], r["place_id"]) for r in rows] == sorted((r["country"], r["name"], r["place_id"]) for r in rows)


@pytest.mark.parametrize("name", ["Aleppo", "Damascus", "Hama"])
def test_bundled_towns_are_no_fallback_names(gazetteer, name):
    from geo.gazetteer import name_key

    assert gazetteer.index.has_name(name_key(name))


def test_a_part_of_a_city_the_layer_holds_is_placed_at_its_own_point():
    text = ("SARAJEVO, Bosnia - Serb mortar shells hit the western suburb of Dobrinja in Sarajevo on Monday, the Bosnian "
            "government said.")
    part = next(m for m in geoparse(text) if m.kind == "city part")
    assert part.place.source == VILLAGES and part.place.name == "Dobrinja" and part.place.country == "BA"
    city = next(m.place for m in geoparse(text) if m.text == "Sarajevo")
    assert 0 < distance_km(part.place.lat, part.place.lon, city.lat, city.lon) <= 15


def test_the_division_the_text_names_says_which_of_several_villages():
    # the layer holds two Léré in Mali (Timbuktu and Mopti) and three Gangaw in Myanmar
    text = ("Mali's army said its drones had destroyed a logistics base near Léré in the Timbuktu region on Wednesday.\n")
    lere = next(m for m in geoparse(text) if m.text == "Léré")
    assert lere.place.source == VILLAGES and lere.place.admin1_key == ("ML", "08")
    text = ("The air force said it had struck a camp near Gangaw, in the northwest of Magway Region. Jets also bombed "
            "villages in Sagaing Region.\n\nResistance sources in Gangaw said a strike had hit farmland near the town.\n")
    readings = {m.place.place_id for m in geoparse(text) if m.text == "Gangaw"}
    assert len(readings) == 1 and distance_km(22.165, 94.127, *_point(text, "Gangaw")) < 5


def _point(text: str, name: str) -> tuple[float, float]:
    place = next(m.place for m in geoparse(text) if m.text == name)
    return place.lat, place.lon


def test_a_slavic_ending_romanised_otherwise_is_the_same_name(gazetteer):
    # "Afipsky" is GeoNames' Afipskiy; a hyphenated town stays whole though its second half is a spelling of another
    assert gazetteer.resolve("Afipsky", Context(countries={"RU": 1.0})).place.name == "Afipskiy"
    text = "Artillery shelled Novhorod-Siverskyi overnight, damaging the hospital, the governor said.\n"
    assert [m.text for m in geoparse(text)] == ["Novhorod-Siverskyi"]


def test_a_name_read_as_a_village_elsewhere_is_the_town_of_the_division_the_text_names():
    # "the Spera district of Khost province", then "killed in Spera": Khost's Spera, not a village of the name by Peshawar
    text = ("Pakistani warplanes bombed hideouts inside Afghanistan on Monday. Aircraft struck homes at about 3 a.m. in the Spera district of Khost province and in Barmal. Five "
            "women were killed in Spera, he said. Residents reached by phone in Spera said the planes struck two houses.")
    places = {(m.place.name, m.place.country) for m in geoparse(text) if m.text == "Spera" and m.place is not None}
    assert {country for _, country in places} == {"AF"} and len(places) == 1


def test_the_layer_holds_the_villages_of_wars_outside_the_middle_east():
    # Sri Lanka's Vanni (2009), Cameroon's Far North and Colombia: villages cities500 lacks, read in a text about their country
    for name, country in (("Puthukkudiyiruppu", "LK"), ("Valayanmadam", "LK"), ("Kolofata", "CM"), ("Potrerito", "CO")):
        found = gazetteer_resolve(name, country)
        assert found is not None and found.country == country and found.source == VILLAGES, name


def gazetteer_resolve(name: str, country: str):
    from geo.gazetteer import Gazetteer

    return Gazetteer.default().resolve(name, Context(countries={country: 1.0})).place


def test_a_neighbourhood_an_apposition_names_is_the_citys_not_a_village_namesake_far_away():
    text = ("Haiti drone strikes. Residents of Bel Air, the hillside neighbourhood just above downtown "
            "Port-au-Prince, say they were woken by explosions. Police said a drone strike hit a house in Bel Air.")
    found = [m.place for m in geoparse(text) if m.text == "Bel Air"]
    assert found and all(p is not None and p.name == "Port-au-Prince" for p in found)


def test_a_district_named_after_a_village_stays_the_village():
    text = ("US and Afghan aircraft bombed insurgent positions around Lashkar Gah, the capital of Helmand province. "
            "Cleveland also denied that any American strike had taken place this week in Marjah, the district west of "
            "the capital that has been contested since 2010.")
    found = {m.text: m.place for m in geoparse(text)}
    assert found.get("Marjah") is not None and found["Marjah"].country == "AF"


def test_a_village_said_to_lie_in_a_towns_area_is_not_a_namesake_far_away():
    text = ("Egypt's state news agency said a bomb went off at the al-Rawda mosque in the village of al-Rawda, in the "
            "Bir al-Abed area west of El Arish, in North Sinai.")
    found = [m.place for m in geoparse(text) if "Rawda" in m.text]
    arish = next(m.place for m in geoparse(text) if m.text == "El Arish")
    assert found and all(p is not None and distance_km(p.lat, p.lon, arish.lat, arish.lon) < 100 for p in found)
