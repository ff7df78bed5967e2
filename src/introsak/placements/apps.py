from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "introsak.placements"
    label = "placements"

    def ready(self) -> None:
        """Take part in the case import and export with the ``placements`` extension of the
        case facts (``cases.domain.contributions``: ``cases`` may not import this app)."""
        from introsak.cases.domain.contributions import register
        from introsak.placements.domain.case_facts import CONTRIBUTOR

        register(CONTRIBUTOR)
