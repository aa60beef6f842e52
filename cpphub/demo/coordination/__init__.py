"""The demo's bringing together: resources, partners' capacities, actions' needs, synergies, a coordinated action.

``resources`` lists the resource types, ``capacities`` what each partner can
give, ``needs`` what the open local actions and national commitments need
(sized so that capacity is tight and some actions stay unfunded), ``actions``
the synergies the demo decides on and the coordinated action made from one,
and ``load`` writes it all (see :func:`demo_coordination_load`).
"""
