from introsak.accounts.models.user import User, Visitor

__all__ = ["User", "Visitor"]
