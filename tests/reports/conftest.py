"""A small coalition history for the report tests, with its figures worked out by hand.

Coalition A over the period 2024-01-01 to 2024-06-30 (world fixture: A law enforcement and
lead, B NGO member, C health care, D business; all members of coalition A from 2020 unless
said otherwise):

    memberships  C joins coalition A as observer on 2024-02-01; D, a member since 2022,
                 leaves on 2024-04-15. On 2024-06-30 the members are A (lead), B, C (observer).
    m0 2023-12-20 coalition meeting   A*, B          (before the period: left out)
    m1 2024-01-10 coalition meeting   A*, B, D
    m2 2024-02-05 case coordination   A*, B
    m3 2024-03-01 joint operation     A*, C          participants only
    m4 2024-03-20 training            B*, C
    m5 2024-06-10 referral            A*, B          linked to partnership P1
    m6 2024-03-15 (coalition B)       C*, D          (another coalition: left out)
    (* hosts)

    P1 "Referral MOU"          A, B  started 2024-03-01, renewal due 2024-08-15
    P2 "Old protocol"          A, D  2021-01-01 to 2024-05-31, ended
    P3 "Quiet data sharing"    B, C  since 2022-01-01; last worked together at m4 (2024-03-20),
                                     102 days before 2024-06-30: gone quiet (after 90 days)

Admin's figures: 5 activities (Jan 1, Feb 1, Mar 2, Jun 1); attendances law enforcement 4
(hosted 4), NGO 4 (hosted 1), health care 2, business 1: 11 in all, 5 hostings; pairs A–B 3,
A–C 1, A–D 1, B–C 1, B–D 1 (five pairs, seven collaborations). The outsider (org D) cannot see
m3, so for them: 4 activities, no joint operation and no A–C pair.
"""

import datetime

import pytest

from tests import factories as f

D = datetime.date
SINCE, UNTIL = D(2024, 1, 1), D(2024, 6, 30)


@pytest.fixture
def history(world):
    w = world
    f.membership(w.org_c, w.coalition_a, role="observer", start=D(2024, 2, 1))
    f.membership(w.org_d, w.coalition_a, start=D(2022, 1, 1), end=D(2024, 4, 15))
    a = w.coalition_a
    w.p1 = f.partnership(
        [w.org_a, w.org_b],
        "Referral MOU",
        kind="referral_protocol",
        coalition=a,
        start_date=D(2024, 3, 1),
        renewal_date=D(2024, 8, 15),
    )
    w.p2 = f.partnership(
        [w.org_a, w.org_d],
        "Old protocol",
        coalition=a,
        status="ended",
        start_date=D(2021, 1, 1),
        end_date=D(2024, 5, 31),
    )
    w.p3 = f.partnership(
        [w.org_b, w.org_c], "Quiet data sharing", kind="data_sharing", coalition=a, start_date=D(2022, 1, 1)
    )
    f.meeting([w.org_a, w.org_b], date=D(2023, 12, 20), coalition=a, hosts=[w.org_a])
    f.meeting([w.org_a, w.org_b, w.org_d], date=D(2024, 1, 10), coalition=a, hosts=[w.org_a])
    f.meeting([w.org_a, w.org_b], date=D(2024, 2, 5), kind="case_coordination", coalition=a, hosts=[w.org_a])
    f.meeting(
        [w.org_a, w.org_c],
        date=D(2024, 3, 1),
        kind="joint_operation",
        coalition=a,
        hosts=[w.org_a],
        visibility="participants",
        title="Harbour joint operation",
    )
    f.meeting([w.org_b, w.org_c], date=D(2024, 3, 20), kind="training", coalition=a, hosts=[w.org_b])
    f.meeting([w.org_a, w.org_b], date=D(2024, 6, 10), kind="referral", coalition=a, hosts=[w.org_a], partnership=w.p1)
    f.meeting([w.org_c, w.org_d], date=D(2024, 3, 15), coalition=w.coalition_b, hosts=[w.org_c])
    return w
