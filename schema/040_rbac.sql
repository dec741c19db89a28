-- RBAC: global role and permission catalogs, tenant-scoped grants with expiry, and has_permission().

CREATE TABLE roles (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key             text NOT NULL,
  name            text NOT NULL,
  description     text,
  parent_role_id  uuid REFERENCES roles (id) ON DELETE RESTRICT,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT roles_key_key UNIQUE (key),
  CONSTRAINT roles_key_check CHECK (key ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT roles_parent_check CHECK (parent_role_id IS DISTINCT FROM id)
);
COMMENT ON TABLE roles IS 'Application roles (a global catalog). A role inherits every permission of its parent role.';
COMMENT ON COLUMN roles.id IS 'Surrogate key.';
COMMENT ON COLUMN roles.key IS 'Stable machine name, e.g. project_manager.';
COMMENT ON COLUMN roles.name IS 'Display name.';
COMMENT ON COLUMN roles.description IS 'What the role is for.';
COMMENT ON COLUMN roles.parent_role_id IS 'Role whose permissions this role inherits; NULL for a root role.';
COMMENT ON COLUMN roles.created_at IS 'Row creation time.';
COMMENT ON COLUMN roles.updated_at IS 'Last update time, maintained by trigger.';
CREATE INDEX idx_roles_parent_role_id ON roles (parent_role_id);
CREATE TRIGGER trg_roles_updated_at BEFORE UPDATE ON roles FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE permissions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource    text NOT NULL,
  action      text NOT NULL,
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT permissions_resource_action_key UNIQUE (resource, action),
  CONSTRAINT permissions_resource_check CHECK (resource ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT permissions_action_check CHECK (action ~ '^[a-z][a-z0-9_]*$')
);
COMMENT ON TABLE permissions IS 'What can be done: an action on a resource kind (global catalog).';
COMMENT ON COLUMN permissions.id IS 'Surrogate key.';
COMMENT ON COLUMN permissions.resource IS 'Resource kind, e.g. project, task, document.';
COMMENT ON COLUMN permissions.action IS 'Action on the resource, e.g. read, update, approve.';
COMMENT ON COLUMN permissions.description IS 'Human explanation.';
COMMENT ON COLUMN permissions.created_at IS 'Row creation time.';

CREATE TABLE role_permissions (
  role_id       uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission_id uuid NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT role_permissions_pkey PRIMARY KEY (role_id, permission_id)
);
COMMENT ON TABLE role_permissions IS 'Permissions granted directly to a role (inherited ones come from the parent chain).';
COMMENT ON COLUMN role_permissions.role_id IS 'Role.';
COMMENT ON COLUMN role_permissions.permission_id IS 'Permission granted.';
COMMENT ON COLUMN role_permissions.created_at IS 'Row creation time.';
CREATE INDEX idx_role_permissions_permission_id ON role_permissions (permission_id);

CREATE TABLE user_roles (
  organization_id uuid NOT NULL,
  user_id         uuid NOT NULL,
  role_id         uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  granted_by      uuid,
  expires_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT user_roles_pkey PRIMARY KEY (organization_id, user_id, role_id),
  CONSTRAINT user_roles_member_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE CASCADE,
  CONSTRAINT user_roles_granted_by_fkey FOREIGN KEY (organization_id, granted_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT user_roles_expiry_check CHECK (expires_at IS NULL OR expires_at > created_at)
);
COMMENT ON TABLE user_roles IS 'A role granted to a member within one organization, optionally until expires_at.';
COMMENT ON COLUMN user_roles.organization_id IS 'Tenant the grant applies to.';
COMMENT ON COLUMN user_roles.user_id IS 'Member receiving the role.';
COMMENT ON COLUMN user_roles.role_id IS 'Role granted.';
COMMENT ON COLUMN user_roles.granted_by IS 'Member who granted it.';
COMMENT ON COLUMN user_roles.expires_at IS 'Grant ends at this time; NULL = no expiry.';
COMMENT ON COLUMN user_roles.created_at IS 'When the grant was made.';
CREATE INDEX idx_user_roles_role_id ON user_roles (role_id);
CREATE INDEX idx_user_roles_granted_by ON user_roles (organization_id, granted_by) WHERE granted_by IS NOT NULL;

CREATE FUNCTION has_permission(p_user_id uuid, p_organization_id uuid, p_resource text, p_action text)
  RETURNS boolean
  LANGUAGE sql STABLE
AS $$
  WITH RECURSIVE granted AS (
    SELECT ur.role_id
      FROM user_roles ur
     WHERE ur.user_id = p_user_id
       AND ur.organization_id = p_organization_id
       AND (ur.expires_at IS NULL OR ur.expires_at > now())
    UNION
    SELECT r.parent_role_id
      FROM granted g
      JOIN roles r ON r.id = g.role_id
     WHERE r.parent_role_id IS NOT NULL
  )
  SELECT EXISTS (
    SELECT 1
      FROM granted g
      JOIN role_permissions rp ON rp.role_id = g.role_id
      JOIN permissions p ON p.id = rp.permission_id
     WHERE p.resource = p_resource AND p.action = p_action
  );
$$;
COMMENT ON FUNCTION has_permission(uuid, uuid, text, text) IS 'True when the user holds, in that organization and unexpired, a role that (directly or through its parent chain) grants action on resource. Runs as the caller, so RLS limits it to the current tenant.';
