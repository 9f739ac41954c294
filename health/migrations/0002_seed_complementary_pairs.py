"""Seed the starting table of complementary sector pairs (editable data afterwards)."""

from django.db import migrations

# (sector slug, sector slug, why): kept in step with docs/health.md.
PAIRS = [
    ("law-enforcement", "ngo-victim-services", "Investigations need victim support; victims need safety."),
    ("law-enforcement", "shelters-housing", "Identified victims need a safe place the same night."),
    ("law-enforcement", "labour-unions", "Worker organisations see labour exploitation first."),
    ("law-enforcement", "business", "Banks, hotels and transport spot indicators police can act on."),
    ("prosecution-courts", "ngo-victim-services", "Victim-witness support keeps survivors safe through trial."),
    ("prosecution-courts", "legal-aid", "Survivors' own lawyers protect their rights in proceedings."),
    ("government", "shelters-housing", "Agencies fund and refer; shelters house."),
    ("government", "survivor-led", "Lived experience shapes services and policy."),
    ("government", "education-academia", "Researchers help agencies measure what works."),
    ("ngo-victim-services", "health-care", "Most survivors need medical and mental-health care."),
    ("ngo-victim-services", "legal-aid", "Immigration relief and civil claims need lawyers."),
    ("ngo-victim-services", "faith-based", "Congregations offer volunteers, space and community."),
    ("ngo-victim-services", "international-donors", "Donors fund services; services show needs."),
    ("shelters-housing", "health-care", "Residents need care where they live."),
    ("shelters-housing", "faith-based", "Faith communities often hold housing and volunteers."),
    ("legal-aid", "labour-unions", "Wage claims and labour cases need both."),
    ("business", "labour-unions", "Supply-chain and recruitment abuses need both at the table."),
    ("business", "survivor-led", "Employment pathways and survivor-informed staff training."),
    ("survivor-led", "education-academia", "Research with, not about, people with lived experience."),
    ("survivor-led", "media", "Survivor-informed reporting avoids sensationalism and harm."),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("partners", "Sector")
    Pair = apps.get_model("health", "ComplementarySectorPair")
    sectors = {s.slug: s for s in Sector.objects.all()}
    for a, b, why in PAIRS:
        if a in sectors and b in sectors:
            Pair.objects.get_or_create(sector_a=sectors[a], sector_b=sectors[b], defaults={"why": why})


class Migration(migrations.Migration):
    dependencies = [("health", "0001_initial"), ("partners", "0002_seed_vocabularies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
