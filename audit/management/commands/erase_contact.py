"""Erase a person's contact data everywhere, history and audit trail included, and say what was removed.

python manage.py erase_contact --email jane@example.org [--dry-run]
python manage.py erase_contact --contact-id 42
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from audit.events import record
from audit.models import AuditAction, AuditEvent, PersonInvitation, audit_purge
from partners.models import Contact, IdempotencyRecord, Meeting, Organization

ERASED = "[erased]"


class Command(BaseCommand):
    help = "Remove a person's contact data everywhere (contacts, their history, accounts, audit trail, stored files)."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="The person's e-mail address (matched without regard to case).")
        who.add_argument("--contact-id", type=int, help="The id of a contact record.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be removed; change nothing.")

    def handle(self, *args, email: str | None, contact_id: int | None, dry_run: bool, **options):
        email = (email or "").strip()
        if contact_id is None and "@" not in email:
            raise CommandError("Give --email with a full e-mail address, or --contact-id.")
        report: list[str] = []
        with transaction.atomic():
            self._erase(email=email, contact_id=contact_id, report=report)
            if dry_run:
                transaction.set_rollback(True)
        heading = "Would remove" if dry_run else "Removed"
        if not report:
            self.stdout.write("Nothing found for this person; nothing was changed.")
            return
        self.stdout.write(f"{heading}:")
        for line in report:
            self.stdout.write(f"  - {line}")
        if not dry_run:
            # Counts only: the audit trail must not keep what was just erased.
            record(None, AuditAction.ERASE, {"items": len(report), "by": "erase_contact"})

    def _erase(self, *, email: str, contact_id: int | None, report: list[str]) -> None:
        history = Contact.history.model
        if contact_id is not None:
            ids = {contact_id} if Contact.objects.filter(pk=contact_id).exists() else set()
            ids |= set(history.objects.filter(id=contact_id).values_list("id", flat=True))
            if not ids:
                raise CommandError(f"No contact with id {contact_id}, now or in the history.")
            emails = {e for e in history.objects.filter(id=contact_id).values_list("email", flat=True) if e}
            emails |= {e for e in Contact.objects.filter(pk=contact_id).values_list("email", flat=True) if e}
        else:
            ids = set(Contact.objects.filter(email__iexact=email).values_list("pk", flat=True))
            ids |= set(history.objects.filter(email__iexact=email).values_list("id", flat=True))
            emails = {email}
        # Every name, address and number the person was ever recorded with, to find copies elsewhere.
        identifiers = set(emails)
        for name, mail, phone in history.objects.filter(id__in=ids).values_list("name", "email", "phone"):
            identifiers |= {value for value in (mail, phone) if value}
            if name and len(name) >= 5:
                identifiers.add(name)
        for name, mail, phone in Contact.objects.filter(pk__in=ids).values_list("name", "email", "phone"):
            identifiers |= {value for value in (mail, phone) if value}
            if name and len(name) >= 5:
                identifiers.add(name)

        for contact in Contact.objects.filter(pk__in=ids).select_related("organization"):
            report.append(f"contact #{contact.pk} ({contact.name}, {contact.organization})")
            contact.delete()
        # After the deletes: deleting writes one more history row, which goes too.
        removed = history.objects.filter(id__in=ids).delete()[0]
        if removed:
            report.append(f"{removed} history record(s) of contact(s) {sorted(ids)}")

        self._erase_accounts(emails, report)
        self._erase_invitations(emails, report)
        self._erase_office_addresses(emails, report)
        self._erase_copies(identifiers, report)

    def _erase_invitations(self, emails: set[str], report: list[str]) -> None:
        """Invitations of people sent to the address (open or not) go: their address is all they hold."""
        query = Q()
        for mail in emails:
            query |= Q(email__iexact=mail)
        if not query:
            return
        for pk in PersonInvitation.objects.filter(query).values_list("pk", flat=True):
            report.append(f"invitation #{pk} sent to the address")
        PersonInvitation.objects.filter(query).delete()

    def _erase_accounts(self, emails: set[str], report: list[str]) -> None:
        query = Q()
        for mail in emails:
            query |= Q(email__iexact=mail)
        if not query:
            return
        for user in get_user_model().objects.filter(query):
            report.append(
                f"e-mail address and name of account #{user.pk} (the account stays; an admin may deactivate it)"
            )
            user.email = user.first_name = user.last_name = ""
            user.save(update_fields=["email", "first_name", "last_name"])

    def _erase_office_addresses(self, emails: set[str], report: list[str]) -> None:
        query = Q()
        for mail in emails:
            query |= Q(email__iexact=mail)
        if not query:
            return
        for org in Organization.objects.filter(query):
            report.append(f"general e-mail of organisation {org.name} (it was a person's address)")
            Organization.objects.filter(pk=org.pk).update(email="")
        count = Organization.history.filter(query).update(email="")
        if count:
            report.append(f"that address in {count} organisation history record(s)")

    def _erase_copies(self, identifiers: set[str], report: list[str]) -> None:
        """Copies in free text, the audit trail, stored API answers and uploaded files."""
        if not identifiers:
            return
        text_query = Q()
        for value in identifiers:
            text_query |= Q(outcomes__icontains=value)
        for model, label in ((Meeting, "activity"), (Meeting.history.model, "activity history record")):
            for row in model.objects.filter(text_query):
                pk = getattr(row, "history_id", row.pk)
                model.objects.filter(pk=pk).update(outcomes=_redact(row.outcomes, identifiers))
                report.append(f"mentions in the outcomes of {label} #{pk}")

        with audit_purge():  # erasure is one of the two changes the append-only trail allows
            for event in AuditEvent.objects.all().iterator():
                text = json.dumps(event.detail, ensure_ascii=False)
                if _mentions(text, identifiers):
                    AuditEvent.objects.filter(pk=event.pk).update(detail=json.loads(_redact(text, identifiers)))
                    report.append(f"mentions in audit event #{event.pk} ({event.get_action_display()})")

        for stored in IdempotencyRecord.objects.all().iterator():
            if _mentions(bytes(stored.content).decode("utf-8", "replace"), identifiers):
                stored.delete()
                report.append(f"a stored API answer (idempotency record #{stored.pk})")

        from imports.models import ImportJob

        for job in ImportJob.objects.all().iterator():
            content = bytes(job.content or b"").decode("utf-8", "replace")
            report_text = json.dumps(job.report, ensure_ascii=False)
            if _mentions(content, identifiers) or _mentions(report_text, identifiers):
                ImportJob.objects.filter(pk=job.pk).update(
                    content=_redact(content, identifiers).encode(), report=json.loads(_redact(report_text, identifiers))
                )
                report.append(f"mentions in uploaded file {job.filename!r} (import #{job.pk})")


def _mentions(text: str, identifiers: set[str]) -> bool:
    lowered = text.lower()
    return any(value.lower() in lowered for value in identifiers)


def _redact(text: str, identifiers: set[str]) -> str:
    import re

    for value in sorted(identifiers, key=len, reverse=True):
        text = re.sub(re.escape(value), ERASED, text, flags=re.IGNORECASE)
    return text
