"""Everything about one application in a dialog: fields, history, people, interviews and tasks."""
