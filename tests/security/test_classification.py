"""Every stored field of every project model carries a data classification in audit/classification.py."""

from django.apps import apps

from audit.classification import CLASSES, CLASSIFICATION, CLASSIFIED_APPS, classification_of


def _all_fields():
    for label in CLASSIFIED_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                yield model, field


def test_every_field_of_every_project_model_has_a_classification():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in _all_fields()
        if not classification_of(model, field.name)
    ]
    assert not missing, (
        "These fields have no data classification. Add each to CLASSIFICATION in audit/classification.py "
        "as public, internal, restricted or personal:\n    " + "\n    ".join(f'"{name}"' for name in missing)
    )


def test_the_registry_names_no_field_that_does_not_exist():
    existing = {f"{model._meta.label}.{field.name}" for model, field in _all_fields()}
    stale = sorted(set(CLASSIFICATION) - existing)
    assert not stale, "Remove these rows from audit/classification.py (the fields are gone): " + ", ".join(stale)


def test_only_the_four_classes_are_used():
    assert set(CLASSIFICATION.values()) <= set(CLASSES)


def test_contact_details_of_people_are_personal_data():
    from partners.models import Contact

    for name in ("name", "email", "phone"):
        assert classification_of(Contact, name) == "personal"
    assert classification_of(Contact.history.model, "email") == "personal"
    assert classification_of(Contact.history.model, "history_user") == "personal"
