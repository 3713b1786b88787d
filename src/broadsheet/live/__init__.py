"""The layout desk's live loop: rebuild on every save (watch), show the proof in a browser (serve)."""
