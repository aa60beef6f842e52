from rest_framework.routers import SimpleRouter

from cpphub.audit import api

router = SimpleRouter()
router.register("audit-events", api.AuditEventViewSet, basename="audit-event")
router.register("access-log", api.AccessLogViewSet, basename="access-log")

urlpatterns = router.urls
