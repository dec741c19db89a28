-- Notifications: global templates, per-tenant notifications, per-user channel preferences.

CREATE TYPE notification_channel AS ENUM ('in_app', 'email', 'push', 'sms');
COMMENT ON TYPE notification_channel IS 'Delivery channel.';

CREATE TABLE notification_templates (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key              text NOT NULL,
  subject_template text,
  body_template    text NOT NULL,
  variables        text[] NOT NULL DEFAULT '{}',
  retired_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notification_templates_key_key UNIQUE (key),
  CONSTRAINT notification_templates_key_check CHECK (key ~ '^[a-z][a-z0-9_.]*$')
);
COMMENT ON TABLE notification_templates IS 'Message templates per notification kind (global catalog).';
COMMENT ON COLUMN notification_templates.id IS 'Surrogate key.';
COMMENT ON COLUMN notification_templates.key IS 'Notification kind, e.g. task.assigned.';
COMMENT ON COLUMN notification_templates.subject_template IS 'Subject line template (e-mail/push).';
COMMENT ON COLUMN notification_templates.body_template IS 'Body template.';
COMMENT ON COLUMN notification_templates.variables IS 'Names of the variables the template expects.';
COMMENT ON COLUMN notification_templates.retired_at IS 'When the template stopped being used (replaces an is_active flag).';
COMMENT ON COLUMN notification_templates.created_at IS 'Row creation time.';
COMMENT ON COLUMN notification_templates.updated_at IS 'Last update time, maintained by trigger.';
CREATE TRIGGER trg_notification_templates_updated_at BEFORE UPDATE ON notification_templates FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE notifications (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  user_id         uuid NOT NULL,
  template_id     uuid NOT NULL REFERENCES notification_templates (id) ON DELETE RESTRICT,
  channel         notification_channel NOT NULL DEFAULT 'in_app',
  title           text NOT NULL,
  body            text NOT NULL,
  payload         jsonb NOT NULL DEFAULT '{}',
  scheduled_for   timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  read_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notifications_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT notifications_user_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT notifications_payload_check CHECK (jsonb_typeof(payload) = 'object'),
  CONSTRAINT notifications_read_check CHECK (read_at IS NULL OR delivered_at IS NOT NULL)
);
COMMENT ON TABLE notifications IS 'Messages to a member. Unread = read_at IS NULL (the seeds'' is_read flag was redundant with read_at).';
COMMENT ON COLUMN notifications.id IS 'Surrogate key.';
COMMENT ON COLUMN notifications.organization_id IS 'Tenant the notification is about.';
COMMENT ON COLUMN notifications.user_id IS 'Recipient member.';
COMMENT ON COLUMN notifications.template_id IS 'Template (and so the kind) used.';
COMMENT ON COLUMN notifications.channel IS 'Delivery channel.';
COMMENT ON COLUMN notifications.title IS 'Rendered title.';
COMMENT ON COLUMN notifications.body IS 'Rendered body.';
COMMENT ON COLUMN notifications.payload IS 'Template variables and deep-link data (JSON object).';
COMMENT ON COLUMN notifications.scheduled_for IS 'Earliest delivery time.';
COMMENT ON COLUMN notifications.delivered_at IS 'When it was delivered.';
COMMENT ON COLUMN notifications.read_at IS 'When the recipient read it; NULL = unread.';
COMMENT ON COLUMN notifications.created_at IS 'Row creation time.';
-- Inbox newest first; also supports the recipient FK.
CREATE INDEX idx_notifications_user_id_created_at ON notifications (organization_id, user_id, created_at DESC);
-- Unread badge: a small partial index, counted with an index-only scan.
CREATE INDEX idx_notifications_user_id_unread ON notifications (organization_id, user_id) WHERE read_at IS NULL;
CREATE INDEX idx_notifications_template_id ON notifications (template_id);
-- Delivery worker: due, undelivered notifications.
CREATE INDEX idx_notifications_scheduled_for ON notifications (scheduled_for) WHERE delivered_at IS NULL;

CREATE TABLE notification_preferences (
  organization_id uuid NOT NULL,
  user_id         uuid NOT NULL,
  template_id     uuid NOT NULL REFERENCES notification_templates (id) ON DELETE CASCADE,
  channel         notification_channel NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notification_preferences_pkey PRIMARY KEY (organization_id, user_id, template_id, channel),
  CONSTRAINT notification_preferences_user_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE CASCADE
);
COMMENT ON TABLE notification_preferences IS 'Per-member opt-in/out per notification kind and channel; no row = the default (enabled).';
COMMENT ON COLUMN notification_preferences.organization_id IS 'Tenant.';
COMMENT ON COLUMN notification_preferences.user_id IS 'Member.';
COMMENT ON COLUMN notification_preferences.template_id IS 'Notification kind.';
COMMENT ON COLUMN notification_preferences.channel IS 'Channel the preference applies to.';
COMMENT ON COLUMN notification_preferences.enabled IS 'Whether to deliver on that channel.';
COMMENT ON COLUMN notification_preferences.created_at IS 'Row creation time.';
COMMENT ON COLUMN notification_preferences.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_notification_preferences_template_id ON notification_preferences (template_id);
CREATE TRIGGER trg_notification_preferences_updated_at BEFORE UPDATE ON notification_preferences FOR EACH ROW EXECUTE FUNCTION set_updated_at();
