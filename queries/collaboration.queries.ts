/** Types generated for queries found in "queries/collaboration.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type approval_decision = 'abstain' | 'approve' | 'reject';

export type member_role = 'admin' | 'contributor' | 'owner' | 'viewer';

export type NumberOrString = number | string;

/** 'PendingApprovalsForUser' parameters type */
export interface IPendingApprovalsForUserParams {
  limit: NumberOrString;
  userId: string;
}

/** 'PendingApprovalsForUser' return type */
export interface IPendingApprovalsForUserResult {
  /** design, requirements, architecture, analysis, task, document or release. */
  approvalType: string;
  /** Row creation time. */
  createdAt: Date;
  /** Deadline for approvers. */
  dueAt: Date | null;
  /** Surrogate key. */
  id: string;
  /** Whether this approver's answer is required. */
  isRequired: boolean;
  /** Project the approval belongs to (and target when no other target is set). */
  projectId: string;
  /** Project name (full-text and trigram searchable). */
  projectName: string;
  /** What is to be approved. */
  title: string;
}

/** 'PendingApprovalsForUser' query type */
export interface IPendingApprovalsForUserQuery {
  params: IPendingApprovalsForUserParams;
  result: IPendingApprovalsForUserResult;
}

const pendingApprovalsForUserIR: any = {"usedParamSet":{"userId":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":962,"b":969}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1111,"b":1117}]}],"statement":"-- Approvals waiting for the member's decision, oldest due first.\n-- Index: idx_approval_participants_user_id_decided_at (organization_id, user_id, decided_at).\n-- The page is cut before the project join: every pending approval of the member has to be read to\n-- sort them, but only the LIMIT rows need their project's name (the FK approvals_project_fkey and the\n-- same tenant policy on both tables make that join exactly one row per approval, so cutting first\n-- returns the same rows).\n-- @uses idx_approval_participants_user_id_decided_at\nSELECT a.id, a.title, a.approval_type, a.project_id, p.name AS project_name, a.due_at, a.created_at,\n       a.is_required\n  FROM (SELECT a.organization_id, a.id, a.title, a.approval_type, a.project_id, a.due_at, a.created_at,\n               ap.is_required\n          FROM approval_participants ap\n          JOIN approvals a ON a.organization_id = ap.organization_id AND a.id = ap.approval_id\n         WHERE ap.user_id = :userId!\n           AND ap.decided_at IS NULL\n           AND a.status = 'pending'\n         ORDER BY a.due_at NULLS LAST, a.created_at\n         LIMIT :limit!) a\n  JOIN projects p ON p.organization_id = a.organization_id AND p.id = a.project_id\n ORDER BY a.due_at NULLS LAST, a.created_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Approvals waiting for the member's decision, oldest due first.
 * -- Index: idx_approval_participants_user_id_decided_at (organization_id, user_id, decided_at).
 * -- The page is cut before the project join: every pending approval of the member has to be read to
 * -- sort them, but only the LIMIT rows need their project's name (the FK approvals_project_fkey and the
 * -- same tenant policy on both tables make that join exactly one row per approval, so cutting first
 * -- returns the same rows).
 * -- @uses idx_approval_participants_user_id_decided_at
 * SELECT a.id, a.title, a.approval_type, a.project_id, p.name AS project_name, a.due_at, a.created_at,
 *        a.is_required
 *   FROM (SELECT a.organization_id, a.id, a.title, a.approval_type, a.project_id, a.due_at, a.created_at,
 *                ap.is_required
 *           FROM approval_participants ap
 *           JOIN approvals a ON a.organization_id = ap.organization_id AND a.id = ap.approval_id
 *          WHERE ap.user_id = :userId!
 *            AND ap.decided_at IS NULL
 *            AND a.status = 'pending'
 *          ORDER BY a.due_at NULLS LAST, a.created_at
 *          LIMIT :limit!) a
 *   JOIN projects p ON p.organization_id = a.organization_id AND p.id = a.project_id
 *  ORDER BY a.due_at NULLS LAST, a.created_at
 * ```
 */
export const pendingApprovalsForUser = new PreparedQuery<IPendingApprovalsForUserParams,IPendingApprovalsForUserResult>(pendingApprovalsForUserIR);


/** 'RecordApprovalDecision' parameters type */
export interface IRecordApprovalDecisionParams {
  approvalId: string;
  decision: approval_decision;
  notes?: string | null | void;
}

/** 'RecordApprovalDecision' return type */
export interface IRecordApprovalDecisionResult {
  /** Approval request. */
  approvalId: string;
  /** When the answer was given. */
  decidedAt: Date | null;
  /** Answer; NULL while undecided. */
  decision: approval_decision | null;
}

/** 'RecordApprovalDecision' query type */
export interface IRecordApprovalDecisionQuery {
  params: IRecordApprovalDecisionParams;
  result: IRecordApprovalDecisionResult;
}

const recordApprovalDecisionIR: any = {"usedParamSet":{"decision":true,"notes":true,"approvalId":true},"params":[{"name":"decision","required":true,"transform":{"type":"scalar"},"locs":[{"a":87,"b":96}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":116,"b":121}]},{"name":"approvalId","required":true,"transform":{"type":"scalar"},"locs":[{"a":164,"b":175}]}],"statement":"-- The acting user answers an approval.\nUPDATE approval_participants\n   SET decision = :decision!, decision_notes = :notes, decided_at = now()\n WHERE approval_id = :approvalId! AND user_id = current_app_user() AND decided_at IS NULL\nRETURNING approval_id, decision, decided_at"};

/**
 * Query generated from SQL:
 * ```
 * -- The acting user answers an approval.
 * UPDATE approval_participants
 *    SET decision = :decision!, decision_notes = :notes, decided_at = now()
 *  WHERE approval_id = :approvalId! AND user_id = current_app_user() AND decided_at IS NULL
 * RETURNING approval_id, decision, decided_at
 * ```
 */
export const recordApprovalDecision = new PreparedQuery<IRecordApprovalDecisionParams,IRecordApprovalDecisionResult>(recordApprovalDecisionIR);


/** 'ApprovalTally' parameters type */
export interface IApprovalTallyParams {
  approvalId: string;
}

/** 'ApprovalTally' return type */
export interface IApprovalTallyResult {
  approvals: string | null;
  rejections: string | null;
  requiredPending: string | null;
}

/** 'ApprovalTally' query type */
export interface IApprovalTallyQuery {
  params: IApprovalTallyParams;
  result: IApprovalTallyResult;
}

const approvalTallyIR: any = {"usedParamSet":{"approvalId":true},"params":[{"name":"approvalId","required":true,"transform":{"type":"scalar"},"locs":[{"a":333,"b":344}]}],"statement":"-- Decision counts of one approval, to decide whether it passed.\nSELECT count(*) FILTER (WHERE decision = 'approve') AS approvals,\n       count(*) FILTER (WHERE decision = 'reject') AS rejections,\n       count(*) FILTER (WHERE decided_at IS NULL AND is_required) AS required_pending\n  FROM approval_participants\n WHERE approval_id = :approvalId!"};

/**
 * Query generated from SQL:
 * ```
 * -- Decision counts of one approval, to decide whether it passed.
 * SELECT count(*) FILTER (WHERE decision = 'approve') AS approvals,
 *        count(*) FILTER (WHERE decision = 'reject') AS rejections,
 *        count(*) FILTER (WHERE decided_at IS NULL AND is_required) AS required_pending
 *   FROM approval_participants
 *  WHERE approval_id = :approvalId!
 * ```
 */
export const approvalTally = new PreparedQuery<IApprovalTallyParams,IApprovalTallyResult>(approvalTallyIR);


/** 'TaskCommentThreads' parameters type */
export interface ITaskCommentThreadsParams {
  taskId: string;
}

/** 'TaskCommentThreads' return type */
export interface ITaskCommentThreadsResult {
  /** Name shown to other members. */
  authorName: string;
  body: string | null;
  createdAt: Date | null;
  depth: number | null;
  id: string | null;
  parentId: string | null;
  resolvedAt: Date | null;
}

/** 'TaskCommentThreads' query type */
export interface ITaskCommentThreadsQuery {
  params: ITaskCommentThreadsParams;
  result: ITaskCommentThreadsResult;
}

const taskCommentThreadsIR: any = {"usedParamSet":{"taskId":true},"params":[{"name":"taskId","required":true,"transform":{"type":"scalar"},"locs":[{"a":369,"b":376}]}],"statement":"-- Comments on a task in thread order (root, then replies depth-first).\n-- Index: idx_comments_task_id (organization_id, task_id, created_at) WHERE task_id IS NOT NULL.\nWITH RECURSIVE thread AS (\n  SELECT c.id, c.parent_id, c.author_id, c.body, c.resolved_at, c.created_at, 0 AS depth,\n         ARRAY[c.created_at] AS sort_path\n    FROM comments c\n   WHERE c.task_id = :taskId! AND c.parent_id IS NULL AND c.archived_at IS NULL\n  UNION ALL\n  SELECT r.id, r.parent_id, r.author_id, r.body, r.resolved_at, r.created_at, t.depth + 1,\n         t.sort_path || r.created_at\n    FROM thread t\n    JOIN comments r ON r.organization_id = current_tenant() AND r.parent_id = t.id\n   WHERE r.archived_at IS NULL\n)\nSELECT t.id, t.parent_id, t.depth, u.display_name AS author_name, t.body, t.resolved_at, t.created_at\n  FROM thread t\n  JOIN users u ON u.id = t.author_id\n ORDER BY t.sort_path"};

/**
 * Query generated from SQL:
 * ```
 * -- Comments on a task in thread order (root, then replies depth-first).
 * -- Index: idx_comments_task_id (organization_id, task_id, created_at) WHERE task_id IS NOT NULL.
 * WITH RECURSIVE thread AS (
 *   SELECT c.id, c.parent_id, c.author_id, c.body, c.resolved_at, c.created_at, 0 AS depth,
 *          ARRAY[c.created_at] AS sort_path
 *     FROM comments c
 *    WHERE c.task_id = :taskId! AND c.parent_id IS NULL AND c.archived_at IS NULL
 *   UNION ALL
 *   SELECT r.id, r.parent_id, r.author_id, r.body, r.resolved_at, r.created_at, t.depth + 1,
 *          t.sort_path || r.created_at
 *     FROM thread t
 *     JOIN comments r ON r.organization_id = current_tenant() AND r.parent_id = t.id
 *    WHERE r.archived_at IS NULL
 * )
 * SELECT t.id, t.parent_id, t.depth, u.display_name AS author_name, t.body, t.resolved_at, t.created_at
 *   FROM thread t
 *   JOIN users u ON u.id = t.author_id
 *  ORDER BY t.sort_path
 * ```
 */
export const taskCommentThreads = new PreparedQuery<ITaskCommentThreadsParams,ITaskCommentThreadsResult>(taskCommentThreadsIR);


/** 'AddTaskComment' parameters type */
export interface IAddTaskCommentParams {
  body: string;
  parentId?: string | null | void;
  taskId: string;
}

/** 'AddTaskComment' return type */
export interface IAddTaskCommentResult {
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
}

/** 'AddTaskComment' query type */
export interface IAddTaskCommentQuery {
  params: IAddTaskCommentParams;
  result: IAddTaskCommentResult;
}

const addTaskCommentIR: any = {"usedParamSet":{"parentId":true,"taskId":true,"body":true},"params":[{"name":"parentId","required":false,"transform":{"type":"scalar"},"locs":[{"a":122,"b":130}]},{"name":"taskId","required":true,"transform":{"type":"scalar"},"locs":[{"a":133,"b":140}]},{"name":"body","required":true,"transform":{"type":"scalar"},"locs":[{"a":143,"b":148}]}],"statement":"INSERT INTO comments (organization_id, author_id, parent_id, task_id, body)\nVALUES (current_tenant(), current_app_user(), :parentId, :taskId!, :body!)\nRETURNING id, created_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO comments (organization_id, author_id, parent_id, task_id, body)
 * VALUES (current_tenant(), current_app_user(), :parentId, :taskId!, :body!)
 * RETURNING id, created_at
 * ```
 */
export const addTaskComment = new PreparedQuery<IAddTaskCommentParams,IAddTaskCommentResult>(addTaskCommentIR);


/** 'ActiveSessionParticipants' parameters type */
export interface IActiveSessionParticipantsParams {
  sessionId: string;
}

/** 'ActiveSessionParticipants' return type */
export interface IActiveSessionParticipantsResult {
  /** May edit artefacts during the session. */
  canEdit: boolean;
  /** Name shown to other members. */
  displayName: string;
  /** Last activity (presence). */
  lastActiveAt: Date;
  /** Role within the session. */
  role: member_role;
  /** Participating member. */
  userId: string;
}

/** 'ActiveSessionParticipants' query type */
export interface IActiveSessionParticipantsQuery {
  params: IActiveSessionParticipantsParams;
  result: IActiveSessionParticipantsResult;
}

const activeSessionParticipantsIR: any = {"usedParamSet":{"sessionId":true},"params":[{"name":"sessionId","required":true,"transform":{"type":"scalar"},"locs":[{"a":247,"b":257}]}],"statement":"-- Who is currently in a collaboration session. Index: session_participants_pkey.\nSELECT sp.user_id, u.display_name, sp.role, sp.can_edit, sp.last_active_at\n  FROM session_participants sp\n  JOIN users u ON u.id = sp.user_id\n WHERE sp.session_id = :sessionId! AND sp.left_at IS NULL\n ORDER BY sp.joined_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Who is currently in a collaboration session. Index: session_participants_pkey.
 * SELECT sp.user_id, u.display_name, sp.role, sp.can_edit, sp.last_active_at
 *   FROM session_participants sp
 *   JOIN users u ON u.id = sp.user_id
 *  WHERE sp.session_id = :sessionId! AND sp.left_at IS NULL
 *  ORDER BY sp.joined_at
 * ```
 */
export const activeSessionParticipants = new PreparedQuery<IActiveSessionParticipantsParams,IActiveSessionParticipantsResult>(activeSessionParticipantsIR);


