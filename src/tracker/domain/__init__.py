"""Domain layer: the rules of a job search, one short transaction per operation. No Qt."""
