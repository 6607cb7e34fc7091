"""Tools for developing the glossary: a local server, Chromium, the benchmark and Lighthouse."""
