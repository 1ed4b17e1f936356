"""factory_boy factories shared by every test package."""

import datetime

import factory
from django.contrib.auth import get_user_model

from activities.models import Activity, Partner, Place, Status
from culture_plan.models import (
    Goal,
    Indicator,
    Membership,
    Plan,
    PriorityArea,
    Role,
    Unit,
    YearPlan,
)
from followup import services as followup_services
from followup.selectors import document_missing_texts


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Enhet {n}")
    slug = factory.Sequence(lambda n: f"enhet-{n}")
    kind = Unit.Kind.UNIT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", "losenord-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.STAFF


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Kulturplan {n}")
    start_year = 2022
    end_year = 2025
    status = Plan.Status.ADOPTED


class PriorityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityArea

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Område {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    area = factory.SubFactory(PriorityAreaFactory)
    code = factory.Sequence(lambda n: f"9.{n}")
    text = factory.Sequence(lambda n: f"Mål {n}")


class YearPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan

    plan = factory.SubFactory(PlanFactory)
    unit = factory.SelfAttribute("plan.unit")
    year = 2024
    budget_kr = 3022000
    staffing_fte = "2.50"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Förening {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Ort {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    date = datetime.date(2024, 3, 12)
    status = Status.DONE


def approve_document(*, document, by):
    """Approve a report document as a manager who confirms every empty text (issue 24:
    publishing asks for the missing texts); for tests about something else than the texts."""
    missing = document_missing_texts(unit=document.unit, year=document.year, document=document)
    return followup_services.document_approve(
        document=document, by=by, left_empty=[text["key"] for text in missing]
    )
