from django.apps import AppConfig


class ParticipantConfig(AppConfig):
    """The texts the participant reads (questionnaire, letter, own view), in the seven
    participant languages. A Django app of its own only so that these texts have their own
    catalogues (``locale``): the staff pages of ``early`` stay in bokmål and English."""

    name = "introsak.early.participant"
    label = "early_participant"
