"""The field catalogue is exactly the one of the spec (fields.csv)."""

import csv

from core import templates
from tests.conftest import SPEC


def test_catalogue_matches_fields_csv():
    with open(SPEC / "fields.csv", encoding="utf-8") as fh:
        ref = {r["id"]: r for r in csv.DictReader(fh)}
    ours = templates.all_fields()
    assert set(ours) == set(ref)
    for fid, row in ref.items():
        f = ours[fid]
        assert f.versions == frozenset(row["versions"].split()), fid
        assert f.kind == row["kind"], fid
        assert f.table == row["table"], fid


def test_cell_counts_per_template():
    # report-format.md: 2021 表二 10 cells, 表三 175; 2019 表二 22, 表三 161; 表四 15.
    assert len(templates.fields_for("2021", "active")) == 10
    assert len(templates.fields_for("2019", "active")) == 22
    assert len(templates.fields_for("2021", "apply")) == 175
    assert len(templates.fields_for("2019", "apply")) == 161
    assert len(templates.fields_for("2021", "appeal")) == 15


def test_printed_names_speak_the_table():
    assert templates.field("apply.total_handled.natural").printed_name() == "表三 “（七）总计” 行 “自然人” 列"
    assert "部分公开" in templates.field("apply.partial.total").printed_name()
    assert "区分" not in templates.field("apply.partial.total").printed_name()


def test_field_ids_split_into_printed_row_and_column():
    # Row names are what the layout and row remaps use; the column key is the field's own column.
    for fid, f in templates.all_fields().items():
        row, col = templates.split_field_id(fid)
        assert col == f.column.key and f"{row}.{col}" == fid
    assert templates.split_field_id("apply.denied.third_party.total") == ("apply.denied.third_party", "total")
    # An ID from another version of the catalogue still splits, at its last dot.
    assert templates.split_field_id("apply.future_row.natural") == ("apply.future_row", "natural")
