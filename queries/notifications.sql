/* @name UnreadNotificationCount */
-- The unread badge. Index-only scan on idx_notifications_user_id_unread (partial: read_at IS NULL).
SELECT count(*) AS unread
  FROM notifications
 WHERE user_id = :userId! AND read_at IS NULL;

/* @name ListNotifications */
-- Inbox, newest first, keyset-paginated on created_at.
-- Index: idx_notifications_user_id_created_at (organization_id, user_id, created_at DESC).
-- @uses idx_notifications_user_id_created_at
SELECT n.id, t.key AS kind, n.title, n.body, n.payload, n.read_at, n.created_at
  FROM notifications n
  JOIN notification_templates t ON t.id = n.template_id
 WHERE n.user_id = :userId!
   AND (CAST(:before AS timestamptz) IS NULL OR n.created_at < CAST(:before AS timestamptz))
 ORDER BY n.created_at DESC
 LIMIT :limit!;

/* @name MarkAllNotificationsRead */
UPDATE notifications
   SET read_at = now()
 WHERE user_id = :userId! AND read_at IS NULL AND delivered_at IS NOT NULL
RETURNING id;
