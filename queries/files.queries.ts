/** Types generated for queries found in "queries/files.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type file_job_status = 'cancelled' | 'completed' | 'failed' | 'pending' | 'processing';

export type file_job_type = 'chunk' | 'embed' | 'extract_text' | 'thumbnail' | 'virus_scan';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** 'ClaimNextFileJob' parameters type */
export type IClaimNextFileJobParams = void;

/** 'ClaimNextFileJob' return type */
export interface IClaimNextFileJobResult {
  /** Times the job was started. */
  attempts: number;
  /** File processed. */
  fileId: string;
  /** Surrogate key. */
  id: string;
  /** Processing step. */
  jobType: file_job_type;
  /** Step options (JSON object). */
  parameters: Json;
}

/** 'ClaimNextFileJob' query type */
export interface IClaimNextFileJobQuery {
  params: IClaimNextFileJobParams;
  result: IClaimNextFileJobResult;
}

const claimNextFileJobIR: any = {"usedParamSet":{},"params":[],"statement":"-- Worker: take the oldest pending job of the tenant; concurrent workers skip each other's rows.\n-- Index: idx_file_processing_jobs_pending_created_at (partial on status = 'pending').\nUPDATE file_processing_jobs j\n   SET status = 'processing'\n WHERE j.id = (SELECT q.id\n                 FROM file_processing_jobs q\n                WHERE q.status = 'pending'\n                ORDER BY q.created_at\n                LIMIT 1\n                FOR UPDATE SKIP LOCKED)\nRETURNING j.id, j.file_id, j.job_type, j.parameters, j.attempts"};

/**
 * Query generated from SQL:
 * ```
 * -- Worker: take the oldest pending job of the tenant; concurrent workers skip each other's rows.
 * -- Index: idx_file_processing_jobs_pending_created_at (partial on status = 'pending').
 * UPDATE file_processing_jobs j
 *    SET status = 'processing'
 *  WHERE j.id = (SELECT q.id
 *                  FROM file_processing_jobs q
 *                 WHERE q.status = 'pending'
 *                 ORDER BY q.created_at
 *                 LIMIT 1
 *                 FOR UPDATE SKIP LOCKED)
 * RETURNING j.id, j.file_id, j.job_type, j.parameters, j.attempts
 * ```
 */
export const claimNextFileJob = new PreparedQuery<IClaimNextFileJobParams,IClaimNextFileJobResult>(claimNextFileJobIR);


/** 'FinishFileJob' parameters type */
export interface IFinishFileJobParams {
  errorMessage?: string | null | void;
  id: string;
  result?: Json | null | void;
  status: file_job_status;
}

/** 'FinishFileJob' return type */
export interface IFinishFileJobResult {
  /** When it completed or failed. */
  finishedAt: Date | null;
  /** Surrogate key. */
  id: string;
  /** Current state. */
  status: file_job_status;
}

/** 'FinishFileJob' query type */
export interface IFinishFileJobQuery {
  params: IFinishFileJobParams;
  result: IFinishFileJobResult;
}

const finishFileJobIR: any = {"usedParamSet":{"status":true,"result":true,"errorMessage":true,"id":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":129,"b":136}]},{"name":"result","required":false,"transform":{"type":"scalar"},"locs":[{"a":148,"b":154}]},{"name":"errorMessage","required":false,"transform":{"type":"scalar"},"locs":[{"a":173,"b":185}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":199,"b":202}]}],"statement":"-- Moves a job to completed or failed; the transition trigger rejects anything else.\nUPDATE file_processing_jobs\n   SET status = :status!, result = :result, error_message = :errorMessage\n WHERE id = :id!\nRETURNING id, status, finished_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Moves a job to completed or failed; the transition trigger rejects anything else.
 * UPDATE file_processing_jobs
 *    SET status = :status!, result = :result, error_message = :errorMessage
 *  WHERE id = :id!
 * RETURNING id, status, finished_at
 * ```
 */
export const finishFileJob = new PreparedQuery<IFinishFileJobParams,IFinishFileJobResult>(finishFileJobIR);


/** 'FileWithJobs' parameters type */
export interface IFileWithJobsParams {
  fileId: string;
}

/** 'FileWithJobs' return type */
export interface IFileWithJobsResult {
  /** Times the job was started. */
  attempts: number;
  /** Size in bytes. */
  byteSize: string;
  /** When it completed or failed. */
  finishedAt: Date | null;
  /** Surrogate key. */
  id: string;
  /** Processing step. */
  jobType: file_job_type;
  /** Media type, e.g. application/pdf. */
  mimeType: string;
  /** File name as uploaded. */
  originalName: string;
  /** Current state. */
  status: file_job_status;
}

/** 'FileWithJobs' query type */
export interface IFileWithJobsQuery {
  params: IFileWithJobsParams;
  result: IFileWithJobsResult;
}

const fileWithJobsIR: any = {"usedParamSet":{"fileId":true},"params":[{"name":"fileId","required":true,"transform":{"type":"scalar"},"locs":[{"a":279,"b":286}]}],"statement":"-- A file and the state of its processing steps.\nSELECT f.id, f.original_name, f.mime_type, f.byte_size, j.job_type, j.status, j.attempts, j.finished_at\n  FROM files f\n  LEFT JOIN file_processing_jobs j ON j.organization_id = f.organization_id AND j.file_id = f.id\n WHERE f.id = :fileId!\n ORDER BY j.created_at"};

/**
 * Query generated from SQL:
 * ```
 * -- A file and the state of its processing steps.
 * SELECT f.id, f.original_name, f.mime_type, f.byte_size, j.job_type, j.status, j.attempts, j.finished_at
 *   FROM files f
 *   LEFT JOIN file_processing_jobs j ON j.organization_id = f.organization_id AND j.file_id = f.id
 *  WHERE f.id = :fileId!
 *  ORDER BY j.created_at
 * ```
 */
export const fileWithJobs = new PreparedQuery<IFileWithJobsParams,IFileWithJobsResult>(fileWithJobsIR);


