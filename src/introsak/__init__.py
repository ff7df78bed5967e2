"""Introsak: case system for the introduction programme."""
