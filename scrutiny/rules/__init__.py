"""Statutory rules, each written once with its citation.

Every rule the committee works to lives here and nowhere else: the descriptions of exempt
information and the NOT FOR PUBLICATION mark, the municipal year, the frequency of
meetings, the statutory items of each year, the deadlines and the notices. Models and services import
from this package; they do not restate the law.
"""
