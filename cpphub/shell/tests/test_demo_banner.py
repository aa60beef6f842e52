"""Synthetic data is labelled as demo on every page."""


def test_every_page_says_so_while_the_instance_holds_the_demo(world, client_for):
    from django.core.cache import cache

    from cpphub.accounts.models import User

    page = client_for("coordinator").get("/partnership/organisations/").content.decode()
    assert "demo-banner" not in page

    User.objects.create(email="demo-person@demo.cpphub.org", is_demo=True)
    cache.clear()
    page = client_for("coordinator").get("/partnership/organisations/").content.decode()
    assert "demo-banner" in page
