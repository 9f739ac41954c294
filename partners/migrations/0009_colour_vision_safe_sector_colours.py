"""Give the starting sectors colours that people with colour-vision deficiency can tell apart.

Only sectors still carrying the old starting colour change: a colour a coalition chose is kept.
The colours are copied here (not imported) so the migration means the same thing forever.
"""

from django.db import migrations

# slug: (old starting colour, new colour) — see partners/vocabularies.py.
COLOURS = {
    "law-enforcement": ("#1f4e79", "#0066cc"),
    "prosecution-courts": ("#5b3a8c", "#559988"),
    "government": ("#3a6ea5", "#665577"),
    "ngo-victim-services": ("#c2410c", "#ff5511"),
    "shelters-housing": ("#b45309", "#551100"),
    "legal-aid": ("#7c2d12", "#440066"),
    "health-care": ("#047857", "#0099aa"),
    "faith-based": ("#6b7280", "#0000cc"),
    "survivor-led": ("#be185d", "#11aa66"),
    "business": ("#0f766e", "#332233"),
    "labour-unions": ("#a16207", "#225544"),
    "education-academia": ("#4d7c0f", "#6688ff"),
    "media": ("#374151", "#557755"),
    "international-donors": ("#1e3a8a", "#cc0000"),
}


def _recolour(apps, *, forward: bool) -> None:
    Sector = apps.get_model("partners", "Sector")
    for slug, (old, new) in COLOURS.items():
        before, after = (old, new) if forward else (new, old)
        Sector.objects.filter(slug=slug, colour__iexact=before).update(colour=after)


def recolour(apps, schema_editor):
    _recolour(apps, forward=True)


def restore(apps, schema_editor):
    _recolour(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_meeting_planning")]
    operations = [migrations.RunPython(recolour, restore)]
