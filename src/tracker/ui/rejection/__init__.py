"""The rejection response panel: what happened, a few questions, and a plan to confirm."""
