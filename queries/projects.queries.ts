/** Types generated for queries found in "queries/projects.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type project_status = 'active' | 'cancelled' | 'completed' | 'draft' | 'on_hold';

export type DateOrString = Date | string;

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'ListProjectsByStatus' parameters type */
export interface IListProjectsByStatusParams {
  afterCreatedAt?: DateOrString | null | void;
  afterId?: string | null | void;
  limit: NumberOrString;
  status: project_status;
}

/** 'ListProjectsByStatus' return type */
export interface IListProjectsByStatusResult {
  /** Estimated complexity, 1 (trivial) to 10. */
  complexityScore: number | null;
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Project name (full-text and trigram searchable). */
  name: string;
  /** Free classification, e.g. greenfield, migration. */
  projectType: string | null;
  /** Lifecycle state. */
  status: project_status;
  /** Last update time, maintained by trigger. */
  updatedAt: Date;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'ListProjectsByStatus' query type */
export interface IListProjectsByStatusQuery {
  params: IListProjectsByStatusParams;
  result: IListProjectsByStatusResult;
}

const listProjectsByStatusIR: any = {"usedParamSet":{"status":true,"afterCreatedAt":true,"afterId":true,"limit":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":442,"b":449}]},{"name":"afterCreatedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":491,"b":505},{"a":567,"b":581}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":605,"b":612}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":667,"b":673}]}],"statement":"-- Live projects of the tenant in one status, newest first, keyset-paginated on (created_at, id):\n-- pass the last row's created_at and id to get the next page.\n-- Index: idx_projects_status_created_at (organization_id, status, created_at DESC, id DESC) WHERE archived_at IS NULL.\n-- @uses idx_projects_status_created_at\nSELECT id, name, status, project_type, complexity_score, created_at, updated_at, version\n  FROM projects\n WHERE status = :status!\n   AND archived_at IS NULL\n   AND (CAST(:afterCreatedAt AS timestamptz) IS NULL\n        OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))\n ORDER BY created_at DESC, id DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Live projects of the tenant in one status, newest first, keyset-paginated on (created_at, id):
 * -- pass the last row's created_at and id to get the next page.
 * -- Index: idx_projects_status_created_at (organization_id, status, created_at DESC, id DESC) WHERE archived_at IS NULL.
 * -- @uses idx_projects_status_created_at
 * SELECT id, name, status, project_type, complexity_score, created_at, updated_at, version
 *   FROM projects
 *  WHERE status = :status!
 *    AND archived_at IS NULL
 *    AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
 *         OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
 *  ORDER BY created_at DESC, id DESC
 *  LIMIT :limit!
 * ```
 */
export const listProjectsByStatus = new PreparedQuery<IListProjectsByStatusParams,IListProjectsByStatusResult>(listProjectsByStatusIR);


/** 'SearchProjects' parameters type */
export interface ISearchProjectsParams {
  limit: NumberOrString;
  query: string;
}

/** 'SearchProjects' return type */
export interface ISearchProjectsResult {
  /** Surrogate key. */
  id: string;
  /** Project name (full-text and trigram searchable). */
  name: string;
  rank: number | null;
  /** Lifecycle state. */
  status: project_status;
}

/** 'SearchProjects' query type */
export interface ISearchProjectsQuery {
  params: ISearchProjectsParams;
  result: ISearchProjectsResult;
}

const searchProjectsIR: any = {"usedParamSet":{"query":true,"limit":true},"params":[{"name":"query","required":true,"transform":{"type":"scalar"},"locs":[{"a":252,"b":258}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":358,"b":364}]}],"statement":"-- Full-text search over name and description, best match first.\n-- Index: idx_projects_search_vector (GIN on the generated search_vector).\nSELECT id, name, status, ts_rank(search_vector, query) AS rank\n  FROM projects, websearch_to_tsquery('english', :query!) AS query\n WHERE search_vector @@ query\n   AND archived_at IS NULL\n ORDER BY rank DESC, id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Full-text search over name and description, best match first.
 * -- Index: idx_projects_search_vector (GIN on the generated search_vector).
 * SELECT id, name, status, ts_rank(search_vector, query) AS rank
 *   FROM projects, websearch_to_tsquery('english', :query!) AS query
 *  WHERE search_vector @@ query
 *    AND archived_at IS NULL
 *  ORDER BY rank DESC, id
 *  LIMIT :limit!
 * ```
 */
export const searchProjects = new PreparedQuery<ISearchProjectsParams,ISearchProjectsResult>(searchProjectsIR);


/** 'FindProjectsByName' parameters type */
export interface IFindProjectsByNameParams {
  limit: NumberOrString;
  term: string;
}

/** 'FindProjectsByName' return type */
export interface IFindProjectsByNameResult {
  /** Surrogate key. */
  id: string;
  /** Project name (full-text and trigram searchable). */
  name: string;
  score: number | null;
}

/** 'FindProjectsByName' query type */
export interface IFindProjectsByNameQuery {
  params: IFindProjectsByNameParams;
  result: IFindProjectsByNameResult;
}

const findProjectsByNameIR: any = {"usedParamSet":{"term":true,"limit":true},"params":[{"name":"term","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":127},{"a":169,"b":174}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":235,"b":241}]}],"statement":"-- Fuzzy name lookup for autocomplete (typos tolerated). Index: idx_projects_name_trgm.\nSELECT id, name, similarity(name, :term!) AS score\n  FROM projects\n WHERE name % :term!\n   AND archived_at IS NULL\n ORDER BY score DESC, id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Fuzzy name lookup for autocomplete (typos tolerated). Index: idx_projects_name_trgm.
 * SELECT id, name, similarity(name, :term!) AS score
 *   FROM projects
 *  WHERE name % :term!
 *    AND archived_at IS NULL
 *  ORDER BY score DESC, id
 *  LIMIT :limit!
 * ```
 */
export const findProjectsByName = new PreparedQuery<IFindProjectsByNameParams,IFindProjectsByNameResult>(findProjectsByNameIR);


/** 'GetProject' parameters type */
export interface IGetProjectParams {
  id: string;
}

/** 'GetProject' return type */
export interface IGetProjectResult {
  /** Soft delete; live rows have NULL. */
  archivedAt: Date | null;
  /** Estimated complexity, 1 (trivial) to 10. */
  complexityScore: number | null;
  /** Row creation time. */
  createdAt: Date;
  /** Member who created the project. */
  createdBy: string;
  /** ISO 4217 currency code of the budget. */
  currency: string;
  /** Long description (full-text searchable). */
  description: string | null;
  /** Planned budget in currency. */
  estimatedBudget: string | null;
  /** Planned duration in weeks. */
  estimatedDurationWeeks: number | null;
  /** Surrogate key. */
  id: string;
  /** Industry of the customer. */
  industry: string | null;
  /** Project name (full-text and trigram searchable). */
  name: string;
  /** Tenant. */
  organizationId: string;
  /** Free classification, e.g. greenfield, migration. */
  projectType: string | null;
  /** Lifecycle state. */
  status: project_status;
  /** Technology labels (plain values, not references to other rows). */
  technologyStack: stringArray;
  /** Last update time, maintained by trigger. */
  updatedAt: Date;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'GetProject' query type */
export interface IGetProjectQuery {
  params: IGetProjectParams;
  result: IGetProjectResult;
}

const getProjectIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":268,"b":271}]}],"statement":"SELECT id, organization_id, created_by, name, description, status, project_type, industry,\n       complexity_score, estimated_duration_weeks, estimated_budget, currency, technology_stack,\n       version, archived_at, created_at, updated_at\n  FROM projects\n WHERE id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, organization_id, created_by, name, description, status, project_type, industry,
 *        complexity_score, estimated_duration_weeks, estimated_budget, currency, technology_stack,
 *        version, archived_at, created_at, updated_at
 *   FROM projects
 *  WHERE id = :id!
 * ```
 */
export const getProject = new PreparedQuery<IGetProjectParams,IGetProjectResult>(getProjectIR);


/** 'CreateProject' parameters type */
export interface ICreateProjectParams {
  complexityScore?: number | null | void;
  description?: string | null | void;
  name: string;
  status: project_status;
}

/** 'CreateProject' return type */
export interface ICreateProjectResult {
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'CreateProject' query type */
export interface ICreateProjectQuery {
  params: ICreateProjectParams;
  result: ICreateProjectResult;
}

const createProjectIR: any = {"usedParamSet":{"name":true,"description":true,"status":true,"complexityScore":true},"params":[{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":238,"b":243}]},{"name":"description","required":false,"transform":{"type":"scalar"},"locs":[{"a":246,"b":257}]},{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":260,"b":267}]},{"name":"complexityScore","required":false,"transform":{"type":"scalar"},"locs":[{"a":270,"b":285}]}],"statement":"-- organization_id comes from the tenant context, so a caller cannot write into another tenant.\nINSERT INTO projects (organization_id, created_by, name, description, status, complexity_score)\nVALUES (current_tenant(), current_app_user(), :name!, :description, :status!, :complexityScore)\nRETURNING id, version, created_at"};

/**
 * Query generated from SQL:
 * ```
 * -- organization_id comes from the tenant context, so a caller cannot write into another tenant.
 * INSERT INTO projects (organization_id, created_by, name, description, status, complexity_score)
 * VALUES (current_tenant(), current_app_user(), :name!, :description, :status!, :complexityScore)
 * RETURNING id, version, created_at
 * ```
 */
export const createProject = new PreparedQuery<ICreateProjectParams,ICreateProjectResult>(createProjectIR);


/** 'UpdateProjectStatus' parameters type */
export interface IUpdateProjectStatusParams {
  id: string;
  status: project_status;
  version: number;
}

/** 'UpdateProjectStatus' return type */
export interface IUpdateProjectStatusResult {
  /** Surrogate key. */
  id: string;
  /** Lifecycle state. */
  status: project_status;
  /** Last update time, maintained by trigger. */
  updatedAt: Date;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'UpdateProjectStatus' query type */
export interface IUpdateProjectStatusQuery {
  params: IUpdateProjectStatusParams;
  result: IUpdateProjectStatusResult;
}

const updateProjectStatusIR: any = {"usedParamSet":{"status":true,"id":true,"version":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":137,"b":144}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":158,"b":161}]},{"name":"version","required":true,"transform":{"type":"scalar"},"locs":[{"a":177,"b":185}]}],"statement":"-- Optimistic locking: no row comes back when someone else changed the project since `version` was read.\nUPDATE projects\n   SET status = :status!\n WHERE id = :id! AND version = :version!\nRETURNING id, status, version, updated_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Optimistic locking: no row comes back when someone else changed the project since `version` was read.
 * UPDATE projects
 *    SET status = :status!
 *  WHERE id = :id! AND version = :version!
 * RETURNING id, status, version, updated_at
 * ```
 */
export const updateProjectStatus = new PreparedQuery<IUpdateProjectStatusParams,IUpdateProjectStatusResult>(updateProjectStatusIR);


/** 'ArchiveProject' parameters type */
export interface IArchiveProjectParams {
  id: string;
}

/** 'ArchiveProject' return type */
export interface IArchiveProjectResult {
  /** Soft delete; live rows have NULL. */
  archivedAt: Date | null;
  /** Surrogate key. */
  id: string;
}

/** 'ArchiveProject' query type */
export interface IArchiveProjectQuery {
  params: IArchiveProjectParams;
  result: IArchiveProjectResult;
}

const archiveProjectIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":71,"b":74}]}],"statement":"-- Soft delete.\nUPDATE projects\n   SET archived_at = now()\n WHERE id = :id! AND archived_at IS NULL\nRETURNING id, archived_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Soft delete.
 * UPDATE projects
 *    SET archived_at = now()
 *  WHERE id = :id! AND archived_at IS NULL
 * RETURNING id, archived_at
 * ```
 */
export const archiveProject = new PreparedQuery<IArchiveProjectParams,IArchiveProjectResult>(archiveProjectIR);


/** 'ProjectStatusCounts' parameters type */
export type IProjectStatusCountsParams = void;

/** 'ProjectStatusCounts' return type */
export interface IProjectStatusCountsResult {
  projectCount: string | null;
  /** Lifecycle state. */
  status: project_status;
}

/** 'ProjectStatusCounts' query type */
export interface IProjectStatusCountsQuery {
  params: IProjectStatusCountsParams;
  result: IProjectStatusCountsResult;
}

const projectStatusCountsIR: any = {"usedParamSet":{},"params":[],"statement":"-- Dashboard tiles: live projects per status.\nSELECT status, count(*) AS project_count\n  FROM projects\n WHERE archived_at IS NULL\n GROUP BY status\n ORDER BY status"};

/**
 * Query generated from SQL:
 * ```
 * -- Dashboard tiles: live projects per status.
 * SELECT status, count(*) AS project_count
 *   FROM projects
 *  WHERE archived_at IS NULL
 *  GROUP BY status
 *  ORDER BY status
 * ```
 */
export const projectStatusCounts = new PreparedQuery<IProjectStatusCountsParams,IProjectStatusCountsResult>(projectStatusCountsIR);


