"""Extractors: Article text -> Facts (numbers, quantities, dates, places, people, organizations...)."""
