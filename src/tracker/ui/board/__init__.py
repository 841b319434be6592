"""The pipeline board: a column per stage, the card model, the painted cards, drag and drop."""
