"""The demo's Engage, Plan and Create stages: synthetic stakeholders, engagements, workshops and action plans.

``specs`` holds the shapes, ``brazil`` and ``thailand`` the data of each pilot
location (free texts in the location's language, English notes), and ``load``
writes it all (see :func:`demo_planning_load`). Everything is synthetic and
labelled so: the organisations named are generic local bodies, and no contact
is a real person.
"""
