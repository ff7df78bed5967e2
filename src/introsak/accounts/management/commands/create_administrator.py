from __future__ import annotations

import getpass
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from introsak.accounts.enums import Role
from introsak.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create the first administrator (role administrator: users, settings, grants, "
        "clearances and the access log; no case content). Asks for the password."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError("a user with that user name exists")
        user = User(
            username=options["username"],
            email=options["email"],
            role=Role.ADMINISTRATOR,
            is_staff=True,
        )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        self.stdout.write(f"Created administrator {user.username}.")
