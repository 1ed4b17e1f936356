from django.urls import path  # noqa: F401

# Excel import and export pages (owned by the Excel work): names are prefixed "excel_".
urlpatterns = []
