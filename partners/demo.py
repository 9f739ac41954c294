"""Builds the fictional demo region: organisations, coalitions, partnerships, two years of activity.

Deterministic for a given day (a seeded random generator; dates count back from today) and
idempotent: the whole build runs in one transaction and is skipped when the demo is present.
The patterns are ones a coordinator would recognise: a weekly case-coordination pair, a pair
that went quiet months ago, big agencies hosting most meetings, sectors that rarely meet.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partners import demo_data as data
from partners.choices import MeetingKind as K
from partners.choices import MeetingVisibility, ParticipationRole
from partners.models import (
    AreaOfWork,
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Population,
    Profile,
    Sector,
    TraffickingForm,
)
from partners.services.partnerships import partnership_status_change_record

MARKER_SLUG = data.COALITIONS[0][0]

# How readily each sector turns up to a meeting it is invited to (big agencies come, small
# groups with no spare staff less often): drives the participation patterns in the demo.
TURNOUT = {
    "law-enforcement": 0.9,
    "prosecution-courts": 0.8,
    "government": 0.85,
    "ngo-victim-services": 0.75,
    "shelters-housing": 0.6,
    "legal-aid": 0.65,
    "health-care": 0.6,
    "faith-based": 0.45,
    "survivor-led": 0.45,
    "business": 0.35,
    "labour-unions": 0.55,
    "education-academia": 0.5,
    "media": 0.2,
    "international-donors": 0.6,
}

# Self-reported share of women in leadership, by sector (mean %): the demo's gendered pattern.
WOMEN_IN_LEADERSHIP = {
    "law-enforcement": 18,
    "prosecution-courts": 40,
    "government": 45,
    "ngo-victim-services": 78,
    "shelters-housing": 85,
    "legal-aid": 60,
    "health-care": 70,
    "faith-based": 35,
    "survivor-led": 80,
    "business": 25,
    "labour-unions": 40,
    "education-academia": 55,
    "media": 45,
    "international-donors": 50,
}


@dataclass
class DemoSummary:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def demo_present() -> bool:
    return Coalition.objects.filter(slug=MARKER_SLUG).exists()


def demo_counts() -> dict[str, int]:
    return {
        "sectors": Sector.objects.count(),
        "organizations": Organization.objects.count(),
        "contacts": Contact.objects.count(),
        "coalitions": Coalition.objects.count(),
        "memberships": Membership.objects.count(),
        "partnerships": Partnership.objects.count(),
        "meetings": Meeting.objects.count(),
        "participations": Participation.objects.count(),
        "users": get_user_model().objects.count(),
    }


def months_ago(today: datetime.date, months: int) -> datetime.date:
    return today - datetime.timedelta(days=round(months * 30.44))


def build_demo(*, seed: int = 2026, today: datetime.date | None = None) -> DemoSummary:
    if demo_present():
        return DemoSummary(created=False, counts=demo_counts())
    today = today or timezone.localdate()
    with transaction.atomic():
        _Builder(random.Random(seed), today).build()
    return DemoSummary(created=True, counts=demo_counts())


class _Builder:
    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.start = today - datetime.timedelta(days=730)
        self.orgs: dict[str, Organization] = {}
        self.coalitions: dict[str, Coalition] = {}
        self.spans: dict[str, list[tuple[str, datetime.date, datetime.date | None]]] = {}
        self.partnerships: dict[str, Partnership] = {}
        self.users: dict[str, object] = {}
        self.meetings: list[tuple[Meeting, list[tuple[str, str]]]] = []

    def build(self) -> None:
        self._organizations()
        self._coalitions()
        self._partnerships()
        self._accounts()
        self._meetings()

    # --- directory ----------------------------------------------------------------------------

    def _organizations(self) -> None:
        sectors = {s.slug: s for s in Sector.objects.all()}
        areas = list(AreaOfWork.objects.all())
        forms = list(TraffickingForm.objects.all())
        populations = list(Population.objects.all())
        rng = self.rng
        for (
            slug,
            name,
            acronym,
            primary,
            extra,
            city,
            region,
            country,
            staff,
            budget,
            survivor_led,
            visibility,
        ) in data.ORGANIZATIONS:
            women = WOMEN_IN_LEADERSHIP[primary]
            reports = rng.random() < 0.8  # the figures are optional and self-reported
            org = Organization.objects.create(
                slug=slug,
                name=name,
                acronym=acronym,
                primary_sector=sectors[primary],
                description=f"{name} works in {city} and the surrounding region. (Fictional demo organisation.)",
                website=f"https://{slug}.example.org",
                email=f"info@{slug}.example.org",
                phone=f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                city=city,
                region=region,
                country=country,
                founded_year=rng.randint(1950, 2020),
                staff_size=staff,
                budget_band=budget,
                survivor_led=survivor_led,
                visibility=visibility,
                leadership_women_pct=max(0, min(100, round(rng.gauss(women, 10)))) if reports else None,
                leadership_minority_pct=max(0, min(100, round(rng.gauss(30, 15)))) if reports else None,
            )
            org.sectors.set([sectors[primary], *(sectors[s] for s in extra)])
            org.areas_of_work.set(rng.sample(areas, rng.randint(1, 4)))
            org.trafficking_forms.set(rng.sample(forms, rng.randint(1, 3)))
            org.populations.set(rng.sample(populations, rng.randint(1, 3)))
            for _ in range(rng.randint(1, 2)):
                first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
                Contact.objects.create(
                    organization=org,
                    name=f"{first} {last}",
                    title=rng.choice(data.TITLES),
                    # ASCII only: an address like "luis.lópez@..." fails e-mail validation on import.
                    email=f"{slugify(first)}.{slugify(last).replace('-', '')}@{slug}.example.org",
                    phone=f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                )
            self.orgs[slug] = org

    def _coalitions(self) -> None:
        for slug, name, kind, scope, countries, description, founded, quiet in data.COALITIONS:
            coalition = Coalition.objects.create(
                slug=slug,
                name=name,
                kind=kind,
                scope=scope,
                countries=countries,
                description=description,
                founded_on=datetime.date.fromisoformat(founded),
                quiet_after_days=quiet,
            )
            self.coalitions[slug] = coalition
            spans = []
            for org_slug, role, joined, left in data.MEMBERSHIPS[slug]:
                start = months_ago(self.today, joined)
                end = months_ago(self.today, left) if left is not None else None
                Membership.objects.create(
                    organization=self.orgs[org_slug], coalition=coalition, role=role, start_date=start, end_date=end
                )
                spans.append((org_slug, start, end))
            self.spans[slug] = spans

    def _partnerships(self) -> None:
        for title, kind, status, coalition, org_slugs, started, ended, renewal in data.PARTNERSHIPS:
            partnership = Partnership.objects.create(
                title=title,
                kind=kind,
                status=status,
                coalition=self.coalitions.get(coalition) if coalition else None,
                start_date=months_ago(self.today, started),
                end_date=months_ago(self.today, ended) if ended is not None else None,
                renewal_date=self.today + datetime.timedelta(days=renewal) if renewal is not None else None,
                description="Fictional demo partnership.",
            )
            partnership.organizations.set([self.orgs[s] for s in org_slugs])
            partnership_status_change_record(partnership=partnership, from_status="", actor=None)
            self.partnerships[title] = partnership

    def _accounts(self) -> None:
        User = get_user_model()
        for username, (password, role, org_slug, coalition_slug) in data.DEMO_ACCOUNTS.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=f"{username}@example.org", first_name=username.title())
            user.is_superuser = user.is_staff = role == "admin"
            user.set_password(password)
            user.save()
            Profile.objects.update_or_create(user=user, defaults={"organization": self.orgs.get(org_slug)})
            if coalition_slug:
                CoalitionCoordinator.objects.get_or_create(user=user, coalition=self.coalitions[coalition_slug])
            self.users[username] = user

    # --- activity -----------------------------------------------------------------------------

    def _members_on(self, coalition: str, day: datetime.date) -> list[str]:
        return [s for s, start, end in self.spans[coalition] if start <= day and (end is None or end >= day)]

    def _add(
        self,
        day,
        kind,
        title,
        coalition=None,
        partnership=None,
        hosts=(),
        guests=(),
        visibility=None,
        logged_by="admin",
    ):
        seen, rows = set(), []
        for slug in hosts:
            if slug not in seen:
                rows.append((slug, ParticipationRole.HOST))
                seen.add(slug)
        for slug in guests:
            if slug not in seen:
                rows.append((slug, ParticipationRole.PARTICIPANT))
                seen.add(slug)
        if len(rows) < 2:
            return
        meeting = Meeting(
            date=day,
            kind=kind,
            title=title,
            coalition=self.coalitions.get(coalition) if coalition else None,
            partnership=self.partnerships.get(partnership) if partnership else None,
            duration_minutes=self.rng.choice([60, 90, 120, 180]),
            visibility=visibility or MeetingVisibility.COALITION,
            outcomes="Agreed next steps and owners. (Demo record: no case details are ever entered here.)",
            logged_by=self.users[logged_by],
        )
        self.meetings.append((meeting, rows))

    def _turnout(self, slugs, exclude=()):
        return [s for s in slugs if s not in exclude and self.rng.random() < TURNOUT[self.orgs[s].primary_sector.slug]]

    def _meetings(self) -> None:
        rng, today, start = self.rng, self.today, self.start
        tf, nfc, pbn = (c[0] for c in data.COALITIONS)

        # 1. Monthly task-force meetings, hosted mostly by the big agencies. Compass and the
        #    Harbor Bank stopped coming four meetings ago (an "absent member" to notice).
        monthly = [start + datetime.timedelta(days=30 * i + 5) for i in range(24)]
        for n, day in enumerate(monthly):
            host = rng.choices(["papd-htu", "hc-da", "hc-dss", "beacon"], weights=[50, 25, 15, 10])[0]
            absent = {"compass", "harbor-bank"} if n >= len(monthly) - 4 else set()
            guests = self._turnout(self._members_on(tf, day), exclude=absent)
            self._add(
                day,
                K.COALITION_MEETING,
                f"Task force monthly meeting – {day:%B %Y}",
                tf,
                hosts=[host],
                guests=guests,
                logged_by="coordinator",
            )

        # 2. Weekly case coordination between the police unit and the victim-service provider.
        for week in range(104):
            day = start + datetime.timedelta(days=7 * week + 2)
            guests = ["beacon"] + (["harbor-house"] if rng.random() < 0.5 else [])
            visibility = MeetingVisibility.PARTICIPANTS if week % 3 == 0 else MeetingVisibility.COALITION
            self._add(
                day,
                K.CASE_COORDINATION,
                "Weekly case coordination",
                tf,
                "PAPD–Beacon victim-services MOU",
                hosts=["papd-htu"],
                guests=guests,
                visibility=visibility,
                logged_by="member",
            )

        # 3. Legal aid and social services met every fortnight, then went quiet nine months ago.
        day = start + datetime.timedelta(days=4)
        while day < months_ago(today, 9):
            self._add(
                day,
                K.REFERRAL,
                "Legal aid referral review",
                tf,
                "Legal aid and social services agreement",
                hosts=["hc-dss"],
                guests=["harbor-legal-aid"],
            )
            day += datetime.timedelta(days=14)

        # 4. Monthly forensic-nursing pathway review.
        for month in range(24):
            day = start + datetime.timedelta(days=30 * month + 12)
            self._add(
                day,
                K.CASE_COORDINATION,
                "Forensic nursing pathway review",
                tf,
                "Forensic nursing referral pathway",
                hosts=["pa-general-forensic"],
                guests=["beacon", "new-dawn"],
            )

        # 5. Joint operations: participants only.
        for n in range(6):
            day = start + datetime.timedelta(days=rng.randint(0, 720))
            guests = ["hc-sheriff", "state-labor", "beacon"] + (["harbor-house"] if n % 2 else ["safe-harbor-youth"])
            self._add(
                day,
                K.JOINT_OPERATION,
                "Joint labour-trafficking operation",
                tf,
                hosts=["papd-htu"],
                guests=guests,
                visibility=MeetingVisibility.PARTICIPANTS,
                logged_by="coordinator",
            )

        # 6. National coalition: quarterly meetings (the lead NGO hosts) and trainings.
        for quarter in range(8):
            day = start + datetime.timedelta(days=91 * quarter + 20)
            host = "safe-passage" if quarter % 4 else "state-dcfs"
            self._add(
                day,
                K.COALITION_MEETING,
                f"National coalition quarterly – Q{quarter % 4 + 1} {day.year}",
                nfc,
                hosts=[host],
                guests=self._turnout(self._members_on(nfc, day)),
            )
        for month in range(24):
            day = start + datetime.timedelta(days=30 * month + 17)
            members = self._members_on(nfc, day)
            host = rng.choice(["safe-passage", "northshore-action", "hsu-research", "immigrant-justice", "state-dcfs"])
            guests = rng.sample(members, min(len(members), rng.randint(3, 8)))
            self._add(
                day,
                K.TRAINING,
                rng.choice(
                    [
                        "Trauma-informed practice training",
                        "Labour trafficking indicators training",
                        "Data and referral training",
                    ]
                ),
                nfc,
                hosts=[host],
                guests=guests,
            )

        # 7. Farm labour outreach, monthly, in the last eighteen months.
        for month in range(18):
            day = months_ago(today, 18) + datetime.timedelta(days=30 * month + 3)
            guests = ["worker-rights-legal"] + (["state-labor"] if month % 2 else [])
            self._add(
                day,
                K.OUTREACH,
                "Farmworker outreach day",
                nfc,
                "Farm labour outreach",
                hosts=["farmworkers-12"],
                guests=guests,
            )

        # 8. Transnational network: every two months, and participants-only joint operations.
        for n in range(12):
            day = start + datetime.timedelta(days=61 * n + 9)
            host = rng.choice(["cross-border", "cross-border", "regional-migration", "red-frontera"])
            self._add(
                day,
                K.COALITION_MEETING,
                "Borderlands network call",
                pbn,
                hosts=[host],
                guests=self._turnout(self._members_on(pbn, day)),
            )
        for _ in range(4):
            day = start + datetime.timedelta(days=rng.randint(0, 700))
            self._add(
                day,
                K.JOINT_OPERATION,
                "Cross-border safe return",
                pbn,
                "Cross-border repatriation protocol",
                hosts=["gt-pnc-trata"],
                guests=["fiscalia-tijuana", "albergue-santa-ana", "red-frontera"],
                visibility=MeetingVisibility.PARTICIPANTS,
            )

        # 9. A long tail of smaller joint activities inside each coalition, mostly between
        #    neighbouring sectors (media and business rarely meet survivor-led groups).
        distant = {
            frozenset({"business", "survivor-led"}),
            frozenset({"media", "law-enforcement"}),
            frozenset({"media", "survivor-led"}),
        }
        kinds = [K.TRAINING, K.OUTREACH, K.RESEARCH, K.ADVOCACY, K.REFERRAL, K.OTHER]
        for _ in range(260):
            coalition = rng.choices([tf, nfc, pbn], weights=[5, 4, 2])[0]
            day = start + datetime.timedelta(days=rng.randint(0, 729))
            members = self._members_on(coalition, day)
            picked = rng.sample(members, min(len(members), rng.choice([2, 2, 2, 3, 3, 4])))
            sectors = [self.orgs[s].primary_sector.slug for s in picked]
            if any(frozenset({a, b}) in distant for a in sectors for b in sectors if a != b):
                continue
            kind = rng.choice(kinds)
            self._add(
                day,
                kind,
                f"{K(kind).label}: {self.orgs[picked[0]].acronym or self.orgs[picked[0]].name}",
                coalition,
                hosts=picked[:1],
                guests=picked[1:],
            )

        # 10. A handful of upcoming meetings, for the calendar.
        for n in range(1, 4):
            day = monthly[-1] + datetime.timedelta(days=30 * n)
            self._add(
                day,
                K.COALITION_MEETING,
                f"Task force monthly meeting – {day:%B %Y}",
                tf,
                hosts=["papd-htu"],
                guests=["beacon", "hc-da", "hc-dss"],
                logged_by="coordinator",
            )

        Meeting.objects.bulk_create([m for m, _ in self.meetings], batch_size=500)
        Participation.objects.bulk_create(
            [
                Participation(meeting=m, organization=self.orgs[slug], role=role, attendees=self.rng.randint(1, 4))
                for m, rows in self.meetings
                for slug, role in rows
            ],
            batch_size=1000,
        )

    @property
    def host_counts(self) -> Counter:  # handy when tuning the demo's patterns
        return Counter(slug for _, rows in self.meetings for slug, role in rows if role == ParticipationRole.HOST)
