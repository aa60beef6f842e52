"""The demo's top-down work: national partners, roundtables and bilaterals, their outcomes, MNR self-assessments.

``specs`` holds the shapes, ``brazil`` and ``thailand`` the data of each country
(meetings and outcomes in the country's language, MNR evidence in English), and
``load`` writes it all (see :func:`demo_national_load`). The national bodies are
real and marked as demo-synthetic partners; every person, minute, figure and
rating is invented.
"""
