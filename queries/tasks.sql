/*
  @name TaskBoardForAssignee
  @param statuses -> (...)
*/
-- A member's board: their live tasks in the given statuses, by status then priority.
-- Index: idx_tasks_assignee_id_status_priority (organization_id, assignee_id, status, priority).
-- @uses idx_tasks_assignee_id_status_priority
SELECT t.id, t.project_id, p.name AS project_name, t.title, t.status, t.priority,
       t.planned_end, t.progress_percent, t.version
  FROM tasks t
  JOIN projects p ON p.id = t.project_id AND p.organization_id = t.organization_id
 WHERE t.assignee_id = :assigneeId!
   AND t.status IN :statuses!
   AND t.archived_at IS NULL
 ORDER BY t.status, t.priority, t.planned_end NULLS LAST, t.id
 LIMIT :limit!;

/* @name ProjectTaskBoard */
-- Column counts of a project's board. Index: idx_tasks_project_id_status (partial, live rows).
SELECT status, count(*) AS task_count, sum(estimated_hours) AS estimated_hours
  FROM tasks
 WHERE project_id = :projectId! AND archived_at IS NULL
 GROUP BY status
 ORDER BY status;

/* @name TaskDependencyGraph */
-- Every task the given task transitively depends on (direction 'upstream') and every task that
-- transitively depends on it ('downstream'), with the distance in edges.
-- Index: task_dependencies_pkey and idx_task_dependencies_project_id_depends_on.
WITH RECURSIVE up AS (
  SELECT d.depends_on_task_id AS task_id, 1 AS distance
    FROM task_dependencies d
   WHERE d.project_id = :projectId! AND d.task_id = :taskId!
  UNION
  SELECT d.depends_on_task_id, u.distance + 1
    FROM up u
    JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.task_id = u.task_id
), down AS (
  SELECT d.task_id, 1 AS distance
    FROM task_dependencies d
   WHERE d.project_id = :projectId! AND d.depends_on_task_id = :taskId!
  UNION
  SELECT d.task_id, w.distance + 1
    FROM down w
    JOIN task_dependencies d ON d.organization_id = current_tenant() AND d.project_id = :projectId! AND d.depends_on_task_id = w.task_id
), edges AS (
  SELECT task_id, min(distance) AS distance, 'upstream' AS direction FROM up GROUP BY task_id
  UNION ALL
  SELECT task_id, min(distance), 'downstream' FROM down GROUP BY task_id
)
SELECT e.direction, e.distance, t.id, t.title, t.status
  FROM edges e
  JOIN tasks t ON t.id = e.task_id
 ORDER BY e.direction, e.distance, t.id;

/* @name AddTaskDependency */
-- Fails with SQLSTATE 23000 (constraint task_dependencies_acyclic) when the edge would close a cycle.
INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id)
VALUES (current_tenant(), :projectId!, :taskId!, :dependsOnTaskId!)
RETURNING task_id, depends_on_task_id;

/* @name CreateTask */
INSERT INTO tasks (organization_id, project_id, parent_id, requirement_id, created_by, assignee_id, title,
                   description, priority, estimated_hours, planned_start, planned_end)
VALUES (current_tenant(), :projectId!, :parentId, :requirementId, current_app_user(), :assigneeId, :title!,
        :description, :priority!, :estimatedHours, :plannedStart, :plannedEnd)
RETURNING id, version, created_at;

/* @name MoveTask */
-- Moves a task to another board column with optimistic locking; no row = stale version.
UPDATE tasks
   SET status = CAST(:status! AS task_status),
       started_at = CASE WHEN CAST(:status! AS task_status) = 'in_progress' AND started_at IS NULL THEN now() ELSE started_at END,
       completed_at = CASE WHEN CAST(:status! AS task_status) IN ('done', 'cancelled') THEN now() END
 WHERE id = :id! AND version = :version!
RETURNING id, status, version;

/* @name SearchTasks */
-- Full-text search over task titles and descriptions, within the tenant. Under the tenant policy `@@`
-- cannot be an index condition (ts_match_vq is not leakproof), so idx_tasks_search_vector is out of
-- reach: the tenant's live tasks are read from idx_tasks_search_covering, which holds all this returns
-- (no @uses: at the plan suite's scale 2 a tenant's tasks sit on a few heap pages and a bitmap scan wins).
SELECT t.id, t.project_id, t.title, t.status, ts_rank(t.search_vector, query) AS rank
  FROM tasks t, websearch_to_tsquery('english', :query!) AS query
 WHERE t.search_vector @@ query AND t.archived_at IS NULL
 ORDER BY rank DESC, t.id
 LIMIT :limit!;
