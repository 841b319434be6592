"""The Tasks tab and task dialog: open tasks by when they are due, and what can be done to each."""
