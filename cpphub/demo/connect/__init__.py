"""The demo's Connect data: a service directory and referral pathways for the six pilot locations, and referrals.

``thailand`` and ``brazil`` list each country's providers, services (real
kinds of services, synthetic entries), pathway templates and referral policy;
``cases`` the synthetic children's cases and their referrals in every state;
and ``load`` writes it all (see :func:`demo_connect_load`). Every person,
phone number and address is invented and labelled so.
"""
