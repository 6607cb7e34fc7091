"""Build a cross-linked deep-learning glossary from plain-text notes."""
