"""Thai text: digits, dates and baht in words, word boundaries, nested list items in a cell."""
