-- Files and their processing jobs. Job status changes follow a declared transition function, enforced by trigger.

CREATE TYPE file_job_type AS ENUM ('extract_text', 'chunk', 'embed', 'thumbnail', 'virus_scan');
COMMENT ON TYPE file_job_type IS 'Kind of processing applied to an uploaded file.';
CREATE TYPE file_job_status AS ENUM ('pending', 'processing', 'completed', 'failed', 'cancelled');
COMMENT ON TYPE file_job_status IS 'State of a file processing job; allowed changes are given by file_job_transition_allowed().';

CREATE TABLE files (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  uploaded_by     uuid NOT NULL,
  original_name   text NOT NULL,
  storage_provider text NOT NULL DEFAULT 's3',
  storage_key     text NOT NULL,
  byte_size       bigint NOT NULL,
  mime_type       text NOT NULL,
  sha256          bytea NOT NULL,
  expires_at      timestamptz,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT files_pkey PRIMARY KEY (organization_id, id),
  -- Per tenant, like every key of a distributed table; the prefix check makes it globally unique too
  -- (no two tenants share a prefix) and stops a row from naming another tenant's object.
  CONSTRAINT files_storage_key_key UNIQUE (organization_id, storage_provider, storage_key),
  CONSTRAINT files_storage_key_tenant_check CHECK (starts_with(storage_key, organization_id::text || '/')),
  CONSTRAINT files_uploaded_by_fkey FOREIGN KEY (organization_id, uploaded_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT files_size_check CHECK (byte_size >= 0),
  CONSTRAINT files_sha_check CHECK (octet_length(sha256) = 32),
  CONSTRAINT files_mime_check CHECK (mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  CONSTRAINT files_provider_check CHECK (storage_provider IN ('s3', 'gcs', 'local'))
);
COMMENT ON TABLE files IS 'Uploaded binary objects; the bytes live in object storage under storage_key.';
COMMENT ON COLUMN files.id IS 'Surrogate key.';
COMMENT ON COLUMN files.organization_id IS 'Tenant.';
COMMENT ON COLUMN files.uploaded_by IS 'Member who uploaded it.';
COMMENT ON COLUMN files.original_name IS 'File name as uploaded.';
COMMENT ON COLUMN files.storage_provider IS 's3, gcs or local.';
COMMENT ON COLUMN files.storage_key IS 'Object key in the provider, under the tenant''s prefix <organization_id>/; unique per tenant and provider.';
COMMENT ON COLUMN files.byte_size IS 'Size in bytes.';
COMMENT ON COLUMN files.mime_type IS 'Media type, e.g. application/pdf.';
COMMENT ON COLUMN files.sha256 IS 'SHA-256 of the content (32 bytes), for integrity and de-duplication.';
COMMENT ON COLUMN files.expires_at IS 'When the object may be purged (temporary uploads).';
COMMENT ON COLUMN files.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN files.created_at IS 'Upload time.';
CREATE INDEX idx_files_uploaded_by ON files (organization_id, uploaded_by);
CREATE INDEX idx_files_sha256 ON files (organization_id, sha256) WHERE archived_at IS NULL;

ALTER TABLE documents ADD CONSTRAINT documents_file_fkey FOREIGN KEY (organization_id, file_id)
  REFERENCES files (organization_id, id) ON DELETE SET NULL (file_id);
CREATE INDEX idx_documents_file_id ON documents (organization_id, file_id) WHERE file_id IS NOT NULL;

CREATE FUNCTION file_job_transition_allowed(p_from file_job_status, p_to file_job_status) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT (p_from, p_to) IN (
    ('pending', 'processing'),
    ('pending', 'cancelled'),
    ('processing', 'completed'),
    ('processing', 'failed'),
    ('processing', 'cancelled'),
    ('failed', 'pending'))
$$;
COMMENT ON FUNCTION file_job_transition_allowed(file_job_status, file_job_status) IS 'The allowed status changes of file_processing_jobs. A function, not a lookup table: desired-state files describe structure, and rows in a lookup table would never reach a migration written by the diff engine.';

CREATE TABLE file_processing_jobs (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  file_id         uuid NOT NULL,
  job_type        file_job_type NOT NULL,
  status          file_job_status NOT NULL DEFAULT 'pending',
  attempts        smallint NOT NULL DEFAULT 0,
  parameters      jsonb NOT NULL DEFAULT '{}',
  result          jsonb,
  error_message   text,
  started_at      timestamptz,
  finished_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT file_processing_jobs_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT file_processing_jobs_file_fkey FOREIGN KEY (organization_id, file_id)
    REFERENCES files (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT file_processing_jobs_attempts_check CHECK (attempts BETWEEN 0 AND 20),
  CONSTRAINT file_processing_jobs_parameters_check CHECK (jsonb_typeof(parameters) = 'object'),
  CONSTRAINT file_processing_jobs_initial_check CHECK (status <> 'pending' OR finished_at IS NULL),
  CONSTRAINT file_processing_jobs_finished_check CHECK (status NOT IN ('completed', 'failed') OR finished_at IS NOT NULL),
  CONSTRAINT file_processing_jobs_error_check CHECK (status <> 'failed' OR error_message IS NOT NULL)
);
COMMENT ON TABLE file_processing_jobs IS 'Work queue of processing steps per file. Status may only change as file_job_transition_allowed() permits.';
COMMENT ON COLUMN file_processing_jobs.id IS 'Surrogate key.';
COMMENT ON COLUMN file_processing_jobs.organization_id IS 'Tenant.';
COMMENT ON COLUMN file_processing_jobs.file_id IS 'File processed.';
COMMENT ON COLUMN file_processing_jobs.job_type IS 'Processing step.';
COMMENT ON COLUMN file_processing_jobs.status IS 'Current state.';
COMMENT ON COLUMN file_processing_jobs.attempts IS 'Times the job was started.';
COMMENT ON COLUMN file_processing_jobs.parameters IS 'Step options (JSON object).';
COMMENT ON COLUMN file_processing_jobs.result IS 'Step output (JSON), when completed.';
COMMENT ON COLUMN file_processing_jobs.error_message IS 'Why it failed.';
COMMENT ON COLUMN file_processing_jobs.started_at IS 'When the current attempt started.';
COMMENT ON COLUMN file_processing_jobs.finished_at IS 'When it completed or failed.';
COMMENT ON COLUMN file_processing_jobs.created_at IS 'Row creation time.';
COMMENT ON COLUMN file_processing_jobs.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_file_processing_jobs_file_id ON file_processing_jobs (organization_id, file_id);
-- Worker queue: oldest pending jobs first (claimed with FOR UPDATE SKIP LOCKED).
CREATE INDEX idx_file_processing_jobs_pending_created_at ON file_processing_jobs (created_at) WHERE status = 'pending';
CREATE TRIGGER trg_file_processing_jobs_updated_at BEFORE UPDATE ON file_processing_jobs FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION file_processing_jobs_check_transition() RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT file_job_transition_allowed(OLD.status, NEW.status) THEN
    RAISE EXCEPTION 'file job status cannot change from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'file_processing_jobs_transition';
  END IF;
  IF NEW.status = 'processing' AND OLD.status IS DISTINCT FROM 'processing' THEN
    NEW.attempts := OLD.attempts + 1;
    NEW.started_at := clock_timestamp();
    NEW.finished_at := NULL;
  ELSIF NEW.status IN ('completed', 'failed') AND NEW.finished_at IS NULL THEN
    NEW.finished_at := clock_timestamp();
  ELSIF NEW.status = 'pending' THEN
    NEW.finished_at := NULL;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION file_processing_jobs_check_transition() IS 'BEFORE UPDATE trigger: rejects status changes file_job_transition_allowed() does not permit, and keeps attempts/started_at/finished_at consistent.';
CREATE TRIGGER trg_file_processing_jobs_transition BEFORE UPDATE OF status ON file_processing_jobs
  FOR EACH ROW EXECUTE FUNCTION file_processing_jobs_check_transition();
