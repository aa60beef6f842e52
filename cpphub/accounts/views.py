from django.http import HttpRequest, HttpResponse


def _placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("placeholder")


profile = token = logout = user_list = _placeholder
