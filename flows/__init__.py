"""Prefect flows and the command line that drive extraction, analysis and loading."""
