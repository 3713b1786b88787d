"""Checks: ``broadsheet preflight``, a press preflight of any PDF (ours or another tool's).

A newspaper plant rejects pages with RGB colour, rich-black body text, missing
fonts, no trim box or ink over the newsprint limit; these modules find such
faults before the page is sent.
"""
