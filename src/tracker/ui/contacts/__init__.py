"""The Contacts tab: the searchable list of people, one person's details and their applications."""
