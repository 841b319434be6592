"""The applications table: its model and view, the actions on an application, the add
dialog and the field form."""
