"""Oslo's own norms: Oslostandarden and the NAV–Oslo Voksenopplæring cooperation agreement."""
