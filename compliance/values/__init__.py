"""Values as documents state them: dates as intervals, counts as ranges, levels as sets.

A document says "in 2011", "at least four", "not sufficiently"; each is kept at the precision
it was given, and a fact the evidence does not state is every value its type allows. Rules are
then decided only when every value the evidence leaves open gives the same answer.
"""

from compliance.values.choices import ChoiceValue
from compliance.values.counts import CountValue
from compliance.values.dates import DateValue, DayRange

Value = ChoiceValue | CountValue | DateValue

__all__ = ["ChoiceValue", "CountValue", "DateValue", "DayRange", "Value"]
