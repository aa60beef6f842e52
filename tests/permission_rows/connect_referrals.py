"""Permission rows of cases, consent, notes and referrals (pages and API), built on the standard story.

Plan Thailand's caseworker registered the case and sent the referral; FACE's
caseworker received it; Plan Brasil's caseworker (a third organisation), the
coordinator and superusers get 404 for the case and the referral. The overdue
list is for every caseworker (their own) and for coordinators and superusers
(the register, without any child's data); they may also revoke through the API.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import (
    ALLOWED,
    CASE_OWNER,
    CASEWORKERS,
    REFERRAL_PARTIES,
    REFERRAL_RECEIVER,
    Row,
)

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)

# Who sees the overdue referrals: caseworkers (their own) and coordinators (the register without child data).
OVERDUE_VIEWERS = "overdue_viewers"
# Who revokes a referral: its sender, or a coordinator from the register.
REFERRAL_REVOKERS = "referral_revokers"
ALLOWED.setdefault(OVERDUE_VIEWERS, {*ALLOWED[CASEWORKERS], "coordinator", "superuser"})
ALLOWED.setdefault(REFERRAL_REVOKERS, {"caseworker", "coordinator", "superuser"})


def _case(w: World) -> dict[str, Any]:
    from cpphub.connect.tests.records import case_kwargs

    return case_kwargs(w)


def _referral(w: World) -> dict[str, Any]:
    from cpphub.connect.tests.records import referral_kwargs

    return referral_kwargs(w)


def _consent(w: World) -> dict[str, Any]:
    from cpphub.connect.tests.records import referral

    made = referral(w)
    return {"pk": made.case_id, "consent_pk": made.consent_id}


def _respond(w: World) -> dict[str, Any]:
    return {**_referral(w), "action": "accept"}


ROWS: dict[str, Row] = {
    # Pages
    "connect:case_list": Row(CASEWORKERS),
    "connect:case_new": Row(CASEWORKERS, WRITE),
    "connect:case_detail": Row(CASE_OWNER, kwargs=_case),
    "connect:case_edit": Row(CASE_OWNER, WRITE, _case),
    "connect:case_close": Row(CASE_OWNER, WRITE, _case),
    "connect:consent_new": Row(CASE_OWNER, WRITE, _case),
    "connect:consent_withdraw": Row(CASE_OWNER, POST_ONLY, _consent),
    "connect:note_new": Row(REFERRAL_PARTIES, WRITE, _case),
    "connect:referral_new": Row(CASE_OWNER, WRITE, _case),
    "connect:referral_list": Row(CASEWORKERS),
    "connect:overdue_list": Row(OVERDUE_VIEWERS),
    "connect:referral_detail": Row(REFERRAL_PARTIES, kwargs=_referral),
    "connect:referral_respond": Row(REFERRAL_RECEIVER, WRITE, _respond),
    # API
    "api:case-list": Row(CASEWORKERS, WRITE),
    "api:case-detail": Row(CASE_OWNER, ("GET", "PATCH"), _case),
    "api:case-consents": Row(CASE_OWNER, POST_ONLY, _case),
    "api:case-close": Row(CASE_OWNER, POST_ONLY, _case),
    "api:referral-list": Row(CASEWORKERS, WRITE),
    "api:referral-detail": Row(REFERRAL_PARTIES, kwargs=_referral),
    "api:referral-accept": Row(REFERRAL_RECEIVER, POST_ONLY, _referral),
    "api:referral-decline": Row(REFERRAL_RECEIVER, POST_ONLY, _referral),
    "api:referral-start": Row(REFERRAL_RECEIVER, POST_ONLY, _referral),
    "api:referral-complete": Row(REFERRAL_RECEIVER, POST_ONLY, _referral),
    "api:referral-revoke": Row(REFERRAL_REVOKERS, POST_ONLY, _referral),
    "api:referral-notes": Row(REFERRAL_PARTIES, WRITE, _referral),
}
