-- Collaboration: live sessions, their participants, approvals with their approvers, threaded comments.
-- Approvals and comments target one of several kinds of row. Instead of the seeds' (target_type, target_id)
-- pair, which no foreign key can check, they use an exclusive arc: one nullable FK column per target kind
-- and a CHECK that exactly one (comments) or at most one (approvals: none = the project itself) is set.

CREATE TYPE session_status AS ENUM ('scheduled', 'active', 'ended');
COMMENT ON TYPE session_status IS 'Lifecycle of a collaboration session.';
CREATE TYPE approval_status AS ENUM ('pending', 'approved', 'rejected', 'cancelled');
COMMENT ON TYPE approval_status IS 'Outcome of an approval request.';
CREATE TYPE approval_decision AS ENUM ('approve', 'reject', 'abstain');
COMMENT ON TYPE approval_decision IS 'One approver''s answer.';

CREATE TABLE collaboration_sessions (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  created_by      uuid NOT NULL,
  title           text NOT NULL,
  session_type    text NOT NULL DEFAULT 'review',
  status          session_status NOT NULL DEFAULT 'scheduled',
  current_phase   text,
  max_participants integer NOT NULL DEFAULT 50,
  started_at      timestamptz,
  ended_at        timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT collaboration_sessions_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT collaboration_sessions_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT collaboration_sessions_created_by_fkey FOREIGN KEY (organization_id, created_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT collaboration_sessions_type_check CHECK (session_type IN ('review', 'planning', 'brainstorming', 'workshop')),
  CONSTRAINT collaboration_sessions_max_check CHECK (max_participants BETWEEN 1 AND 1000),
  CONSTRAINT collaboration_sessions_times_check CHECK (ended_at IS NULL OR ended_at >= started_at),
  CONSTRAINT collaboration_sessions_status_check CHECK (
    (status = 'scheduled' AND started_at IS NULL AND ended_at IS NULL) OR
    (status = 'active' AND started_at IS NOT NULL AND ended_at IS NULL) OR
    (status = 'ended' AND started_at IS NOT NULL AND ended_at IS NOT NULL))
);
COMMENT ON TABLE collaboration_sessions IS 'Real-time working sessions on a project (review, planning, ...).';
COMMENT ON COLUMN collaboration_sessions.id IS 'Surrogate key.';
COMMENT ON COLUMN collaboration_sessions.organization_id IS 'Tenant.';
COMMENT ON COLUMN collaboration_sessions.project_id IS 'Project worked on.';
COMMENT ON COLUMN collaboration_sessions.created_by IS 'Member who opened the session.';
COMMENT ON COLUMN collaboration_sessions.title IS 'Session title.';
COMMENT ON COLUMN collaboration_sessions.session_type IS 'review, planning, brainstorming or workshop.';
COMMENT ON COLUMN collaboration_sessions.status IS 'Lifecycle state, consistent with started_at/ended_at.';
COMMENT ON COLUMN collaboration_sessions.current_phase IS 'Phase of the agenda the session is in.';
COMMENT ON COLUMN collaboration_sessions.max_participants IS 'Capacity.';
COMMENT ON COLUMN collaboration_sessions.started_at IS 'When it started.';
COMMENT ON COLUMN collaboration_sessions.ended_at IS 'When it ended.';
COMMENT ON COLUMN collaboration_sessions.created_at IS 'Row creation time.';
COMMENT ON COLUMN collaboration_sessions.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_collaboration_sessions_project_id_status ON collaboration_sessions (organization_id, project_id, status);
CREATE INDEX idx_collaboration_sessions_created_by ON collaboration_sessions (organization_id, created_by);
CREATE TRIGGER trg_collaboration_sessions_updated_at BEFORE UPDATE ON collaboration_sessions FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE session_participants (
  organization_id uuid NOT NULL,
  session_id      uuid NOT NULL,
  user_id         uuid NOT NULL,
  role            member_role NOT NULL DEFAULT 'contributor',
  can_edit        boolean NOT NULL DEFAULT true,
  can_approve     boolean NOT NULL DEFAULT false,
  joined_at       timestamptz NOT NULL DEFAULT now(),
  last_active_at  timestamptz NOT NULL DEFAULT now(),
  left_at         timestamptz,
  CONSTRAINT session_participants_pkey PRIMARY KEY (organization_id, session_id, user_id),
  CONSTRAINT session_participants_session_fkey FOREIGN KEY (organization_id, session_id)
    REFERENCES collaboration_sessions (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT session_participants_user_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT session_participants_left_check CHECK (left_at IS NULL OR left_at >= joined_at)
);
COMMENT ON TABLE session_participants IS 'Members taking part in a collaboration session.';
COMMENT ON COLUMN session_participants.organization_id IS 'Tenant.';
COMMENT ON COLUMN session_participants.session_id IS 'Session.';
COMMENT ON COLUMN session_participants.user_id IS 'Participating member.';
COMMENT ON COLUMN session_participants.role IS 'Role within the session.';
COMMENT ON COLUMN session_participants.can_edit IS 'May edit artefacts during the session.';
COMMENT ON COLUMN session_participants.can_approve IS 'May approve during the session.';
COMMENT ON COLUMN session_participants.joined_at IS 'When the member joined.';
COMMENT ON COLUMN session_participants.last_active_at IS 'Last activity (presence).';
COMMENT ON COLUMN session_participants.left_at IS 'When the member left; NULL while present (replaces an is_active flag).';
CREATE INDEX idx_session_participants_user_id ON session_participants (organization_id, user_id);

CREATE TABLE approvals (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  requested_by    uuid NOT NULL,
  title           text NOT NULL,
  description     text,
  approval_type   text NOT NULL,
  requirement_id  uuid,
  component_id    uuid,
  analysis_id     uuid,
  task_id         uuid,
  document_id     uuid,
  status          approval_status NOT NULL DEFAULT 'pending',
  required_approvals smallint NOT NULL DEFAULT 1,
  requires_unanimous boolean NOT NULL DEFAULT false,
  decision_rationale text,
  due_at          timestamptz,
  resolved_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT approvals_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT approvals_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT approvals_requested_by_fkey FOREIGN KEY (organization_id, requested_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT approvals_requirement_fkey FOREIGN KEY (organization_id, project_id, requirement_id)
    REFERENCES requirements (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT approvals_component_fkey FOREIGN KEY (organization_id, project_id, component_id)
    REFERENCES architectural_components (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT approvals_analysis_fkey FOREIGN KEY (organization_id, analysis_id)
    REFERENCES analyses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT approvals_task_fkey FOREIGN KEY (organization_id, project_id, task_id)
    REFERENCES tasks (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT approvals_target_check CHECK (num_nonnulls(requirement_id, component_id, analysis_id, task_id, document_id) <= 1),
  CONSTRAINT approvals_type_check CHECK (approval_type IN ('design', 'requirements', 'architecture', 'analysis', 'task', 'document', 'release')),
  CONSTRAINT approvals_required_check CHECK (required_approvals BETWEEN 1 AND 50),
  CONSTRAINT approvals_resolved_check CHECK ((status = 'pending') = (resolved_at IS NULL))
);
COMMENT ON TABLE approvals IS 'Approval requests. The target is an exclusive arc: at most one of requirement/component/analysis/task/document is set; none means the project itself.';
COMMENT ON COLUMN approvals.id IS 'Surrogate key.';
COMMENT ON COLUMN approvals.organization_id IS 'Tenant.';
COMMENT ON COLUMN approvals.project_id IS 'Project the approval belongs to (and target when no other target is set).';
COMMENT ON COLUMN approvals.requested_by IS 'Member asking for approval.';
COMMENT ON COLUMN approvals.title IS 'What is to be approved.';
COMMENT ON COLUMN approvals.description IS 'Context for the approvers.';
COMMENT ON COLUMN approvals.approval_type IS 'design, requirements, architecture, analysis, task, document or release.';
COMMENT ON COLUMN approvals.requirement_id IS 'Target requirement (exclusive arc).';
COMMENT ON COLUMN approvals.component_id IS 'Target architectural component (exclusive arc).';
COMMENT ON COLUMN approvals.analysis_id IS 'Target analysis (exclusive arc).';
COMMENT ON COLUMN approvals.task_id IS 'Target task (exclusive arc).';
COMMENT ON COLUMN approvals.document_id IS 'Target document (exclusive arc; FK added in the documents file).';
COMMENT ON COLUMN approvals.status IS 'Outcome; pending until resolved.';
COMMENT ON COLUMN approvals.required_approvals IS 'Approvals needed to pass.';
COMMENT ON COLUMN approvals.requires_unanimous IS 'Every required approver must approve.';
COMMENT ON COLUMN approvals.decision_rationale IS 'Why it was approved or rejected.';
COMMENT ON COLUMN approvals.due_at IS 'Deadline for approvers.';
COMMENT ON COLUMN approvals.resolved_at IS 'When status left pending.';
COMMENT ON COLUMN approvals.created_at IS 'Row creation time.';
COMMENT ON COLUMN approvals.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_approvals_project_id_status ON approvals (organization_id, project_id, status);
CREATE INDEX idx_approvals_requested_by ON approvals (organization_id, requested_by);
CREATE INDEX idx_approvals_project_id_requirement_id ON approvals (organization_id, project_id, requirement_id) WHERE requirement_id IS NOT NULL;
CREATE INDEX idx_approvals_project_id_component_id ON approvals (organization_id, project_id, component_id) WHERE component_id IS NOT NULL;
CREATE INDEX idx_approvals_analysis_id ON approvals (organization_id, analysis_id) WHERE analysis_id IS NOT NULL;
CREATE INDEX idx_approvals_project_id_task_id ON approvals (organization_id, project_id, task_id) WHERE task_id IS NOT NULL;
CREATE INDEX idx_approvals_document_id ON approvals (organization_id, document_id) WHERE document_id IS NOT NULL;
CREATE TRIGGER trg_approvals_updated_at BEFORE UPDATE ON approvals FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE approval_participants (
  organization_id uuid NOT NULL,
  approval_id     uuid NOT NULL,
  user_id         uuid NOT NULL,
  is_required     boolean NOT NULL DEFAULT true,
  weight          smallint NOT NULL DEFAULT 1,
  decision        approval_decision,
  decision_notes  text,
  decided_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT approval_participants_pkey PRIMARY KEY (organization_id, approval_id, user_id),
  CONSTRAINT approval_participants_approval_fkey FOREIGN KEY (organization_id, approval_id)
    REFERENCES approvals (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT approval_participants_user_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT approval_participants_weight_check CHECK (weight BETWEEN 1 AND 100),
  CONSTRAINT approval_participants_decided_check CHECK ((decision IS NULL) = (decided_at IS NULL))
);
COMMENT ON TABLE approval_participants IS 'Approvers asked to decide on an approval, and their answers.';
COMMENT ON COLUMN approval_participants.organization_id IS 'Tenant.';
COMMENT ON COLUMN approval_participants.approval_id IS 'Approval request.';
COMMENT ON COLUMN approval_participants.user_id IS 'Approver.';
COMMENT ON COLUMN approval_participants.is_required IS 'Whether this approver''s answer is required.';
COMMENT ON COLUMN approval_participants.weight IS 'Vote weight.';
COMMENT ON COLUMN approval_participants.decision IS 'Answer; NULL while undecided.';
COMMENT ON COLUMN approval_participants.decision_notes IS 'Notes with the answer.';
COMMENT ON COLUMN approval_participants.decided_at IS 'When the answer was given.';
COMMENT ON COLUMN approval_participants.created_at IS 'When the approver was asked.';
-- "My pending approvals": supports the user FK too, so not partial.
CREATE INDEX idx_approval_participants_user_id_decided_at ON approval_participants (organization_id, user_id, decided_at);

CREATE TABLE comments (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  author_id       uuid NOT NULL,
  parent_id       uuid,
  project_id      uuid,
  requirement_id  uuid,
  task_id         uuid,
  analysis_id     uuid,
  document_id     uuid,
  body            text NOT NULL,
  body_format     text NOT NULL DEFAULT 'markdown',
  resolved_at     timestamptz,
  resolved_by     uuid,
  edited_at       timestamptz,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT comments_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT comments_author_fkey FOREIGN KEY (organization_id, author_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT comments_resolved_by_fkey FOREIGN KEY (organization_id, resolved_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT comments_parent_fkey FOREIGN KEY (organization_id, parent_id)
    REFERENCES comments (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT comments_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT comments_requirement_fkey FOREIGN KEY (organization_id, requirement_id)
    REFERENCES requirements (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT comments_task_fkey FOREIGN KEY (organization_id, task_id)
    REFERENCES tasks (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT comments_analysis_fkey FOREIGN KEY (organization_id, analysis_id)
    REFERENCES analyses (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT comments_target_check CHECK (num_nonnulls(project_id, requirement_id, task_id, analysis_id, document_id) = 1),
  CONSTRAINT comments_parent_check CHECK (parent_id IS DISTINCT FROM id),
  CONSTRAINT comments_body_check CHECK (length(body) BETWEEN 1 AND 20000),
  CONSTRAINT comments_format_check CHECK (body_format IN ('text', 'markdown')),
  CONSTRAINT comments_resolved_check CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
);
COMMENT ON TABLE comments IS 'Threaded discussion on a project, requirement, task, analysis or document (exclusive arc: exactly one target). Replies share their parent''s target.';
COMMENT ON COLUMN comments.id IS 'Surrogate key.';
COMMENT ON COLUMN comments.organization_id IS 'Tenant.';
COMMENT ON COLUMN comments.author_id IS 'Member who wrote it.';
COMMENT ON COLUMN comments.parent_id IS 'Comment replied to; NULL for a thread root.';
COMMENT ON COLUMN comments.project_id IS 'Target project (exclusive arc).';
COMMENT ON COLUMN comments.requirement_id IS 'Target requirement (exclusive arc).';
COMMENT ON COLUMN comments.task_id IS 'Target task (exclusive arc).';
COMMENT ON COLUMN comments.analysis_id IS 'Target analysis (exclusive arc).';
COMMENT ON COLUMN comments.document_id IS 'Target document (exclusive arc; FK added in the documents file).';
COMMENT ON COLUMN comments.body IS 'Comment text.';
COMMENT ON COLUMN comments.body_format IS 'text or markdown.';
COMMENT ON COLUMN comments.resolved_at IS 'When the thread was resolved (replaces an is_resolved flag).';
COMMENT ON COLUMN comments.resolved_by IS 'Member who resolved it.';
COMMENT ON COLUMN comments.edited_at IS 'Last edit of the body by its author.';
COMMENT ON COLUMN comments.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN comments.created_at IS 'Row creation time.';
COMMENT ON COLUMN comments.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_comments_author_id ON comments (organization_id, author_id);
CREATE INDEX idx_comments_resolved_by ON comments (organization_id, resolved_by) WHERE resolved_by IS NOT NULL;
CREATE INDEX idx_comments_parent_id ON comments (organization_id, parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX idx_comments_project_id ON comments (organization_id, project_id, created_at) WHERE project_id IS NOT NULL;
CREATE INDEX idx_comments_requirement_id ON comments (organization_id, requirement_id, created_at) WHERE requirement_id IS NOT NULL;
CREATE INDEX idx_comments_task_id ON comments (organization_id, task_id, created_at) WHERE task_id IS NOT NULL;
CREATE INDEX idx_comments_analysis_id ON comments (organization_id, analysis_id, created_at) WHERE analysis_id IS NOT NULL;
CREATE INDEX idx_comments_document_id ON comments (organization_id, document_id, created_at) WHERE document_id IS NOT NULL;
CREATE TRIGGER trg_comments_updated_at BEFORE UPDATE ON comments FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION comments_inherit_target() RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  p comments%ROWTYPE;
BEGIN
  IF NEW.parent_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO p FROM comments WHERE organization_id = NEW.organization_id AND id = NEW.parent_id;
  IF FOUND AND (p.project_id, p.requirement_id, p.task_id, p.analysis_id, p.document_id)
       IS DISTINCT FROM (NEW.project_id, NEW.requirement_id, NEW.task_id, NEW.analysis_id, NEW.document_id) THEN
    RAISE EXCEPTION 'a reply must have the same target as the comment it replies to'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'comments_reply_target';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION comments_inherit_target() IS 'BEFORE INSERT/UPDATE trigger: a reply must target the same row as its parent, so a thread never spans two targets.';
CREATE TRIGGER trg_comments_reply_target BEFORE INSERT OR UPDATE OF parent_id, project_id, requirement_id, task_id, analysis_id, document_id
  ON comments FOR EACH ROW EXECUTE FUNCTION comments_inherit_target();
