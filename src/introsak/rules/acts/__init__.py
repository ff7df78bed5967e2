"""The provisions, filed by act (or norm) and section; one module per provision."""
