"""Outputs: the machine-readable files, computed from the catalog alone so that they count exactly what the pages
show: Atom feeds (`feeds`), iCalendar files of meetings and deadlines (`calendars`), open data in JSON and CSV
(`opendata`), and what they share (`exports`: stable ids, links, local times, each page's feed links).
"""
