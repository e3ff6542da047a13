"""Matching: glossary phrases compiled once into a token trie, found in text with exact offsets."""
