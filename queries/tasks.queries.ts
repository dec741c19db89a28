/** Types generated for queries found in "queries/tasks.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type task_status = 'cancelled' | 'deferred' | 'done' | 'in_progress' | 'review' | 'todo';

export type DateOrString = Date | string;

export type NumberOrString = number | string;

/** 'TaskBoardForAssignee' parameters type */
export interface ITaskBoardForAssigneeParams {
  assigneeId: string;
  limit: NumberOrString;
  statuses: readonly (task_status)[];
}

/** 'TaskBoardForAssignee' return type */
export interface ITaskBoardForAssigneeResult {
  /** Surrogate key. */
  id: string;
  /** Planned end date (not before planned_start). */
  plannedEnd: Date | null;
  /** 1 (highest) to 5. */
  priority: number;
  /** Completion, 0 to 100. */
  progressPercent: number;
  /** Owning project. */
  projectId: string;
  /** Project name (full-text and trigram searchable). */
  projectName: string;
  /** Board column. */
  status: task_status;
  /** Short statement of the work. */
  title: string;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'TaskBoardForAssignee' query type */
export interface ITaskBoardForAssigneeQuery {
  params: ITaskBoardForAssigneeParams;
  result: ITaskBoardForAssigneeResult;
}

const taskBoardForAssigneeIR: any = {"usedParamSet":{"assigneeId":true,"statuses":true,"limit":true},"params":[{"name":"statuses","required":true,"transform":{"type":"array_spread"},"locs":[{"a":518,"b":527}]},{"name":"assigneeId","required":true,"transform":{"type":"scalar"},"locs":[{"a":486,"b":497}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":628,"b":634}]}],"statement":"-- A member's board: their live tasks in the given statuses, by status then priority.\n-- Index: idx_tasks_assignee_id_status_priority (organization_id, assignee_id, status, priority).\n-- @uses idx_tasks_assignee_id_status_priority\nSELECT t.id, t.project_id, p.name AS project_name, t.title, t.status, t.priority,\n       t.planned_end, t.progress_percent, t.version\n  FROM tasks t\n  JOIN projects p ON p.id = t.project_id AND p.organization_id = t.organization_id\n WHERE t.assignee_id = :assigneeId!\n   AND t.status IN :statuses!\n   AND t.archived_at IS NULL\n ORDER BY t.status, t.priority, t.planned_end NULLS LAST, t.id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- A member's board: their live tasks in the given statuses, by status then priority.
 * -- Index: idx_tasks_assignee_id_status_priority (organization_id, assignee_id, status, priority).
 * -- @uses idx_tasks_assignee_id_status_priority
 * SELECT t.id, t.project_id, p.name AS project_name, t.title, t.status, t.priority,
 *        t.planned_end, t.progress_percent, t.version
 *   FROM tasks t
 *   JOIN projects p ON p.id = t.project_id AND p.organization_id = t.organization_id
 *  WHERE t.assignee_id = :assigneeId!
 *    AND t.status IN :statuses!
 *    AND t.archived_at IS NULL
 *  ORDER BY t.status, t.priority, t.planned_end NULLS LAST, t.id
 *  LIMIT :limit!
 * ```
 */
export const taskBoardForAssignee = new PreparedQuery<ITaskBoardForAssigneeParams,ITaskBoardForAssigneeResult>(taskBoardForAssigneeIR);


/** 'ProjectTaskBoard' parameters type */
export interface IProjectTaskBoardParams {
  projectId: string;
}

/** 'ProjectTaskBoard' return type */
export interface IProjectTaskBoardResult {
  estimatedHours: string | null;
  /** Board column. */
  status: task_status;
  taskCount: string | null;
}

/** 'ProjectTaskBoard' query type */
export interface IProjectTaskBoardQuery {
  params: IProjectTaskBoardParams;
  result: IProjectTaskBoardResult;
}

const projectTaskBoardIR: any = {"usedParamSet":{"projectId":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":208,"b":218}]}],"statement":"-- Column counts of a project's board. Index: idx_tasks_project_id_status (partial, live rows).\nSELECT status, count(*) AS task_count, sum(estimated_hours) AS estimated_hours\n  FROM tasks\n WHERE project_id = :projectId! AND archived_at IS NULL\n GROUP BY status\n ORDER BY status"};

/**
 * Query generated from SQL:
 * ```
 * -- Column counts of a project's board. Index: idx_tasks_project_id_status (partial, live rows).
 * SELECT status, count(*) AS task_count, sum(estimated_hours) AS estimated_hours
 *   FROM tasks
 *  WHERE project_id = :projectId! AND archived_at IS NULL
 *  GROUP BY status
 *  ORDER BY status
 * ```
 */
export const projectTaskBoard = new PreparedQuery<IProjectTaskBoardParams,IProjectTaskBoardResult>(projectTaskBoardIR);


/** 'TaskDependencyGraph' parameters type */
export interface ITaskDependencyGraphParams {
  projectId: string;
  taskId: string;
}

/** 'TaskDependencyGraph' return type */
export interface ITaskDependencyGraphResult {
  direction: string | null;
  distance: number | null;
  /** Surrogate key. */
  id: string;
  /** Board column. */
  status: task_status;
  /** Short statement of the work. */
  title: string;
}

/** 'TaskDependencyGraph' query type */
export interface ITaskDependencyGraphQuery {
  params: ITaskDependencyGraphParams;
  result: ITaskDependencyGraphResult;
}

const taskDependencyGraphIR: any = {"usedParamSet":{"projectId":true,"taskId":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":384,"b":394},{"a":577,"b":587},{"a":715,"b":725},{"a":910,"b":920}]},{"name":"taskId","required":true,"transform":{"type":"scalar"},"locs":[{"a":412,"b":419},{"a":754,"b":761}]}],"statement":"-- Every task the given task transitively depends on (direction 'upstream') and every task that\n-- transitively depends on it ('downstream'), with the distance in edges.\n-- Index: task_dependencies_pkey and idx_task_dependencies_project_id_depends_on.\nWITH RECURSIVE up AS (\n  SELECT d.depends_on_task_id AS task_id, 1 AS distance\n    FROM task_dependencies d\n   WHERE d.project_id = :projectId! AND d.task_id = :taskId!\n  UNION\n  SELECT d.depends_on_task_id, u.distance + 1\n    FROM up u\n    JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.task_id = u.task_id\n), down AS (\n  SELECT d.task_id, 1 AS distance\n    FROM task_dependencies d\n   WHERE d.project_id = :projectId! AND d.depends_on_task_id = :taskId!\n  UNION\n  SELECT d.task_id, w.distance + 1\n    FROM down w\n    JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.depends_on_task_id = w.task_id\n), edges AS (\n  SELECT task_id, min(distance) AS distance, 'upstream' AS direction FROM up GROUP BY task_id\n  UNION ALL\n  SELECT task_id, min(distance), 'downstream' FROM down GROUP BY task_id\n)\nSELECT e.direction, e.distance, t.id, t.title, t.status\n  FROM edges e\n  JOIN tasks t ON t.id = e.task_id\n ORDER BY e.direction, e.distance, t.id"};

/**
 * Query generated from SQL:
 * ```
 * -- Every task the given task transitively depends on (direction 'upstream') and every task that
 * -- transitively depends on it ('downstream'), with the distance in edges.
 * -- Index: task_dependencies_pkey and idx_task_dependencies_project_id_depends_on.
 * WITH RECURSIVE up AS (
 *   SELECT d.depends_on_task_id AS task_id, 1 AS distance
 *     FROM task_dependencies d
 *    WHERE d.project_id = :projectId! AND d.task_id = :taskId!
 *   UNION
 *   SELECT d.depends_on_task_id, u.distance + 1
 *     FROM up u
 *     JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.task_id = u.task_id
 * ), down AS (
 *   SELECT d.task_id, 1 AS distance
 *     FROM task_dependencies d
 *    WHERE d.project_id = :projectId! AND d.depends_on_task_id = :taskId!
 *   UNION
 *   SELECT d.task_id, w.distance + 1
 *     FROM down w
 *     JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.depends_on_task_id = w.task_id
 * ), edges AS (
 *   SELECT task_id, min(distance) AS distance, 'upstream' AS direction FROM up GROUP BY task_id
 *   UNION ALL
 *   SELECT task_id, min(distance), 'downstream' FROM down GROUP BY task_id
 * )
 * SELECT e.direction, e.distance, t.id, t.title, t.status
 *   FROM edges e
 *   JOIN tasks t ON t.id = e.task_id
 *  ORDER BY e.direction, e.distance, t.id
 * ```
 */
export const taskDependencyGraph = new PreparedQuery<ITaskDependencyGraphParams,ITaskDependencyGraphResult>(taskDependencyGraphIR);


/** 'AddTaskDependency' parameters type */
export interface IAddTaskDependencyParams {
  dependsOnTaskId: string;
  projectId: string;
  taskId: string;
}

/** 'AddTaskDependency' return type */
export interface IAddTaskDependencyResult {
  /** Prerequisite task. */
  dependsOnTaskId: string;
  /** Dependent task. */
  taskId: string;
}

/** 'AddTaskDependency' query type */
export interface IAddTaskDependencyQuery {
  params: IAddTaskDependencyParams;
  result: IAddTaskDependencyResult;
}

const addTaskDependencyIR: any = {"usedParamSet":{"projectId":true,"taskId":true,"dependsOnTaskId":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":218,"b":228}]},{"name":"taskId","required":true,"transform":{"type":"scalar"},"locs":[{"a":231,"b":238}]},{"name":"dependsOnTaskId","required":true,"transform":{"type":"scalar"},"locs":[{"a":241,"b":257}]}],"statement":"-- Fails with SQLSTATE 23000 (constraint task_dependencies_acyclic) when the edge would close a cycle.\nINSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id)\nVALUES (current_tenant(), :projectId!, :taskId!, :dependsOnTaskId!)\nRETURNING task_id, depends_on_task_id"};

/**
 * Query generated from SQL:
 * ```
 * -- Fails with SQLSTATE 23000 (constraint task_dependencies_acyclic) when the edge would close a cycle.
 * INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id)
 * VALUES (current_tenant(), :projectId!, :taskId!, :dependsOnTaskId!)
 * RETURNING task_id, depends_on_task_id
 * ```
 */
export const addTaskDependency = new PreparedQuery<IAddTaskDependencyParams,IAddTaskDependencyResult>(addTaskDependencyIR);


/** 'CreateTask' parameters type */
export interface ICreateTaskParams {
  assigneeId?: string | null | void;
  description?: string | null | void;
  estimatedHours?: NumberOrString | null | void;
  parentId?: string | null | void;
  plannedEnd?: DateOrString | null | void;
  plannedStart?: DateOrString | null | void;
  priority: number;
  projectId: string;
  requirementId?: string | null | void;
  title: string;
}

/** 'CreateTask' return type */
export interface ICreateTaskResult {
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'CreateTask' query type */
export interface ICreateTaskQuery {
  params: ICreateTaskParams;
  result: ICreateTaskResult;
}

const createTaskIR: any = {"usedParamSet":{"projectId":true,"parentId":true,"requirementId":true,"assigneeId":true,"title":true,"description":true,"priority":true,"estimatedHours":true,"plannedStart":true,"plannedEnd":true},"params":[{"name":"projectId","required":true,"transform":{"type":"scalar"},"locs":[{"a":220,"b":230}]},{"name":"parentId","required":false,"transform":{"type":"scalar"},"locs":[{"a":233,"b":241}]},{"name":"requirementId","required":false,"transform":{"type":"scalar"},"locs":[{"a":244,"b":257}]},{"name":"assigneeId","required":false,"transform":{"type":"scalar"},"locs":[{"a":280,"b":290}]},{"name":"title","required":true,"transform":{"type":"scalar"},"locs":[{"a":293,"b":299}]},{"name":"description","required":false,"transform":{"type":"scalar"},"locs":[{"a":310,"b":321}]},{"name":"priority","required":true,"transform":{"type":"scalar"},"locs":[{"a":324,"b":333}]},{"name":"estimatedHours","required":false,"transform":{"type":"scalar"},"locs":[{"a":336,"b":350}]},{"name":"plannedStart","required":false,"transform":{"type":"scalar"},"locs":[{"a":353,"b":365}]},{"name":"plannedEnd","required":false,"transform":{"type":"scalar"},"locs":[{"a":368,"b":378}]}],"statement":"INSERT INTO tasks (organization_id, project_id, parent_id, requirement_id, created_by, assignee_id, title,\n                   description, priority, estimated_hours, planned_start, planned_end)\nVALUES (current_tenant(), :projectId!, :parentId, :requirementId, current_app_user(), :assigneeId, :title!,\n        :description, :priority!, :estimatedHours, :plannedStart, :plannedEnd)\nRETURNING id, version, created_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO tasks (organization_id, project_id, parent_id, requirement_id, created_by, assignee_id, title,
 *                    description, priority, estimated_hours, planned_start, planned_end)
 * VALUES (current_tenant(), :projectId!, :parentId, :requirementId, current_app_user(), :assigneeId, :title!,
 *         :description, :priority!, :estimatedHours, :plannedStart, :plannedEnd)
 * RETURNING id, version, created_at
 * ```
 */
export const createTask = new PreparedQuery<ICreateTaskParams,ICreateTaskResult>(createTaskIR);


/** 'MoveTask' parameters type */
export interface IMoveTaskParams {
  id: string;
  status: task_status;
  version: number;
}

/** 'MoveTask' return type */
export interface IMoveTaskResult {
  /** Surrogate key. */
  id: string;
  /** Board column. */
  status: task_status;
  /** Optimistic-locking version, incremented by trigger. */
  version: number;
}

/** 'MoveTask' query type */
export interface IMoveTaskQuery {
  params: IMoveTaskParams;
  result: IMoveTaskResult;
}

const moveTaskIR: any = {"usedParamSet":{"status":true,"id":true,"version":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":123,"b":130},{"a":184,"b":191},{"a":317,"b":324}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":394,"b":397}]},{"name":"version","required":true,"transform":{"type":"scalar"},"locs":[{"a":413,"b":421}]}],"statement":"-- Moves a task to another board column with optimistic locking; no row = stale version.\nUPDATE tasks\n   SET status = CAST(:status! AS task_status),\n       started_at = CASE WHEN CAST(:status! AS task_status) = 'in_progress' AND started_at IS NULL THEN now() ELSE started_at END,\n       completed_at = CASE WHEN CAST(:status! AS task_status) IN ('done', 'cancelled') THEN now() END\n WHERE id = :id! AND version = :version!\nRETURNING id, status, version"};

/**
 * Query generated from SQL:
 * ```
 * -- Moves a task to another board column with optimistic locking; no row = stale version.
 * UPDATE tasks
 *    SET status = CAST(:status! AS task_status),
 *        started_at = CASE WHEN CAST(:status! AS task_status) = 'in_progress' AND started_at IS NULL THEN now() ELSE started_at END,
 *        completed_at = CASE WHEN CAST(:status! AS task_status) IN ('done', 'cancelled') THEN now() END
 *  WHERE id = :id! AND version = :version!
 * RETURNING id, status, version
 * ```
 */
export const moveTask = new PreparedQuery<IMoveTaskParams,IMoveTaskResult>(moveTaskIR);


/** 'SearchTasks' parameters type */
export interface ISearchTasksParams {
  limit: NumberOrString;
  query: string;
}

/** 'SearchTasks' return type */
export interface ISearchTasksResult {
  /** Surrogate key. */
  id: string;
  /** Owning project. */
  projectId: string;
  rank: number | null;
  /** Board column. */
  status: task_status;
  /** Short statement of the work. */
  title: string;
}

/** 'SearchTasks' query type */
export interface ISearchTasksQuery {
  params: ISearchTasksParams;
  result: ISearchTasksResult;
}

const searchTasksIR: any = {"usedParamSet":{"query":true,"limit":true},"params":[{"name":"query","required":true,"transform":{"type":"scalar"},"locs":[{"a":550,"b":556}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":659,"b":665}]}],"statement":"-- Full-text search over task titles and descriptions, within the tenant. Under the tenant policy `@@`\n-- cannot be an index condition (ts_match_vq is not leakproof), so idx_tasks_search_vector is out of\n-- reach: the tenant's live tasks are read from idx_tasks_search_covering, which holds all this returns\n-- (no @uses: at the plan suite's scale 2 a tenant's tasks sit on a few heap pages and a bitmap scan wins).\nSELECT t.id, t.project_id, t.title, t.status, ts_rank(t.search_vector, query) AS rank\n  FROM tasks t, websearch_to_tsquery('english', :query!) AS query\n WHERE t.search_vector @@ query AND t.archived_at IS NULL\n ORDER BY rank DESC, t.id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Full-text search over task titles and descriptions, within the tenant. Under the tenant policy `@@`
 * -- cannot be an index condition (ts_match_vq is not leakproof), so idx_tasks_search_vector is out of
 * -- reach: the tenant's live tasks are read from idx_tasks_search_covering, which holds all this returns
 * -- (no @uses: at the plan suite's scale 2 a tenant's tasks sit on a few heap pages and a bitmap scan wins).
 * SELECT t.id, t.project_id, t.title, t.status, ts_rank(t.search_vector, query) AS rank
 *   FROM tasks t, websearch_to_tsquery('english', :query!) AS query
 *  WHERE t.search_vector @@ query AND t.archived_at IS NULL
 *  ORDER BY rank DESC, t.id
 *  LIMIT :limit!
 * ```
 */
export const searchTasks = new PreparedQuery<ISearchTasksParams,ISearchTasksResult>(searchTasksIR);


