import datetime as dt

import pytest
from pydantic import ValidationError

from kb.dates import DateSpec, Precision


@pytest.mark.parametrize(
    "written, earliest, latest, precision",
    [
        ("2020-02-20", dt.date(2020, 2, 20), dt.date(2020, 2, 20), Precision.day),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), Precision.month),
        (2018, dt.date(2018, 1, 1), dt.date(2018, 12, 31), Precision.year),
        ({"from": "2020-02-17", "to": "2020-02-23"}, dt.date(2020, 2, 17), dt.date(2020, 2, 23), Precision.range),
        ({"from": "2020-02"}, dt.date(2020, 2, 1), None, Precision.on_or_after),
        ({"to": "2020-02"}, None, dt.date(2020, 2, 29), Precision.on_or_before),
    ],
)
def test_written_dates_resolve_to_bounds_and_precision(written, earliest, latest, precision):
    date = DateSpec.model_validate(written)
    assert (date.earliest, date.latest, date.precision) == (earliest, latest, precision)


@pytest.mark.parametrize(
    "written, complaint",
    [
        ("2020-02-30", "not a real date"),
        ("20 Feb 2020", "is not a date"),
        ({"from": "2020-02-20", "to": "2020-02-19"}, "ends (2020-02-19) before it starts"),
        ({"note": "no bounds"}, "needs `from`, `to` or both"),
        ({"from": "2020-02-20", "until": "2020-02-21"}, "unknown key"),
    ],
)
def test_bad_dates_are_rejected_with_a_reason(written, complaint):
    with pytest.raises(ValidationError, match=complaint.replace("(", r"\(").replace(")", r"\)")):
        DateSpec.model_validate(written)


def test_a_date_prints_as_precisely_as_it_is_known():
    assert str(DateSpec.model_validate("2020-02")) == "2020-02"
    assert str(DateSpec.model_validate({"to": "2020-02-23"})) == "…/2020-02-23"
