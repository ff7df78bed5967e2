"""Integreringsloven (LOV-2020-11-06-127), "IL": one module per section the catalogue uses."""
