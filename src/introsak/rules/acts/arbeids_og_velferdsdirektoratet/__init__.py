"""Directives from the Labour and Welfare Directorate (Arbeids- og velferdsdirektoratet)."""
