"""Community digital teams: teams, members, trainings, and the quick door-to-door help form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core.errors import USER_ERRORS
from xaso.core.forms import form_refusals, form_render
from xaso.dx import selectors
from xaso.dx.forms import HelpForm, MemberForm, TeamForm, TrainingForm
from xaso.dx.permissions import LOG_HELP, MANAGE_TEAMS
from xaso.dx.services import digital_teams
from xaso.places import selectors as places


def _pick(queryset, raw):
    if not raw:
        return None
    try:
        return queryset.get(pk=int(raw))
    except (ValueError, queryset.model.DoesNotExist):
        return None


@login_required
def teams(request):
    commune = places.commune_of(request.user, LOG_HELP)
    villages = places.villages_of_commune(commune)
    team_list = selectors.teams_for(request.user).filter(commune=commune, is_active=True)
    members = selectors.members_for(request.user).filter(team__commune=commune, is_active=True)
    form = TeamForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            digital_teams.team_create(
                actor=request.user,
                commune=commune,
                name=form.cleaned_data["name"],
                village=_pick(villages, form.cleaned_data["village"]),
                founded_on=form.cleaned_data["founded_on"],
            )
            messages.success(request, _("The team was set up."))
            return redirect("dx:teams")
    covered = {t.village_id for t in team_list if t.village_id}
    return form_render(
        request,
        "dx/teams.html",
        {
            "commune": commune,
            "teams": team_list,
            "form": form,
            "member_form": MemberForm(),
            "training_form": TrainingForm(members=members),
            "trainings": selectors.trainings_for(request.user).filter(commune=commune)[:10],
            "villages_total": villages.count(),
            "villages_covered": len(covered),
        },
    )


@login_required
@require_POST
def member_add(request, team_id: int):
    team = selectors.team_for(request.user, team_id, perm=MANAGE_TEAMS)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            digital_teams.team_member_add(actor=request.user, team=team, **form.cleaned_data)
        except USER_ERRORS as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The member was added."))
    else:
        messages.error(request, _("Enter the member's full name."))
    return redirect("dx:teams")


@login_required
@require_POST
def training_add(request):
    commune = places.commune_of(request.user, MANAGE_TEAMS)
    members = selectors.members_for(request.user).filter(team__commune=commune, is_active=True)
    form = TrainingForm(request.POST, members=members)
    if form.is_valid():
        try:
            digital_teams.training_record(
                actor=request.user,
                commune=commune,
                held_on=form.cleaned_data["held_on"],
                topic=form.cleaned_data["topic"],
                attendees=members.filter(pk__in=form.cleaned_data["attendees"]),
            )
        except USER_ERRORS as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The training was recorded."))
    else:
        messages.error(request, _("Enter the training's date (dd/mm/yyyy) and topic."))
    return redirect("dx:teams")


@login_required
def help_log(request):
    """The quick form a team member fills on a phone at the household's door."""
    commune = places.commune_of(request.user, LOG_HELP)
    villages = places.villages_of_commune(commune)
    form = HelpForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        village = _pick(villages, form.cleaned_data["village"])
        team = (
            selectors.teams_for(request.user).filter(commune=commune, village=village, is_active=True).first()
        )
        with form_refusals(form):
            digital_teams.help_log(
                actor=request.user,
                commune=commune,
                household=form.cleaned_data["household"],
                action=form.cleaned_data["action"],
                helped_on=form.cleaned_data["helped_on"],
                village=village,
                team=team,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Logged. Thank you!"))
            return redirect("dx:help")
    logs = selectors.help_logs_for(request.user).filter(commune=commune)
    # "This month" is where the dashboard's figure lands (xaso.dx.cards).
    this_month = request.GET.get("month") == "this"
    if this_month:
        logs = logs.filter(helped_on__gte=timezone.localdate().replace(day=1))
    return form_render(
        request,
        "dx/help.html",
        {
            "commune": commune,
            "form": form,
            "this_month": this_month,
            "extra_query": "month=this&" if this_month else "",
            "page": Paginator(logs, 20).get_page(request.GET.get("page")),
        },
    )
