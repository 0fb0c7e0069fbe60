"""The SIP domain model (pydantic v2). No Textual here: runs headless.

One ``Plan`` is one SIP (the document) through its whole life: preparation,
its meetings (the first and every follow-up, each a frozen record once held),
deviations and closing. Goals and measures live on the meeting where they were
agreed, so a follow-up copies them forward and the earlier meeting stays
unchanged in the history.

Field names are English; display labels come from the i18n catalogues
(``i18n.label(enum_member)``).
"""

from __future__ import annotations

from sipmote.model.base import (
    SCHEMA_VERSION as SCHEMA_VERSION,
)
from sipmote.model.base import (
    Personnummer as Personnummer,
)
from sipmote.model.base import (
    new_id as new_id,
)
from sipmote.model.enums import (
    HUVUDMAN_OF_ORG as HUVUDMAN_OF_ORG,
)
from sipmote.model.enums import (
    ROLES as ROLES,
)
from sipmote.model.enums import (
    Attendance as Attendance,
)
from sipmote.model.enums import (
    CloseReason as CloseReason,
)
from sipmote.model.enums import (
    ConsentForm as ConsentForm,
)
from sipmote.model.enums import (
    DeviationKind as DeviationKind,
)
from sipmote.model.enums import (
    DeviationStatus as DeviationStatus,
)
from sipmote.model.enums import (
    GoalCategory as GoalCategory,
)
from sipmote.model.enums import (
    GoalRating as GoalRating,
)
from sipmote.model.enums import (
    GoalStatus as GoalStatus,
)
from sipmote.model.enums import (
    Huvudman as Huvudman,
)
from sipmote.model.enums import (
    MeasureStatus as MeasureStatus,
)
from sipmote.model.enums import (
    MeetingKind as MeetingKind,
)
from sipmote.model.enums import (
    MeetingMode as MeetingMode,
)
from sipmote.model.enums import (
    MeetingStatus as MeetingStatus,
)
from sipmote.model.enums import (
    NoticedBy as NoticedBy,
)
from sipmote.model.enums import (
    OrgKind as OrgKind,
)
from sipmote.model.enums import (
    PlanStatus as PlanStatus,
)
from sipmote.model.parts import (
    Agreement as Agreement,
)
from sipmote.model.parts import (
    ConsentRecord as ConsentRecord,
)
from sipmote.model.parts import (
    ConvenedBy as ConvenedBy,
)
from sipmote.model.parts import (
    Evaluation as Evaluation,
)
from sipmote.model.parts import (
    FollowUpBooking as FollowUpBooking,
)
from sipmote.model.parts import (
    Goal as Goal,
)
from sipmote.model.parts import (
    Guardian as Guardian,
)
from sipmote.model.parts import (
    Measure as Measure,
)
from sipmote.model.parts import (
    Need as Need,
)
from sipmote.model.parts import (
    NeedNoticedBy as NeedNoticedBy,
)
from sipmote.model.parts import (
    OwnAction as OwnAction,
)
from sipmote.model.parts import (
    Participant as Participant,
)
from sipmote.model.parts import (
    Person as Person,
)
from sipmote.model.parts import (
    PhaseRecord as PhaseRecord,
)
from sipmote.model.parts import (
    Question as Question,
)
from sipmote.model.parts import (
    ReplyContact as ReplyContact,
)
from sipmote.model.parts import (
    Responsible as Responsible,
)
from sipmote.model.parts import (
    standing_withdrawals as standing_withdrawals,
)
from sipmote.model.plan import (
    Closure as Closure,
)
from sipmote.model.plan import (
    Deviation as Deviation,
)
from sipmote.model.plan import (
    Meeting as Meeting,
)
from sipmote.model.plan import (
    Plan as Plan,
)
from sipmote.model.plan import (
    Reopening as Reopening,
)
from sipmote.model.plan import (
    plan_json_schema as plan_json_schema,
)
