"""The press stage shared by pictures and advertisements: images made ready for the plate (pixels, colour, ink)."""
