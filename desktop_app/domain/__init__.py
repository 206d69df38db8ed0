"""The case model and identifier validators: pure data, no I/O."""
