"""The interview editor and the people who took part, with what was discussed with each."""
