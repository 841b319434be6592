"""Backups in the window: Back up now, Restore from backup, Check database, and the
automatic backups taken while the app runs."""
