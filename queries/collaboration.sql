/* @name PendingApprovalsForUser */
-- Approvals waiting for the member's decision, oldest due first.
-- Index: idx_approval_participants_user_id_decided_at (organization_id, user_id, decided_at).
-- The page is cut before the project join: every pending approval of the member has to be read to
-- sort them, but only the LIMIT rows need their project's name (the FK approvals_project_fkey and the
-- same tenant policy on both tables make that join exactly one row per approval, so cutting first
-- returns the same rows).
-- @uses idx_approval_participants_user_id_decided_at
SELECT a.id, a.title, a.approval_type, a.project_id, p.name AS project_name, a.due_at, a.created_at,
       a.is_required
  FROM (SELECT a.organization_id, a.id, a.title, a.approval_type, a.project_id, a.due_at, a.created_at,
               ap.is_required
          FROM approval_participants ap
          JOIN approvals a ON a.organization_id = ap.organization_id AND a.id = ap.approval_id
         WHERE ap.user_id = :userId!
           AND ap.decided_at IS NULL
           AND a.status = 'pending'
         ORDER BY a.due_at NULLS LAST, a.created_at
         LIMIT :limit!) a
  JOIN projects p ON p.organization_id = a.organization_id AND p.id = a.project_id
 ORDER BY a.due_at NULLS LAST, a.created_at;

/* @name RecordApprovalDecision */
-- The acting user answers an approval.
UPDATE approval_participants
   SET decision = :decision!, decision_notes = :notes, decided_at = now()
 WHERE approval_id = :approvalId! AND user_id = current_app_user() AND decided_at IS NULL
RETURNING approval_id, decision, decided_at;

/* @name ApprovalTally */
-- Decision counts of one approval, to decide whether it passed.
SELECT count(*) FILTER (WHERE decision = 'approve') AS approvals,
       count(*) FILTER (WHERE decision = 'reject') AS rejections,
       count(*) FILTER (WHERE decided_at IS NULL AND is_required) AS required_pending
  FROM approval_participants
 WHERE approval_id = :approvalId!;

/* @name TaskCommentThreads */
-- Comments on a task in thread order (root, then replies depth-first).
-- Index: idx_comments_task_id (organization_id, task_id, created_at) WHERE task_id IS NOT NULL.
WITH RECURSIVE thread AS (
  SELECT c.id, c.parent_id, c.author_id, c.body, c.resolved_at, c.created_at, 0 AS depth,
         ARRAY[c.created_at] AS sort_path
    FROM comments c
   WHERE c.task_id = :taskId! AND c.parent_id IS NULL AND c.archived_at IS NULL
  UNION ALL
  SELECT r.id, r.parent_id, r.author_id, r.body, r.resolved_at, r.created_at, t.depth + 1,
         t.sort_path || r.created_at
    FROM thread t
    JOIN comments r ON r.organization_id = current_tenant() AND r.parent_id = t.id
   WHERE r.archived_at IS NULL
)
SELECT t.id, t.parent_id, t.depth, u.display_name AS author_name, t.body, t.resolved_at, t.created_at
  FROM thread t
  JOIN users u ON u.id = t.author_id
 ORDER BY t.sort_path;

/* @name AddTaskComment */
INSERT INTO comments (organization_id, author_id, parent_id, task_id, body)
VALUES (current_tenant(), current_app_user(), :parentId, :taskId!, :body!)
RETURNING id, created_at;

/* @name ActiveSessionParticipants */
-- Who is currently in a collaboration session. Index: session_participants_pkey.
SELECT sp.user_id, u.display_name, sp.role, sp.can_edit, sp.last_active_at
  FROM session_participants sp
  JOIN users u ON u.id = sp.user_id
 WHERE sp.session_id = :sessionId! AND sp.left_at IS NULL
 ORDER BY sp.joined_at;
