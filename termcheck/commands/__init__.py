"""What each CLI command does, kept out of cli.py so the CLI stays a thin layer over it."""
