"""A city's district by its adjectival name ("the Dniprovskyi district") belongs to the city the text is about,
not to another city whose district (or a town) has that name."""
from __future__ import annotations

from geo import geoparse


def _placed(text: str, name: str) -> set[str]:
    return {m.place.name for m in geoparse(text) if name in m.text and m.place is not None}


def test_a_district_under_a_city_heading_is_that_city_s():
    text = ("Weekly civilian harm update, Kherson region\n\nKHERSON CITY\n\nThe city continued to be shelled daily from "
            "Russian positions across the river, officials in Kherson said.\n\nIn the Dniprovskyi district, along the "
            "riverfront east of the centre, a drone dropped an explosive device on a municipal bus. Prosecutors in Kherson "
            "opened a case.\n\nOfficials in Oleshky and Hola Prystan were not reached; a hotline in Oleshky and Hola "
            "Prystan was down.\n\nWe shared our findings with the Office of the Prosecutor General in Kyiv.")
    assert _placed(text, "Dniprovskyi") == {"Kherson"}


def test_a_district_of_the_dateline_city_the_gazetteer_lacks_is_placed_there():
    text = ("KHARKIV, Ukraine, May 3 (Reuters) - Russian glide bombs hit Kharkiv's north overnight, the mayor said. A "
            "third and fourth struck the Industrialnyi district, where a warehouse burned for four hours, he said.")
    assert _placed(text, "Industrialnyi") == {"Kharkiv"}


def test_the_city_s_districts_are_those_of_the_city_its_sentence_names():
    text = ("Rescuers were attacked in Pokrovsk on Monday.\n\nOn the other side of the front line, Russian-installed "
            "officials in occupied Donetsk said that Ukrainian forces had shelled the city's Kyivskyi and Kuibyshevskyi "
            "districts on Monday, killing one person.")
    assert _placed(text, "Kyivskyi") == {"Donetsk"}


def test_an_old_quarter_in_lower_case_is_the_old_quarter_of_the_town_its_sentence_names():
    text = ("Coalition jets struck Hodeidah port on Monday.\n\nFurther south in Hodeidah province, residents of Zabid said a "
            "house near the old city was struck late on Monday, killing a woman.")
    assert _placed(text, "old city") == {"Zabīd"}
    text = ("SARAJEVO, Aug 28 (Reuters) - A mortar shell slammed into a market in Sarajevo on Monday, hospital officials "
            "said. Four other rounds landed in the old town, witnesses said.")
    assert _placed(text, "old town") == {"Sarajevo"}


def test_a_name_the_text_places_by_a_distance_is_read_there_everywhere():
    text = ("Azerbaijani forces shelled the town of Martuni, about 30 km east of Stepanakert, on Sunday. Officials in "
            "Yerevan condemned the attack. Residents said Martuni had no power after the shelling.")
    assert {m.place.country for m in geoparse(text) if "Martuni" in m.text} == {"AZ"}
