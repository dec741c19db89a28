/** Types generated for queries found in "queries/events.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

/** 'EventsInRange' parameters type */
export interface IEventsInRangeParams {
  from: DateOrString;
  limit: NumberOrString;
  to: DateOrString;
}

/** 'EventsInRange' return type */
export interface IEventsInRangeResult {
  /** Specific event, e.g. task.board.opened. */
  eventName: string;
  /** Category, e.g. page_view, api_call. */
  eventType: string;
  /** Event id; unique together with occurred_at (the partition key must be in the key). */
  id: string;
  /** When it happened; the partition key. */
  occurredAt: Date;
  /** Project in context, if any. */
  projectId: string | null;
  /** Event attributes (JSON object). */
  properties: Json;
  /** Acting user, if known. */
  userId: string | null;
}

/** 'EventsInRange' query type */
export interface IEventsInRangeQuery {
  params: IEventsInRangeParams;
  result: IEventsInRangeResult;
}

const eventsInRangeIR: any = {"usedParamSet":{"from":true,"to":true,"limit":true},"params":[{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":308,"b":313}]},{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":333,"b":336}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":372,"b":378}]}],"statement":"-- Events of the tenant in [from, to), newest first. The constant-free range on occurred_at still prunes\n-- partitions at execution time; inside each partition idx_events_occurred_at is used.\nSELECT id, event_type, event_name, user_id, project_id, properties, occurred_at\n  FROM events\n WHERE occurred_at >= :from! AND occurred_at < :to!\n ORDER BY occurred_at DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Events of the tenant in [from, to), newest first. The constant-free range on occurred_at still prunes
 * -- partitions at execution time; inside each partition idx_events_occurred_at is used.
 * SELECT id, event_type, event_name, user_id, project_id, properties, occurred_at
 *   FROM events
 *  WHERE occurred_at >= :from! AND occurred_at < :to!
 *  ORDER BY occurred_at DESC
 *  LIMIT :limit!
 * ```
 */
export const eventsInRange = new PreparedQuery<IEventsInRangeParams,IEventsInRangeResult>(eventsInRangeIR);


/** 'DailyEventCounts' parameters type */
export interface IDailyEventCountsParams {
  from: DateOrString;
  to: DateOrString;
}

/** 'DailyEventCounts' return type */
export interface IDailyEventCountsResult {
  day: Date | null;
  events: string | null;
  /** Category, e.g. page_view, api_call. */
  eventType: string;
}

/** 'DailyEventCounts' query type */
export interface IDailyEventCountsQuery {
  params: IDailyEventCountsParams;
  result: IDailyEventCountsResult;
}

const dailyEventCountsIR: any = {"usedParamSet":{"from":true,"to":true},"params":[{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":176,"b":181}]},{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":201,"b":204}]}],"statement":"-- Events per day and type in [from, to), for activity charts.\nSELECT date_trunc('day', occurred_at) AS day, event_type, count(*) AS events\n  FROM events\n WHERE occurred_at >= :from! AND occurred_at < :to!\n GROUP BY 1, 2\n ORDER BY 1, 2"};

/**
 * Query generated from SQL:
 * ```
 * -- Events per day and type in [from, to), for activity charts.
 * SELECT date_trunc('day', occurred_at) AS day, event_type, count(*) AS events
 *   FROM events
 *  WHERE occurred_at >= :from! AND occurred_at < :to!
 *  GROUP BY 1, 2
 *  ORDER BY 1, 2
 * ```
 */
export const dailyEventCounts = new PreparedQuery<IDailyEventCountsParams,IDailyEventCountsResult>(dailyEventCountsIR);


/** 'RecordEvent' parameters type */
export interface IRecordEventParams {
  eventName: string;
  eventType: string;
  projectId?: string | null | void;
  properties: Json;
}

/** 'RecordEvent' return type */
export interface IRecordEventResult {
  /** Event id; unique together with occurred_at (the partition key must be in the key). */
  id: string;
  /** When it happened; the partition key. */
  occurredAt: Date;
}

/** 'RecordEvent' query type */
export interface IRecordEventQuery {
  params: IRecordEventParams;
  result: IRecordEventResult;
}

const recordEventIR: any = {"usedParamSet":{"eventType":true,"eventName":true,"properties":true,"projectId":true},"params":[{"name":"eventType","required":true,"transform":{"type":"scalar"},"locs":[{"a":140,"b":150}]},{"name":"eventName","required":true,"transform":{"type":"scalar"},"locs":[{"a":153,"b":163}]},{"name":"properties","required":true,"transform":{"type":"scalar"},"locs":[{"a":166,"b":177}]},{"name":"projectId","required":false,"transform":{"type":"scalar"},"locs":[{"a":180,"b":189}]}],"statement":"INSERT INTO events (organization_id, user_id, event_type, event_name, properties, project_id)\nVALUES (current_tenant(), current_app_user(), :eventType!, :eventName!, :properties!, :projectId)\nRETURNING id, occurred_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO events (organization_id, user_id, event_type, event_name, properties, project_id)
 * VALUES (current_tenant(), current_app_user(), :eventType!, :eventName!, :properties!, :projectId)
 * RETURNING id, occurred_at
 * ```
 */
export const recordEvent = new PreparedQuery<IRecordEventParams,IRecordEventResult>(recordEventIR);


