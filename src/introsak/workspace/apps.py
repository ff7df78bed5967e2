from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "introsak.workspace"
    label = "workspace"
