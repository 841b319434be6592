"""Job Tracker: a private desktop tracker for a job search."""

__version__ = "0.1.0"
APP_NAME = "Job Tracker"
APP_ID = "job-tracker"
