-- Identity: people (global, may belong to several organizations), organizations (the tenants) and memberships.

CREATE TYPE user_status AS ENUM ('active', 'suspended', 'erased');
COMMENT ON TYPE user_status IS 'Lifecycle of a user account; erased accounts are anonymised by erase_user().';

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          citext NOT NULL,
  display_name   text NOT NULL,
  password_hash  text,
  phone          encrypted_text,
  timezone       text NOT NULL DEFAULT 'UTC',
  locale         text NOT NULL DEFAULT 'en',
  status         user_status NOT NULL DEFAULT 'active',
  email_verified_at timestamptz,
  last_login_at  timestamptz,
  erased_at      timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_email_check CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
  CONSTRAINT users_display_name_check CHECK (length(display_name) BETWEEN 1 AND 200),
  CONSTRAINT users_erased_check CHECK ((status = 'erased') = (erased_at IS NOT NULL))
);
COMMENT ON TABLE users IS 'People who can sign in. Global (not tenant-scoped): a user joins organizations through organization_members.';
COMMENT ON COLUMN users.id IS 'Surrogate key.';
COMMENT ON COLUMN users.email IS 'Sign-in address, case-insensitive and unique; replaced by a placeholder on erasure.';
COMMENT ON COLUMN users.display_name IS 'Name shown to other members.';
COMMENT ON COLUMN users.password_hash IS 'Password hash (argon2/bcrypt string); NULL for SSO-only or erased accounts.';
COMMENT ON COLUMN users.phone IS 'Contact phone number (E.164), encrypted under an application key (encrypted_text); read with decrypt_sensitive(), cleared on erasure.';
COMMENT ON COLUMN users.timezone IS 'IANA time zone used to render dates for this user.';
COMMENT ON COLUMN users.locale IS 'BCP 47 language tag for notifications.';
COMMENT ON COLUMN users.status IS 'Account lifecycle state.';
COMMENT ON COLUMN users.email_verified_at IS 'When the address was verified; NULL while unverified.';
COMMENT ON COLUMN users.last_login_at IS 'Time of the last successful sign-in.';
COMMENT ON COLUMN users.erased_at IS 'When erase_user() anonymised this account.';
COMMENT ON COLUMN users.created_at IS 'Row creation time.';
COMMENT ON COLUMN users.updated_at IS 'Last update time, maintained by trigger.';
-- Rotation finds the values still under a retiring key without scanning the table (few distinct ids).
CREATE INDEX idx_users_phone_key_id ON users (encryption_key_id(phone)) WHERE phone IS NOT NULL;
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE organizations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  slug         text NOT NULL,
  description  text,
  settings     jsonb NOT NULL DEFAULT '{}',
  archived_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organizations_slug_key UNIQUE (slug),
  CONSTRAINT organizations_slug_check CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  CONSTRAINT organizations_settings_check CHECK (jsonb_typeof(settings) = 'object')
);
COMMENT ON TABLE organizations IS 'Tenants. Every tenant-scoped row carries organization_id referencing this table.';
COMMENT ON COLUMN organizations.id IS 'Tenant id; the value of the app.tenant_id setting.';
COMMENT ON COLUMN organizations.name IS 'Display name.';
COMMENT ON COLUMN organizations.slug IS 'URL-safe unique handle.';
COMMENT ON COLUMN organizations.description IS 'Free-text description.';
COMMENT ON COLUMN organizations.settings IS 'Tenant preferences (a JSON object of flags, not relations).';
COMMENT ON COLUMN organizations.archived_at IS 'Soft delete: set when the tenant is closed.';
COMMENT ON COLUMN organizations.created_at IS 'Row creation time.';
COMMENT ON COLUMN organizations.updated_at IS 'Last update time, maintained by trigger.';
CREATE TRIGGER trg_organizations_updated_at BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE organization_members (
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  role            member_role NOT NULL DEFAULT 'viewer',
  joined_at       timestamptz NOT NULL DEFAULT now(),
  left_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organization_members_pkey PRIMARY KEY (organization_id, user_id),
  CONSTRAINT organization_members_left_check CHECK (left_at IS NULL OR left_at >= joined_at)
);
COMMENT ON TABLE organization_members IS 'Membership of a user in an organization. Person references inside a tenant point here (organization_id, user_id), so only members can be assignees, authors or approvers; memberships are ended (left_at), never deleted, to keep history intact.';
COMMENT ON COLUMN organization_members.organization_id IS 'Tenant.';
COMMENT ON COLUMN organization_members.user_id IS 'Member.';
COMMENT ON COLUMN organization_members.role IS 'Coarse standing in the tenant; fine-grained rights come from user_roles.';
COMMENT ON COLUMN organization_members.joined_at IS 'When the membership started.';
COMMENT ON COLUMN organization_members.left_at IS 'When the membership ended; NULL while active.';
COMMENT ON COLUMN organization_members.created_at IS 'Row creation time.';
COMMENT ON COLUMN organization_members.updated_at IS 'Last update time, maintained by trigger.';
-- The primary key (organization_id, user_id) supports the organization FK; this one supports the user FK
-- and "organizations of a user".
CREATE INDEX idx_organization_members_user_id ON organization_members (user_id);
CREATE TRIGGER trg_organization_members_updated_at BEFORE UPDATE ON organization_members FOR EACH ROW EXECUTE FUNCTION set_updated_at();
