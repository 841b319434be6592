"""The Lessons tab: what every rejection taught."""
