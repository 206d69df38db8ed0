"""The checker: rules that read a case and return findings; they never raise on bad data."""
