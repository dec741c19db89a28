/** Types generated for queries found in "queries/audio.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type NumberOrString = number | string;

/** 'LatestReadyAudio' parameters type */
export interface ILatestReadyAudioParams {
  bookId: NumberOrString;
}

/** 'LatestReadyAudio' return type */
export interface ILatestReadyAudioResult {
  /** The chapter narrated; audio goes with its chapter. */
  chapterId: string;
  /** Playing time in milliseconds. */
  durationMs: number | null;
  /** Container/codec of the file: mp3, m4a, wav, flac, ogg. */
  format: string;
  /** Surrogate key. */
  id: string;
  /** Object-storage key of the file; set once ready. */
  storageKey: string | null;
  /** Render number within the chapter, from 1. */
  version: number;
}

/** 'LatestReadyAudio' query type */
export interface ILatestReadyAudioQuery {
  params: ILatestReadyAudioParams;
  result: ILatestReadyAudioResult;
}

const latestReadyAudioIR: any = {"usedParamSet":{"bookId":true},"params":[{"name":"bookId","required":true,"transform":{"type":"scalar"},"locs":[{"a":183,"b":190}]}],"statement":"SELECT DISTINCT ON (a.chapter_id) a.chapter_id, a.id, a.version, a.storage_key, a.duration_ms, a.format\nFROM audio_files a\nJOIN chapters ch ON ch.id = a.chapter_id\nWHERE ch.book_id = :bookId! AND a.status = 'ready'\nORDER BY a.chapter_id, a.version DESC"};

/**
 * Query generated from SQL:
 * ```
 * SELECT DISTINCT ON (a.chapter_id) a.chapter_id, a.id, a.version, a.storage_key, a.duration_ms, a.format
 * FROM audio_files a
 * JOIN chapters ch ON ch.id = a.chapter_id
 * WHERE ch.book_id = :bookId! AND a.status = 'ready'
 * ORDER BY a.chapter_id, a.version DESC
 * ```
 */
export const latestReadyAudio = new PreparedQuery<ILatestReadyAudioParams,ILatestReadyAudioResult>(latestReadyAudioIR);


/** 'NextRenderJobs' parameters type */
export interface INextRenderJobsParams {
  limit: NumberOrString;
}

/** 'NextRenderJobs' return type */
export interface INextRenderJobsResult {
  /** The chapter narrated; audio goes with its chapter. */
  chapterId: string;
  /** When the render was requested. */
  createdAt: Date;
  /** Container/codec of the file: mp3, m4a, wav, flac, ogg. */
  format: string;
  /** Surrogate key. */
  id: string;
  /** Render number within the chapter, from 1. */
  version: number;
}

/** 'NextRenderJobs' query type */
export interface INextRenderJobsQuery {
  params: INextRenderJobsParams;
  result: INextRenderJobsResult;
}

const nextRenderJobsIR: any = {"usedParamSet":{"limit":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":134,"b":140}]}],"statement":"SELECT id, chapter_id, version, format, created_at\nFROM audio_files\nWHERE status IN ('queued', 'rendering')\nORDER BY created_at\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, chapter_id, version, format, created_at
 * FROM audio_files
 * WHERE status IN ('queued', 'rendering')
 * ORDER BY created_at
 * LIMIT :limit!
 * ```
 */
export const nextRenderJobs = new PreparedQuery<INextRenderJobsParams,INextRenderJobsResult>(nextRenderJobsIR);


