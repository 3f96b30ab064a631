"""The CSP's performance: areas, populations, police.uk counts, indicators and partner figures.

Areas form a hierarchy (LSOA, ward, district, county, police force area) and any area other
than an LSOA is, for counting, the set of LSOAs it covers (`AreaLsoa`, flattened), so a
CSP's own areas (the town centre, Longfield) count the same way as a district.

Police.uk counts are kept aggregated per force, month and LSOA, with a column per crime type
(one row where a row per type would be six: the national import's writing is most of its
time); the raw rows stay in the files. A month of a force is replaced whole, in one transaction (see services).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scrutiny.core.models import Exemptible
from scrutiny.performance.crime_types import COUNT_FIELDS, CRIME_TYPES

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler


class AreaLevel(models.TextChoices):
    LSOA = "lsoa", "Lower layer super output area"
    WARD = "ward", "Ward"
    DISTRICT = "district", "Local authority district"
    CSP = "csp", "Community safety partnership area"
    COUNTY = "county", "County"
    FORCE = "force", "Police force area"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"
    CUSTOM = "custom", "Area defined by the partnership"


# The police.uk names, labelled in title case as the functional TextChoices this replaces
# labelled them (its members were named by the types themselves, which no code could spell),
# so the migrations' state is unchanged.
CRIME_TYPE_CHOICES: list[tuple[str, str]] = [(t, t.title()) for t in CRIME_TYPES]


class DayOfMonth(models.Func):
    """A date's day of the month, worked out by the database itself.

    Django's `__day` lookup calls a Python function per row on SQLite; in a check constraint
    that ran for every count a national import writes. SQLite holds a date as ISO text
    (YYYY-MM-DD), so its day is two characters of it.
    """

    template = "EXTRACT(DAY FROM %(expressions)s)"
    output_field = models.IntegerField()

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        return self.as_sql(compiler, connection, template="CAST(substr(%(expressions)s, 9, 2) AS INTEGER)", **extra_context)


def first_day_of_month(field: str) -> models.lookups.Exact:
    return models.lookups.Exact(DayOfMonth(field), 1)


class Area(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="The ONS code, or the partnership's own code for its areas.")
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=12, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The area it lies in: an LSOA's ward, a ward's district, a district's county.",
    )
    vintage = models.CharField(max_length=8, blank=True, help_text="The year of the ONS geography, e.g. 2011 for LSOA11.")
    description = models.TextField(blank=True)
    parts = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="part_of",
        blank=True,
        help_text="The areas it is made of, when not from the LSOA lookup: a CSP's or a county's districts, "
        "the LSOAs of an area the partnership defines.",
    )

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=AreaLevel.values), name="area_level_valid"),
            models.CheckConstraint(condition=~Q(code=""), name="area_code_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class AreaLsoa(models.Model):
    """An LSOA an area covers. Every area lists all its LSOAs, however deep (flattened)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="lsoas")
    lsoa_code = models.CharField(max_length=16, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "lsoa_code"], name="area_lsoa_unique")]

    def __str__(self) -> str:
        return f"{self.area.code} ⊃ {self.lsoa_code}"


class Population(models.Model):
    """An ONS mid-year (30 June) population estimate, all ages."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="population_area_year_unique"),
            models.CheckConstraint(condition=Q(population__gt=0), name="population_positive"),
            models.CheckConstraint(condition=Q(year__gte=1971) & Q(year__lte=2100), name="population_year_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.area.code} {self.year}: {self.population}"


class ImportKind(models.TextChoices):
    AREAS = "areas", "Area lookup"
    POPULATION = "population", "Population estimates"
    POLICE = "police", "police.uk street-level crime"
    PARTNER = "partner", "Partner figures"


class ImportStatus(models.TextChoices):
    RUNNING = "running", "Running (or interrupted)"
    COMPLETED = "completed", "Completed"
    DRY_RUN = "dry_run", "Dry run: nothing stored"
    FAILED = "failed", "Failed: nothing stored"


class ImportRunQuerySet(models.QuerySet["ImportRun"]):
    def open_to_public(self) -> ImportRunQuerySet:
        """Without the uploads of partner figures given in confidence: their source and report
        name the indicator, which is itself exempt information."""
        return self.exclude(confidential=True).exclude(partner_indicator__is_exempt=True)


ImportRunManager = models.Manager.from_queryset(ImportRunQuerySet)


class PublicImportRunManager(ImportRunManager["ImportRun"]):
    def get_queryset(self) -> ImportRunQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(ImportRunQuerySet, super().get_queryset()).open_to_public()


class ImportRun(models.Model):
    """One import, with its data-quality report. Written before and after the work.

    An upload of partner figures records its indicator; an upload to an indicator given in
    confidence is `confidential` for good (kept even if the indicator is deleted or later
    opened), and `ImportRun.public` leaves it out.
    """

    kind = models.CharField(max_length=12, choices=ImportKind.choices)
    source = models.CharField(max_length=500)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_loaded = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True, help_text="The data-quality report.")
    message = models.TextField(blank=True)
    partner_indicator = models.ForeignKey(
        "PartnerIndicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
        help_text="For an upload of partner figures: the indicator they are for.",
    )
    confidential = models.BooleanField(
        default=False,
        help_text="An upload of figures given in confidence: seen only by those who may see exempt business.",
    )

    internal = ImportRunManager()
    public = PublicImportRunManager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ImportKind.values), name="import_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=ImportStatus.values), name="import_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class PoliceFile(models.Model):
    """One police.uk file in an import: what it held and what was made of it."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="police_files")
    name = models.CharField(max_length=200)
    force = models.CharField(max_length=64, blank=True)
    month = models.DateField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_loaded = models.PositiveIntegerField(default=0)
    rejects = models.JSONField(default=dict, blank=True, help_text="Rows not counted, by reason.")
    warnings = models.JSONField(default=dict, blank=True, help_text="Rows counted, with a fault, by kind.")
    examples = models.JSONField(default=dict, blank=True, help_text="Some faulty values, by reason.")
    replaced_rows = models.PositiveIntegerField(default=0, help_text="Rows of this force and month counted before.")
    error = models.TextField(blank=True, help_text="Why the whole file was refused, if it was.")

    class Meta:
        ordering = ["run", "month", "force", "name"]

    def __str__(self) -> str:
        return self.name


class PoliceMonth(models.Model):
    """A force's month as currently loaded, and the import that loaded it."""

    force = models.CharField(max_length=64)
    month = models.DateField()
    force_name = models.CharField(max_length=120, blank=True)
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="months")
    rows_loaded = models.PositiveIntegerField()

    class Meta:
        ordering = ["month", "force"]
        constraints = [
            models.UniqueConstraint(fields=["force", "month"], name="police_month_unique"),
            models.CheckConstraint(condition=Q(month__day=1), name="police_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.month:%Y-%m}"


def _count_field(crime_type: str) -> models.PositiveIntegerField[int, int]:
    return models.PositiveIntegerField(crime_type, default=0)


class CrimeCount(models.Model):
    """An LSOA's month as a force published it: recorded crimes (and ASB incidents) by type.

    One column per police.uk crime type (`crime_types.COUNT_FIELDS`); `count_of(type)` reads one.
    The key is the LSOA, month and force themselves, in that order, with no surrogate id: the
    one index serves both the indicators (an area's LSOAs over a span of months) and the
    uniqueness, so storing a row updates one B-tree, not two (migration 0007). On SQLite the
    table is stored in key order (WITHOUT ROWID), an LSOA's months side by side. Replacing a
    force's month finds its rows by month: on PostgreSQL through a BRIN index on the month
    (`crime_count_month_brin`, made by migration 0007 outside Django's state, so a later
    migration that rebuilds the table must make it again: a few pages, as rows arrive month
    by month); on SQLite by a scan, done only when the month is held.
    (A later migration that makes SQLite remake the table would drop WITHOUT ROWID, silently:
    the table keeps working, a little slower.)
    """

    pk = models.CompositePrimaryKey("lsoa_code", "month", "force")
    force = models.CharField(max_length=64)
    month = models.DateField()
    lsoa_code = models.CharField(max_length=16)
    anti_social_behaviour = _count_field("Anti-social behaviour")
    bicycle_theft = _count_field("Bicycle theft")
    burglary = _count_field("Burglary")
    criminal_damage_and_arson = _count_field("Criminal damage and arson")
    drugs = _count_field("Drugs")
    other_crime = _count_field("Other crime")
    other_theft = _count_field("Other theft")
    possession_of_weapons = _count_field("Possession of weapons")
    public_order = _count_field("Public order")
    robbery = _count_field("Robbery")
    shoplifting = _count_field("Shoplifting")
    theft_from_the_person = _count_field("Theft from the person")
    vehicle_crime = _count_field("Vehicle crime")
    violence_and_sexual_offences = _count_field("Violence and sexual offences")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(*[Q(**{f"{name}__gt": 0}) for name in COUNT_FIELDS.values()], _connector=Q.OR),
                name="crime_count_something_counted",
            ),
            models.CheckConstraint(condition=first_day_of_month("month"), name="crime_count_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_code} {self.month:%Y-%m}: {self.total}"

    def count_of(self, crime_type: str) -> int:
        count: int = getattr(self, COUNT_FIELDS[crime_type])
        return count

    @property
    def total(self) -> int:
        return sum(self.count_of(crime_type) for crime_type in COUNT_FIELDS)


class ComparisonGroup(models.Model):
    """The areas an area is compared with, e.g. its Most Similar Group of CSPs (officer-maintained)."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="comparison_groups")
    name = models.CharField(max_length=120, default="Most Similar Group")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="home_of_groups", help_text="The partnership's own area."
    )
    county = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The area whose average the partnership is also compared with.",
    )
    members = models.ManyToManyField(Area, related_name="comparison_groups", help_text="The other areas.")
    note = models.TextField(blank=True, help_text="Where the list comes from, e.g. the iQuanta MSG of a date.")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["committee", "name"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="comparison_group_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(models.Model):
    """A set of crime types the partnership reports together, e.g. a strategy priority."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="indicator_groups")
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField(default=1)
    is_priority = models.BooleanField(default=True, help_text="One of the partnership's strategy priorities.")
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["committee", "slug"], name="indicator_group_slug_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorGroupType(models.Model):
    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="types")
    crime_type = models.CharField(max_length=40, choices=CRIME_TYPE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "crime_type"], name="indicator_group_type_unique"),
            models.CheckConstraint(condition=Q(crime_type__in=CRIME_TYPES), name="indicator_group_type_valid"),
        ]

    def __str__(self) -> str:
        return self.crime_type


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Combination(models.TextChoices):
    """How a partner's figures within a report's period make the period's one figure."""

    LATEST = "latest", "The latest figure in the period"
    TOTAL = "total", "The total of the figures in the period"
    AVERAGE = "average", "The average of the figures in the period"


class PartnerIndicatorQuerySet(models.QuerySet["PartnerIndicator"]):
    def open_to_public(self) -> PartnerIndicatorQuerySet:
        return self.filter(is_exempt=False)


PartnerIndicatorManager = models.Manager.from_queryset(PartnerIndicatorQuerySet)


class PublicPartnerIndicatorManager(PartnerIndicatorManager["PartnerIndicator"]):
    def get_queryset(self) -> PartnerIndicatorQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(PartnerIndicatorQuerySet, super().get_queryset()).open_to_public()


class PartnerIndicator(Exemptible):
    """A figure a partner agency supplies (e.g. fire service deliberate fires), maybe in confidence.

    An indicator supplied under an obligation of confidence is exempt: its figures reach only
    those the access policy lets see the committee's exempt business.
    """

    committee = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="partner_indicators")
    organisation = models.ForeignKey("governance.Organisation", on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    unit = models.CharField(max_length=40, default="count", help_text="count, %, rate per 1,000 ...")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    combine = models.CharField(
        "Figure for a period", max_length=10, choices=Combination.choices, default=Combination.LATEST,
        help_text="A count of events is totalled (deliberate fires in a year: its four quarters added); a rate "
                  "or a share is the latest, or the average. A total or an average of fewer figures than the "
                  "period holds is marked as such; the year before is compared only when each figure has its "
                  "own a year earlier.",
    )
    higher_is_better = models.BooleanField(null=True, blank=True)
    description = models.TextField(blank=True)

    internal = PartnerIndicatorManager()
    public = PublicPartnerIndicatorManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "organisation__name", "name"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="partner_indicator_slug_unique"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="partner_indicator_frequency_valid"),
            models.CheckConstraint(condition=Q(combine__in=Combination.values), name="partner_indicator_combine_valid"),
            *Exemptible.exemption_constraints("partner_indicator"),
        ]

    def __str__(self) -> str:
        # Everywhere a row is named for its own sake (admin delete pages of the committee or the
        # organisation, history, log entries), an indicator given in confidence is not named.
        if self.is_exempt:
            return f"Partner indicator {self.pk or ''} (given in confidence)".replace("  ", " ")
        return self.name


class PartnerFigureQuerySet(models.QuerySet["PartnerFigure"]):
    def open_to_public(self) -> PartnerFigureQuerySet:
        return self.filter(indicator__is_exempt=False)


PartnerFigureManager = models.Manager.from_queryset(PartnerFigureQuerySet)


class PublicPartnerFigureManager(PartnerFigureManager["PartnerFigure"]):
    def get_queryset(self) -> PartnerFigureQuerySet:
        # The plugin types a from_queryset manager's get_queryset as a plain QuerySet.
        return cast(PartnerFigureQuerySet, super().get_queryset()).open_to_public()


class PartnerFigure(models.Model):
    indicator = models.ForeignKey(PartnerIndicator, on_delete=models.CASCADE, related_name="figures")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    entered_at = models.DateTimeField(auto_now=True)

    internal = PartnerFigureManager()
    public = PublicPartnerFigureManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        base_manager_name = "internal"
        default_manager_name = "internal"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="partner_figure_period_unique"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="partner_figure_period_order",
                violation_error_message="A period ends on or after it starts.",
            ),
        ]

    def __str__(self) -> str:
        if self.indicator.is_exempt:
            return f"{self.indicator}: a figure for {self.period_start}–{self.period_end}"
        return f"{self.indicator}: {self.period_start}–{self.period_end} {self.value}"
