"""What every feature of the UI shares: item roles, colours, dates, form helpers, base
models, icons, settings."""
