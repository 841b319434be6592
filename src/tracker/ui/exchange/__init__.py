"""File > Import… and File > Export…: the dialogs over tracker.domain.exchange."""
