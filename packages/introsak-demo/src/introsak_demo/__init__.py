"""Demo data: a believable Oslo on 7 August 2024, calibrated to the audit report.

Pure Python (no Django). ``generate`` gives the demo's cases and staff, ``generate_bulk``
streams any number of cases for benchmarks, ``demo_logins`` lists one log-in per role.
``calibration`` computes the report's figures from case facts; ``targets.yaml`` holds them.
"""

from introsak_demo.generator import DEFAULT_SEED, demo_logins, generate, generate_bulk
from introsak_demo.model import DEFAULT_AS_OF, DemoData, DemoLogin, StaffMember, StaffRole

__all__ = [
    "DEFAULT_AS_OF",
    "DEFAULT_SEED",
    "DemoData",
    "DemoLogin",
    "StaffMember",
    "StaffRole",
    "demo_logins",
    "generate",
    "generate_bulk",
]
