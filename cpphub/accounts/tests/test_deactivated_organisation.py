"""Deactivating an organisation ends what its people may do, and reactivating gives it back."""

from cpphub.partnership import services


def test_the_people_of_a_deactivated_organisation_lose_access_until_it_is_reactivated(world, client_for):
    face = world.orgs["face"]  # the facilitator's organisation
    assert client_for("facilitator").get("/partnership/organisations/").status_code == 200

    services.organisation_set_active(organisation=face, active=False, acting_user=world.users["coordinator"])
    assert client_for("facilitator").get("/partnership/organisations/").status_code == 403
    assert client_for("facilitator").get("/api/v1/organisations/").status_code == 403

    services.organisation_set_active(organisation=face, active=True, acting_user=world.users["coordinator"])
    assert client_for("facilitator").get("/partnership/organisations/").status_code == 200
