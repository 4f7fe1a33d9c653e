"""Document analysis: what a document is, whom it concerns, and what it says."""
