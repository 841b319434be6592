"""Acting on drafted messages (copy, open in mail) and editing the message templates."""
