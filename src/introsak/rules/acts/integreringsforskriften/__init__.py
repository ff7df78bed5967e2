"""Integreringsforskriften (FOR-2020-12-18-2901), "IF"."""
