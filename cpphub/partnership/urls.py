from django.http import HttpResponse
from django.urls import path

app_name = "partnership"


def _placeholder(request, pk=None):
    return HttpResponse("placeholder")


urlpatterns = [
    path(f"{name}/", _placeholder, name=f"{name}_list") for name in ["organisation", "location", "country", "phase", "contact"]
]
