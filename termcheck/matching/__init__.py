"""Matching: glossary phrases compiled once into an automaton, found in text with exact offsets."""
