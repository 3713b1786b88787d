"""Layout: place set lines on the page grid (grid → blocks → flow → page)."""
