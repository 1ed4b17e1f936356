from django.urls import path

from activities import views_excel

# Excel import and export pages (owned by the Excel work): names are prefixed "excel_".
urlpatterns = [
    path("", views_excel.excel_index, name="excel_index"),
    path("<slug:slug>/", views_excel.excel_unit, name="excel_unit"),
    path("<slug:slug>/export/", views_excel.excel_export, name="excel_export"),
    path("<slug:slug>/mall/", views_excel.excel_template, name="excel_template"),
    path("<slug:slug>/import/", views_excel.excel_import, name="excel_import"),
    path(
        "<slug:slug>/import/bekrafta/",
        views_excel.excel_import_confirm,
        name="excel_import_confirm",
    ),
]
