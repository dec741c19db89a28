-- Global catalogs: RBAC roles and permissions, notification templates. Fixed ids (md5 of a name) keep
-- every run identical, so tests and docs can name rows.

INSERT INTO permissions (id, resource, action, description)
SELECT md5('permission:' || r || ':' || a)::uuid, r, a, initcap(a) || ' ' || replace(r, '_', ' ') || 's'
  FROM unnest(ARRAY['project', 'requirement', 'component', 'analysis', 'task', 'comment', 'approval',
                    'document', 'file', 'member', 'role']) AS r,
       unnest(ARRAY['read', 'create', 'update', 'delete', 'approve']) AS a;

INSERT INTO roles (id, key, name, description, parent_role_id) VALUES
  (md5('role:viewer')::uuid, 'viewer', 'Viewer', 'Reads everything in the organization.', NULL),
  (md5('role:contributor')::uuid, 'contributor', 'Contributor', 'Works on requirements, tasks, comments and documents.', md5('role:viewer')::uuid),
  (md5('role:project_manager')::uuid, 'project_manager', 'Project manager', 'Runs projects and approvals.', md5('role:contributor')::uuid),
  (md5('role:org_admin')::uuid, 'org_admin', 'Organization admin', 'Manages members and roles.', md5('role:project_manager')::uuid);

INSERT INTO role_permissions (role_id, permission_id)
SELECT md5('role:' || g.role)::uuid, md5('permission:' || g.resource || ':' || g.action)::uuid
  FROM (
    SELECT 'viewer' AS role, r AS resource, 'read' AS action
      FROM unnest(ARRAY['project', 'requirement', 'component', 'analysis', 'task', 'comment', 'approval', 'document', 'file', 'member']) r
    UNION ALL
    SELECT 'contributor', r, a
      FROM unnest(ARRAY['requirement', 'task', 'comment', 'document', 'file']) r, unnest(ARRAY['create', 'update']) a
    UNION ALL
    SELECT 'project_manager', r, a
      FROM unnest(ARRAY['project', 'component', 'analysis', 'approval']) r, unnest(ARRAY['create', 'update', 'delete']) a
    UNION ALL
    SELECT 'project_manager', r, 'approve' FROM unnest(ARRAY['requirement', 'component', 'analysis', 'document']) r
    UNION ALL
    SELECT 'org_admin', r, a FROM unnest(ARRAY['member', 'role']) r, unnest(ARRAY['create', 'update', 'delete']) a
  ) g;

INSERT INTO notification_templates (id, key, subject_template, body_template, variables) VALUES
  (md5('template:task.assigned')::uuid, 'task.assigned', 'New task: {{task}}', '{{actor}} assigned "{{task}}" to you in {{project}}.', '{actor,task,project}'),
  (md5('template:approval.requested')::uuid, 'approval.requested', 'Approval requested: {{title}}', '{{actor}} asks for your approval of "{{title}}".', '{actor,title}'),
  (md5('template:comment.reply')::uuid, 'comment.reply', 'New reply', '{{actor}} replied to your comment on {{target}}.', '{actor,target}'),
  (md5('template:document.linked')::uuid, 'document.linked', 'Offer received', 'An offer from {{counterparty}} answers {{rfq}}.', '{counterparty,rfq}');
