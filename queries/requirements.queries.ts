/** Types generated for queries found in "queries/requirements.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'RequirementTree' parameters type */
export interface IRequirementTreeParams {
  projectId: string;
}

/** 'RequirementTree' return type */
export interface IRequirementTreeResult {
  depth: number | null;
  id: string | null;
  parentId: string | null;
  priority: number | null;
  title: string | null;
  validatedAt: Date | null;
}

/** 'RequirementTree' query type */
export interface IRequirementTreeQuery {
  params: IRequirementTreeParams;
  result: IRequirementTreeResult;
}

const requirementTreeIR: any = {"usedParamSet":{"projectId":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":342,"b":352},{"a":608,"b":618}]}],"statement":"-- The requirement tree of a project, depth-first, with depth and path.\n-- Index: requirements_organization_id_project_id_id_key and idx_requirements_project_id_parent_id.\nWITH RECURSIVE tree AS (\n  SELECT r.id, r.parent_id, r.title, r.priority, r.validated_at, 0 AS depth, ARRAY[r.id] AS path\n    FROM requirements r\n   WHERE r.project_id = :projectId! AND r.parent_id IS NULL AND r.archived_at IS NULL\n  UNION ALL\n  SELECT c.id, c.parent_id, c.title, c.priority, c.validated_at, t.depth + 1, t.path || c.id\n    FROM tree t\n    JOIN requirements c ON c.organization_id = current_tenant() AND c.project_id = :projectId! AND c.parent_id = t.id\n   WHERE c.archived_at IS NULL\n)\nSELECT id, parent_id, title, priority, validated_at, depth\n  FROM tree\n ORDER BY path"};

/**
 * Query generated from SQL:
 * ```
 * -- The requirement tree of a project, depth-first, with depth and path.
 * -- Index: requirements_organization_id_project_id_id_key and idx_requirements_project_id_parent_id.
 * WITH RECURSIVE tree AS (
 *   SELECT r.id, r.parent_id, r.title, r.priority, r.validated_at, 0 AS depth, ARRAY[r.id] AS path
 *     FROM requirements r
 *    WHERE r.project_id = :projectId! AND r.parent_id IS NULL AND r.archived_at IS NULL
 *   UNION ALL
 *   SELECT c.id, c.parent_id, c.title, c.priority, c.validated_at, t.depth + 1, t.path || c.id
 *     FROM tree t
 *     JOIN requirements c ON c.organization_id = current_tenant() AND c.project_id = :projectId! AND c.parent_id = t.id
 *    WHERE c.archived_at IS NULL
 * )
 * SELECT id, parent_id, title, priority, validated_at, depth
 *   FROM tree
 *  ORDER BY path
 * ```
 */
export const requirementTree = new PreparedQuery<IRequirementTreeParams,IRequirementTreeResult>(requirementTreeIR);


/** 'CreateRequirement' parameters type */
export interface ICreateRequirementParams {
  category?: string | null | void;
  description?: string | null | void;
  parentId?: string | null | void;
  priority: number;
  projectId: string;
  title: string;
}

/** 'CreateRequirement' return type */
export interface ICreateRequirementResult {
  /** Surrogate key. */
  id: string;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'CreateRequirement' query type */
export interface ICreateRequirementQuery {
  params: ICreateRequirementParams;
  result: ICreateRequirementResult;
}

const createRequirementIR: any = {"usedParamSet":{"projectId":true,"parentId":true,"title":true,"description":true,"priority":true,"category":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":144,"b":154}]},{"name":"parentId","required":false,"transform":{"type":"scalar"},"locs":[{"a":157,"b":165}]},{"name":"title","required":true,"transform":{"type":"scalar"},"locs":[{"a":188,"b":194}]},{"name":"description","required":false,"transform":{"type":"scalar"},"locs":[{"a":197,"b":208}]},{"name":"priority","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":220}]},{"name":"category","required":false,"transform":{"type":"scalar"},"locs":[{"a":223,"b":231}]}],"statement":"INSERT INTO requirements (organization_id, project_id, parent_id, created_by, title, description, priority, category)\nVALUES (current_tenant(), :projectId!, :parentId, current_app_user(), :title!, :description, :priority!, :category)\nRETURNING id, version"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO requirements (organization_id, project_id, parent_id, created_by, title, description, priority, category)
 * VALUES (current_tenant(), :projectId!, :parentId, current_app_user(), :title!, :description, :priority!, :category)
 * RETURNING id, version
 * ```
 */
export const createRequirement = new PreparedQuery<ICreateRequirementParams,ICreateRequirementResult>(createRequirementIR);


/** 'ValidateRequirement' parameters type */
export interface IValidateRequirementParams {
  id: string;
  notes?: string | null | void;
  version: number;
}

/** 'ValidateRequirement' return type */
export interface IValidateRequirementResult {
  /** Surrogate key. */
  id: string;
  /** When it was validated; NULL = not validated (replaces a boolean flag). */
  validatedAt: Date | null;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'ValidateRequirement' query type */
export interface IValidateRequirementQuery {
  params: IValidateRequirementParams;
  result: IValidateRequirementResult;
}

const validateRequirementIR: any = {"usedParamSet":{"notes":true,"id":true,"version":true},"params":[{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":127,"b":132}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":146,"b":149}]},{"name":"version","required":true,"transform":{"type":"scalar"},"locs":[{"a":165,"b":173}]}],"statement":"-- Marks a requirement validated, with optimistic locking.\nUPDATE requirements\n   SET validated_at = now(), validation_notes = :notes\n WHERE id = :id! AND version = :version!\nRETURNING id, validated_at, version"};

/**
 * Query generated from SQL:
 * ```
 * -- Marks a requirement validated, with optimistic locking.
 * UPDATE requirements
 *    SET validated_at = now(), validation_notes = :notes
 *  WHERE id = :id! AND version = :version!
 * RETURNING id, validated_at, version
 * ```
 */
export const validateRequirement = new PreparedQuery<IValidateRequirementParams,IValidateRequirementResult>(validateRequirementIR);


