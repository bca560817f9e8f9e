"""The compiled index survives its cache file, and cities500.json is read one city at a time."""
from __future__ import annotations

import io
import json
import pickle

import pytest

from geo.gazetteer.index import GazetteerIndex, StackedIndex
from geo.gazetteer.place import Place, PlaceRecord
from geo.gazetteer.sources import _object_values


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


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 64])
def test_object_values_match_json_load_at_any_chunk_size(chunk_size):
    text = ' {"1": {"a": "}\\",{"}, "2" : [1, {"b": 2}] ,"3\\"":{}}\n'
    assert list(_object_values(io.StringIO(text), chunk_size)) == list(json.loads(text).values())
    assert list(_object_values(io.StringIO(" { } "), chunk_size)) == []


@pytest.mark.parametrize("text", ['[{"a": 1}]', '{"1": {}} trailing', '{"1": {"a": 1}'])
def test_object_values_reject_other_documents(text):
    with pytest.raises(ValueError):
        list(_object_values(io.StringIO(text), 4))
