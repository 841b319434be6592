"""Reminders on screen: the rule scheduler, notifications, the tray, the banner."""
