"""The audit workbench's business operations: create an audit, draw its sample, pre-fill and
assess control forms, compute findings. Views and the command line only call these."""
