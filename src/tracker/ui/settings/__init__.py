"""Settings: the dialog for the person's own choices (Edit > Settings…)."""
