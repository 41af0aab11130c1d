"""Measuring the transformation: indicator sets (per province and year), commune assessments
with evidence and province review, the community digital teams whose work feeds them, and plans
with targets, and the news of its portal section. One module per sub-domain; Django finds the
models through this package."""

from xaso.dx.models.assessments import (
    COMMUNE_EDITABLE,
    DECIDED,
    UNDER_REVIEW,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    AssessmentValue,
    DecisionCredential,
    Evidence,
    ReviewStatus,
)
from xaso.dx.models.digital_teams import (
    DIGITAL_CITIZEN_ACTIONS,
    DigitalTeam,
    HelpAction,
    HelpLog,
    TeamMember,
    Training,
)
from xaso.dx.models.indicator_sets import (
    Indicator,
    IndicatorSet,
    Kind,
    Pillar,
    RecognitionLevel,
    SetStatus,
    Source,
)
from xaso.dx.models.news import NewsItem, NewsStatus
from xaso.dx.models.plans import Direction, Objective, Plan, PlanTask, Target, TargetFigure, TaskStatus

__all__ = [
    "COMMUNE_EDITABLE",
    "DECIDED",
    "UNDER_REVIEW",
    "DIGITAL_CITIZEN_ACTIONS",
    "Assessment",
    "AssessmentEvent",
    "AssessmentStatus",
    "AssessmentValue",
    "DecisionCredential",
    "DigitalTeam",
    "Direction",
    "Evidence",
    "HelpAction",
    "HelpLog",
    "Indicator",
    "IndicatorSet",
    "Kind",
    "NewsItem",
    "NewsStatus",
    "Objective",
    "Pillar",
    "Plan",
    "PlanTask",
    "RecognitionLevel",
    "ReviewStatus",
    "SetStatus",
    "Source",
    "Target",
    "TargetFigure",
    "TaskStatus",
    "TeamMember",
    "Training",
]
