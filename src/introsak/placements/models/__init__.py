from introsak.placements.models.employer import Employer
from introsak.placements.models.market import JobFair, JobFairInvitation, MarketNeed
from introsak.placements.models.offer import PlacementOffer
from introsak.placements.models.placement import Placement

__all__ = [
    "Employer",
    "JobFair",
    "JobFairInvitation",
    "MarketNeed",
    "Placement",
    "PlacementOffer",
]
