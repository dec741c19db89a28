/* @name ClaimNextFileJob */
-- Worker: take the oldest pending job of the tenant; concurrent workers skip each other's rows.
-- Index: idx_file_processing_jobs_pending_created_at (partial on status = 'pending').
UPDATE file_processing_jobs j
   SET status = 'processing'
 WHERE j.id = (SELECT q.id
                 FROM file_processing_jobs q
                WHERE q.status = 'pending'
                ORDER BY q.created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
RETURNING j.id, j.file_id, j.job_type, j.parameters, j.attempts;

/* @name FinishFileJob */
-- Moves a job to completed or failed; the transition trigger rejects anything else.
UPDATE file_processing_jobs
   SET status = :status!, result = :result, error_message = :errorMessage
 WHERE id = :id!
RETURNING id, status, finished_at;

/* @name FileWithJobs */
-- A file and the state of its processing steps.
SELECT f.id, f.original_name, f.mime_type, f.byte_size, j.job_type, j.status, j.attempts, j.finished_at
  FROM files f
  LEFT JOIN file_processing_jobs j ON j.organization_id = f.organization_id AND j.file_id = f.id
 WHERE f.id = :fileId!
 ORDER BY j.created_at;
