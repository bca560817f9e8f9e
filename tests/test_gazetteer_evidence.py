"""What a name needs to become a place: no false namesakes (groups and people are never places; a
skeleton match needs evidence), a hamlet never takes a known town's name without evidence, and
the names readers see."""
from __future__ import annotations

import pytest

from geo.gazetteer import Context, Gazetteer
from geo.gazetteer.place import ascii_name
from geo.gazetteer.user import import_file
from geo.geoparser import Geoparser


@pytest.fixture(scope="module")
def parser():
    return Geoparser()


@pytest.mark.parametrize("name, kind", [("Hamas", "armed group"), ("Hezbollah", "armed group"), ("Erdogan", "person"),
                                        ("Houthis", "armed group"), ("Netanyahu", "person")])
def test_groups_and_people_are_never_places(gazetteer, name, kind):
    resolution = gazetteer.resolve(name)
    assert resolution.place is None and f"names an {kind}" in resolution.reason or f"names a {kind}" in resolution.reason


def test_a_group_in_running_text_is_no_place(parser):
    doc = parser.parse("A Hamas commander was killed in a strike on Khan Younis, Hezbollah said. Erdogan condemned it.")
    assert [(m.text, m.place.country) for m in doc.mentions] == [("Khan Younis", "PS")]


@pytest.mark.parametrize("name", ["Donbas", "Darfur", "Qandil"])
def test_regions_are_found_without_context(gazetteer, name):
    assert gazetteer.resolve(name).place.precision == "region"


def test_a_skeleton_match_needs_evidence(gazetteer):
    # With no context, no spelling is stretched to a namesake anywhere ("Holopaw" is no Aleppo, "Prisi" no Bursa).
    for name in ("Holopaw", "Prisi", "Akuressa", "Tamarasheni", "Erdogan"):
        assert gazetteer.resolve(name).place is None, name
    # In a text about a country, a spelling close to one of its places counts; one abroad does not.
    assert gazetteer.resolve("Talbisseh", Context(countries={"SY": 1.0})).place.place_id == "geonames:163779"
    assert gazetteer.resolve("Holopaw", Context(countries={"US": 1.0})).place is None  # Latin script: no skeleton
    assert gazetteer.resolve("Tamarasheni", Context(countries={"DE": 1.0})).place is None
    # A text naming no country: a place cue lets the spelling count anywhere.
    assert gazetteer.resolve("Talbisseh").place is None
    assert gazetteer.resolve("Talbisseh", Context(evidence=True)).place.place_id == "geonames:163779"
    assert gazetteer.resolve("the town of Talbisseh").place.place_id == "geonames:163779"
    # Another romanisation of the same vowels is the name itself ("ee" for "i"), no skeleton.
    assert gazetteer.resolve("Talbeeseh").place.place_id == "geonames:163779"


def test_a_hamlet_never_takes_a_known_towns_name_without_evidence(tmp_path):
    hamlet = ["9990101", "Saraqib", "Saraqib", "Saraqeb", "34.90", "36.90", "P", "PPL", "SY", "", "11", "", "", "",
              "0", "", "400", "Asia/Damascus", "2024-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(hamlet) + "\n", encoding="utf-8")
    import_file(dump, folder=tmp_path / "layers")
    gaz = Gazetteer.load(tmp_path / "layers")
    syria = {"SY": 1.0}
    assert gaz.resolve("Saraqeb", Context(countries=syria)).place.place_id == "geonames:164816"  # the town of 34,000
    in_homs = Context(countries=syria, admin1={("SY", "11"): 1.0})  # "Saraqeb in Homs province"
    assert gaz.resolve("Saraqeb", in_homs).place.place_id == "geonames:9990101"


def test_readers_see_the_articles_spelling_or_a_plain_one(parser, gazetteer):
    doc = parser.parse("ALEPPO, Syria - Jets struck Hama province, northern Homs and Talbiseh, Syrian media said.")
    labels = {m.text: (m.label, m.place.name) for m in doc.mentions if m.place}
    assert labels["Hama province"] == ("Hama", "Hama")
    assert labels["northern Homs"][0] == "northern Homs"
    assert labels["Talbiseh"] == ("Talbiseh", "Tallbīsah")
    assert labels["ALEPPO"] == ("Aleppo", "Aleppo")  # capitals: the gazetteer's name
    assert labels["Syrian"][0] == "Syria"
    assert ascii_name("Khān Yūnis") == "Khan Yunis" and ascii_name("Al Ḩudaydah") == "Al Hudaydah"
    assert gazetteer.resolve("Hodeidah").place.readable_name == "Al Hudaydah"


def test_the_claims_table_carries_both_names():
    from geo.articles import Article
    from geo.claims.extract import extract_claims
    from geo.table import claims_table

    text = "Test\nSyrian state media said Russian jets hit Talbiseh and Rastan."
    table = claims_table(extract_claims(Article(id="t", path="t.txt", title="Test", text=text)))
    located = table[table["place"] != ""]
    assert set(zip(located["place"], located["place_canonical"])) == {("Talbiseh", "Tallbīsah"), ("Rastan", "Ar Rastan")}


def test_the_source_and_the_divisions_named_rank_namesakes(parser):
    from geo.articles import Article
    from geo.doc import make_doc
    from geo.gazetteer.source_prior import source_countries, url_country

    assert [url_country(u) for u in ("https://www.bbc.co.uk/news", "http://sana.sy/en/", "https://kyivindependent.com/a",
                                      "https://www.pravda.com.ua/eng/", "https://news.google.com/", "")] == \
        ["GB", "SY", "UA", "UA", "", ""]
    assert source_countries(None, ("sy",)) == ["SY"]
    # A division the text names elsewhere is not undone by the nearness step ("Parkland" with "Florida").
    doc = parser.parse("Students returned to class in Parkland. Florida lawmakers met in Tallahassee.")
    assert next(m for m in doc.mentions if m.text == "Parkland").place.admin1 == "FL"
    # The outlet's country counts as the text's own word for it.
    text = "The strike hit Kherson and Odesa overnight."
    article = Article(id="a", path="a.txt", title="", text=text, url="https://kyivindependent.com/x")
    assert parser(make_doc(text, article)).countries.get("UA") == 1.0
    assert Geoparser(regions=("UA",))(make_doc(text)).countries.get("UA") == 1.0


def test_a_possessive_that_lost_its_apostrophe(parser):
    # Copied text without apostrophes: "Syrias capital" is Syria's; "Kansas" stays Kansas.
    doc = parser.parse("Three suicide bombers blew themselves up in Syrias capital. He flew to Kansas and Athens.")
    assert [(m.text, m.place.name) for m in doc.mentions] == [("Syria", "Syria"), ("Kansas", "Kansas"), ("Athens", "Athens")]


def test_a_world_city_over_a_small_namesake_in_the_texts_country(gazetteer):
    us = Context(countries={"US": 1.0})
    assert gazetteer.resolve("London", us).place.country == "GB"  # not London, Kentucky
    kentucky = Context(countries={"US": 1.0}, admin1={("US", "KY"): 1.0})  # "London, Kentucky"
    assert gazetteer.resolve("London", kentucky).place.admin1 == "KY"


def test_a_town_written_before_its_division_is_that_divisions(parser):
    doc = parser.parse("A fire in Lebanon, Tenn., killed two. Officials in Paris, Texas said.")
    assert [(m.text, m.place.country, m.place.admin1) for m in doc.mentions] == [
        ("Lebanon", "US", "TN"), ("Tenn", "US", "TN"), ("Paris", "US", "TX"), ("Texas", "US", "TX")]
