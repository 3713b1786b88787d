"""Render: draw composed pages into a press PDF (reportlab), finish it as PDF/X (pikepdf), proof it as PNG."""
