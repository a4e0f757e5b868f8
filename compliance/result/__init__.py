"""What the tool concludes (`run`), and what follows from it: a check against a threshold or a
baseline, a comparison of two assessments, the questions that would decide what is open."""
