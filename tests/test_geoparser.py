"""Finding places in text: offsets, phrasings, non-literal uses, document context."""
from __future__ import annotations

from geo import geoparse


def _by_text(text):
    return {m.text: m for m in geoparse(text)}


def test_offsets_index_the_original_text_after_non_ascii():
    text = "“Ḩamāh” — ‘ʿ’ über Ma‘arrat an Nu‘mān, then Jisr ash Shughūr and Idlib province."
    mentions = geoparse(text)
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
    found = {m.text: m.place.place_id for m in mentions if m.place}
    assert found == {"Ḩamāh": "geonames:170017", "Ma‘arrat an Nu‘mān": "geonames:167611",
                     "Jisr ash Shughūr": "geonames:169023", "Idlib province": "geonames:169387"}
    assert next(m for m in mentions if m.text == "Idlib province").place.precision == "admin1"


def test_phrases_around_names_are_part_of_the_mention():
    found = _by_text("Jets hit the province of Aleppo, northern Homs and the Sha’ar gas field in Syria.")
    assert found["province of Aleppo"].place.precision == "admin1"
    assert found["northern Homs"].place.precision == "admin1"
    assert found["Sha’ar gas field"].place.precision == "site"


def test_places_inside_longer_names_are_reported_as_not_literal():
    found = _by_text(
        "Defense Secretary Ash Carter spoke to the Islamic State of Iraq and the Levant expert "
        "at Istanbul Bilgi University and the Institute for the Study of War, The Washington Post said."
    )
    assert "Carter" not in found and "War" not in found  # a surname, a word: no places
    for name in ("Istanbul", "Iraq", "Washington"):
        assert found[name].literal is False, name
        assert found[name].kind == "embedded"


def test_a_surname_alone_is_its_person_not_a_namesake_town():
    found = _by_text("Defense Secretary Ash Carter arrived. Carter said the talks in Carter County went well.")
    assert "Carter" not in found


def test_non_literal_uses_are_reported_but_marked():
    found = _by_text("Moscow had informed Ankara, a Washington-based think tank said, as Syrian troops advanced.")
    assert found["Moscow"].literal is False and found["Ankara"].literal is False
    assert found["Washington"].literal is False
    assert found["Syrian"].literal is False and found["Syrian"].place.country == "SY"


def test_acronyms_are_places_only_as_countries():
    found = _by_text("The US and NATO said IS fighters left. KENYON: The UK agreed.")
    assert found["US"].place.country == "US"
    assert found["UK"].place.country == "GB"
    assert "NATO" not in found and "IS" not in found and "KENYON" not in found


def test_town_named_beside_its_province_is_placed_in_it():
    # "Al Qaryatayn" exists only in Homs governorate; the province confirms it.
    found = _by_text("Fighting was reported in the village of Qaryatain in Homs province.")
    assert found["village of Qaryatain"].place.admin1 == "11"


def test_unknown_name_with_a_place_cue_is_kept_unresolved():
    found = _by_text("Shelling hit the village of Zqxwvbay in Syria.")
    assert found["village of Zqxwvbay"].place is None


def test_co_mentioned_places_decide_between_namesakes():
    alone = {m.text: m for m in geoparse("Students from Parkland marched.")}
    beside = {m.text: m for m in geoparse("Students from Parkland marched with families from Coral Springs and Fort Lauderdale.")}
    assert alone["Parkland"].place.admin1 != "FL"  # without context, the largest namesake
    assert beside["Parkland"].place.admin1 == "FL"  # beside two Florida towns, Florida's


def test_names_with_and_and_possessives_are_whole():
    found = _by_text("Trinidad and Tobago failed to attend. South Africa's top lawyers and Bosnia and Herzegovina's envoy met.")
    assert found["Trinidad and Tobago"].place.precision == "country"
    assert found["South Africa"].place.country == "ZA"  # not "Africa" with "South" dropped
    assert found["Bosnia and Herzegovina"].place.country == "BA"


def test_firm_names_joined_by_ampersand_are_no_places():
    found = _by_text("They included Johnson & Johnson, Nestlé and Hulu.")
    assert "Johnson" not in found


def test_a_town_named_like_a_country_or_ocean_needs_its_division():
    # A US-heavy text: the document's country must not turn Mexico into Mexico, Missouri.
    found = _by_text("Governors of Texas, Arizona and California said the troops would go to the Mexico border. "
                     "Hurricanes form in the tropical Atlantic every June, the Miami forecasters said.")
    assert found["Mexico"].place.precision == "country"
    assert found["Atlantic"].place.precision == "macroregion"
    named = _by_text("The mayor of Mexico, Missouri, spoke at the county fair in Missouri.")
    assert named["Mexico"].place.precision == "locality" and named["Mexico"].place.country == "US"


def test_a_division_after_a_town_and_a_comma_holds_the_town():
    found = _by_text("Mary Quitugua runs a cake studio in Tacoma, Washington, and sells online.")
    assert found["Washington"].place.precision == "admin1"
    assert found["Tacoma"].place.admin1_key == found["Washington"].place.admin1_key


def test_a_town_read_abroad_is_placed_at_the_division_written_after_it():
    """The gazetteer lacks the English village and the Myanmar town, so their namesakes abroad
    must not stand in: each is placed, with a division's precision, at the division written."""
    found = _by_text("The race at Rockingham, Northamptonshire, was won by a local driver.")
    assert found["Rockingham"].place.name == "Northamptonshire" and found["Rockingham"].place.country == "GB"
    found = _by_text("Junta jets bombed Kani, Sagaing Region, on Monday, residents said.")
    assert found["Kani"].place.country == "MM" and found["Kani"].place.precision == "admin1"
    # a list of places goes on after the second name: no town and its division
    found = _by_text("Officials from Paris, Kent and Essex met on Friday.")
    assert found["Paris"].place.precision == "locality"


def test_abbreviations_of_unions_and_initials_of_people():
    found = _by_text("Lowering the cost of the EU's airports. Police said Gino D. Bassett was charged. Bassett denied it.")
    assert found["EU"].place.precision == "macroregion"
    assert "Bassett" not in found  # a person: "Gino D. Bassett" is one name


def test_a_big_city_blocks_a_person_name_only_by_its_own_name():
    # "Sam" is an alternate name of Damascus; "Sam Gallagher" is still a person.
    found = _by_text("Forward Sam Gallagher scored twice in Birmingham. Sam celebrated with the fans.")
    assert "Sam" not in found


def test_demonyms_inside_hyphenated_words_and_from_the_derived_list():
    found = _by_text("Turkish-backed militiamen shelled towns along the Syrian-Lebanese border, the Slovak architect said.")
    assert found["Turkish"].kind == "demonym" and found["Turkish"].place.country == "TR"
    assert found["Syrian"].place.country == "SY" and found["Lebanese"].place.country == "LB"
    assert found["Slovak"].place.country == "SK"  # from data/vocab/demonyms_countries.csv


def test_a_country_closing_an_organisation_name_is_reported_not_literal():
    found = _by_text("Shares of HSBC Bank Malta fell, DeSmog Canada reported.")
    assert found["Malta"].literal is False and found["Malta"].place.country == "MT"
    assert found["Canada"].literal is False and found["Canada"].kind == "embedded"


def test_contractions_are_no_names():
    found = _by_text("We’re staying, I'll say it. Don't go to Were, Ethiopia.")
    assert "We’re" not in found and "I'll" not in found and "Don't" not in found


def test_english_counties_are_places_in_british_news():
    found = _by_text("Police in Kent and Hampshire closed roads near London after the storm hit England.")
    assert found["Kent"].place.precision == "admin2" and found["Kent"].place.country == "GB"
    assert found["Hampshire"].place.country == "GB"


def test_state_and_province_abbreviations_after_towns():
    found = _by_text("He moved from Baltimore, Md., to Vancouver, B.C., where the BC government hired him.")
    assert found["Md"].place.name == "Maryland" and found["B.C."].place.precision == "admin1"
    assert found["BC"].place.name == "British Columbia"
    assert found["Baltimore"].place.admin1_key == found["Md"].place.admin1_key


def test_a_given_name_and_a_surname_are_a_person_not_a_town():
    """"Tyler" and "Victoria" are towns, but "Tyler Williams" and "Victoria Rowell" are people,
    and so is the lone "Tyler" after them; "Jordan", a country, stays a place elsewhere."""
    assert geoparse("Tyler Williams scored twice. His brother Tyler did not play.") == []
    assert geoparse("The award went to Victoria Rowell on Sunday.") == []
    found = _by_text("Jordan Henderson scored. Jordan said it would close the border with Syria.")
    assert found["Jordan"].place.country == "JO" and "Henderson" not in found


def test_a_town_named_in_a_local_institution_or_elsewhere_in_the_text():
    """Small towns are too small to name firms after, but not their police or their paper."""
    found = geoparse("Police in New Jersey said the Hammonton Police Department closed the road.")
    town = [m for m in found if m.text == "Hammonton"]
    assert town and town[0].place.admin1_key == ("US", "NJ") and not town[0].literal
    assert [m.literal for m in found if m.text == "New Jersey"] == [True]  # where the police are, not who speaks
    found = geoparse("A fire broke out in Hammonton, New Jersey. The Hammonton Gazette said nobody was hurt.")
    assert [(m.literal, m.place.name) for m in found if m.text == "Hammonton"] == [(True, "Hammonton"), (False, "Hammonton")]


def test_a_place_after_in_is_a_place_even_where_a_name_uses_it():
    found = geoparse("Tickets were sold at Hammonton Quick Mart in New Jersey. Ann Lowe, who lives in Hammonton, buys them there.")
    assert any(m.text == "Hammonton" and m.literal and m.place.admin1_key == ("US", "NJ") for m in found)
    assert not any(m.text == "Ann" for m in found)


def test_us_counties_are_divisions_placed_by_the_state_the_text_is_in():
    """"Montgomery County" is one of 18; an article about Iowa means Iowa's, even inside
    another name ("the Montgomery County Democrats")."""
    found = geoparse("Red Oak, Iowa, is small. The Montgomery County Democrats will host a forum there.")
    county = [m for m in found if m.text == "Montgomery County"]
    assert county and county[0].place.precision == "admin2" and county[0].place.admin1_key == ("US", "IA")
    found = _by_text("Flooding closed roads across Cuyahoga County on Monday.")
    assert found["Cuyahoga County"].place.admin1_key == ("US", "OH")


def test_a_town_followed_by_a_word_that_is_no_surname_is_not_a_person():
    """"Hammonton Albion" (a club) does not make "Hammonton" a person's name elsewhere;
    "Sergei Lavrov" does make "Lavrov" one."""
    found = geoparse("Hammonton Albion won the cup. Hammonton, New Jersey, has 14,000 people.")
    assert any(m.text == "Hammonton" and m.literal and m.place.admin1_key == ("US", "NJ") for m in found)
    from geo.geoparser import Geoparser

    parser = Geoparser()
    parser.parse("Sergei Lavrov met the A429 Cirencester team. Lavrov said so.")
    assert "Lavrov" in parser.person_parts and "Cirencester" not in parser.person_parts


def test_an_everyday_word_is_a_small_place_only_where_the_text_says_so():
    """"Star", "Border", "Four" are villages somewhere; alone and capitalised they are words.
    "in Hope" and "Hope, Arkansas" say a place is meant; a big city keeps its name."""
    assert geoparse("Star paid 38 billion rupees for the rights. Four officers fired.") == []
    assert [m.text for m in geoparse("Moving more Border Patrol agents is the plan.")] == []
    found = geoparse("She grew up in Hope before moving to Hope, Arkansas.")
    assert [m.text for m in found if m.place is not None and m.place.precision == "locality"] == ["Hope", "Hope"]
    assert _by_text("Fans in Mobile cheered. Mobile won.")["Mobile"].place.country == "US"


def test_what_a_run_of_words_is_is_remembered_only_as_far_as_its_words_decide():
    """A run's own analysis is remembered between texts; what the rest of a text says about
    it is not: "Tyler" in "the Tyler Chamber Orchestra" is the town, unless the text names
    a Tyler Williams, whose given name it then is. A parser that read other texts first
    answers exactly as a fresh one."""
    from geo.geoparser import Geoparser

    texts = [
        "The Tyler Chamber Orchestra played in Dallas.",
        "Tyler Williams said so. The Tyler Chamber Orchestra played in Dallas.",
        "Officials in Aleppo and Idlib province said the Syrian Arab Army advanced near Homs.",
        "The Syrian Arab Army said. Aleppo officials in Idlib province and Homs.",
    ]
    warm = Geoparser()
    for text in texts + texts[::-1]:
        assert warm.parse(text).mentions == Geoparser().parse(text).mentions, text
    orchestra = [m.text for m in Geoparser().parse(texts[1]).mentions]
    assert "Tyler" not in orchestra


def test_names_opening_with_a_lower_case_article():
    """"al-Rastan", "as-Suwayda" start with a lower-case article: still names; "well-known" is none."""
    found = {m.text: m for m in geoparse("Jets struck al-Rastan, the well-known al-Bab front and as-Suwayda province.")}
    assert found["al-Rastan"].place.country == "SY" and found["al-Bab"].place.country == "SY"
    assert found["as-Suwayda province"].place.precision == "admin1"
    assert not any("well" in text for text in found)


def test_a_mention_placed_elsewhere_keeps_all_else():
    from dataclasses import fields, replace

    from geo.geoparser import Geoparser

    m = next(m for m in Geoparser().parse("Jets struck Aleppo in Syria.").mentions if m.text == "Aleppo")
    other = next(m for m in Geoparser().parse("Syria.").mentions).place
    for moved, expected in ((m.placed_at(other, 2.5, "why"), replace(m, place=other, score=2.5, reason="why")),
                            (m.placed_at(other), replace(m, place=other))):
        assert all(getattr(moved, f.name) == getattr(expected, f.name) for f in fields(m))


def _normalised_reference(weights):
    """The country weights as first written: sort all, keep eight, scale to the first."""
    ranked = sorted([kv for kv in weights.items() if kv[1] > 1e-9], key=lambda kv: kv[1], reverse=True)[:8]
    return {cc: round(v / ranked[0][1], 3) for cc, v in ranked if v / ranked[0][1] >= 0.2} if ranked else {}


def test_country_weights_without_a_name_are_those_of_all_the_votes_but_its_own_half():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geo.geoparser import OWN_VOTE_WEIGHT, _CountryWeights

    votes = st.dictionaries(st.sampled_from("AA BB CC DD EE FF GG HH II JJ KK".split()),
                            st.sampled_from([1.0, 1.5, 0.5, 0.75, 1 / 3, 0.25]), max_size=6)

    @settings(max_examples=300, deadline=None)
    @given(st.dictionaries(st.sampled_from("abcdefgh"), votes, max_size=8))
    def check(by_name):
        weights = _CountryWeights(by_name)
        for key in list(by_name) + ["nobody"]:
            own = by_name.get(key, {})
            expected = _normalised_reference({cc: v - (1 - OWN_VOTE_WEIGHT) * own.get(cc, 0.0) for cc, v in weights.total.items()})
            assert weights.without(key) == expected
            assert list(weights.without(key)) == list(expected)  # the same order too

    check()


def test_article_hyphen_starts_are_where_a_pattern_would_find_them():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geo.recognition import _PARTICLES, _particle_starts

    pattern = re.compile(rf"(?=(?:{_PARTICLES})-)")  # every offset, overlapping ones too ("adh-" holds "dh-")

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(["al", "el", "ash", "as", "h", "-", "b", "ani", "beni", "x", " ", "adh", "ibn"]), max_size=12))
    def check(parts):
        text = "".join(parts)
        assert _particle_starts(text) == [m.start() for m in pattern.finditer(text)]

    check()


def test_mentions_made_by_the_parser_are_mentions_as_the_dataclass_makes_them():
    from dataclasses import fields

    from geo.geoparser import Geoparser, Mention

    for m in Geoparser().parse("Jets struck Aleppo and Idlib province, Syrian officials said.").mentions:
        again = Mention(*(getattr(m, f.name) for f in fields(m)))
        assert m == again and repr(m) == repr(again) and hash(m) == hash(again)
        assert vars(m) == vars(again)


def test_a_clause_opener_ends_a_run_of_capitalised_words():
    """Scraped text loses full stops: "in Parkland, Florida The controversy" is Florida, a place, then a new sentence."""
    mentions = geoparse("A shooting in Parkland, Florida The controversy grew.")
    florida = [m for m in mentions if m.text == "Florida"]
    assert florida and florida[0].literal and florida[0].place.precision == "admin1"


def test_a_spelling_variant_is_read_only_near_the_document():
    """"the town of Latamneh" in a text about Syria is no Greek town with a similar skeleton."""
    mentions = geoparse("Syrian rebels said jets struck the town of Latamneh and the town of Qzlqzl.")
    assert {m.place.country for m in mentions if m.place} <= {"SY"}


def test_a_person_s_name_is_no_spelling_of_a_place():
    mentions = geoparse('"We see strikes around Jisr al-Shughour," the spokesman, Peter Cook, told reporters.')
    assert [m.text for m in mentions if m.place] == ["Jisr al-Shughour"]


def test_facility_names_with_words_the_gazetteer_leaves_out():
    for text in ("Jets hit fighters surrounding the Kuweires military air base.", "Aircraft pounded routes around the Kweires base."):
        places = [m.place.place_id for m in geoparse(text) if m.place]
        assert places == ["strikemap:kuweires-air-base"], text


def test_unknown_spellings_after_a_strike_verb():
    mentions = geoparse("The planes have been pounding Sheikh Miskeen since yesterday.")
    assert [m.place.name for m in mentions if m.place] == ["Shaykh Miskīn"]


def test_names_listed_after_a_plural_division_word_are_divisions():
    mentions = geoparse("Jets struck targets in the provinces of Hama, Idlib, Latakia and Deir al-Zour, the ministry said.")
    assert [(m.place.name, m.place.precision) for m in mentions if m.place][-3:] == [
        ("Idlib", "admin1"), ("Latakia", "admin1"), ("Deir ez-Zor", "admin1")]


def test_a_town_across_the_border_of_the_texts_country_needs_less_evidence_than_one_far_away():
    text = ("The Israeli army said a rocket fired from Lebanon struck an orchard in Israel on the outskirts of "
            "Majdal Shams, lightly injuring two farm workers in Israel.")
    found = _by_text(text)
    assert found["Majdal Shams"].place is not None and found["Majdal Shams"].place.country == "SY"


def test_a_division_named_is_evidence_not_an_anchor_point():
    """The division the text names keeps its county when the proximity step weighs the text's places:
    the centre of Kentucky ("eastern Kentucky") lies nearer an Ohio namesake than Kentucky's own."""
    found = _by_text("Coal counties in eastern Kentucky will share the money. Pike County will get the most.")
    assert found["Pike County"].place.admin1 == "KY"


def test_a_division_named_elsewhere_does_not_take_a_big_city_s_name():
    """A namesake a thirtieth the size of a big city, in a division the text names in another
    sentence only, does not take the city's name; named in the same sentence, it does."""
    found = _by_text("Louisville beat Baylor on Sunday. Fans in Mississippi cheered the result on Monday.")
    assert (found["Louisville"].place.admin1, found["Mississippi"].place.admin1) == ("KY", "MS")
    found = _by_text("The senator from West Virginia spoke on Monday. Later, officials in Washington said the bill would pass.")
    assert found["Washington"].place.admin1 == "DC"
    found = _by_text("Fans in Louisville, Mississippi cheered on Monday.")
    assert found["Louisville"].place.admin1 == "MS"


def test_a_list_of_cities_is_no_town_and_its_division():
    """"stops in Washington, New York and Boston" lists three cities; "Tacoma, Washington" and
    "Lebanon, Tenn., and Nashville" still place a town in its division."""
    found = _by_text("After stops in Washington, New York and Boston, the prince flew home.")
    assert [(found[n].place.admin1, found[n].place.precision) for n in ("Washington", "New York", "Boston")] == [
        ("DC", "locality"), ("NY", "locality"), ("MA", "locality")]
    found = _by_text("Protesters marched in Tacoma, Washington, and Seattle on Friday.")
    assert (found["Tacoma"].place.admin1, found["Washington"].place.precision) == ("WA", "admin1")


def test_a_county_the_text_names_decides_between_namesakes():
    """A county named with no namesake is an anchor for the towns around it, like a town."""
    found = _by_text("Two people were hurt in a crash in Garden City on Friday, the coroner of Horry County said.")
    assert found["Garden City"].place.admin1 == "SC"


def test_a_division_abroad_inside_another_name_is_a_word_of_that_name():
    """"the Northwest Cancer Centre": Centre is a word of the hospital's name, not Centre province
    of Burkina Faso or Cameroon; a division of the text's own country inside a name still counts."""
    found = _by_text("Patients at the Northwest Cancer Centre in Derry will be moved. The Macmillan Support Centre "
                     "stays open, staff in Northern Ireland said.")
    assert "Centre" not in found and found["Derry"].place.country == "GB"
    found = _by_text("Students at Florida Atlantic University in Boca Raton, Florida, walked out.")
    assert found["Florida"].place.admin1 == "FL"


def test_a_town_abroad_inside_another_name_is_a_word_of_that_name():
    """"Human Rights Watch" holds no Uman in a story about the United States; a city of millions inside
    a name is still reported ("Istanbul Bilgi University", see above)."""
    found = _by_text("Human Rights Watch said police in Chicago beat protesters on Monday. Officers in Evanston denied it, "
                     "and the mayor of Chicago said the United States has laws against it.")
    assert "Human" not in found and found["Evanston"].place.country == "US"


def test_a_town_written_before_its_country_lies_in_it():
    """"Cordoba, Spain" in a story about Argentina is the Spanish city, not Argentina's bigger one."""
    found = _by_text("Argentine officials met in Buenos Aires and Rosario on Monday. The minister later spoke in "
                     "Cordoba, Spain, about olive oil.")
    assert (found["Cordoba"].place.country, found["Rosario"].place.country) == ("ES", "AR")


def test_a_two_word_demonym_is_one():
    """"Central American migrants" are not American; "Latin American" is no United States."""
    found = _by_text("A caravan of Central American migrants reached the border. It was a Latin American summit.")
    assert "American" not in found
    assert found["Central American"].kind == "demonym" and found["Central American"].place.country != "US"
    assert found["Latin American"].place.country != "US"


def test_ambiguous_names_read_side_by_side_settle_each_other():
    """Neither "Riverdale" (twenty namesakes) nor "Morris County" is sure enough to anchor the other,
    but a Riverdale beside New Jersey's Morris County beats Georgia's, a little bigger, far away."""
    found = _by_text("The winning ticket was sold at a gas station in Riverdale. Lottery officials in Morris County "
                     "praised the owner.")
    assert found["Morris County"].place.admin1 == "NJ"
    assert found["Riverdale"].place.admin1 in ("NJ", "NY")  # the Riverdales of New Jersey and the Bronx, 35 km apart


def test_a_name_whose_readings_lie_together_is_an_anchor():
    """"Kyiv" reads as the city or as the division that is the city, both in one spot: sure enough to
    place "Bila Tserkva" beside it, not at a village of that name near Stryi, 500 km west."""
    found = _by_text("A missile hit an energy plant in Bila Tserkva, south of Kyiv. Another hit a substation in Stryi.")
    assert found["Bila Tserkva"].place.admin1 == "13"  # Kyiv Oblast
    assert found["Bila Tserkva"].place.population > 100_000


def test_a_word_of_a_longer_name_set_aside_stays_aside_when_a_division_is_named():
    """"the Commerce Department", "the Star Tribune": the small towns of Commerce, Texas, and Star, Idaho,
    are not read into names because the text names their states."""
    found = _by_text("An inmate escaped from the Crossroads Correctional Center in Montana on Tuesday, officials in "
                     "Tennessee said. The Commerce Department in Texas said sales rose. Fans of the Star Tribune met in Idaho.")
    assert not {"Crossroads", "Commerce", "Star"} & set(found)
    assert {found[n].place.precision for n in ("Montana", "Tennessee", "Texas", "Idaho")} == {"admin1"}


def test_a_short_camel_case_acronym_is_a_body_not_a_place():
    """"the MoD" is the Ministry of Defence, not Maud, Texas; longer names written so are places."""
    found = _by_text("The MoD said a soldier from Manchester died. The DoD agreed. Floods hit McAllen and DeKalb.")
    assert not {"MoD", "DoD"} & set(found)
    assert found["McAllen"].place.admin1 == "TX" and found["DeKalb"].place is not None


def test_a_distance_from_another_place_picks_the_reading_that_lies_there():
    """'the town of Martuni, about 30 km east of Stepanakert': not Martuni in Armenia, 150 km away."""
    found = _by_text("Karabakh officials said the town of Martuni, about 30 km east of Stepanakert, had been shelled.")
    assert found["town of Martuni"].place.country == "AZ"


def test_a_district_of_a_province_and_relations_between_capitals():
    found = _by_text("Strikes hit the Sahar district of Saada province. Relations between Islamabad and Kabul soured.")
    assert found["Sahar"].place.name == found["district of Saada province"].place.name
    assert not found["Islamabad"].literal and not found["Kabul"].literal


def test_a_facility_named_by_a_short_capitalised_name_is_the_facility():
    mentions = geoparse("Israeli jets struck the T4 airbase in Homs province, the army said. Nobody spoke on X.")
    found = {m.text: m.place for m in mentions}
    assert found["T4 airbase"].precision == "site"
    assert "X" not in found  # a single letter names no place (Los Lagos's code)


def test_a_name_after_a_kin_word_is_a_person():
    found = _by_text("Sgt Tonroe, born in Manchester, leaves his mother Michelle, his brother Alex and girlfriend Olivia.")
    assert "Alex" not in found and "Olivia" not in found
    assert "Manchester" in found


def test_a_district_of_the_city_its_sentence_names_is_placed_at_that_city():
    """Kyiv has a Shevchenkivskyi district too; this one is Zaporizhzhia's."""
    found = _by_text("In the city of Zaporizhzhia, a drone hit a private house in the Shevchenkivskyi district.")
    assert found["Shevchenkivskyi district"].place.name == found["city of Zaporizhzhia"].place.name
    found = _by_text("In Peshawar, officials said a drone struck a house in the Bannu district.")
    assert found["Bannu"].place.name == "Bannu"



def test_a_capital_keeps_its_name_from_a_small_namesake_unless_beside_the_story():
    from geo.geoparser import is_capital
    found = _by_text("In Washington, some of the 60 Russian diplomats expelled from the United States packed their bags.")
    assert is_capital(found["Washington"].place)
    # the village among the story's towns is the village
    found = _by_text("Police in Worthing, Storrington, Pulborough and Washington closed roads after the storm.")
    assert found["Washington"].place.country == "GB"



def test_a_district_named_like_another_city_s_is_a_part_of_the_city_the_story_is_about():
    text = ("Russian forces shelled Kherson overnight, officials said.\n\nThe regional governor said Kherson was "
            "hit again in the morning. Schools in Kherson stayed closed.\n\nLater, artillery struck a bus stop "
            "in the Dniprovskyi district, near the river port.\n")
    assert _by_text(text)["Dniprovskyi district"].place.name == "Kherson"
    # where the city that holds the district is the one named, it stays that city's
    kyiv = "Drones hit Kyiv overnight.\n\nDebris fell in the Dniprovskyi district of Kyiv, the mayor said.\n"
    assert _by_text(kyiv)["Dniprovskyi district"].place.name == "Dniprovskyi"


def test_districts_listed_before_one_plural_are_parts_of_the_city_the_story_is_about():
    # Kyiv and Luhansk have a Shevchenkivskyi district the gazetteer holds as a town; the story is about Zaporizhzhia
    text = ("Russia pounded the southern Ukrainian city of Zaporizhzhia overnight with drones.\n\nThe head of the "
            "regional administration said homes had been hit in the Shevchenkivskyi, Khortytskyi and Oleksandrivskyi "
            "districts of the city.\n")
    found = _by_text(text)
    assert found["Shevchenkivskyi"].place.name == found["Oleksandrivskyi districts"].place.name == "Zaporizhzhya"


def test_a_river_on_whose_bank_or_delta_things_happen_is_no_town():
    text = ("On the embankment of the Dnipro in Kherson, drones hunt people. Boats were destroyed on the islands in "
            "the Dnipro delta.\n")
    assert {m.text for m in geoparse(text) if m.place is not None and m.place.name == "Dnipro"} == set()


def test_a_district_named_with_an_adjective_is_a_part_of_the_story_s_city():
    text = ("KHARKIV - Russian glide bombs hit Kharkiv again.\n\nIn Kharkiv, a bomb hit the Shevchenkivskyi district. "
            "Kharkiv's mayor said more strikes hit Kharkiv overnight.\n")
    assert _by_text(text)["Shevchenkivskyi district"].place.name == "Kharkiv"


def test_a_district_named_after_its_town_stays_that_town():
    text = ("ODESA - Drones hit Odesa overnight. Odesa's governor said Odesa was calm by morning. Odesa schools "
            "opened.\n\nA fire broke out in the resort village of Serhiivka in Bilhorod-Dnistrovskyi district.\n")
    assert _by_text(text)["Bilhorod-Dnistrovskyi"].place.name == "Bilhorod-Dnistrovskyi"


def test_a_region_named_by_its_direction_is_not_one_abroad():
    text = ("ABUJA - Nigerian Air Force jets struck camps in Borno state, the air force said. Nigeria's army said the "
            "raids would rid the North-East of terrorists.\n")
    assert not {m.place.country for m in geoparse(text) if m.place is not None and m.text == "North-East"} - {"NG"}


def test_a_name_the_gazetteer_lacks_after_neighbourhood_of_is_a_part_of_its_city():
    text = "KABUL - A bomb exploded in the western Kabul neighbourhood of Dasht-e-Barchi on Thursday, police said.\n"
    assert _by_text(text)["Dasht-e-Barchi"].place.name == "Kabul"


def test_a_namesake_district_named_again_stays_with_the_city_the_story_is_about():
    text = ("KHERSON - Russian drones hunted people in Kherson again. Most attacks took place in the Dniprovskyi "
            "district of Kherson city and in the Korabel neighbourhood.\n\nResidents of Dniprovskyi said drones "
            "dropped explosives on a bus stop in Kherson.\n")
    places = {m.text: m.place.name for m in geoparse(text) if m.place is not None}
    assert places["Dniprovskyi district"] == places["Dniprovskyi"] == places["Korabel neighbourhood"] == "Kherson"


def test_a_region_s_name_before_border_or_communities_is_the_region():
    text = ("Shelling hit settlements in the Sumy and Chernihiv regions, the monitor said.\n\nMost fire on the "
            "Chernihiv border comes from Russia, while bombs dropped on Sumy communities come from aircraft.\n")
    found = {m.start: m for m in geoparse(text) if m.place is not None}
    later = [m for m in found.values() if m.start > text.index("Most")]
    assert {m.text: m.place.precision for m in later if m.text in ("Chernihiv", "Sumy")} == {
        "Chernihiv": "admin1", "Sumy": "admin1"}


def test_the_city_s_district_is_the_paragraph_s_town_and_stays_there_when_named_again():
    text = ("All times are Kyiv time.\n\nGood morning. Kherson had another sleepless night. The governor says "
            "artillery shelled the city's Korabelnyi district, hitting a pharmacy.\n\nUkraine's foreign ministry "
            "in Kyiv condemned the attack.\n\nProsecutors in Kherson opened proceedings over the shelling of the "
            "Korabelnyi district.\n")
    parts = [m.place.name for m in geoparse(text) if m.text == "Korabelnyi district"]
    assert parts == ["Kherson", "Kherson"]


def test_a_sentence_opening_at_a_town_keeps_the_preposition_out_of_the_name():
    assert "Metula" in _by_text("At Metula, on the Lebanese border, a missile struck a house.")
    assert "Al Hawl" in _by_text("The release said that near Al Hawl one strike hit a vehicle in Syria.")


def test_a_division_s_name_before_camp_or_city_is_its_town():
    text = "Drone strikes hit Jenin city and the Jenin refugee camp in the West Bank, OCHA said.\n"
    assert {m.place.precision for m in geoparse(text) if m.text == "Jenin"} == {"locality"}


def test_a_port_in_the_text_s_country_is_read_over_a_namesake_abroad():
    text = ("The Israeli military said jets had hit the ports of Hodeidah, Salif and Ras Isa in Yemen. "
            "Houthi officials in Sanaa said seven port workers were killed in Salif.\n")
    assert {m.place.country for m in geoparse(text) if m.text == "Salif"} == {"YE"}


def test_a_neighbourhood_lies_in_the_one_city_the_text_has_named():
    from geo.doc import make_doc
    from geo.geoparser import Geoparser

    text = ("Jets pounded the rebel-held east of Aleppo on Sunday, a monitor said.\n\n"
            "Residents of Kallaseh, a neighbourhood on the front line that has split the city since 2012, said shells "
            "landed there overnight.\n")
    doc = Geoparser()(make_doc(text))
    assert {m.text: m.place.name for m in doc.mentions if m.place is not None}.get("Kallaseh") == "Aleppo"


def test_the_neighbourhoods_of_the_city_a_site_is_named_after():
    from geo.doc import make_doc
    from geo.geoparser import Geoparser

    text = ("Militants fired rockets at the Deir ez-Zor military airport and at the government-held Harabesh and Joura "
            "neighbourhoods of the city, killing three civilians.\n")
    doc = Geoparser()(make_doc(text))
    assert {m.place.name for m in doc.mentions if m.place is not None and "Joura" in m.text} == {"Deir ez-Zor"}


def test_the_districts_of_the_city_the_story_names_however_small_not_a_city_far_off():
    from geo.doc import make_doc
    from geo.geoparser import Geoparser

    text = ("BAGHDAD (Reuters) - Iraqi forces began an offensive on Tal Afar on Sunday.\n\n"
            "The operation came two months after the militants' defeat in Mosul, 60 km (40 miles) to the east.\n\n"
            "Iraqi jets struck gatherings in the eastern neighbourhoods of al-Kifah and al-Nour, while artillery "
            "shelled the city's western approaches.\n")
    doc = Geoparser()(make_doc(text))
    assert {m.place.name for m in doc.mentions if m.place is not None and "Kifah" in m.text} == {"Tall ‘Afar"}


def test_a_facility_keeps_the_arabic_article_of_its_name():
    found = _by_text("US and British strikes hit the Al Dailami air base north of Sanaa on Thursday.")
    assert found["Al Dailami air base"].place.place_id == "strikemap:al-dailami-air-base"


def test_a_facility_named_in_an_apposition_after_its_kind():
    found = _by_text("A missile struck the grounds of Israel's main international airport, Ben Gurion, on Sunday.")
    assert found["Ben Gurion"].place.place_id == "ourairports:LLBG"


def test_people_of_a_town_opening_a_sentence_leave_the_town_a_place():
    found = _by_text("The town was shelled overnight. Residents of Dikwa said four people were wounded.")
    assert found["Dikwa"].place.country == "NG"


def test_a_suburb_spelled_otherwise_is_the_gazetteer_s_town_beside_the_city():
    found = _by_text("TRIPOLI - An air strike hit a migrant centre in Tajoura, an eastern suburb of the Libyan capital.")
    assert found["Tajoura"].place.name == "Tājūrā’"


def test_a_town_word_lets_a_short_spelling_match():
    found = _by_text("Pakistani shelling hit Poonch district in India. Rajouri town itself was hit on Thursday.")
    assert found["Rajouri"].place.country == "IN"


def test_the_airport_of_a_town_is_the_gazetteer_s_airport():
    found = _by_text("Three drones tried to strike the airport of Kassala, the eastern city close to Eritrea.")
    assert found["Kassala"].place.place_id == "ourairports:HSKA"


def test_a_french_romanisation_finds_the_gazetteer_s_spelling():
    found = _by_text("Turkish drones struck the Makhmour refugee camp in northern Iraq, near Erbil.")
    assert found["Makhmour"].place.country == "IQ"


def test_an_adjective_opening_a_sentence_is_no_part_of_the_name_after_it():
    assert [m.text for m in geoparse("Neighbouring Marhanets was hit by a kamikaze drone.")] == ["Marhanets"]
    assert "Aleppo" in [m.text for m in geoparse("Besieged Aleppo's hospitals were hit again.")]
    # ... nor of a person's name: Tokmak stays a town wherever the text names it
    found = [m.text for m in geoparse("Balitsky claims Ukrainian forces fired rockets at Tokmak.\n"
                                      "- Russian-held Tokmak: Moscow-appointed official reports a rocket strike")]
    assert found.count("Tokmak") == 2


def test_a_region_the_news_names_beats_a_hamlet_abroad():
    found = _by_text("Hezbollah said it had targeted the Nafah base in the occupied Golan with rockets fired from Lebanon "
                     "towards Israel.")
    assert found["Golan"].place.place_id == "strikemap:golan-heights"


def test_a_small_town_abroad_far_from_the_places_of_its_sentence_is_no_reading():
    text = ("SULAYMANIYAH - Three members of the Kurdistan Region's counter-terrorism forces were killed on Monday when a "
            "drone struck the Arbat agricultural airfield, south-east of Sulaymaniyah, in what local officials described "
            "as a Turkish attack.\n\nA resident of Arbat, a small town on the road between Sulaymaniyah and Halabja, said "
            "he heard two explosions.")
    found = geoparse(text)
    assert not any(m.place is not None and m.place.country == "AM" for m in found)  # (not Arbat in Armenia)
    assert {m.place.country for m in found if m.text == "Sulaymaniyah"} == {"IQ"}


def test_a_name_with_the_arabic_article_is_no_place_of_a_latin_script_country(gazetteer):
    assert all(c.place.country != "US" for c in gazetteer.candidates("al-Omar", limit=10))
    assert gazetteer.candidates("El Paso", limit=1)[0].place.country == "US"


def test_an_air_base_is_known_by_its_bare_name(gazetteer):
    assert gazetteer.candidates("Tel Nof", limit=1)[0].place.place_id == "ourairports:LLEK"
    # (but a man's name is no air base's: "Ahmed Al Jaber", "King Khalid")
    assert not any(c.place.place_id.startswith("ourairports:") for c in gazetteer.candidates("Ahmed Al Jaber", limit=5))


def test_a_sea_naming_the_kind_of_town_is_the_town_named_before():
    found = geoparse("Drones struck fuel depots in Port Sudan on Sunday. The army said it was the third day of drone "
                     "strikes on the Red Sea city.")
    assert [m.place.name for m in found if m.text == "Red Sea"] == ["Port Sudan"]
    # "the Black Sea port of Odesa": a name follows, and the sea is no town
    assert all(m.place.name != "Port Sudan" for m in geoparse("Missiles hit the Black Sea port of Odesa.") if m.place)


def test_a_capital_that_has_repeatedly_denied_stands_for_its_government():
    found = _by_text("Damascus has repeatedly denied that its forces use barrel bombs.")
    assert found["Damascus"].literal is False


def test_an_old_city_is_the_old_quarter_of_the_city_that_owns_it():
    found = geoparse("MOSUL, Iraq - Jets pounded Islamic State positions in Mosul's Old City on Tuesday.\n\nThe coalition "
                     "said it had carried out 14 strikes in and around the Old City.")
    assert {m.place.name for m in found if m.text == "Old City"} == {"Mosul"}


def test_a_town_s_airport_is_the_airport_nearest_it():
    found = geoparse("Al-Masirah said the raids hit the airport serving Taiz, in the south-west of Yemen.")
    assert [m.place.place_id for m in found if m.text == "Taiz"] == ["ourairports:OYTZ"]


def test_a_district_the_gazetteer_lacks_is_not_the_dateline_city_s():
    found = geoparse("ISLAMABAD - Pakistani aircraft struck targets in Paktika on Monday.\n\nSpeaking at a funeral in "
                     "Rawalpindi, next to Islamabad, the president vowed to respond.\n\nSecurity officials said Afghan forces "
                     "fired at border posts in Kurram district.")
    assert not [m for m in found if m.text.startswith("Kurram") and m.place is not None and m.place.name == "Islamabad"]


def test_a_neighbourhood_in_a_direction_of_a_city_is_that_city_s():
    found = geoparse("The group said a strike destroyed two houses in the al-Khadra neighbourhood in the south-west of Tal "
                     "Afar, killing 14 people.")
    assert {m.place.name for m in found if "Khadra" in m.text} == {"Tall ‘Afar"}


def test_a_name_read_by_its_consonants_far_from_the_text_s_towns_is_no_place(gazetteer):
    from geo.geoparser import _BY_SKELETON, _far_skeletons
    found = geoparse("Jets struck Aleppo and Idlib on Monday, and shelling hit Hama.\n\nResidents of Saraqeb said the "
                     "jets flew over.")
    assert "Saraqeb" in [m.text for m in found]

    def read_as(place_id: str) -> list:
        return _far_skeletons([m.placed_at(gazetteer.get(place_id), reason=_BY_SKELETON) if m.text == "Saraqeb" else m
                               for m in found])

    nushki = gazetteer.candidates("Nushki", limit=1)[0].place.place_id  # in Pakistan: far from every town the text names
    assert [m.place for m in read_as(nushki) if m.text == "Saraqeb"] == [None]
    assert [m.place.place_id for m in read_as("geonames:172994") if m.text == "Saraqeb"] == ["geonames:172994"]  # Ariha


def test_a_town_that_names_a_people_s_defence_force_is_still_a_town():
    found = geoparse("Residents of Myinmu, a river town on the Irrawaddy, said jets bombed the market. The Myinmu People's "
                     "Defence Force said 17 people died.")
    assert [m.place.name for m in found if m.text == "Myinmu"][:1] == ["Myinmu"]


def test_two_districts_named_after_their_towns_are_both_places():
    # "Rajouri" is the gazetteer's Rajaori; "Poonch", a town it holds, says what kind of pair this is
    found = _by_text("Pakistani troops shelled villages in the Rajouri and Poonch districts on Thursday, the Indian army said.")
    assert found["Rajouri"].place.name == "Rajaori" and found["Rajouri"].place.country == "IN"
    assert found["Poonch"].place.country == "IN"
    # two parts of a city the gazetteer lacks stay parts of the city
    found = _by_text("Missiles hit Kyiv's Solomianskyi and Darnytskyi districts overnight.")
    assert found["Solomianskyi"].kind == "city part"


def test_a_part_of_a_city_named_again_alone_is_that_part():
    found = _by_text("Shelling of the al-Sheikh Maqsoud neighborhood in Aleppo city killed ten. Gunmen in nearby "
                     "districts fired mortar shells on al-Sheikh Maqsoud again on Friday.")
    again = found["al-Sheikh Maqsoud"]
    assert again.kind == "city part" and again.place is not None and again.place.name == "Aleppo"


def test_the_district_of_a_name_the_gazetteer_lacks_is_a_part_of_the_city_it_is_in():
    found = _by_text("Shells hit the district of Grbavica in Sarajevo.")
    assert found["district of Grbavica"].kind == "city part" and found["district of Grbavica"].place.name == "Sarajevo"
    found = _by_text("Jets struck the neighbourhood of Bab al-Nairab in eastern Aleppo.")
    assert found["Bab al-Nairab"].place.name == "Aleppo"


def test_a_holiday_after_a_word_of_time_and_a_name_before_a_noun_are_no_places():
    found = _by_text("Troops retook the university district of Mosul before Christmas.")
    assert "Christmas" not in found
    found = _by_text("Bombs hit the Shiite neighbourhoods of Baghdad. Militants have targeted Shiite civilians for years.")
    assert all(m.text != "Shiite" for m in found.values())


def test_a_suburb_of_a_city_is_no_namesake_town_abroad():
    mentions = geoparse("SARAJEVO, Bosnia-Herzegovina - Shells hit Sarajevo and Gorazde again, the Bosnian presidency "
                        "said. Government gunners fired on the Serb suburb of Vraca, Bosnian Serb officials in Pale said.")
    assert all(m.place is None or m.place.country == "BA" for m in mentions)


def test_central_names_a_large_city_s_centre_but_the_middle_of_a_smaller_one_s_division():
    assert _by_text("NATO missiles hit state television in central Belgrade.")["central Belgrade"].place.precision == "locality"
    assert _by_text("Jets struck central Idlib.")["central Idlib"].place.precision == "admin1"


def test_the_old_city_is_the_old_quarter_of_the_city_its_paragraph_names():
    found = _by_text("MOSUL, Iraq (Reuters) - Troops closed in on the mosque in Mosul. Aircraft pounded militant positions "
                     "across the Old City during the day.")
    assert found["Old City"].place.name == "Mosul"


def test_a_country_s_capital_named_by_its_people_is_the_capital_city():
    assert _by_text("NATO warplanes carried out their heaviest bombardment of the Libyan capital.")["Libyan capital"].place.name == "Tripoli"
    found = _by_text("Jets struck the Syrian capital, Damascus. Russian capital markets fell.")
    assert found["Syrian"].kind == "demonym" and found["Damascus"].place.name == "Damascus"
    assert found["Russian"].kind == "demonym"
