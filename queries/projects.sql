/* @name ListProjectsByStatus */
-- Live projects of the tenant in one status, newest first, keyset-paginated on (created_at, id):
-- pass the last row's created_at and id to get the next page.
-- Index: idx_projects_status_created_at (organization_id, status, created_at DESC, id DESC) WHERE archived_at IS NULL.
-- @uses idx_projects_status_created_at
SELECT id, name, status, project_type, complexity_score, created_at, updated_at, version
  FROM projects
 WHERE status = :status!
   AND archived_at IS NULL
   AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
        OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
 ORDER BY created_at DESC, id DESC
 LIMIT :limit!;

/* @name SearchProjects */
-- Full-text search over name and description, best match first.
-- Index: idx_projects_search_vector (GIN on the generated search_vector).
SELECT id, name, status, ts_rank(search_vector, query) AS rank
  FROM projects, websearch_to_tsquery('english', :query!) AS query
 WHERE search_vector @@ query
   AND archived_at IS NULL
 ORDER BY rank DESC, id
 LIMIT :limit!;

/* @name FindProjectsByName */
-- Fuzzy name lookup for autocomplete (typos tolerated). Index: idx_projects_name_trgm.
SELECT id, name, similarity(name, :term!) AS score
  FROM projects
 WHERE name % :term!
   AND archived_at IS NULL
 ORDER BY score DESC, id
 LIMIT :limit!;

/* @name GetProject */
SELECT id, organization_id, created_by, name, description, status, project_type, industry,
       complexity_score, estimated_duration_weeks, estimated_budget, currency, technology_stack,
       version, archived_at, created_at, updated_at
  FROM projects
 WHERE id = :id!;

/* @name CreateProject */
-- organization_id comes from the tenant context, so a caller cannot write into another tenant.
INSERT INTO projects (organization_id, created_by, name, description, status, complexity_score)
VALUES (current_tenant(), current_app_user(), :name!, :description, :status!, :complexityScore)
RETURNING id, version, created_at;

/* @name UpdateProjectStatus */
-- Optimistic locking: no row comes back when someone else changed the project since `version` was read.
UPDATE projects
   SET status = :status!
 WHERE id = :id! AND version = :version!
RETURNING id, status, version, updated_at;

/* @name ArchiveProject */
-- Soft delete.
UPDATE projects
   SET archived_at = now()
 WHERE id = :id! AND archived_at IS NULL
RETURNING id, archived_at;

/* @name ProjectStatusCounts */
-- Dashboard tiles: live projects per status.
SELECT status, count(*) AS project_count
  FROM projects
 WHERE archived_at IS NULL
 GROUP BY status
 ORDER BY status;
