-- Planning: projects, requirement and component trees, component dependencies, analyses, task trees and
-- task dependencies. Every table is tenant-scoped: it carries organization_id and every foreign key to
-- another tenant table includes it, so a row can never point into another tenant.

CREATE TYPE project_status AS ENUM ('draft', 'active', 'on_hold', 'completed', 'cancelled');
COMMENT ON TYPE project_status IS 'Project lifecycle. Archiving is orthogonal (archived_at), not a status.';
CREATE TYPE component_status AS ENUM ('planned', 'in_progress', 'implemented', 'deprecated');
COMMENT ON TYPE component_status IS 'Implementation state of an architectural component.';
CREATE TYPE analysis_kind AS ENUM ('requirements', 'architecture', 'technology', 'risk', 'quality');
COMMENT ON TYPE analysis_kind IS 'What an analysis examined.';
CREATE TYPE analysis_status AS ENUM ('queued', 'running', 'completed', 'failed');
COMMENT ON TYPE analysis_status IS 'Processing state of an analysis.';
CREATE TYPE task_status AS ENUM ('todo', 'in_progress', 'review', 'done', 'cancelled', 'deferred');
COMMENT ON TYPE task_status IS 'Task board column.';

CREATE TABLE projects (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  created_by       uuid NOT NULL,
  name             text NOT NULL,
  description      text,
  status           project_status NOT NULL DEFAULT 'draft',
  project_type     text,
  industry         text,
  complexity_score smallint,
  estimated_duration_weeks integer,
  estimated_budget numeric(15, 2),
  currency         text NOT NULL DEFAULT 'USD',
  technology_stack text[] NOT NULL DEFAULT '{}',
  version          integer NOT NULL DEFAULT 1,
  archived_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  search_vector    tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
  ) STORED,
  CONSTRAINT projects_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT projects_created_by_fkey FOREIGN KEY (organization_id, created_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT projects_name_check CHECK (length(name) BETWEEN 1 AND 255),
  CONSTRAINT projects_complexity_check CHECK (complexity_score BETWEEN 1 AND 10),
  CONSTRAINT projects_duration_check CHECK (estimated_duration_weeks > 0),
  CONSTRAINT projects_budget_check CHECK (estimated_budget >= 0),
  CONSTRAINT projects_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT projects_version_check CHECK (version > 0)
);
COMMENT ON TABLE projects IS 'The planning unit of a tenant: requirements, architecture, analyses and tasks hang off a project.';
COMMENT ON COLUMN projects.id IS 'Surrogate key.';
COMMENT ON COLUMN projects.organization_id IS 'Tenant.';
COMMENT ON COLUMN projects.created_by IS 'Member who created the project.';
COMMENT ON COLUMN projects.name IS 'Project name (full-text and trigram searchable).';
COMMENT ON COLUMN projects.description IS 'Long description (full-text searchable).';
COMMENT ON COLUMN projects.status IS 'Lifecycle state.';
COMMENT ON COLUMN projects.project_type IS 'Free classification, e.g. greenfield, migration.';
COMMENT ON COLUMN projects.industry IS 'Industry of the customer.';
COMMENT ON COLUMN projects.complexity_score IS 'Estimated complexity, 1 (trivial) to 10.';
COMMENT ON COLUMN projects.estimated_duration_weeks IS 'Planned duration in weeks.';
COMMENT ON COLUMN projects.estimated_budget IS 'Planned budget in currency.';
COMMENT ON COLUMN projects.currency IS 'ISO 4217 currency code of the budget.';
COMMENT ON COLUMN projects.technology_stack IS 'Technology labels (plain values, not references to other rows).';
COMMENT ON COLUMN projects.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN projects.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN projects.created_at IS 'Row creation time.';
COMMENT ON COLUMN projects.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN projects.search_vector IS 'Generated full-text vector over name (weight A) and description (B).';
-- Listing: live projects of a tenant by status, newest first, keyset on (created_at, id).
CREATE INDEX idx_projects_status_created_at ON projects (organization_id, status, created_at DESC, id DESC) WHERE archived_at IS NULL;
CREATE INDEX idx_projects_created_by ON projects (organization_id, created_by);
CREATE INDEX idx_projects_search_vector ON projects USING gin (search_vector);
CREATE TRIGGER trg_projects_updated_at BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_projects_version BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE requirements (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  parent_id       uuid,
  created_by      uuid NOT NULL,
  title           text NOT NULL,
  description     text,
  acceptance_criteria text[] NOT NULL DEFAULT '{}',
  priority        smallint NOT NULL DEFAULT 3,
  category        text,
  complexity_score smallint,
  effort_estimate_hours integer,
  validated_at    timestamptz,
  validation_notes text,
  version         integer NOT NULL DEFAULT 1,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  search_vector   tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
  ) STORED,
  CONSTRAINT requirements_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT requirements_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id),
  CONSTRAINT requirements_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  -- The parent must be in the same project (and so the same tenant).
  CONSTRAINT requirements_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id)
    REFERENCES requirements (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT requirements_created_by_fkey FOREIGN KEY (organization_id, created_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT requirements_parent_check CHECK (parent_id IS DISTINCT FROM id),
  CONSTRAINT requirements_title_check CHECK (length(title) BETWEEN 1 AND 255),
  CONSTRAINT requirements_priority_check CHECK (priority BETWEEN 1 AND 5),
  CONSTRAINT requirements_complexity_check CHECK (complexity_score BETWEEN 1 AND 10),
  CONSTRAINT requirements_effort_check CHECK (effort_estimate_hours >= 0),
  CONSTRAINT requirements_version_check CHECK (version > 0)
);
COMMENT ON TABLE requirements IS 'Requirements of a project, as a tree (parent_id within the same project).';
COMMENT ON COLUMN requirements.id IS 'Surrogate key.';
COMMENT ON COLUMN requirements.organization_id IS 'Tenant.';
COMMENT ON COLUMN requirements.project_id IS 'Owning project.';
COMMENT ON COLUMN requirements.parent_id IS 'Parent requirement in the same project; NULL for a root.';
COMMENT ON COLUMN requirements.created_by IS 'Member who wrote it.';
COMMENT ON COLUMN requirements.title IS 'Short statement.';
COMMENT ON COLUMN requirements.description IS 'Full text.';
COMMENT ON COLUMN requirements.acceptance_criteria IS 'Ordered acceptance criteria (values, not references).';
COMMENT ON COLUMN requirements.priority IS '1 (highest) to 5.';
COMMENT ON COLUMN requirements.category IS 'Free classification, e.g. functional, security.';
COMMENT ON COLUMN requirements.complexity_score IS 'Estimated complexity, 1 to 10.';
COMMENT ON COLUMN requirements.effort_estimate_hours IS 'Estimated effort in hours.';
COMMENT ON COLUMN requirements.validated_at IS 'When it was validated; NULL = not validated (replaces a boolean flag).';
COMMENT ON COLUMN requirements.validation_notes IS 'Notes from validation.';
COMMENT ON COLUMN requirements.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN requirements.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN requirements.created_at IS 'Row creation time.';
COMMENT ON COLUMN requirements.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN requirements.search_vector IS 'Generated full-text vector over title and description.';
-- The unique (organization_id, project_id, id) supports the project FK and project listings.
CREATE INDEX idx_requirements_project_id_parent_id ON requirements (organization_id, project_id, parent_id);
CREATE INDEX idx_requirements_created_by ON requirements (organization_id, created_by);
CREATE INDEX idx_requirements_search_vector ON requirements USING gin (search_vector);
CREATE TRIGGER trg_requirements_updated_at BEFORE UPDATE ON requirements FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_requirements_version BEFORE UPDATE ON requirements FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE architectural_components (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  parent_id       uuid,
  name            text NOT NULL,
  component_type  text NOT NULL,
  description     text,
  technology      text,
  status          component_status NOT NULL DEFAULT 'planned',
  quality_attributes jsonb NOT NULL DEFAULT '{}',
  version         integer NOT NULL DEFAULT 1,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT architectural_components_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT architectural_components_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id),
  CONSTRAINT architectural_components_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT architectural_components_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id)
    REFERENCES architectural_components (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT architectural_components_parent_check CHECK (parent_id IS DISTINCT FROM id),
  CONSTRAINT architectural_components_name_check CHECK (length(name) BETWEEN 1 AND 255),
  CONSTRAINT architectural_components_quality_check CHECK (jsonb_typeof(quality_attributes) = 'object'),
  CONSTRAINT architectural_components_version_check CHECK (version > 0)
);
COMMENT ON TABLE architectural_components IS 'Building blocks of a project''s architecture, as a tree (subsystems contain components).';
COMMENT ON COLUMN architectural_components.id IS 'Surrogate key.';
COMMENT ON COLUMN architectural_components.organization_id IS 'Tenant.';
COMMENT ON COLUMN architectural_components.project_id IS 'Owning project.';
COMMENT ON COLUMN architectural_components.parent_id IS 'Containing component in the same project; NULL for a top-level one.';
COMMENT ON COLUMN architectural_components.name IS 'Component name.';
COMMENT ON COLUMN architectural_components.component_type IS 'Kind of block: service, database, frontend, queue, ...';
COMMENT ON COLUMN architectural_components.description IS 'What it does.';
COMMENT ON COLUMN architectural_components.technology IS 'Main technology used.';
COMMENT ON COLUMN architectural_components.status IS 'Implementation state.';
COMMENT ON COLUMN architectural_components.quality_attributes IS 'Scalability/performance/security targets as a JSON object of free-form attributes.';
COMMENT ON COLUMN architectural_components.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN architectural_components.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN architectural_components.created_at IS 'Row creation time.';
COMMENT ON COLUMN architectural_components.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_architectural_components_project_id_parent_id ON architectural_components (organization_id, project_id, parent_id);
CREATE TRIGGER trg_architectural_components_updated_at BEFORE UPDATE ON architectural_components FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_architectural_components_version BEFORE UPDATE ON architectural_components FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE component_dependencies (
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  component_id    uuid NOT NULL,
  depends_on_component_id uuid NOT NULL,
  kind            text NOT NULL DEFAULT 'runtime',
  description     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT component_dependencies_pkey PRIMARY KEY (organization_id, project_id, component_id, depends_on_component_id),
  CONSTRAINT component_dependencies_component_fkey FOREIGN KEY (organization_id, project_id, component_id)
    REFERENCES architectural_components (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT component_dependencies_depends_on_fkey FOREIGN KEY (organization_id, project_id, depends_on_component_id)
    REFERENCES architectural_components (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT component_dependencies_self_check CHECK (component_id <> depends_on_component_id),
  CONSTRAINT component_dependencies_kind_check CHECK (kind IN ('runtime', 'build', 'data'))
);
COMMENT ON TABLE component_dependencies IS 'Directed dependency edges between components of one project (replaces the seeds'' JSON arrays). Mutual runtime dependencies exist in real systems, so only self-dependency is rejected.';
COMMENT ON COLUMN component_dependencies.organization_id IS 'Tenant.';
COMMENT ON COLUMN component_dependencies.project_id IS 'Project both components belong to.';
COMMENT ON COLUMN component_dependencies.component_id IS 'Dependent component.';
COMMENT ON COLUMN component_dependencies.depends_on_component_id IS 'Component it depends on.';
COMMENT ON COLUMN component_dependencies.kind IS 'runtime, build or data dependency.';
COMMENT ON COLUMN component_dependencies.description IS 'Interface or protocol used.';
COMMENT ON COLUMN component_dependencies.created_at IS 'Row creation time.';
CREATE INDEX idx_component_dependencies_project_id_depends_on ON component_dependencies (organization_id, project_id, depends_on_component_id);

CREATE TABLE analyses (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  requested_by    uuid NOT NULL,
  kind            analysis_kind NOT NULL,
  status          analysis_status NOT NULL DEFAULT 'queued',
  title           text NOT NULL,
  methodology     text,
  findings        jsonb NOT NULL DEFAULT '{}',
  recommendations jsonb NOT NULL DEFAULT '[]',
  confidence_score   numeric(3, 2),
  completeness_score numeric(3, 2),
  model_name      text,
  processing_ms   integer,
  completed_at    timestamptz,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT analyses_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT analyses_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT analyses_requested_by_fkey FOREIGN KEY (organization_id, requested_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT analyses_confidence_check CHECK (confidence_score BETWEEN 0 AND 1),
  CONSTRAINT analyses_completeness_check CHECK (completeness_score BETWEEN 0 AND 1),
  CONSTRAINT analyses_findings_check CHECK (jsonb_typeof(findings) = 'object'),
  CONSTRAINT analyses_recommendations_check CHECK (jsonb_typeof(recommendations) = 'array'),
  CONSTRAINT analyses_completed_check CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CONSTRAINT analyses_processing_check CHECK (processing_ms >= 0)
);
COMMENT ON TABLE analyses IS 'Results of automated analyses of a project. Findings are a document-shaped report (JSONB), not relations.';
COMMENT ON COLUMN analyses.id IS 'Surrogate key.';
COMMENT ON COLUMN analyses.organization_id IS 'Tenant.';
COMMENT ON COLUMN analyses.project_id IS 'Analysed project.';
COMMENT ON COLUMN analyses.requested_by IS 'Member who requested it.';
COMMENT ON COLUMN analyses.kind IS 'What was analysed.';
COMMENT ON COLUMN analyses.status IS 'Processing state.';
COMMENT ON COLUMN analyses.title IS 'Report title.';
COMMENT ON COLUMN analyses.methodology IS 'Method used.';
COMMENT ON COLUMN analyses.findings IS 'Report body as a JSON object.';
COMMENT ON COLUMN analyses.recommendations IS 'Ordered recommendations as a JSON array of report entries.';
COMMENT ON COLUMN analyses.confidence_score IS 'Confidence in the result, 0 to 1.';
COMMENT ON COLUMN analyses.completeness_score IS 'Coverage of the input, 0 to 1.';
COMMENT ON COLUMN analyses.model_name IS 'Model that produced the analysis.';
COMMENT ON COLUMN analyses.processing_ms IS 'Processing time in milliseconds.';
COMMENT ON COLUMN analyses.completed_at IS 'When status became completed.';
COMMENT ON COLUMN analyses.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN analyses.created_at IS 'Row creation time.';
COMMENT ON COLUMN analyses.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_analyses_project_id_kind_created_at ON analyses (organization_id, project_id, kind, created_at DESC);
CREATE INDEX idx_analyses_requested_by ON analyses (organization_id, requested_by);
CREATE TRIGGER trg_analyses_updated_at BEFORE UPDATE ON analyses FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE tasks (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  parent_id       uuid,
  requirement_id  uuid,
  created_by      uuid NOT NULL,
  assignee_id     uuid,
  title           text NOT NULL,
  description     text,
  work_type       text,
  status          task_status NOT NULL DEFAULT 'todo',
  priority        smallint NOT NULL DEFAULT 3,
  complexity_score smallint,
  estimated_hours numeric(7, 2),
  actual_hours    numeric(7, 2),
  progress_percent smallint NOT NULL DEFAULT 0,
  planned_start   date,
  planned_end     date,
  started_at      timestamptz,
  completed_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  search_vector   tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
  ) STORED,
  CONSTRAINT tasks_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT tasks_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id),
  CONSTRAINT tasks_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT tasks_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id)
    REFERENCES tasks (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT tasks_requirement_fkey FOREIGN KEY (organization_id, project_id, requirement_id)
    REFERENCES requirements (organization_id, project_id, id) ON DELETE SET NULL (requirement_id),
  CONSTRAINT tasks_created_by_fkey FOREIGN KEY (organization_id, created_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT tasks_assignee_fkey FOREIGN KEY (organization_id, assignee_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT tasks_parent_check CHECK (parent_id IS DISTINCT FROM id),
  CONSTRAINT tasks_title_check CHECK (length(title) BETWEEN 1 AND 255),
  CONSTRAINT tasks_priority_check CHECK (priority BETWEEN 1 AND 5),
  CONSTRAINT tasks_complexity_check CHECK (complexity_score BETWEEN 1 AND 10),
  CONSTRAINT tasks_hours_check CHECK (estimated_hours >= 0 AND actual_hours >= 0),
  CONSTRAINT tasks_progress_check CHECK (progress_percent BETWEEN 0 AND 100),
  CONSTRAINT tasks_planned_check CHECK (planned_end >= planned_start),
  CONSTRAINT tasks_completed_check CHECK (completed_at IS NULL OR status IN ('done', 'cancelled')),
  CONSTRAINT tasks_version_check CHECK (version > 0)
);
COMMENT ON TABLE tasks IS 'Work breakdown of a project, as a tree; dependencies live in task_dependencies.';
COMMENT ON COLUMN tasks.id IS 'Surrogate key.';
COMMENT ON COLUMN tasks.organization_id IS 'Tenant.';
COMMENT ON COLUMN tasks.project_id IS 'Owning project.';
COMMENT ON COLUMN tasks.parent_id IS 'Parent task in the same project; NULL for a top-level task.';
COMMENT ON COLUMN tasks.requirement_id IS 'Requirement this task implements (same project), for traceability.';
COMMENT ON COLUMN tasks.created_by IS 'Member who created the task.';
COMMENT ON COLUMN tasks.assignee_id IS 'Member working on it; must be a member of the tenant.';
COMMENT ON COLUMN tasks.title IS 'Short statement of the work.';
COMMENT ON COLUMN tasks.description IS 'Details.';
COMMENT ON COLUMN tasks.work_type IS 'Free classification, e.g. design, build, test.';
COMMENT ON COLUMN tasks.status IS 'Board column.';
COMMENT ON COLUMN tasks.priority IS '1 (highest) to 5.';
COMMENT ON COLUMN tasks.complexity_score IS 'Estimated complexity, 1 to 10.';
COMMENT ON COLUMN tasks.estimated_hours IS 'Estimate in hours.';
COMMENT ON COLUMN tasks.actual_hours IS 'Hours spent.';
COMMENT ON COLUMN tasks.progress_percent IS 'Completion, 0 to 100.';
COMMENT ON COLUMN tasks.planned_start IS 'Planned start date.';
COMMENT ON COLUMN tasks.planned_end IS 'Planned end date (not before planned_start).';
COMMENT ON COLUMN tasks.started_at IS 'When work started.';
COMMENT ON COLUMN tasks.completed_at IS 'When it reached done or cancelled.';
COMMENT ON COLUMN tasks.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN tasks.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN tasks.created_at IS 'Row creation time.';
COMMENT ON COLUMN tasks.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN tasks.search_vector IS 'Generated full-text vector over title and description.';
-- Board: a member's tasks by status and priority. Not partial, because it also supports the assignee FK.
CREATE INDEX idx_tasks_assignee_id_status_priority ON tasks (organization_id, assignee_id, status, priority);
-- Project board: live tasks of a project by status.
CREATE INDEX idx_tasks_project_id_status ON tasks (organization_id, project_id, status, priority) WHERE archived_at IS NULL;
CREATE INDEX idx_tasks_project_id_parent_id ON tasks (organization_id, project_id, parent_id);
CREATE INDEX idx_tasks_project_id_requirement_id ON tasks (organization_id, project_id, requirement_id) WHERE requirement_id IS NOT NULL;
CREATE INDEX idx_tasks_created_by ON tasks (organization_id, created_by);
CREATE INDEX idx_tasks_search_vector ON tasks USING gin (search_vector);
-- Tenant-scoped task search. Under the forced tenant policy the planner may not use `@@` (ts_match_vq is
-- not leakproof) as an index condition, so the GIN index above cannot serve an application role: the
-- search reads every live task of the tenant. This covering index holds them together with everything
-- the search returns, so that read is an index-only scan of a few adjacent pages instead of one heap
-- page per task.
CREATE INDEX idx_tasks_search_covering ON tasks (organization_id) INCLUDE (id, project_id, title, status, search_vector) WHERE archived_at IS NULL;
CREATE TRIGGER trg_tasks_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_tasks_version BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION bump_version();

CREATE TABLE task_dependencies (
  organization_id uuid NOT NULL,
  project_id      uuid NOT NULL,
  task_id         uuid NOT NULL,
  depends_on_task_id uuid NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT task_dependencies_pkey PRIMARY KEY (organization_id, project_id, task_id, depends_on_task_id),
  CONSTRAINT task_dependencies_task_fkey FOREIGN KEY (organization_id, project_id, task_id)
    REFERENCES tasks (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT task_dependencies_depends_on_fkey FOREIGN KEY (organization_id, project_id, depends_on_task_id)
    REFERENCES tasks (organization_id, project_id, id) ON DELETE CASCADE,
  CONSTRAINT task_dependencies_self_check CHECK (task_id <> depends_on_task_id)
);
COMMENT ON TABLE task_dependencies IS 'Finish-to-start edges: task_id cannot start before depends_on_task_id is done. The graph is kept acyclic by trigger.';
COMMENT ON COLUMN task_dependencies.organization_id IS 'Tenant.';
COMMENT ON COLUMN task_dependencies.project_id IS 'Project both tasks belong to.';
COMMENT ON COLUMN task_dependencies.task_id IS 'Dependent task.';
COMMENT ON COLUMN task_dependencies.depends_on_task_id IS 'Prerequisite task.';
COMMENT ON COLUMN task_dependencies.created_at IS 'Row creation time.';
CREATE INDEX idx_task_dependencies_project_id_depends_on ON task_dependencies (organization_id, project_id, depends_on_task_id);

CREATE FUNCTION task_dependencies_reject_cycle() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  -- Serialise edge inserts per project: two concurrent transactions could otherwise each add half of a cycle.
  PERFORM pg_advisory_xact_lock(hashtextextended('task_dependencies:' || NEW.project_id::text, 0));
  IF EXISTS (
    WITH RECURSIVE reach(task_id) AS (
      SELECT d.depends_on_task_id
        FROM task_dependencies d
       WHERE d.organization_id = NEW.organization_id AND d.project_id = NEW.project_id
         AND d.task_id = NEW.depends_on_task_id
      UNION
      SELECT d.depends_on_task_id
        FROM reach r
        JOIN task_dependencies d
          ON d.organization_id = NEW.organization_id AND d.project_id = NEW.project_id
         AND d.task_id = r.task_id
    )
    SELECT 1 FROM reach WHERE task_id = NEW.task_id
  ) THEN
    RAISE EXCEPTION 'task dependency % -> % would create a cycle', NEW.task_id, NEW.depends_on_task_id
      USING ERRCODE = 'integrity_constraint_violation',
            CONSTRAINT = 'task_dependencies_acyclic',
            HINT = 'Remove one of the existing dependencies first.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION task_dependencies_reject_cycle() IS 'BEFORE INSERT/UPDATE trigger: rejects an edge when the prerequisite already (transitively) depends on the task.';
CREATE TRIGGER trg_task_dependencies_acyclic BEFORE INSERT OR UPDATE ON task_dependencies
  FOR EACH ROW EXECUTE FUNCTION task_dependencies_reject_cycle();
