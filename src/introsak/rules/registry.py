"""Every rule, in the order of the catalogue (rules.md section 3)."""

from __future__ import annotations

from introsak.rules.acts.arbeids_og_velferdsdirektoratet import jobseeker_registration
from introsak.rules.acts.integreringsforskriften import s43h_work_oriented_hours
from introsak.rules.acts.integreringsloven import (
    s10_competence_mapping,
    s11_career_guidance,
    s12_programme_start,
    s13_end_goal,
    s13_s14_programme_duration,
    s13_s14_s17_programme_end,
    s14_life_skills_course,
    s14_parental_guidance,
    s15_integration_plan,
    s16_integration_contract,
    s18a_participant_certificate,
)
from introsak.rules.acts.oslo import education_recognition, three_party_meetings
from introsak.rules.spec import RuleSpec

RULES: tuple[RuleSpec, ...] = (
    s12_programme_start.RULE,  # START-01
    s10_competence_mapping.RULE,  # MAP-01
    s11_career_guidance.RULE,  # GUIDE-01
    s15_integration_plan.RULE,  # PLAN-01
    s16_integration_contract.RULE,  # CONTRACT-01
    s13_end_goal.RULE,  # GOAL-01
    s13_s14_programme_duration.RULE,  # DURATION-01
    s13_s14_s17_programme_end.RULE,  # END-01
    s43h_work_oriented_hours.RULE,  # WORK-15H-01
    three_party_meetings.RULE,  # TRI-01
    education_recognition.RULE,  # EDU-01
    jobseeker_registration.RULE,  # JOBSEEK-01
    s14_parental_guidance.RULE,  # PARENT-01
    s14_life_skills_course.RULE,  # LIFE-01
    s18a_participant_certificate.RULE,  # CERT-01
)

RULES_BY_ID: dict[str, RuleSpec] = {rule.id: rule for rule in RULES}
RULE_IDS: tuple[str, ...] = tuple(RULES_BY_ID)
