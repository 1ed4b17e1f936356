from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def activity_list(request):
    return HttpResponse("")


@login_required
def activity_detail(request, pk):
    return HttpResponse("")
