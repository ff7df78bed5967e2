"""Meetings and activities of a participant's case, as each district practised them.

Three-party meetings: first after about one month (short programmes) or three (long), then
about every six; documented with minutes at the case review's rates, otherwise held without
notes or not held (lines 1103-1131). Activities: Norwegian and social studies, life skills,
parental guidance, language or work practice, job workshops (St. Hanshaugen weekly from
February 2024, Østensjø groups from May 2024, Grünerløkka's NAV days and pre-course), job
fairs, NAV Tiltak Oslo's part-time measure (spring 2024), labour-market courses, part-time
work; and for collective protection starting from February 2024 the 15 hours of
work-oriented content from month 4, which some meet and many do not (IF § 43 h).
"""

from __future__ import annotations

from datetime import date, timedelta

from introsak.casefacts.enums import ActivityKind, EducationLevel, EndGoal, EndReason, MeetingKind
from introsak.casefacts.model import Meeting, MeetingMinutes
from introsak.rules.dates import add_months
from introsak_demo import texts, work
from introsak_demo.design import WORK_15H_FROM
from introsak_demo.draft import CaseDraft, before
from introsak_demo.skeleton import uniform_date

NAV_TILTAK_FROM = date(2024, 3, 1)  # "oppfølging på deltid for fordrevne fra Ukraina"
SH_WORKSHOP_FROM = date(2024, 2, 5)
OST_GROUPS_FROM = date(2024, 5, 6)
SIXTEEN_HOURS_FROM = date(2023, 8, 15)
JOB_FAIRS = {
    "st_hanshaugen": (date(2024, 3, 14), date(2024, 5, 30)),
    "grunerlokka": (date(2023, 4, 19), date(2023, 10, 18), date(2024, 4, 17)),
    "sagene": (date(2023, 4, 19), date(2023, 10, 18), date(2024, 4, 17)),
    "gamle_oslo": (date(2023, 10, 18), date(2024, 4, 17)),
}


# --- meetings ------------------------------------------------------------------------------------


def add_meetings(c: CaseDraft) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    transfer = max(p.settlement, p.start - timedelta(days=rng.randint(0, 7)))
    c.meetings.append(
        Meeting(kind=MeetingKind.TRANSFER, date=transfer, documented=rng.random() < 0.9)
    )
    if rng.random() < 0.05:
        day = before(p.settlement + timedelta(days=rng.randint(7, 40)), c.last_day)
        c.meetings.append(Meeting(kind=MeetingKind.RESOURCE_TEAM, date=day, documented=True))
    _three_party(c)
    if p.end is not None:
        closing = {"st_hanshaugen": 1.0}.get(p.district, 0.55)
        if rng.random() < closing:
            day = max(p.start, p.end - timedelta(days=rng.randint(0, 10)))
            c.meetings.append(Meeting(kind=MeetingKind.CLOSING, date=day, documented=True))


def _three_party(c: CaseDraft) -> None:
    """First after about 1 month (short programme) or 3 (long), then about every six."""
    p, rng = c.p, c.rng
    assert p.start is not None
    documented = p.flags.get("three_party_documented", False)
    level = "B1" if p.education in {EducationLevel.NONE, EducationLevel.PRIMARY} else "B2"
    day = add_months(p.start, 1 if p.base_months <= 6 else 3) + timedelta(days=rng.randint(-7, 20))
    first = True
    while day <= c.last_day:
        if documented:
            late = timedelta(days=rng.randint(0, 40) if rng.random() < 0.25 else 0)
            held = before(day + late, c.last_day)
            minutes = MeetingMinutes(
                **texts.minutes(rng, level, p.flags.get("practice_placement", False))
            )
            c.meetings.append(
                Meeting(kind=MeetingKind.THREE_PARTY, date=held, documented=True, minutes=minutes)
            )
        elif rng.random() < (0.7 if first else 0.5):
            c.meetings.append(Meeting(kind=MeetingKind.THREE_PARTY, date=day, documented=False))
        first = False
        day = add_months(day, 6) + timedelta(days=rng.randint(-14, 14))


# --- activities ----------------------------------------------------------------------------------


def add_activities(c: CaseDraft) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None and p.settlement is not None
    school = texts.school(rng, p.district)
    if p.district == "grunerlokka" and p.collective:
        pre = p.settlement + timedelta(days=rng.randint(5, 10))
        c.activity(
            ActivityKind.PRE_COURSE,
            pre,
            pre + timedelta(weeks=rng.randint(4, 6)),
            2.5,
            "NAV Grünerløkka",
        )
    _norwegian(c, school)
    social = p.start + timedelta(days=rng.randint(0, 14))
    c.activity(
        ActivityKind.SOCIAL_STUDIES, social, social + timedelta(weeks=rng.randint(8, 12)), 4, school
    )
    if p.collective or rng.random() < 0.95:
        life = p.start + timedelta(days=rng.randint(14, 60))
        c.activity(
            ActivityKind.LIFE_SKILLS_COURSE,
            life,
            life + timedelta(weeks=rng.randint(8, 10)),
            3,
            "Oslo Voksenopplæring",
        )
    if p.flags.get("has_children") and rng.random() < 0.85:
        day = p.start + timedelta(days=rng.randint(30, 200))
        c.activity(
            ActivityKind.PARENTAL_GUIDANCE,
            day,
            day + timedelta(weeks=6),
            2,
            "ICDP-gruppe i bydelen",
        )
    if p.flags.get("practice_placement", False):
        _practice(c)
    _workshops(c)
    _measures(c)
    if p.collective and p.goal is EndGoal.WORK and p.start >= WORK_15H_FROM:
        _fifteen_hours(c)


def _norwegian(c: CaseDraft, school: str) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None
    if p.collective:
        hours = 16 if p.start >= SIXTEEN_HOURS_FROM else 19
        c.activity(ActivityKind.NORWEGIAN_TRAINING, p.start, None, hours, school)
        return
    intensive_end = p.start + timedelta(weeks=rng.randint(14, 26))
    c.activity(ActivityKind.NORWEGIAN_TRAINING, p.start, intensive_end, 30, school)
    if intensive_end < c.last_day:
        c.activity(
            ActivityKind.NORWEGIAN_TRAINING, intensive_end + timedelta(days=1), None, 16, school
        )


def _practice(c: CaseDraft) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None
    first = p.start + timedelta(days=rng.randint(45, 150))
    if first > c.last_day:
        first = uniform_date(rng, p.start, c.last_day)
    kind = ActivityKind.LANGUAGE_PRACTICE if rng.random() < 0.7 else ActivityKind.WORK_PRACTICE
    place = texts.pick(rng, work.workplaces_of(p.district))
    end = first + timedelta(weeks=rng.randint(8, 16))
    c.activity(kind, first, end, rng.choice((8, 12, 16)), place)
    c.note(
        first - timedelta(days=rng.randint(3, 14))
        if first - timedelta(days=14) > p.start
        else first,
        texts.note_practice(rng, place),
    )


def _workshops(c: CaseDraft) -> None:
    p, rng = c.p, c.rng
    assert p.start is not None
    if p.district == "st_hanshaugen" and p.collective:
        first = max(p.start + timedelta(days=14), SH_WORKSHOP_FROM)
        c.activity(ActivityKind.JOB_WORKSHOP, first, None, 2, "NAV St. Hanshaugen")
    elif p.district == "ostensjo":
        c.activity(
            ActivityKind.JOB_WORKSHOP, max(p.start, OST_GROUPS_FROM), None, 2, "NAV Østensjø"
        )
    elif p.district == "grunerlokka":
        c.activity(
            ActivityKind.JOB_WORKSHOP, p.start + timedelta(days=7), None, 7, "NAV Grünerløkka"
        )
    elif rng.random() < 0.4:
        hours = rng.choice((2, 3, 4))
        c.activity(
            ActivityKind.JOB_WORKSHOP,
            p.start + timedelta(days=rng.randint(14, 90)),
            None,
            hours,
            f"NAV {p.district.replace('_', ' ').title()}",
        )
    for fair in JOB_FAIRS.get(p.district, ()):
        if p.start <= fair <= c.last_day and rng.random() < 0.35:
            c.activity(ActivityKind.JOB_FAIR, fair, fair, 5, "Jobbmesse i regi av NAV")


def _measures(c: CaseDraft) -> None:
    """NAV Tiltak Oslo's part-time measure, labour-market courses, part-time work."""
    p, rng = c.p, c.rng
    assert p.start is not None
    share = 0.9 if p.district == "ostensjo" else 0.25
    if p.collective and rng.random() < share:
        day = max(add_months(p.start, 6), NAV_TILTAK_FROM)
        c.activity(
            ActivityKind.LABOUR_MARKET_MEASURE,
            day,
            add_months(day, 6),
            14,
            "NAV Tiltak Oslo: oppfølging på deltid",
        )
    if rng.random() < 0.08:
        day = p.start + timedelta(days=rng.randint(60, 240))
        c.activity(
            ActivityKind.VOCATIONAL_COURSE,
            day,
            day + timedelta(weeks=rng.randint(4, 10)),
            rng.choice((20, 25, 30)),
            texts.pick(rng, texts.VOCATIONAL_COURSES),
        )
    if p.end is not None and p.reason is EndReason.WORK and rng.random() < 0.3:
        day = max(p.start, p.end - timedelta(days=rng.randint(20, 90)))
        c.activity(
            ActivityKind.PART_TIME_WORK,
            day,
            p.end,
            rng.choice((10, 15, 20)),
            texts.pick(rng, texts.WORKPLACES),
        )


def _fifteen_hours(c: CaseDraft) -> None:
    """IF § 43 h: 15 hours a week of work-oriented content from month 4. Some districts'
    participants get there (practice plus workshop or NAV's measure); many do not."""
    p, rng = c.p, c.rng
    assert p.start is not None
    month_4 = add_months(p.start, 3)
    if month_4 > c.last_day:
        return
    meets = rng.random() < (0.75 if p.district == "grunerlokka" else 0.3)
    if meets:
        c.activity(
            ActivityKind.LABOUR_MARKET_MEASURE,
            month_4,
            None,
            11,
            "NAV Tiltak Oslo: oppfølging på deltid",
        )
        c.activity(ActivityKind.JOB_WORKSHOP, month_4, None, 4, "Jobbklubb i bydelen")
