"""Development tooling, kept out of the runtime modules: test and benchmark data, fixture writers, benchmark floors.

Nothing in the application imports this package, except the commands and the demo that make
sample data (`scrutiny generate-police-data`, `scrutiny loaddemo`).
"""
