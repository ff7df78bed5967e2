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
    s13_under_25_end_goal,
    s14_life_skills_course,
    s14_parental_guidance,
    s14a_full_time,
    s14a_work_oriented_minimum,
    s15_integration_plan,
    s15_plan_review,
    s16_integration_contract,
    s18a_participant_certificate,
    s30_norwegian_training_offer,
    s31_social_studies_hours,
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
    # Added in December 2026 (issue 13): rules the catalogue lacked.
    s13_under_25_end_goal.RULE,  # U25-01
    s14a_full_time.RULE,  # FULLTIME-01
    s14a_work_oriented_minimum.RULE,  # WORK-MIN-01 (in force with the 2025 revision)
    s15_plan_review.RULE,  # PLANREV-01
    s30_norwegian_training_offer.RULE,  # NOR-01
    s31_social_studies_hours.RULE,  # SOC-01
)

RULES_BY_ID: dict[str, RuleSpec] = {rule.id: rule for rule in RULES}
RULE_IDS: tuple[str, ...] = tuple(RULES_BY_ID)
