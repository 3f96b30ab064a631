"""Statutory rules, each written once with its citation.

Every rule the committee works to lives here and nowhere else: the descriptions of exempt
information, the municipal year, and (later) the deadlines. Models and services import
from this package; they do not restate the law.
"""
