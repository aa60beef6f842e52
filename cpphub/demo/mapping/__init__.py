"""The demo's Map stage: synthetic mapping data for the six pilot locations, and its loader.

``tags`` says how the shipped instruments are tagged, ``profiles`` who took part
where and when and how they tend to answer, ``answers`` turns a profile into
pseudonymous participants and Kobo JSON records, ``findings`` holds the coded
findings, and ``load`` writes it all (see :func:`demo_mapping_load`).
Everything is synthetic and labelled so.
"""
