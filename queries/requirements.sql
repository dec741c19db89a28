/* @name RequirementTree */
-- The requirement tree of a project, depth-first, with depth and path.
-- Index: requirements_organization_id_project_id_id_key and idx_requirements_project_id_parent_id.
WITH RECURSIVE tree AS (
  SELECT r.id, r.parent_id, r.title, r.priority, r.validated_at, 0 AS depth, ARRAY[r.id] AS path
    FROM requirements r
   WHERE r.project_id = :projectId! AND r.parent_id IS NULL AND r.archived_at IS NULL
  UNION ALL
  SELECT c.id, c.parent_id, c.title, c.priority, c.validated_at, t.depth + 1, t.path || c.id
    FROM tree t
    JOIN requirements c ON c.organization_id = current_tenant() AND c.project_id = :projectId! AND c.parent_id = t.id
   WHERE c.archived_at IS NULL
)
SELECT id, parent_id, title, priority, validated_at, depth
  FROM tree
 ORDER BY path;

/* @name CreateRequirement */
INSERT INTO requirements (organization_id, project_id, parent_id, created_by, title, description, priority, category)
VALUES (current_tenant(), :projectId!, :parentId, current_app_user(), :title!, :description, :priority!, :category)
RETURNING id, version;

/* @name ValidateRequirement */
-- Marks a requirement validated, with optimistic locking.
UPDATE requirements
   SET validated_at = now(), validation_notes = :notes
 WHERE id = :id! AND version = :version!
RETURNING id, validated_at, version;
