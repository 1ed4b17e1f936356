"""One form flow for every create and update page of every app.

A view looks the object up and checks the permission (culture_plan.permissions), builds its
form with `form_data(request)` and hands both to `form_page`, which promises:

- GET shows the form, unbound;
- a valid POST calls `save` (a service) with a fresh dict of the cleaned data, sends the
  success message and redirects to the saved object (or to `redirect_to(obj)`);
- an invalid POST, or one the service refuses with a ValidationError, shows the form again
  with everything typed and the errors in Swedish (summary on top, each at its field).

Two hooks let a page add a step without a flow of its own (the activity form uses both):

- `before_save()` runs on a valid POST before the save. It returns None to go on saving, or a
  context to show the form again unsaved, for the user to confirm (the activity form's likely
  duplicates, "save_anyway" on the next POST);
- `on_error(error)` runs when the service refuses the save, after its errors are at the form,
  and returns context for the page shown again, or None (the activity form's edit conflict:
  both versions side by side, the next POST drawn from the saved version).

Apps above culture_plan import it; the page template is `culture_plan/form.html` unless the
app has its own (internal control's carries its breadcrumbs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from culture_plan.forms import add_service_errors

FORM_TEMPLATE = "culture_plan/form.html"


def form_data(request) -> Mapping[str, Any] | None:
    """What a create/update form is bound to: the POST on a POST, nothing (unbound) on GET."""
    return request.POST if request.method == "POST" else None


def form_page(
    request,
    *,
    form,
    save: Callable[[dict], Any],
    success: str | Callable[[Any], str],
    redirect_to: Callable[[Any], str] | None = None,
    title: str = "",
    back_url: str = "",
    template: str = FORM_TEMPLATE,
    context: dict | Callable[[], dict] | None = None,
    error_status: int = 200,
    before_save: Callable[[], dict | None] | None = None,
    on_error: Callable[[ValidationError], dict | None] | None = None,
) -> HttpResponse:
    """Show the form, or save it through `save` and redirect with the message `success`
    (a text, or a function of the saved object). `context` (a dict, or a function building
    one only when the page is shown) joins the template's; a refused POST answers
    `error_status` (pages of their own answer 400); the hooks' context joins last. See the
    module's docstring."""
    status = 200
    hook_context = None
    if request.method == "POST":
        status = error_status
        hook_context = before_save() if before_save and form.is_valid() else None
        if hook_context is None and form.is_valid():
            try:
                obj = save(dict(form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
                hook_context = on_error(error) if on_error else None
            else:
                messages.success(request, success(obj) if callable(success) else success)
                return redirect(redirect_to(obj) if redirect_to else obj.get_absolute_url())
    extra = context() if callable(context) else context or {}
    return render(
        request,
        template,
        {"form": form, "title": title, "back_url": back_url, **extra, **(hook_context or {})},
        status=status,
    )
