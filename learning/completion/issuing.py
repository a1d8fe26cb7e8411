"""The records a completed module earns: its own, attached to the open workshop the learner
takes it in, and one for each learning path it completes. Issuing is idempotent (see
``learning.records.services.issue``)."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.accounts.models import User
from learning.content.assessments.types import question_type
from learning.content.catalogue import Catalogue
from learning.content.course import Module
from learning.progress.models import Enrolment
from learning.records.models import CompletionRecord, RecordKind
from learning.records.services import issue
from learning.workshops.closing import workshop_text
from learning.workshops.open_workshops import assessing_workshop, open_workshop_for


def issue_for_module(
    session: Session, enrolment: Enrolment, module: Module, catalogue: Catalogue
) -> list[CompletionRecord]:
    """Records for a module just completed, and for each path it completes."""
    user = session.get(User, enrolment.user_id)
    record = issue(
        session,
        user,
        RecordKind.MODULE,
        module.slug,
        module.title,
        module.version,
        module.estimated_minutes,
        enrolment.completed_at,
    )
    workshop = open_workshop_for(session, user.id, module.slug)
    if workshop is not None and record.workshop_id is None:
        record.workshop_id, record.workshop_text = workshop.id, workshop_text(workshop)
    quiz = catalogue.quiz_for(module.slug)
    if (
        record.case_study_assessment is None
        and quiz is not None
        and any(question_type(q.type).trainer_assessable for q in quiz.questions)
    ):
        assessed = assessing_workshop(session, user.id, module.slug)
        record.case_study_assessment = "trainer" if assessed is not None else "self"
    issued = [record]
    done = set(
        session.scalars(
            select(Enrolment.module_slug).where(
                Enrolment.user_id == user.id, Enrolment.completed_at.is_not(None)
            )
        )
    )
    for path in catalogue.paths:
        if module.slug in path.modules and set(path.modules) <= done:
            members = [catalogue.module(name) for name in path.modules]
            version = hashlib.sha256("".join(m.version for m in members).encode()).hexdigest()
            issued.append(
                issue(
                    session,
                    user,
                    RecordKind.PATH,
                    path.slug,
                    path.title,
                    version[:16],
                    sum(m.estimated_minutes for m in members),
                    enrolment.completed_at,
                )
            )
    return issued
