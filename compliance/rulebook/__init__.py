"""The rulebook: dated law as data, loaded, checked and bound (see `load`, `bind`)."""

from compliance.rulebook.bind import BoundRulebook, Overrides, bind
from compliance.rulebook.book import Rulebook, RulebookLocation, Window
from compliance.rulebook.load import find_rulebook, load_rulebook

__all__ = [
    "BoundRulebook",
    "Overrides",
    "Rulebook",
    "RulebookLocation",
    "Window",
    "bind",
    "find_rulebook",
    "load_rulebook",
]
