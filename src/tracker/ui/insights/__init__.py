"""The Insights tab: where the search stands, drawn from its own history."""
