"""Message drafts: safe templates, mailto: links, and due dates in business days."""
