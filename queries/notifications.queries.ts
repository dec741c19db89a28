/** Types generated for queries found in "queries/notifications.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

/** 'UnreadNotificationCount' parameters type */
export interface IUnreadNotificationCountParams {
  userId: string;
}

/** 'UnreadNotificationCount' return type */
export interface IUnreadNotificationCountResult {
  unread: string | null;
}

/** 'UnreadNotificationCount' query type */
export interface IUnreadNotificationCountQuery {
  params: IUnreadNotificationCountParams;
  result: IUnreadNotificationCountResult;
}

const unreadNotificationCountIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":165,"b":172}]}],"statement":"-- The unread badge. Index-only scan on idx_notifications_user_id_unread (partial: read_at IS NULL).\nSELECT count(*) AS unread\n  FROM notifications\n WHERE user_id = :userId! AND read_at IS NULL"};

/**
 * Query generated from SQL:
 * ```
 * -- The unread badge. Index-only scan on idx_notifications_user_id_unread (partial: read_at IS NULL).
 * SELECT count(*) AS unread
 *   FROM notifications
 *  WHERE user_id = :userId! AND read_at IS NULL
 * ```
 */
export const unreadNotificationCount = new PreparedQuery<IUnreadNotificationCountParams,IUnreadNotificationCountResult>(unreadNotificationCountIR);


/** 'ListNotifications' parameters type */
export interface IListNotificationsParams {
  before?: DateOrString | null | void;
  limit: NumberOrString;
  userId: string;
}

/** 'ListNotifications' return type */
export interface IListNotificationsResult {
  /** Rendered body. */
  body: string;
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Notification kind, e.g. task.assigned. */
  kind: string;
  /** Template variables and deep-link data (JSON object). */
  payload: Json;
  /** When the recipient read it; NULL = unread. */
  readAt: Date | null;
  /** Rendered title. */
  title: string;
}

/** 'ListNotifications' query type */
export interface IListNotificationsQuery {
  params: IListNotificationsParams;
  result: IListNotificationsResult;
}

const listNotificationsIR: any = {"usedParamSet":{"userId":true,"before":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":372,"b":379}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":394,"b":400},{"a":449,"b":455}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":509,"b":515}]}],"statement":"-- Inbox, newest first, keyset-paginated on created_at.\n-- Index: idx_notifications_user_id_created_at (organization_id, user_id, created_at DESC).\n-- @uses idx_notifications_user_id_created_at\nSELECT n.id, t.key AS kind, n.title, n.body, n.payload, n.read_at, n.created_at\n  FROM notifications n\n  JOIN notification_templates t ON t.id = n.template_id\n WHERE n.user_id = :userId!\n   AND (CAST(:before AS timestamptz) IS NULL OR n.created_at < CAST(:before AS timestamptz))\n ORDER BY n.created_at DESC\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Inbox, newest first, keyset-paginated on created_at.
 * -- Index: idx_notifications_user_id_created_at (organization_id, user_id, created_at DESC).
 * -- @uses idx_notifications_user_id_created_at
 * SELECT n.id, t.key AS kind, n.title, n.body, n.payload, n.read_at, n.created_at
 *   FROM notifications n
 *   JOIN notification_templates t ON t.id = n.template_id
 *  WHERE n.user_id = :userId!
 *    AND (CAST(:before AS timestamptz) IS NULL OR n.created_at < CAST(:before AS timestamptz))
 *  ORDER BY n.created_at DESC
 *  LIMIT :limit!
 * ```
 */
export const listNotifications = new PreparedQuery<IListNotificationsParams,IListNotificationsResult>(listNotificationsIR);


/** 'MarkAllNotificationsRead' parameters type */
export interface IMarkAllNotificationsReadParams {
  userId: string;
}

/** 'MarkAllNotificationsRead' return type */
export interface IMarkAllNotificationsReadResult {
  /** Surrogate key. */
  id: string;
}

/** 'MarkAllNotificationsRead' query type */
export interface IMarkAllNotificationsReadQuery {
  params: IMarkAllNotificationsReadParams;
  result: IMarkAllNotificationsReadResult;
}

const markAllNotificationsReadIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":61,"b":68}]}],"statement":"UPDATE notifications\n   SET read_at = now()\n WHERE user_id = :userId! AND read_at IS NULL AND delivered_at IS NOT NULL\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE notifications
 *    SET read_at = now()
 *  WHERE user_id = :userId! AND read_at IS NULL AND delivered_at IS NOT NULL
 * RETURNING id
 * ```
 */
export const markAllNotificationsRead = new PreparedQuery<IMarkAllNotificationsReadParams,IMarkAllNotificationsReadResult>(markAllNotificationsReadIR);


