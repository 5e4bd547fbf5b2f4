"""Checks run on each aligned bead: coverage, numbers, names, lexical meaning shifts."""
