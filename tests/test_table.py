"""The claims table built from rows: types, missing values, order, shared text."""
from __future__ import annotations

import pandas as pd

from geo.table import COLUMNS, INTEGER_COLUMNS, TableBuilder


def _row(claim_id: str, article: str, sentence_start: int, mention_start: int | None, place: str | None,
         point: tuple[float, float] | None, **values) -> tuple:
    row = dict.fromkeys(COLUMNS, "")
    row.update(claim_id=claim_id, article=article, sentence_start=sentence_start, sentence_end=sentence_start + 10,
               mention_start=mention_start, mention_end=None if mention_start is None else mention_start + 3,
               place=place, uncertainty_km=None if point is None else 5.0, casualties=None, casualties_min=None,
               casualties_max=None)
    row.update(values)
    return (*(row[c] for c in COLUMNS), point)


def test_rows_become_a_typed_sorted_table_and_the_builder_starts_over():
    builder = TableBuilder()
    builder.add([_row("c2", "b", 40, 45, "Rastan", (36.6, 34.9), claimant="SANA", casualties=3)])
    builder.add([])
    builder.add([_row("c1", "a", 900, None, None, None, claimant=None, published=None),
                 _row("c3", "a", 900, 905, "Homs", (36.7, 34.7), claimant="SANA", casualty_phrase=7)])
    table = builder.table()
    assert list(table.columns) == [*COLUMNS, "geometry"] and str(table.crs) == "EPSG:4326"
    assert {str(table[c].dtype) for c in COLUMNS if c not in INTEGER_COLUMNS and c != "uncertainty_km"} == {"str"}
    assert {str(table[c].dtype) for c in INTEGER_COLUMNS} == {"Int64"} and str(table["uncertainty_km"].dtype) == "Float64"
    # By article, sentence, place mention (a claim with no place last in its sentence), claim.
    assert table["claim_id"].tolist() == ["c3", "c1", "c2"]
    assert table["place"].tolist() == ["Homs", "", "Rastan"] and table["published"].tolist() == ["", "", ""]
    assert table["claimant"].tolist() == ["SANA", "", "SANA"] and table["casualty_phrase"].tolist() == ["7", "", ""]
    assert table["claimant"].array[0] is table["claimant"].array[2]  # repeated text is one string
    assert table["casualties"].tolist() == [pd.NA, pd.NA, 3] and table["mention_start"].tolist() == [905, pd.NA, 45]
    assert table["uncertainty_km"].tolist() == [5.0, pd.NA, 5.0]
    assert [None if g is None else (g.x, g.y) for g in table.geometry] == [(36.7, 34.7), None, (36.6, 34.9)]
    assert len(builder.table()) == 0


def test_an_empty_builder_gives_an_empty_table_with_every_column():
    table = TableBuilder().table()
    assert len(table) == 0 and list(table.columns) == [*COLUMNS, "geometry"]
