def test_every_persona_but_the_outsider_holds_one_active_membership(world):
    from cpphub.accounts.permissions import memberships

    for persona, user in world.users.items():
        assert len(memberships(user)) == (0 if persona == "outsider" else 1), persona
