-- Set-based, deterministic data generator. Sizes come from the temp table seed_params (`strata seed`
-- writes it from a profile in strata.config.json's "seedProfiles"); every id is md5(kind:numbers)::uuid
-- and every "random" choice is arithmetic on row numbers, so the same parameters always produce the
-- same rows, on any server.
--
-- Numbering: tenant t in 1..T; user g = (t-1)*U + u (u in 1..U); project gp = (t-1)*P + p.

-- Explicit ::text casts keep sid() immutable all the way down, so the planner inlines it (a bigint || text
-- concatenation is only stable, and a non-inlined SQL function call costs ~3x as much per row).
CREATE FUNCTION pg_temp.sid(kind text, a bigint, b bigint DEFAULT NULL) RETURNS uuid
  LANGUAGE sql IMMUTABLE
  RETURN md5(kind || ':' || a::text || coalesce(':' || b::text, ''))::uuid;

CREATE FUNCTION pg_temp.pick(words text[], n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE
  RETURN words[1 + (n % cardinality(words))];

-- Tenants.
INSERT INTO organizations (id, name, slug, description, created_at)
SELECT pg_temp.sid('org', t),
       CASE WHEN t <= 3 THEN (ARRAY['Acme Engineering', 'Globex Systems', 'Initech Consulting'])[t]
            ELSE pg_temp.pick(ARRAY['Northwind', 'Contoso', 'Fabrikam', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne'], t)
                 || ' ' || pg_temp.pick(ARRAY['Labs', 'Industries', 'Group', 'Partners', 'Software'], t / 8) || ' ' || t END,
       CASE WHEN t <= 3 THEN (ARRAY['acme', 'globex', 'initech'])[t] ELSE 'tenant-' || t END,
       'Seeded tenant number ' || t || '.',
       s.base - make_interval(days => 90 - (t % 30)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t;

-- People: U per tenant, each a member of their tenant; the second user of every tenant also joins the
-- previous tenant as a viewer (people really belong to several organizations).
INSERT INTO users (id, email, display_name, password_hash, timezone, locale, email_verified_at, last_login_at, created_at)
SELECT pg_temp.sid('user', g),
       lower(fn) || '.' || lower(ln) || '.' || g || '@' || CASE WHEN t <= 3 THEN (ARRAY['acme', 'globex', 'initech'])[t] ELSE 'tenant-' || t END || '.example',
       fn || ' ' || ln,
       '$argon2id$v=19$m=65536,t=3,p=4$seed$' || md5('pw:' || g),
       pg_temp.pick(ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/Paris'], g),
       pg_temp.pick(ARRAY['en', 'de', 'fr', 'ja'], g),
       CASE WHEN g % 9 <> 0 THEN s.base - interval '60 days' END,
       s.base - make_interval(hours => (g % 200)::int),
       s.base - interval '80 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.users_per_tenant) AS u,
       LATERAL (SELECT (t - 1) * s.users_per_tenant + u AS g) n,
       LATERAL (SELECT pg_temp.pick(ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken',
                                          'Margaret', 'Niklaus', 'Radia', 'Tim', 'Sophie', 'Linus', 'Katherine', 'John'], g) AS fn,
                       pg_temp.pick(ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson',
                                          'Hamilton', 'Wirth', 'Perlman', 'Berners-Lee', 'Wilson', 'Torvalds', 'Johnson', 'Backus'], g / 16) AS ln) nm;

INSERT INTO organization_members (organization_id, user_id, role, joined_at)
SELECT pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u),
       (CASE WHEN u = 1 THEN 'owner' WHEN u = 2 THEN 'admin' WHEN u < s.users_per_tenant - 1 THEN 'contributor' ELSE 'viewer' END)::member_role,
       s.base - interval '75 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.users_per_tenant) AS u
UNION ALL
SELECT pg_temp.sid('org', t - 1), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2), 'viewer', s.base - interval '30 days'
  FROM seed_params s, generate_series(2, s.tenants) AS t;

-- Role grants: user 1 org_admin, user 2 project_manager, then contributors, the last two viewers;
-- contributors with an even number hold a temporary project_manager grant that has already expired.
INSERT INTO user_roles (organization_id, user_id, role_id, granted_by, expires_at, created_at)
SELECT pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u),
       md5('role:' || CASE WHEN u = 1 THEN 'org_admin' WHEN u = 2 THEN 'project_manager'
                           WHEN u < s.users_per_tenant - 1 THEN 'contributor' ELSE 'viewer' END)::uuid,
       CASE WHEN u > 1 THEN pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1) END,
       NULL, s.base - interval '70 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.users_per_tenant) AS u
UNION ALL
SELECT pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u), md5('role:project_manager')::uuid,
       pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1), s.base - interval '5 days', s.base - interval '20 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(3, s.users_per_tenant - 2) AS u
 WHERE u % 2 = 0;

-- Sessions and security logs (tokens only as SHA-256 digests).
INSERT INTO sessions (id, user_id, token_hash, ip_address, user_agent, created_at, last_seen_at, expires_at, revoked_at)
SELECT pg_temp.sid('session', g), pg_temp.sid('user', g), sha256(convert_to('session-token:' || g, 'UTF8')),
       ('10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256)::inet,
       pg_temp.pick(ARRAY['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'Mozilla/5.0 (Macintosh) Safari/17.5', 'strata-cli/0.1'], g),
       s.base - interval '2 days', s.base - interval '1 hour', s.base + interval '60 days',
       CASE WHEN g % 10 = 0 THEN s.base - interval '1 day' END
  FROM seed_params s, generate_series(1, s.tenants * s.users_per_tenant) AS g;

INSERT INTO login_attempts (email, user_id, succeeded, failure_reason, ip_address, attempted_at)
SELECT u.email, u.id, k <> 2 OR g % 4 <> 0, CASE WHEN k = 2 AND g % 4 = 0 THEN 'bad_password' END,
       ('10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256)::inet,
       s.base - make_interval(hours => (k * 7 + g % 5)::int)
  FROM seed_params s, generate_series(1, s.tenants * s.users_per_tenant) AS g
  JOIN users u ON u.id = pg_temp.sid('user', g), generate_series(1, 3) AS k;

INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at, used_at)
SELECT pg_temp.sid('reset', g), pg_temp.sid('user', g), sha256(convert_to('reset-token:' || g, 'UTF8')), s.base - interval '3 hours',
       s.base - interval '2 hours', CASE WHEN g % 2 = 0 THEN s.base - interval '170 minutes' END
  FROM seed_params s, generate_series(1, s.tenants * s.users_per_tenant) AS g
 WHERE g % 11 = 0;

-- Projects.
INSERT INTO projects (id, organization_id, created_by, name, description, status, project_type, industry,
                      complexity_score, estimated_duration_weeks, estimated_budget, currency, technology_stack,
                      archived_at, created_at, updated_at)
SELECT pg_temp.sid('project', gp), pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1 + p % 3),
       adj || ' ' || noun || ' ' || what || CASE WHEN p > 27 THEN ' ' || p ELSE '' END,
       'Plan the ' || lower(what) || ' of the ' || lower(adj) || ' ' || lower(noun) || ' for the ' || ind || ' business: scope, architecture, risks and delivery.',
       (ARRAY['active', 'active', 'active', 'draft', 'on_hold', 'completed', 'cancelled'])[1 + (gp * 7) % 7]::project_status,
       pg_temp.pick(ARRAY['greenfield', 'migration', 'integration', 'modernisation'], gp / 3),
       ind, 1 + (gp * 13) % 10, 4 + (gp % 40), (10000 + (gp * 7919) % 990000)::numeric(15, 2),
       pg_temp.pick(ARRAY['USD', 'EUR', 'GBP', 'JPY'], t),
       ARRAY[pg_temp.pick(ARRAY['PostgreSQL', 'MySQL', 'DynamoDB'], gp), pg_temp.pick(ARRAY['TypeScript', 'Go', 'Java', 'Python', 'Rust'], gp / 3),
             pg_temp.pick(ARRAY['Kubernetes', 'AWS Lambda', 'Cloud Run', 'Nomad'], gp / 5)],
       CASE WHEN gp % 17 = 0 THEN s.base - interval '3 days' END,
       s.base - make_interval(days => (gp % 60)::int, mins => (gp % 1440)::int),
       s.base - make_interval(days => (gp % 20)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n,
       LATERAL (SELECT pg_temp.pick(ARRAY['Customer', 'Billing', 'Inventory', 'Partner', 'Analytics', 'Identity', 'Logistics', 'Claims', 'Payments'], p) AS noun,
                       pg_temp.pick(ARRAY['Portal', 'Platform', 'Pipeline'], p / 9) AS adj,
                       pg_temp.pick(ARRAY['Modernisation', 'Rollout', 'Migration', 'Redesign', 'Consolidation', 'Launch'], gp / 27) AS what,
                       pg_temp.pick(ARRAY['retail', 'insurance', 'logistics', 'healthcare', 'banking', 'energy'], t) AS ind) w;

-- Requirement trees: r > 2 hangs under r / 2 (depth ~ log2 R).
INSERT INTO requirements (id, organization_id, project_id, parent_id, created_by, title, description, acceptance_criteria,
                          priority, category, complexity_score, effort_estimate_hours, validated_at, created_at)
SELECT pg_temp.sid('requirement', gp, r), pg_temp.sid('org', t), pg_temp.sid('project', gp),
       CASE WHEN r > 2 THEN pg_temp.sid('requirement', gp, r / 2) END,
       pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2),
       pg_temp.pick(ARRAY['Users can', 'Administrators can', 'The system shall', 'Auditors can', 'Partners can'], r) || ' '
         || pg_temp.pick(ARRAY['sign in with SSO', 'export reports as CSV', 'approve changes', 'search all documents',
                               'receive notifications', 'restore deleted items', 'see an audit trail', 'work offline'], gp + r),
       'Requirement ' || r || ' of project ' || gp || ', refined during discovery.',
       ARRAY['Given a signed-in user, the action succeeds', 'Errors are reported with a reason'],
       1 + (gp + r) % 5, pg_temp.pick(ARRAY['functional', 'security', 'performance', 'usability', 'compliance'], r),
       1 + (gp * r) % 10, 4 + (gp * r) % 60,
       CASE WHEN (gp + r) % 3 = 0 THEN s.base - interval '10 days' END,
       s.base - make_interval(days => (gp % 50)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n,
       generate_series(1, s.requirements_per_project) AS r;

-- Architecture: a root platform with three children; the web app calls the API, the API uses the database.
INSERT INTO architectural_components (id, organization_id, project_id, parent_id, name, component_type, description, technology, status, quality_attributes)
SELECT pg_temp.sid('component', gp, c), pg_temp.sid('org', t), pg_temp.sid('project', gp),
       CASE WHEN c > 1 THEN pg_temp.sid('component', gp, 1) END,
       (ARRAY['Platform', 'Web app', 'API', 'Database'])[c],
       (ARRAY['system', 'frontend', 'service', 'database'])[c],
       (ARRAY['Everything the project ships', 'Browser client', 'Public REST API', 'System of record'])[c],
       (ARRAY[NULL, 'React', 'Node.js', 'PostgreSQL'])[c],
       (ARRAY['in_progress', 'planned', 'in_progress', 'implemented'])[c]::component_status,
       CASE c WHEN 3 THEN '{"p95_latency_ms": 200, "availability": "99.9%"}'::jsonb ELSE '{}'::jsonb END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n, generate_series(1, 4) AS c;

INSERT INTO component_dependencies (organization_id, project_id, component_id, depends_on_component_id, kind, description)
SELECT pg_temp.sid('org', t), pg_temp.sid('project', gp), pg_temp.sid('component', gp, e.a), pg_temp.sid('component', gp, e.b), e.kind, e.d
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n,
       (VALUES (2, 3, 'runtime', 'HTTPS/JSON'), (3, 4, 'data', 'SQL over TLS')) AS e(a, b, kind, d);

INSERT INTO analyses (id, organization_id, project_id, requested_by, kind, status, title, methodology, findings, recommendations,
                      confidence_score, completeness_score, model_name, processing_ms, completed_at, created_at)
SELECT pg_temp.sid('analysis', gp), pg_temp.sid('org', t), pg_temp.sid('project', gp), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2),
       pg_temp.pick(ARRAY['risk', 'architecture', 'requirements', 'technology', 'quality'], gp)::analysis_kind,
       CASE WHEN gp % 10 = 0 THEN 'running' ELSE 'completed' END::analysis_status,
       'Initial ' || pg_temp.pick(ARRAY['risk', 'architecture', 'requirements', 'technology', 'quality'], gp) || ' review',
       'structured review',
       jsonb_build_object('summary', 'No blocking issues found.', 'risks', jsonb_build_array('vendor lock-in', 'data migration effort')),
       '["Start with a walking skeleton", "Automate migrations"]'::jsonb,
       round(((gp % 50) + 50) / 100.0, 2), round(((gp % 40) + 60) / 100.0, 2), 'planner-v2', 1000 + gp % 9000,
       CASE WHEN gp % 10 <> 0 THEN s.base - interval '7 days' END, s.base - interval '8 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n;

-- Task trees: k > 3 hangs under k / 3. Assignees rotate over the tenant's contributors; every 7th task is unassigned.
INSERT INTO tasks (id, organization_id, project_id, parent_id, requirement_id, created_by, assignee_id, title, description,
                   work_type, status, priority, complexity_score, estimated_hours, actual_hours, progress_percent,
                   planned_start, planned_end, started_at, completed_at, archived_at, created_at)
SELECT pg_temp.sid('task', gp, k), pg_temp.sid('org', t), pg_temp.sid('project', gp),
       CASE WHEN k > 3 THEN pg_temp.sid('task', gp, k / 3) END,
       pg_temp.sid('requirement', gp, 1 + (k - 1) % s.requirements_per_project),
       pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2),
       CASE WHEN k % 7 <> 0 THEN pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1 + (gp + k) % s.users_per_tenant) END,
       pg_temp.pick(ARRAY['Design', 'Implement', 'Test', 'Document', 'Review', 'Deploy'], k) || ' '
         || pg_temp.pick(ARRAY['login flow', 'CSV export', 'approval workflow', 'search index', 'notification service',
                               'audit trail', 'data migration', 'offline cache', 'billing webhook', 'role editor'], gp + k),
       'Task ' || k || ' of project ' || gp || '. Definition of done: merged, tested and deployed to staging.',
       pg_temp.pick(ARRAY['design', 'build', 'test', 'docs', 'review', 'ops'], k),
       st, 1 + (gp + k) % 5, 1 + (gp * k) % 10, (2 + (gp + k) % 38)::numeric(7, 2),
       CASE WHEN st IN ('done', 'review', 'in_progress') THEN (1 + (gp + k) % 30)::numeric(7, 2) END,
       CASE st WHEN 'done' THEN 100 WHEN 'review' THEN 90 WHEN 'in_progress' THEN 10 + (gp + k) % 70 ELSE 0 END,
       ps, ps + (1 + k % 10), CASE WHEN st IN ('in_progress', 'review', 'done') THEN s.base - interval '6 days' END,
       CASE WHEN st IN ('done', 'cancelled') THEN s.base - interval '1 day' END,
       CASE WHEN (gp + k) % 41 = 0 THEN s.base - interval '2 days' END,
       s.base - make_interval(days => (gp % 45)::int, mins => k::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n,
       generate_series(1, s.tasks_per_project) AS k,
       LATERAL (SELECT (ARRAY['todo', 'todo', 'in_progress', 'review', 'done', 'done', 'cancelled', 'deferred'])[1 + (gp * 3 + k * 5) % 8]::task_status AS st,
                       (s.base::date - 30 + ((gp * 7 + k * 3) % 120)::int) AS ps) x;

-- Dependencies point from a task to lower-numbered tasks only, so the graph is acyclic by construction.
INSERT INTO task_dependencies (organization_id, project_id, task_id, depends_on_task_id)
SELECT pg_temp.sid('org', t), pg_temp.sid('project', gp), pg_temp.sid('task', gp, k), pg_temp.sid('task', gp, d)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n,
       generate_series(2, s.tasks_per_project) AS k,
       LATERAL (SELECT k - 1 AS d WHERE k % 4 <> 1 UNION ALL SELECT k - 3 WHERE k % 5 = 0 AND k > 3) dd;

-- Collaboration: every 4th project had a review session; every project has one approval on its first requirement.
INSERT INTO collaboration_sessions (id, organization_id, project_id, created_by, title, session_type, status, current_phase, started_at, ended_at)
SELECT pg_temp.sid('collab', gp), pg_temp.sid('org', t), pg_temp.sid('project', gp), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2),
       'Architecture review', 'review', CASE WHEN p % 8 = 0 THEN 'active' ELSE 'ended' END::session_status, 'decisions',
       s.base - interval '4 days', CASE WHEN p % 8 <> 0 THEN s.base - interval '4 days' + interval '90 minutes' END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n
 WHERE p % 4 = 0;

INSERT INTO session_participants (organization_id, session_id, user_id, role, can_approve, joined_at, left_at)
SELECT pg_temp.sid('org', t), pg_temp.sid('collab', gp), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u),
       CASE WHEN u = 2 THEN 'owner' ELSE 'contributor' END::member_role, u <= 2,
       s.base - interval '4 days', CASE WHEN p % 8 <> 0 THEN s.base - interval '4 days' + interval '90 minutes' END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n, generate_series(1, least(3, s.users_per_tenant)) AS u
 WHERE p % 4 = 0;

INSERT INTO approvals (id, organization_id, project_id, requested_by, title, description, approval_type, requirement_id,
                       status, required_approvals, decision_rationale, due_at, resolved_at, created_at)
SELECT pg_temp.sid('approval', gp), pg_temp.sid('org', t), pg_temp.sid('project', gp), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2),
       'Sign off the top-level requirements', 'Please review scope before estimation.', 'requirements',
       pg_temp.sid('requirement', gp, 1),
       CASE WHEN p % 3 = 0 THEN 'approved' ELSE 'pending' END::approval_status, 2,
       CASE WHEN p % 3 = 0 THEN 'Scope agreed in the review.' END,
       s.base + make_interval(days => (p % 14)::int), CASE WHEN p % 3 = 0 THEN s.base - interval '1 day' END,
       s.base - interval '3 days'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n;

INSERT INTO approval_participants (organization_id, approval_id, user_id, decision, decision_notes, decided_at)
SELECT pg_temp.sid('org', t), pg_temp.sid('approval', gp), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u),
       CASE WHEN p % 3 = 0 THEN 'approve' END::approval_decision, CASE WHEN p % 3 = 0 THEN 'Looks right.' END,
       CASE WHEN p % 3 = 0 THEN s.base - interval '1 day' END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n, generate_series(1, least(3, s.users_per_tenant)) AS u
 WHERE u <> 2;

-- A thread on the first task of every project: a question and its answer.
INSERT INTO comments (id, organization_id, author_id, parent_id, task_id, body, created_at)
SELECT pg_temp.sid('comment', gp, c), pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + c),
       CASE WHEN c = 2 THEN pg_temp.sid('comment', gp, 1) END, pg_temp.sid('task', gp, 1),
       CASE c WHEN 1 THEN 'Do we need SSO for the first release?' ELSE 'Yes, the customer requires it; see requirement 1.' END,
       s.base - make_interval(hours => (10 - c)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n, generate_series(1, 2) AS c;

-- Notifications: five per member, the older ones read.
INSERT INTO notifications (id, organization_id, user_id, template_id, channel, title, body, payload, scheduled_for, delivered_at, read_at, created_at)
SELECT pg_temp.sid('notification', (t - 1) * s.users_per_tenant + u, k), pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u), md5('template:' || tk)::uuid,
       CASE WHEN k = 5 THEN 'email' ELSE 'in_app' END::notification_channel,
       CASE tk WHEN 'task.assigned' THEN 'New task assigned' WHEN 'approval.requested' THEN 'Approval requested' ELSE 'New reply' END,
       'Seeded notification ' || k || '.', jsonb_build_object('project', pg_temp.sid('project', (t - 1)::bigint * s.projects_per_tenant + 1)),
       s.base - make_interval(hours => (k * 5)::int), s.base - make_interval(hours => (k * 5)::int),
       CASE WHEN k > 2 THEN s.base - make_interval(hours => (k * 5 - 1)::int) END,
       s.base - make_interval(hours => (k * 5)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.users_per_tenant) AS u, generate_series(1, 5) AS k,
       LATERAL (SELECT pg_temp.pick(ARRAY['task.assigned', 'approval.requested', 'comment.reply'], u + k) AS tk) x;

INSERT INTO notification_preferences (organization_id, user_id, template_id, channel, enabled)
SELECT pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + u), md5('template:comment.reply')::uuid, 'email', false
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.users_per_tenant) AS u
 WHERE u % 3 = 0;

-- Documents: per tenant, d % 3 = 1 are RFQs, the next two are offers answering that RFQ. Each has a file.
INSERT INTO files (id, organization_id, uploaded_by, original_name, storage_provider, storage_key, byte_size, mime_type, sha256, created_at)
SELECT pg_temp.sid('file', t, d), pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1 + d % s.users_per_tenant),
       CASE WHEN d % 3 = 1 THEN 'rfq-' ELSE 'offer-' END || d || '.pdf', 's3',
       pg_temp.sid('org', t)::text || '/documents/' || d || '.pdf', 20000 + (t * d * 7919) % 2000000, 'application/pdf',
       sha256(convert_to('file:' || t || ':' || d, 'UTF8')), s.base - make_interval(days => (d % 30)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d;

INSERT INTO documents (id, organization_id, project_id, uploaded_by, file_id, kind, title, body, counterparty, created_at)
SELECT pg_temp.sid('document', t, d), pg_temp.sid('org', t),
       pg_temp.sid('project', (t - 1)::bigint * s.projects_per_tenant + 1 + d % s.projects_per_tenant),
       pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1 + d % s.users_per_tenant), pg_temp.sid('file', t, d),
       CASE WHEN d % 3 = 1 THEN 'rfq' ELSE 'offer' END::doc_kind,
       CASE WHEN d % 3 = 1 THEN 'RFQ ' || d || ': ' || subject ELSE 'Offer for RFQ ' || (d - (d - 1) % 3) || ' from ' || vendor END,
       repeat('Scope: ' || subject || '. Delivery within ' || (4 + d % 12) || ' weeks. Support and maintenance for three years. '
              || 'Prices exclude VAT. Acceptance tests are part of the delivery. ', 12),
       CASE WHEN d % 3 = 1 THEN 'Procurement' ELSE vendor END,
       s.base - make_interval(days => (30 - d % 30)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d,
       LATERAL (SELECT pg_temp.pick(ARRAY['cloud hosting', 'penetration test', 'data warehouse', 'mobile app', 'support desk'], (d - 1) / 3) AS subject,
                       pg_temp.pick(ARRAY['Northwind Ltd', 'Contoso AG', 'Fabrikam Inc', 'Tailspin SA'], d + t) AS vendor) w;

INSERT INTO document_links (id, organization_id, rfq_id, offer_id, linked_by, note)
SELECT pg_temp.sid('link', t, d), pg_temp.sid('org', t), pg_temp.sid('document', t, d - (d - 1) % 3), pg_temp.sid('document', t, d),
       pg_temp.sid('user', (t - 1) * s.users_per_tenant + 2), 'Received by e-mail'
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d
 WHERE d % 3 <> 1;

INSERT INTO chunk_meta (id, organization_id, document_id, chunk_index, char_start, char_end, token_count, content_sha256,
                        embedding_model, embedding_dims, vector_ref)
SELECT pg_temp.sid('chunk', t, d * 100 + c), pg_temp.sid('org', t), pg_temp.sid('document', t, d), c, c * 500, c * 500 + 500,
       110 + (d + c) % 20, sha256(convert_to('chunk:' || t || ':' || d || ':' || c, 'UTF8')),
       'text-embedding-3-small', 1536, 'vec_' || md5('chunk:' || t || ':' || d || ':' || c)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d, generate_series(0, 3) AS c;

INSERT INTO feedback (id, organization_id, document_id, chunk_id, user_id, query_text, rating, relevance, comment)
SELECT pg_temp.sid('feedback', t, d), pg_temp.sid('org', t), pg_temp.sid('document', t, d), pg_temp.sid('chunk', t, d * 100), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 3 - d % 2),
       'delivery time for ' || d, 1 + (t + d) % 5, round(((t + d) % 10) / 10.0, 2), CASE WHEN d % 2 = 0 THEN 'Exactly the clause I needed.' END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d;

INSERT INTO file_processing_jobs (id, organization_id, file_id, job_type, status, attempts, parameters, result, error_message, started_at, finished_at)
SELECT pg_temp.sid('job', t, d * 10 + j.n), pg_temp.sid('org', t), pg_temp.sid('file', t, d), j.job_type::file_job_type, st::file_job_status,
       CASE WHEN st = 'pending' THEN 0 ELSE 1 END, '{}'::jsonb,
       CASE WHEN st = 'completed' THEN '{"ok": true}'::jsonb END, CASE WHEN st = 'failed' THEN 'embedding service timed out' END,
       CASE WHEN st <> 'pending' THEN s.base - interval '1 hour' END,
       CASE WHEN st IN ('completed', 'failed') THEN s.base - interval '50 minutes' END
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.documents_per_tenant) AS d,
       (VALUES (1, 'extract_text'), (2, 'chunk'), (3, 'embed')) AS j(n, job_type),
       LATERAL (SELECT CASE WHEN j.n < 3 THEN 'completed' ELSE (ARRAY['completed', 'pending', 'processing', 'failed'])[1 + (t + d) % 4] END AS st) x;

-- Events across the last `months` months (their partitions are created first).
SELECT create_events_partitions((s.base - make_interval(months => s.months - 1))::date, s.months + 1) FROM seed_params s;
INSERT INTO events (id, organization_id, user_id, event_type, event_name, properties, project_id, ip_address, user_agent, occurred_at)
SELECT pg_temp.sid('event', gp, e), pg_temp.sid('org', t), pg_temp.sid('user', (t - 1) * s.users_per_tenant + 1 + (gp + e) % s.users_per_tenant),
       et, pg_temp.pick(ARRAY['task.board.opened', 'project.viewed', 'document.searched', 'approval.decided', 'export.csv'], gp + e),
       jsonb_build_object('duration_ms', 20 + (gp * e) % 900), pg_temp.sid('project', gp),
       ('10.' || (gp / 65536) % 256 || '.' || (gp / 256) % 256 || '.' || gp % 256)::inet, 'Mozilla/5.0',
       s.base - make_interval(days => ((gp * 31 + e * 17) % (s.months * 30))::int, secs => ((gp * e * 7) % 86400)::int)
  FROM seed_params s, generate_series(1, s.tenants) AS t, generate_series(1, s.projects_per_tenant) AS p,
       LATERAL (SELECT (t - 1)::bigint * s.projects_per_tenant + p AS gp) n, generate_series(1, s.events_per_project) AS e,
       LATERAL (SELECT pg_temp.pick(ARRAY['page_view', 'page_view', 'api_call', 'search', 'export'], gp + e) AS et) x;
