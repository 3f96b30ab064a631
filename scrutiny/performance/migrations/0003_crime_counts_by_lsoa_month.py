"""Counts by LSOA and month, a column per crime type: one row where there were up to fourteen.

The rows held are pivoted in SQL (any engine) before the old columns go: for each force,
month and LSOA one new row (marked by an empty crime type while both shapes exist) with the
sum of each type, then the old rows are deleted. Not reversible: the old shape is re-made
by re-importing the police.uk files.
"""
from django.db import migrations, models


#: As the types and columns were when this migration was written (not imported: it must not change).
FIELDS = {'Anti-social behaviour': 'anti_social_behaviour', 'Bicycle theft': 'bicycle_theft', 'Burglary': 'burglary', 'Criminal damage and arson': 'criminal_damage_and_arson', 'Drugs': 'drugs', 'Other crime': 'other_crime', 'Other theft': 'other_theft', 'Possession of weapons': 'possession_of_weapons', 'Public order': 'public_order', 'Robbery': 'robbery', 'Shoplifting': 'shoplifting', 'Theft from the person': 'theft_from_the_person', 'Vehicle crime': 'vehicle_crime', 'Violence and sexual offences': 'violence_and_sexual_offences'}

PIVOT = (
    "INSERT INTO performance_crimecount (force, month, lsoa_code, crime_type, count, "
    + ", ".join(FIELDS.values()) + ") SELECT force, month, lsoa_code, '', 0, "
    + ", ".join(f"SUM(CASE WHEN crime_type = '{t}' THEN count ELSE 0 END)" for t in FIELDS)
    + " FROM performance_crimecount WHERE crime_type <> '' GROUP BY force, month, lsoa_code"
)
DROP_OLD_ROWS = "DELETE FROM performance_crimecount WHERE crime_type <> ''"


class Migration(migrations.Migration):

    dependencies = [
        ('performance', '0002_import_run_partner_indicator'),
    ]
    operations = [
        migrations.RemoveConstraint(
            model_name='crimecount',
            name='crime_count_unique',
        ),
        migrations.RemoveConstraint(
            model_name='crimecount',
            name='crime_count_type_valid',
        ),
        migrations.RemoveConstraint(
            model_name='crimecount',
            name='crime_count_positive',
        ),
        migrations.AddField(
            model_name='crimecount',
            name='anti_social_behaviour',
            field=models.PositiveIntegerField(default=0, verbose_name='Anti-social behaviour'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='bicycle_theft',
            field=models.PositiveIntegerField(default=0, verbose_name='Bicycle theft'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='burglary',
            field=models.PositiveIntegerField(default=0, verbose_name='Burglary'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='criminal_damage_and_arson',
            field=models.PositiveIntegerField(default=0, verbose_name='Criminal damage and arson'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='drugs',
            field=models.PositiveIntegerField(default=0, verbose_name='Drugs'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='other_crime',
            field=models.PositiveIntegerField(default=0, verbose_name='Other crime'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='other_theft',
            field=models.PositiveIntegerField(default=0, verbose_name='Other theft'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='possession_of_weapons',
            field=models.PositiveIntegerField(default=0, verbose_name='Possession of weapons'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='public_order',
            field=models.PositiveIntegerField(default=0, verbose_name='Public order'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='robbery',
            field=models.PositiveIntegerField(default=0, verbose_name='Robbery'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='shoplifting',
            field=models.PositiveIntegerField(default=0, verbose_name='Shoplifting'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='theft_from_the_person',
            field=models.PositiveIntegerField(default=0, verbose_name='Theft from the person'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='vehicle_crime',
            field=models.PositiveIntegerField(default=0, verbose_name='Vehicle crime'),
        ),
        migrations.AddField(
            model_name='crimecount',
            name='violence_and_sexual_offences',
            field=models.PositiveIntegerField(default=0, verbose_name='Violence and sexual offences'),
        ),
        migrations.RunSQL([PIVOT, DROP_OLD_ROWS], reverse_sql=None),
        migrations.RemoveField(
            model_name='crimecount',
            name='count',
        ),
        migrations.RemoveField(
            model_name='crimecount',
            name='crime_type',
        ),
        migrations.AddConstraint(
            model_name='crimecount',
            constraint=models.UniqueConstraint(fields=('force', 'month', 'lsoa_code'), name='crime_count_lsoa_month_unique'),
        ),
        migrations.AddConstraint(
            model_name='crimecount',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('anti_social_behaviour__gt', 0)), models.Q(('bicycle_theft__gt', 0)), models.Q(('burglary__gt', 0)), models.Q(('criminal_damage_and_arson__gt', 0)), models.Q(('drugs__gt', 0)), models.Q(('other_crime__gt', 0)), models.Q(('other_theft__gt', 0)), models.Q(('possession_of_weapons__gt', 0)), models.Q(('public_order__gt', 0)), models.Q(('robbery__gt', 0)), models.Q(('shoplifting__gt', 0)), models.Q(('theft_from_the_person__gt', 0)), models.Q(('vehicle_crime__gt', 0)), models.Q(('violence_and_sexual_offences__gt', 0)), _connector='OR'), name='crime_count_something_counted'),
        ),
    ]
