from introsak.core.models.district import District

__all__ = ["District"]
