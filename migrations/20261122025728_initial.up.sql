-- Roles are cluster-wide: each is created only when missing, and no down migration drops one.
DO $strata_role$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_admin') THEN EXECUTE 'CREATE ROLE app_admin NOLOGIN'; END IF; END $strata_role$;
DO $strata_role$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_analyst') THEN EXECUTE 'CREATE ROLE app_analyst NOLOGIN'; END IF; END $strata_role$;
DO $strata_role$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_owner') THEN EXECUTE 'CREATE ROLE app_owner NOLOGIN'; END IF; END $strata_role$;
DO $strata_role$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_system') THEN EXECUTE 'CREATE ROLE app_system NOLOGIN BYPASSRLS'; END IF; END $strata_role$;
DO $strata_role$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_viewer') THEN EXECUTE 'CREATE ROLE app_viewer NOLOGIN'; END IF; END $strata_role$;
CREATE EXTENSION citext WITH SCHEMA public;
COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';
CREATE EXTENSION pg_trgm WITH SCHEMA public;
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
CREATE EXTENSION pgcrypto WITH SCHEMA public;
COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';
CREATE TYPE public.analysis_kind AS ENUM ('requirements', 'architecture', 'technology', 'risk', 'quality');
COMMENT ON TYPE public.analysis_kind IS 'What an analysis examined.';
CREATE TYPE public.analysis_status AS ENUM ('queued', 'running', 'completed', 'failed');
COMMENT ON TYPE public.analysis_status IS 'Processing state of an analysis.';
CREATE TYPE public.approval_decision AS ENUM ('approve', 'reject', 'abstain');
COMMENT ON TYPE public.approval_decision IS 'One approver''s answer.';
CREATE TYPE public.approval_status AS ENUM ('pending', 'approved', 'rejected', 'cancelled');
COMMENT ON TYPE public.approval_status IS 'Outcome of an approval request.';
CREATE TYPE public.audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE');
COMMENT ON TYPE public.audit_operation IS 'Row operation recorded in the audit log.';
CREATE TYPE public.component_status AS ENUM ('planned', 'in_progress', 'implemented', 'deprecated');
COMMENT ON TYPE public.component_status IS 'Implementation state of an architectural component.';
CREATE TYPE public.doc_kind AS ENUM ('rfq', 'offer', 'contract', 'specification', 'other');
COMMENT ON TYPE public.doc_kind IS 'What a document is. RFQs are answered by offers.';
CREATE TYPE public.file_job_status AS ENUM ('pending', 'processing', 'completed', 'failed', 'cancelled');
COMMENT ON TYPE public.file_job_status IS 'State of a file processing job; allowed changes are given by file_job_transition_allowed().';
CREATE TYPE public.file_job_type AS ENUM ('extract_text', 'chunk', 'embed', 'thumbnail', 'virus_scan');
COMMENT ON TYPE public.file_job_type IS 'Kind of processing applied to an uploaded file.';
CREATE TYPE public.member_role AS ENUM ('owner', 'admin', 'contributor', 'viewer');
COMMENT ON TYPE public.member_role IS 'A person''s standing in an organization or a collaboration session.';
CREATE TYPE public.notification_channel AS ENUM ('in_app', 'email', 'push', 'sms');
COMMENT ON TYPE public.notification_channel IS 'Delivery channel.';
CREATE TYPE public.project_status AS ENUM ('draft', 'active', 'on_hold', 'completed', 'cancelled');
COMMENT ON TYPE public.project_status IS 'Project lifecycle. Archiving is orthogonal (archived_at), not a status.';
CREATE TYPE public.session_status AS ENUM ('scheduled', 'active', 'ended');
COMMENT ON TYPE public.session_status IS 'Lifecycle of a collaboration session.';
CREATE TYPE public.task_status AS ENUM ('todo', 'in_progress', 'review', 'done', 'cancelled', 'deferred');
COMMENT ON TYPE public.task_status IS 'Task board column.';
CREATE TYPE public.user_status AS ENUM ('active', 'suspended', 'erased');
COMMENT ON TYPE public.user_status IS 'Lifecycle of a user account; erased accounts are anonymised by erase_user().';
CREATE TABLE public.analyses (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    requested_by uuid NOT NULL,
    kind public.analysis_kind NOT NULL,
    status public.analysis_status DEFAULT 'queued'::public.analysis_status NOT NULL,
    title text NOT NULL,
    methodology text,
    findings jsonb DEFAULT '{}'::jsonb NOT NULL,
    recommendations jsonb DEFAULT '[]'::jsonb NOT NULL,
    confidence_score numeric(3,2),
    completeness_score numeric(3,2),
    model_name text,
    processing_ms integer,
    completed_at timestamp with time zone,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.analyses IS 'Results of automated analyses of a project. Findings are a document-shaped report (JSONB), not relations.';
COMMENT ON COLUMN public.analyses.id IS 'Surrogate key.';
COMMENT ON COLUMN public.analyses.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.analyses.project_id IS 'Analysed project.';
COMMENT ON COLUMN public.analyses.requested_by IS 'Member who requested it.';
COMMENT ON COLUMN public.analyses.kind IS 'What was analysed.';
COMMENT ON COLUMN public.analyses.status IS 'Processing state.';
COMMENT ON COLUMN public.analyses.title IS 'Report title.';
COMMENT ON COLUMN public.analyses.methodology IS 'Method used.';
COMMENT ON COLUMN public.analyses.findings IS 'Report body as a JSON object.';
COMMENT ON COLUMN public.analyses.recommendations IS 'Ordered recommendations as a JSON array of report entries.';
COMMENT ON COLUMN public.analyses.confidence_score IS 'Confidence in the result, 0 to 1.';
COMMENT ON COLUMN public.analyses.completeness_score IS 'Coverage of the input, 0 to 1.';
COMMENT ON COLUMN public.analyses.model_name IS 'Model that produced the analysis.';
COMMENT ON COLUMN public.analyses.processing_ms IS 'Processing time in milliseconds.';
COMMENT ON COLUMN public.analyses.completed_at IS 'When status became completed.';
COMMENT ON COLUMN public.analyses.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.analyses.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.analyses.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.approval_participants (
    organization_id uuid NOT NULL,
    approval_id uuid NOT NULL,
    user_id uuid NOT NULL,
    is_required boolean DEFAULT true NOT NULL,
    weight smallint DEFAULT 1 NOT NULL,
    decision public.approval_decision,
    decision_notes text,
    decided_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.approval_participants IS 'Approvers asked to decide on an approval, and their answers.';
COMMENT ON COLUMN public.approval_participants.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.approval_participants.approval_id IS 'Approval request.';
COMMENT ON COLUMN public.approval_participants.user_id IS 'Approver.';
COMMENT ON COLUMN public.approval_participants.is_required IS 'Whether this approver''s answer is required.';
COMMENT ON COLUMN public.approval_participants.weight IS 'Vote weight.';
COMMENT ON COLUMN public.approval_participants.decision IS 'Answer; NULL while undecided.';
COMMENT ON COLUMN public.approval_participants.decision_notes IS 'Notes with the answer.';
COMMENT ON COLUMN public.approval_participants.decided_at IS 'When the answer was given.';
COMMENT ON COLUMN public.approval_participants.created_at IS 'When the approver was asked.';
CREATE TABLE public.approvals (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    requested_by uuid NOT NULL,
    title text NOT NULL,
    description text,
    approval_type text NOT NULL,
    requirement_id uuid,
    component_id uuid,
    analysis_id uuid,
    task_id uuid,
    document_id uuid,
    status public.approval_status DEFAULT 'pending'::public.approval_status NOT NULL,
    required_approvals smallint DEFAULT 1 NOT NULL,
    requires_unanimous boolean DEFAULT false NOT NULL,
    decision_rationale text,
    due_at timestamp with time zone,
    resolved_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.approvals IS 'Approval requests. The target is an exclusive arc: at most one of requirement/component/analysis/task/document is set; none means the project itself.';
COMMENT ON COLUMN public.approvals.id IS 'Surrogate key.';
COMMENT ON COLUMN public.approvals.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.approvals.project_id IS 'Project the approval belongs to (and target when no other target is set).';
COMMENT ON COLUMN public.approvals.requested_by IS 'Member asking for approval.';
COMMENT ON COLUMN public.approvals.title IS 'What is to be approved.';
COMMENT ON COLUMN public.approvals.description IS 'Context for the approvers.';
COMMENT ON COLUMN public.approvals.approval_type IS 'design, requirements, architecture, analysis, task, document or release.';
COMMENT ON COLUMN public.approvals.requirement_id IS 'Target requirement (exclusive arc).';
COMMENT ON COLUMN public.approvals.component_id IS 'Target architectural component (exclusive arc).';
COMMENT ON COLUMN public.approvals.analysis_id IS 'Target analysis (exclusive arc).';
COMMENT ON COLUMN public.approvals.task_id IS 'Target task (exclusive arc).';
COMMENT ON COLUMN public.approvals.document_id IS 'Target document (exclusive arc; FK added in the documents file).';
COMMENT ON COLUMN public.approvals.status IS 'Outcome; pending until resolved.';
COMMENT ON COLUMN public.approvals.required_approvals IS 'Approvals needed to pass.';
COMMENT ON COLUMN public.approvals.requires_unanimous IS 'Every required approver must approve.';
COMMENT ON COLUMN public.approvals.decision_rationale IS 'Why it was approved or rejected.';
COMMENT ON COLUMN public.approvals.due_at IS 'Deadline for approvers.';
COMMENT ON COLUMN public.approvals.resolved_at IS 'When status left pending.';
COMMENT ON COLUMN public.approvals.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.approvals.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.architectural_components (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    parent_id uuid,
    name text NOT NULL,
    component_type text NOT NULL,
    description text,
    technology text,
    status public.component_status DEFAULT 'planned'::public.component_status NOT NULL,
    quality_attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.architectural_components IS 'Building blocks of a project''s architecture, as a tree (subsystems contain components).';
COMMENT ON COLUMN public.architectural_components.id IS 'Surrogate key.';
COMMENT ON COLUMN public.architectural_components.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.architectural_components.project_id IS 'Owning project.';
COMMENT ON COLUMN public.architectural_components.parent_id IS 'Containing component in the same project; NULL for a top-level one.';
COMMENT ON COLUMN public.architectural_components.name IS 'Component name.';
COMMENT ON COLUMN public.architectural_components.component_type IS 'Kind of block: service, database, frontend, queue, ...';
COMMENT ON COLUMN public.architectural_components.description IS 'What it does.';
COMMENT ON COLUMN public.architectural_components.technology IS 'Main technology used.';
COMMENT ON COLUMN public.architectural_components.status IS 'Implementation state.';
COMMENT ON COLUMN public.architectural_components.quality_attributes IS 'Scalability/performance/security targets as a JSON object of free-form attributes.';
COMMENT ON COLUMN public.architectural_components.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN public.architectural_components.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.architectural_components.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.architectural_components.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    organization_id uuid,
    table_name text NOT NULL,
    record_id text NOT NULL,
    operation public.audit_operation NOT NULL,
    actor_id uuid,
    db_role text DEFAULT CURRENT_USER NOT NULL,
    transaction_id bigint DEFAULT ((pg_current_xact_id())::text)::bigint NOT NULL,
    old_row jsonb,
    new_row jsonb,
    changed_fields text[],
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
COMMENT ON TABLE public.audit_log IS 'Append-only change history written by audit_row_change(). No foreign keys: the trail must outlive the rows, tenants and users it mentions.';
COMMENT ON COLUMN public.audit_log.id IS 'Sequential key; orders entries of one transaction.';
COMMENT ON COLUMN public.audit_log.organization_id IS 'Tenant of the changed row (the organization itself for organizations); NULL for global tables (users, catalogs).';
COMMENT ON COLUMN public.audit_log.table_name IS 'Changed table.';
COMMENT ON COLUMN public.audit_log.record_id IS 'Primary key of the changed row as text (composite keys joined with "/").';
COMMENT ON COLUMN public.audit_log.operation IS 'INSERT, UPDATE or DELETE.';
COMMENT ON COLUMN public.audit_log.actor_id IS 'Application user from the app.user_id setting; NULL for system changes.';
COMMENT ON COLUMN public.audit_log.db_role IS 'Database role that made the change (app_admin, app_system, ...).';
COMMENT ON COLUMN public.audit_log.transaction_id IS 'Transaction id (pg_current_xact_id), groups changes made together.';
COMMENT ON COLUMN public.audit_log.old_row IS 'Row before the change (UPDATE, DELETE).';
COMMENT ON COLUMN public.audit_log.new_row IS 'Row after the change (INSERT, UPDATE).';
COMMENT ON COLUMN public.audit_log.changed_fields IS 'Columns whose value changed (UPDATE).';
COMMENT ON COLUMN public.audit_log.occurred_at IS 'When the change was made.';
CREATE TABLE public.chunk_meta (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    document_id uuid NOT NULL,
    chunk_index integer NOT NULL,
    char_start integer NOT NULL,
    char_end integer NOT NULL,
    token_count integer NOT NULL,
    content_sha256 bytea NOT NULL,
    embedding_model text NOT NULL,
    embedding_dims smallint NOT NULL,
    vector_ref text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.chunk_meta IS 'One row per retrieval chunk of a document. The embedding vector is held in an external vector store; vector_ref is its id there (no pgvector dependency).';
COMMENT ON COLUMN public.chunk_meta.id IS 'Surrogate key.';
COMMENT ON COLUMN public.chunk_meta.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.chunk_meta.document_id IS 'Document the chunk was cut from.';
COMMENT ON COLUMN public.chunk_meta.chunk_index IS 'Position of the chunk in the document, from 0; unique per document.';
COMMENT ON COLUMN public.chunk_meta.char_start IS 'Offset of the first character in documents.body.';
COMMENT ON COLUMN public.chunk_meta.char_end IS 'Offset after the last character.';
COMMENT ON COLUMN public.chunk_meta.token_count IS 'Tokens in the chunk for the embedding model.';
COMMENT ON COLUMN public.chunk_meta.content_sha256 IS 'SHA-256 of the chunk text, to skip re-embedding unchanged chunks.';
COMMENT ON COLUMN public.chunk_meta.embedding_model IS 'Model that produced the vector, e.g. text-embedding-3-small.';
COMMENT ON COLUMN public.chunk_meta.embedding_dims IS 'Dimensions of the vector.';
COMMENT ON COLUMN public.chunk_meta.vector_ref IS 'Id of the vector in the external vector store.';
COMMENT ON COLUMN public.chunk_meta.created_at IS 'Row creation time.';
CREATE TABLE public.collaboration_sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    created_by uuid NOT NULL,
    title text NOT NULL,
    session_type text DEFAULT 'review'::text NOT NULL,
    status public.session_status DEFAULT 'scheduled'::public.session_status NOT NULL,
    current_phase text,
    max_participants integer DEFAULT 50 NOT NULL,
    started_at timestamp with time zone,
    ended_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.collaboration_sessions IS 'Real-time working sessions on a project (review, planning, ...).';
COMMENT ON COLUMN public.collaboration_sessions.id IS 'Surrogate key.';
COMMENT ON COLUMN public.collaboration_sessions.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.collaboration_sessions.project_id IS 'Project worked on.';
COMMENT ON COLUMN public.collaboration_sessions.created_by IS 'Member who opened the session.';
COMMENT ON COLUMN public.collaboration_sessions.title IS 'Session title.';
COMMENT ON COLUMN public.collaboration_sessions.session_type IS 'review, planning, brainstorming or workshop.';
COMMENT ON COLUMN public.collaboration_sessions.status IS 'Lifecycle state, consistent with started_at/ended_at.';
COMMENT ON COLUMN public.collaboration_sessions.current_phase IS 'Phase of the agenda the session is in.';
COMMENT ON COLUMN public.collaboration_sessions.max_participants IS 'Capacity.';
COMMENT ON COLUMN public.collaboration_sessions.started_at IS 'When it started.';
COMMENT ON COLUMN public.collaboration_sessions.ended_at IS 'When it ended.';
COMMENT ON COLUMN public.collaboration_sessions.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.collaboration_sessions.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.comments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    author_id uuid NOT NULL,
    parent_id uuid,
    project_id uuid,
    requirement_id uuid,
    task_id uuid,
    analysis_id uuid,
    document_id uuid,
    body text NOT NULL,
    body_format text DEFAULT 'markdown'::text NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by uuid,
    edited_at timestamp with time zone,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.comments IS 'Threaded discussion on a project, requirement, task, analysis or document (exclusive arc: exactly one target). Replies share their parent''s target.';
COMMENT ON COLUMN public.comments.id IS 'Surrogate key.';
COMMENT ON COLUMN public.comments.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.comments.author_id IS 'Member who wrote it.';
COMMENT ON COLUMN public.comments.parent_id IS 'Comment replied to; NULL for a thread root.';
COMMENT ON COLUMN public.comments.project_id IS 'Target project (exclusive arc).';
COMMENT ON COLUMN public.comments.requirement_id IS 'Target requirement (exclusive arc).';
COMMENT ON COLUMN public.comments.task_id IS 'Target task (exclusive arc).';
COMMENT ON COLUMN public.comments.analysis_id IS 'Target analysis (exclusive arc).';
COMMENT ON COLUMN public.comments.document_id IS 'Target document (exclusive arc; FK added in the documents file).';
COMMENT ON COLUMN public.comments.body IS 'Comment text.';
COMMENT ON COLUMN public.comments.body_format IS 'text or markdown.';
COMMENT ON COLUMN public.comments.resolved_at IS 'When the thread was resolved (replaces an is_resolved flag).';
COMMENT ON COLUMN public.comments.resolved_by IS 'Member who resolved it.';
COMMENT ON COLUMN public.comments.edited_at IS 'Last edit of the body by its author.';
COMMENT ON COLUMN public.comments.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.comments.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.comments.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.component_dependencies (
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    component_id uuid NOT NULL,
    depends_on_component_id uuid NOT NULL,
    kind text DEFAULT 'runtime'::text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.component_dependencies IS 'Directed dependency edges between components of one project (replaces the seeds'' JSON arrays). Mutual runtime dependencies exist in real systems, so only self-dependency is rejected.';
COMMENT ON COLUMN public.component_dependencies.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.component_dependencies.project_id IS 'Project both components belong to.';
COMMENT ON COLUMN public.component_dependencies.component_id IS 'Dependent component.';
COMMENT ON COLUMN public.component_dependencies.depends_on_component_id IS 'Component it depends on.';
COMMENT ON COLUMN public.component_dependencies.kind IS 'runtime, build or data dependency.';
COMMENT ON COLUMN public.component_dependencies.description IS 'Interface or protocol used.';
COMMENT ON COLUMN public.component_dependencies.created_at IS 'Row creation time.';
CREATE TABLE public.document_links (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    rfq_id uuid NOT NULL,
    rfq_kind public.doc_kind DEFAULT 'rfq'::public.doc_kind NOT NULL,
    offer_id uuid NOT NULL,
    offer_kind public.doc_kind DEFAULT 'offer'::public.doc_kind NOT NULL,
    linked_by uuid NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.document_links IS 'An offer answering an RFQ. The kind columns are pinned by CHECK and part of the FKs, so only rfq->offer links can exist and a linked document''s kind cannot change.';
COMMENT ON COLUMN public.document_links.id IS 'Surrogate key.';
COMMENT ON COLUMN public.document_links.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.document_links.rfq_id IS 'The request for quotation.';
COMMENT ON COLUMN public.document_links.rfq_kind IS 'Always rfq; part of the FK that enforces the kind.';
COMMENT ON COLUMN public.document_links.offer_id IS 'The offer answering it.';
COMMENT ON COLUMN public.document_links.offer_kind IS 'Always offer; part of the FK that enforces the kind.';
COMMENT ON COLUMN public.document_links.linked_by IS 'Member who linked them.';
COMMENT ON COLUMN public.document_links.note IS 'Why they are linked.';
COMMENT ON COLUMN public.document_links.created_at IS 'Row creation time.';
CREATE TABLE public.documents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid,
    uploaded_by uuid NOT NULL,
    file_id uuid,
    kind public.doc_kind NOT NULL,
    title text NOT NULL,
    body text,
    language text DEFAULT 'en'::text NOT NULL,
    counterparty text,
    version integer DEFAULT 1 NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(body, ''::text)), 'C'::"char"))) STORED
);
COMMENT ON TABLE public.documents IS 'Business documents of a tenant (RFQs, offers, contracts, ...), optionally attached to a project and backed by an uploaded file.';
COMMENT ON COLUMN public.documents.id IS 'Surrogate key.';
COMMENT ON COLUMN public.documents.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.documents.project_id IS 'Project it belongs to, if any.';
COMMENT ON COLUMN public.documents.uploaded_by IS 'Member who added it.';
COMMENT ON COLUMN public.documents.file_id IS 'Original file, if uploaded (FK added in the files file).';
COMMENT ON COLUMN public.documents.kind IS 'Document kind; fixed while links depend on it.';
COMMENT ON COLUMN public.documents.title IS 'Title (full-text and trigram searchable).';
COMMENT ON COLUMN public.documents.body IS 'Extracted text.';
COMMENT ON COLUMN public.documents.language IS 'BCP 47 language of the body.';
COMMENT ON COLUMN public.documents.counterparty IS 'Customer or supplier named in the document.';
COMMENT ON COLUMN public.documents.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN public.documents.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.documents.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.documents.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN public.documents.search_vector IS 'Generated full-text vector over title (A) and body (C).';
CREATE TABLE public.email_verifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    email public.citext NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    verified_at timestamp with time zone
);
COMMENT ON TABLE public.email_verifications IS 'Pending and completed e-mail address verifications (digest only).';
COMMENT ON COLUMN public.email_verifications.id IS 'Surrogate key.';
COMMENT ON COLUMN public.email_verifications.user_id IS 'User whose address is verified.';
COMMENT ON COLUMN public.email_verifications.email IS 'Address being verified (may differ from users.email during a change).';
COMMENT ON COLUMN public.email_verifications.token_hash IS 'SHA-256 of the verification token.';
COMMENT ON COLUMN public.email_verifications.created_at IS 'When the verification was sent.';
COMMENT ON COLUMN public.email_verifications.expires_at IS 'Token validity end.';
COMMENT ON COLUMN public.email_verifications.verified_at IS 'When the address was confirmed.';
CREATE TABLE public.events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    user_id uuid,
    event_type text NOT NULL,
    event_name text NOT NULL,
    properties jsonb DEFAULT '{}'::jsonb NOT NULL,
    project_id uuid,
    ip_address inet,
    user_agent text,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE public.events IS 'Append-only analytics events, partitioned by month. user_id and project_id are plain values, not FKs: events outlive the rows they mention and must never block their deletion; erase_user() clears user_id.';
COMMENT ON COLUMN public.events.id IS 'Event id; unique together with occurred_at (the partition key must be in the key).';
COMMENT ON COLUMN public.events.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.events.user_id IS 'Acting user, if known.';
COMMENT ON COLUMN public.events.event_type IS 'Category, e.g. page_view, api_call.';
COMMENT ON COLUMN public.events.event_name IS 'Specific event, e.g. task.board.opened.';
COMMENT ON COLUMN public.events.properties IS 'Event attributes (JSON object).';
COMMENT ON COLUMN public.events.project_id IS 'Project in context, if any.';
COMMENT ON COLUMN public.events.ip_address IS 'Client address (personal data, cleared on erasure).';
COMMENT ON COLUMN public.events.user_agent IS 'Client user agent.';
COMMENT ON COLUMN public.events.occurred_at IS 'When it happened; the partition key.';
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
COMMENT ON TABLE public.events_default IS 'Catch-all partition for months not yet created; create_events_partitions() drains it.';
CREATE TABLE public.feedback (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    document_id uuid NOT NULL,
    chunk_id uuid,
    user_id uuid NOT NULL,
    query_text text,
    rating smallint NOT NULL,
    relevance numeric(3,2),
    comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.feedback IS 'Ratings of retrieved documents or chunks, used to tune retrieval.';
COMMENT ON COLUMN public.feedback.id IS 'Surrogate key.';
COMMENT ON COLUMN public.feedback.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.feedback.document_id IS 'Rated document.';
COMMENT ON COLUMN public.feedback.chunk_id IS 'Rated chunk, when the feedback is about one chunk.';
COMMENT ON COLUMN public.feedback.user_id IS 'Member giving feedback.';
COMMENT ON COLUMN public.feedback.query_text IS 'Query that retrieved it.';
COMMENT ON COLUMN public.feedback.rating IS 'Rating from 1 (useless) to 5 (exactly right).';
COMMENT ON COLUMN public.feedback.relevance IS 'Relevance score from 0 to 1.';
COMMENT ON COLUMN public.feedback.comment IS 'Free-text remark.';
COMMENT ON COLUMN public.feedback.created_at IS 'Row creation time.';
CREATE TABLE public.file_processing_jobs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    file_id uuid NOT NULL,
    job_type public.file_job_type NOT NULL,
    status public.file_job_status DEFAULT 'pending'::public.file_job_status NOT NULL,
    attempts smallint DEFAULT 0 NOT NULL,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    result jsonb,
    error_message text,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.file_processing_jobs IS 'Work queue of processing steps per file. Status may only change as file_job_transition_allowed() permits.';
COMMENT ON COLUMN public.file_processing_jobs.id IS 'Surrogate key.';
COMMENT ON COLUMN public.file_processing_jobs.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.file_processing_jobs.file_id IS 'File processed.';
COMMENT ON COLUMN public.file_processing_jobs.job_type IS 'Processing step.';
COMMENT ON COLUMN public.file_processing_jobs.status IS 'Current state.';
COMMENT ON COLUMN public.file_processing_jobs.attempts IS 'Times the job was started.';
COMMENT ON COLUMN public.file_processing_jobs.parameters IS 'Step options (JSON object).';
COMMENT ON COLUMN public.file_processing_jobs.result IS 'Step output (JSON), when completed.';
COMMENT ON COLUMN public.file_processing_jobs.error_message IS 'Why it failed.';
COMMENT ON COLUMN public.file_processing_jobs.started_at IS 'When the current attempt started.';
COMMENT ON COLUMN public.file_processing_jobs.finished_at IS 'When it completed or failed.';
COMMENT ON COLUMN public.file_processing_jobs.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.file_processing_jobs.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.files (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    uploaded_by uuid NOT NULL,
    original_name text NOT NULL,
    storage_provider text DEFAULT 's3'::text NOT NULL,
    storage_key text NOT NULL,
    byte_size bigint NOT NULL,
    mime_type text NOT NULL,
    sha256 bytea NOT NULL,
    expires_at timestamp with time zone,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.files IS 'Uploaded binary objects; the bytes live in object storage under storage_key.';
COMMENT ON COLUMN public.files.id IS 'Surrogate key.';
COMMENT ON COLUMN public.files.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.files.uploaded_by IS 'Member who uploaded it.';
COMMENT ON COLUMN public.files.original_name IS 'File name as uploaded.';
COMMENT ON COLUMN public.files.storage_provider IS 's3, gcs or local.';
COMMENT ON COLUMN public.files.storage_key IS 'Object key in the provider; unique per provider.';
COMMENT ON COLUMN public.files.byte_size IS 'Size in bytes.';
COMMENT ON COLUMN public.files.mime_type IS 'Media type, e.g. application/pdf.';
COMMENT ON COLUMN public.files.sha256 IS 'SHA-256 of the content (32 bytes), for integrity and de-duplication.';
COMMENT ON COLUMN public.files.expires_at IS 'When the object may be purged (temporary uploads).';
COMMENT ON COLUMN public.files.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.files.created_at IS 'Upload time.';
CREATE TABLE public.login_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE) NOT NULL,
    email public.citext NOT NULL,
    user_id uuid,
    succeeded boolean NOT NULL,
    failure_reason text,
    ip_address inet,
    user_agent text,
    attempted_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.login_attempts IS 'Security log of sign-in attempts, used for throttling and forensics.';
COMMENT ON COLUMN public.login_attempts.id IS 'Sequential key (high-volume append-only log).';
COMMENT ON COLUMN public.login_attempts.email IS 'Address typed at sign-in (may match no user).';
COMMENT ON COLUMN public.login_attempts.user_id IS 'Matched user, when the address exists.';
COMMENT ON COLUMN public.login_attempts.succeeded IS 'Whether the attempt signed in.';
COMMENT ON COLUMN public.login_attempts.failure_reason IS 'Why it failed, e.g. bad_password, locked.';
COMMENT ON COLUMN public.login_attempts.ip_address IS 'Client address.';
COMMENT ON COLUMN public.login_attempts.user_agent IS 'Client user agent.';
COMMENT ON COLUMN public.login_attempts.attempted_at IS 'When it happened.';
CREATE TABLE public.notification_preferences (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    template_id uuid NOT NULL,
    channel public.notification_channel NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.notification_preferences IS 'Per-member opt-in/out per notification kind and channel; no row = the default (enabled).';
COMMENT ON COLUMN public.notification_preferences.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.notification_preferences.user_id IS 'Member.';
COMMENT ON COLUMN public.notification_preferences.template_id IS 'Notification kind.';
COMMENT ON COLUMN public.notification_preferences.channel IS 'Channel the preference applies to.';
COMMENT ON COLUMN public.notification_preferences.enabled IS 'Whether to deliver on that channel.';
COMMENT ON COLUMN public.notification_preferences.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.notification_preferences.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.notification_templates (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    key text NOT NULL,
    subject_template text,
    body_template text NOT NULL,
    variables text[] DEFAULT '{}'::text[] NOT NULL,
    retired_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.notification_templates IS 'Message templates per notification kind (global catalog).';
COMMENT ON COLUMN public.notification_templates.id IS 'Surrogate key.';
COMMENT ON COLUMN public.notification_templates.key IS 'Notification kind, e.g. task.assigned.';
COMMENT ON COLUMN public.notification_templates.subject_template IS 'Subject line template (e-mail/push).';
COMMENT ON COLUMN public.notification_templates.body_template IS 'Body template.';
COMMENT ON COLUMN public.notification_templates.variables IS 'Names of the variables the template expects.';
COMMENT ON COLUMN public.notification_templates.retired_at IS 'When the template stopped being used (replaces an is_active flag).';
COMMENT ON COLUMN public.notification_templates.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.notification_templates.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.notifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    template_id uuid NOT NULL,
    channel public.notification_channel DEFAULT 'in_app'::public.notification_channel NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    scheduled_for timestamp with time zone DEFAULT now() NOT NULL,
    delivered_at timestamp with time zone,
    read_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.notifications IS 'Messages to a member. Unread = read_at IS NULL (the seeds'' is_read flag was redundant with read_at).';
COMMENT ON COLUMN public.notifications.id IS 'Surrogate key.';
COMMENT ON COLUMN public.notifications.organization_id IS 'Tenant the notification is about.';
COMMENT ON COLUMN public.notifications.user_id IS 'Recipient member.';
COMMENT ON COLUMN public.notifications.template_id IS 'Template (and so the kind) used.';
COMMENT ON COLUMN public.notifications.channel IS 'Delivery channel.';
COMMENT ON COLUMN public.notifications.title IS 'Rendered title.';
COMMENT ON COLUMN public.notifications.body IS 'Rendered body.';
COMMENT ON COLUMN public.notifications.payload IS 'Template variables and deep-link data (JSON object).';
COMMENT ON COLUMN public.notifications.scheduled_for IS 'Earliest delivery time.';
COMMENT ON COLUMN public.notifications.delivered_at IS 'When it was delivered.';
COMMENT ON COLUMN public.notifications.read_at IS 'When the recipient read it; NULL = unread.';
COMMENT ON COLUMN public.notifications.created_at IS 'Row creation time.';
CREATE TABLE public.organization_members (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role public.member_role DEFAULT 'viewer'::public.member_role NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    left_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.organization_members IS 'Membership of a user in an organization. Person references inside a tenant point here (organization_id, user_id), so only members can be assignees, authors or approvers; memberships are ended (left_at), never deleted, to keep history intact.';
COMMENT ON COLUMN public.organization_members.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.organization_members.user_id IS 'Member.';
COMMENT ON COLUMN public.organization_members.role IS 'Coarse standing in the tenant; fine-grained rights come from user_roles.';
COMMENT ON COLUMN public.organization_members.joined_at IS 'When the membership started.';
COMMENT ON COLUMN public.organization_members.left_at IS 'When the membership ended; NULL while active.';
COMMENT ON COLUMN public.organization_members.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.organization_members.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.organizations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    description text,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.organizations IS 'Tenants. Every tenant-scoped row carries organization_id referencing this table.';
COMMENT ON COLUMN public.organizations.id IS 'Tenant id; the value of the app.tenant_id setting.';
COMMENT ON COLUMN public.organizations.name IS 'Display name.';
COMMENT ON COLUMN public.organizations.slug IS 'URL-safe unique handle.';
COMMENT ON COLUMN public.organizations.description IS 'Free-text description.';
COMMENT ON COLUMN public.organizations.settings IS 'Tenant preferences (a JSON object of flags, not relations).';
COMMENT ON COLUMN public.organizations.archived_at IS 'Soft delete: set when the tenant is closed.';
COMMENT ON COLUMN public.organizations.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.organizations.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.password_resets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);
COMMENT ON TABLE public.password_resets IS 'One-time password reset tokens (digest only).';
COMMENT ON COLUMN public.password_resets.id IS 'Surrogate key.';
COMMENT ON COLUMN public.password_resets.user_id IS 'User who asked for the reset.';
COMMENT ON COLUMN public.password_resets.token_hash IS 'SHA-256 of the reset token.';
COMMENT ON COLUMN public.password_resets.created_at IS 'When the reset was requested.';
COMMENT ON COLUMN public.password_resets.expires_at IS 'Token validity end.';
COMMENT ON COLUMN public.password_resets.used_at IS 'When the token was consumed; a token is usable once.';
CREATE TABLE public.permissions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    resource text NOT NULL,
    action text NOT NULL,
    description text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.permissions IS 'What can be done: an action on a resource kind (global catalog).';
COMMENT ON COLUMN public.permissions.id IS 'Surrogate key.';
COMMENT ON COLUMN public.permissions.resource IS 'Resource kind, e.g. project, task, document.';
COMMENT ON COLUMN public.permissions.action IS 'Action on the resource, e.g. read, update, approve.';
COMMENT ON COLUMN public.permissions.description IS 'Human explanation.';
COMMENT ON COLUMN public.permissions.created_at IS 'Row creation time.';
CREATE TABLE public.projects (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    created_by uuid NOT NULL,
    name text NOT NULL,
    description text,
    status public.project_status DEFAULT 'draft'::public.project_status NOT NULL,
    project_type text,
    industry text,
    complexity_score smallint,
    estimated_duration_weeks integer,
    estimated_budget numeric(15,2),
    currency text DEFAULT 'USD'::text NOT NULL,
    technology_stack text[] DEFAULT '{}'::text[] NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english'::regconfig, COALESCE(name, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::"char"))) STORED
);
COMMENT ON TABLE public.projects IS 'The planning unit of a tenant: requirements, architecture, analyses and tasks hang off a project.';
COMMENT ON COLUMN public.projects.id IS 'Surrogate key.';
COMMENT ON COLUMN public.projects.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.projects.created_by IS 'Member who created the project.';
COMMENT ON COLUMN public.projects.name IS 'Project name (full-text and trigram searchable).';
COMMENT ON COLUMN public.projects.description IS 'Long description (full-text searchable).';
COMMENT ON COLUMN public.projects.status IS 'Lifecycle state.';
COMMENT ON COLUMN public.projects.project_type IS 'Free classification, e.g. greenfield, migration.';
COMMENT ON COLUMN public.projects.industry IS 'Industry of the customer.';
COMMENT ON COLUMN public.projects.complexity_score IS 'Estimated complexity, 1 (trivial) to 10.';
COMMENT ON COLUMN public.projects.estimated_duration_weeks IS 'Planned duration in weeks.';
COMMENT ON COLUMN public.projects.estimated_budget IS 'Planned budget in currency.';
COMMENT ON COLUMN public.projects.currency IS 'ISO 4217 currency code of the budget.';
COMMENT ON COLUMN public.projects.technology_stack IS 'Technology labels (plain values, not references to other rows).';
COMMENT ON COLUMN public.projects.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN public.projects.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.projects.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.projects.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN public.projects.search_vector IS 'Generated full-text vector over name (weight A) and description (B).';
CREATE TABLE public.requirements (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    parent_id uuid,
    created_by uuid NOT NULL,
    title text NOT NULL,
    description text,
    acceptance_criteria text[] DEFAULT '{}'::text[] NOT NULL,
    priority smallint DEFAULT 3 NOT NULL,
    category text,
    complexity_score smallint,
    effort_estimate_hours integer,
    validated_at timestamp with time zone,
    validation_notes text,
    version integer DEFAULT 1 NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::"char"))) STORED
);
COMMENT ON TABLE public.requirements IS 'Requirements of a project, as a tree (parent_id within the same project).';
COMMENT ON COLUMN public.requirements.id IS 'Surrogate key.';
COMMENT ON COLUMN public.requirements.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.requirements.project_id IS 'Owning project.';
COMMENT ON COLUMN public.requirements.parent_id IS 'Parent requirement in the same project; NULL for a root.';
COMMENT ON COLUMN public.requirements.created_by IS 'Member who wrote it.';
COMMENT ON COLUMN public.requirements.title IS 'Short statement.';
COMMENT ON COLUMN public.requirements.description IS 'Full text.';
COMMENT ON COLUMN public.requirements.acceptance_criteria IS 'Ordered acceptance criteria (values, not references).';
COMMENT ON COLUMN public.requirements.priority IS '1 (highest) to 5.';
COMMENT ON COLUMN public.requirements.category IS 'Free classification, e.g. functional, security.';
COMMENT ON COLUMN public.requirements.complexity_score IS 'Estimated complexity, 1 to 10.';
COMMENT ON COLUMN public.requirements.effort_estimate_hours IS 'Estimated effort in hours.';
COMMENT ON COLUMN public.requirements.validated_at IS 'When it was validated; NULL = not validated (replaces a boolean flag).';
COMMENT ON COLUMN public.requirements.validation_notes IS 'Notes from validation.';
COMMENT ON COLUMN public.requirements.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN public.requirements.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.requirements.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.requirements.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN public.requirements.search_vector IS 'Generated full-text vector over title and description.';
CREATE TABLE public.role_permissions (
    role_id uuid NOT NULL,
    permission_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.role_permissions IS 'Permissions granted directly to a role (inherited ones come from the parent chain).';
COMMENT ON COLUMN public.role_permissions.role_id IS 'Role.';
COMMENT ON COLUMN public.role_permissions.permission_id IS 'Permission granted.';
COMMENT ON COLUMN public.role_permissions.created_at IS 'Row creation time.';
CREATE TABLE public.roles (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    key text NOT NULL,
    name text NOT NULL,
    description text,
    parent_role_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.roles IS 'Application roles (a global catalog). A role inherits every permission of its parent role.';
COMMENT ON COLUMN public.roles.id IS 'Surrogate key.';
COMMENT ON COLUMN public.roles.key IS 'Stable machine name, e.g. project_manager.';
COMMENT ON COLUMN public.roles.name IS 'Display name.';
COMMENT ON COLUMN public.roles.description IS 'What the role is for.';
COMMENT ON COLUMN public.roles.parent_role_id IS 'Role whose permissions this role inherits; NULL for a root role.';
COMMENT ON COLUMN public.roles.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.roles.updated_at IS 'Last update time, maintained by trigger.';
CREATE TABLE public.session_participants (
    organization_id uuid NOT NULL,
    session_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role public.member_role DEFAULT 'contributor'::public.member_role NOT NULL,
    can_edit boolean DEFAULT true NOT NULL,
    can_approve boolean DEFAULT false NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    last_active_at timestamp with time zone DEFAULT now() NOT NULL,
    left_at timestamp with time zone
);
COMMENT ON TABLE public.session_participants IS 'Members taking part in a collaboration session.';
COMMENT ON COLUMN public.session_participants.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.session_participants.session_id IS 'Session.';
COMMENT ON COLUMN public.session_participants.user_id IS 'Participating member.';
COMMENT ON COLUMN public.session_participants.role IS 'Role within the session.';
COMMENT ON COLUMN public.session_participants.can_edit IS 'May edit artefacts during the session.';
COMMENT ON COLUMN public.session_participants.can_approve IS 'May approve during the session.';
COMMENT ON COLUMN public.session_participants.joined_at IS 'When the member joined.';
COMMENT ON COLUMN public.session_participants.last_active_at IS 'Last activity (presence).';
COMMENT ON COLUMN public.session_participants.left_at IS 'When the member left; NULL while present (replaces an is_active flag).';
CREATE TABLE public.sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    ip_address inet,
    user_agent text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);
COMMENT ON TABLE public.sessions IS 'Sign-in sessions of users; the bearer token is stored only as its SHA-256 digest.';
COMMENT ON COLUMN public.sessions.id IS 'Surrogate key.';
COMMENT ON COLUMN public.sessions.user_id IS 'Signed-in user.';
COMMENT ON COLUMN public.sessions.token_hash IS 'SHA-256 of the session token (32 bytes).';
COMMENT ON COLUMN public.sessions.ip_address IS 'Client address at sign-in (personal data, erased by erase_user).';
COMMENT ON COLUMN public.sessions.user_agent IS 'Client user agent at sign-in.';
COMMENT ON COLUMN public.sessions.created_at IS 'Sign-in time.';
COMMENT ON COLUMN public.sessions.last_seen_at IS 'Last request seen on this session.';
COMMENT ON COLUMN public.sessions.expires_at IS 'Absolute expiry.';
COMMENT ON COLUMN public.sessions.revoked_at IS 'Set on sign-out or revocation.';
CREATE TABLE public.task_dependencies (
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    task_id uuid NOT NULL,
    depends_on_task_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.task_dependencies IS 'Finish-to-start edges: task_id cannot start before depends_on_task_id is done. The graph is kept acyclic by trigger.';
COMMENT ON COLUMN public.task_dependencies.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.task_dependencies.project_id IS 'Project both tasks belong to.';
COMMENT ON COLUMN public.task_dependencies.task_id IS 'Dependent task.';
COMMENT ON COLUMN public.task_dependencies.depends_on_task_id IS 'Prerequisite task.';
COMMENT ON COLUMN public.task_dependencies.created_at IS 'Row creation time.';
CREATE TABLE public.tasks (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    organization_id uuid NOT NULL,
    project_id uuid NOT NULL,
    parent_id uuid,
    requirement_id uuid,
    created_by uuid NOT NULL,
    assignee_id uuid,
    title text NOT NULL,
    description text,
    work_type text,
    status public.task_status DEFAULT 'todo'::public.task_status NOT NULL,
    priority smallint DEFAULT 3 NOT NULL,
    complexity_score smallint,
    estimated_hours numeric(7,2),
    actual_hours numeric(7,2),
    progress_percent smallint DEFAULT 0 NOT NULL,
    planned_start date,
    planned_end date,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    version integer DEFAULT 1 NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('english'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('english'::regconfig, COALESCE(description, ''::text)), 'B'::"char"))) STORED
);
COMMENT ON TABLE public.tasks IS 'Work breakdown of a project, as a tree; dependencies live in task_dependencies.';
COMMENT ON COLUMN public.tasks.id IS 'Surrogate key.';
COMMENT ON COLUMN public.tasks.organization_id IS 'Tenant.';
COMMENT ON COLUMN public.tasks.project_id IS 'Owning project.';
COMMENT ON COLUMN public.tasks.parent_id IS 'Parent task in the same project; NULL for a top-level task.';
COMMENT ON COLUMN public.tasks.requirement_id IS 'Requirement this task implements (same project), for traceability.';
COMMENT ON COLUMN public.tasks.created_by IS 'Member who created the task.';
COMMENT ON COLUMN public.tasks.assignee_id IS 'Member working on it; must be a member of the tenant.';
COMMENT ON COLUMN public.tasks.title IS 'Short statement of the work.';
COMMENT ON COLUMN public.tasks.description IS 'Details.';
COMMENT ON COLUMN public.tasks.work_type IS 'Free classification, e.g. design, build, test.';
COMMENT ON COLUMN public.tasks.status IS 'Board column.';
COMMENT ON COLUMN public.tasks.priority IS '1 (highest) to 5.';
COMMENT ON COLUMN public.tasks.complexity_score IS 'Estimated complexity, 1 to 10.';
COMMENT ON COLUMN public.tasks.estimated_hours IS 'Estimate in hours.';
COMMENT ON COLUMN public.tasks.actual_hours IS 'Hours spent.';
COMMENT ON COLUMN public.tasks.progress_percent IS 'Completion, 0 to 100.';
COMMENT ON COLUMN public.tasks.planned_start IS 'Planned start date.';
COMMENT ON COLUMN public.tasks.planned_end IS 'Planned end date (not before planned_start).';
COMMENT ON COLUMN public.tasks.started_at IS 'When work started.';
COMMENT ON COLUMN public.tasks.completed_at IS 'When it reached done or cancelled.';
COMMENT ON COLUMN public.tasks.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN public.tasks.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN public.tasks.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.tasks.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN public.tasks.search_vector IS 'Generated full-text vector over title and description.';
CREATE TABLE public.user_roles (
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role_id uuid NOT NULL,
    granted_by uuid,
    expires_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.user_roles IS 'A role granted to a member within one organization, optionally until expires_at.';
COMMENT ON COLUMN public.user_roles.organization_id IS 'Tenant the grant applies to.';
COMMENT ON COLUMN public.user_roles.user_id IS 'Member receiving the role.';
COMMENT ON COLUMN public.user_roles.role_id IS 'Role granted.';
COMMENT ON COLUMN public.user_roles.granted_by IS 'Member who granted it.';
COMMENT ON COLUMN public.user_roles.expires_at IS 'Grant ends at this time; NULL = no expiry.';
COMMENT ON COLUMN public.user_roles.created_at IS 'When the grant was made.';
CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email public.citext NOT NULL,
    display_name text NOT NULL,
    password_hash text,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    locale text DEFAULT 'en'::text NOT NULL,
    status public.user_status DEFAULT 'active'::public.user_status NOT NULL,
    email_verified_at timestamp with time zone,
    last_login_at timestamp with time zone,
    erased_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);
COMMENT ON TABLE public.users IS 'People who can sign in. Global (not tenant-scoped): a user joins organizations through organization_members.';
COMMENT ON COLUMN public.users.id IS 'Surrogate key.';
COMMENT ON COLUMN public.users.email IS 'Sign-in address, case-insensitive and unique; replaced by a placeholder on erasure.';
COMMENT ON COLUMN public.users.display_name IS 'Name shown to other members.';
COMMENT ON COLUMN public.users.password_hash IS 'Password hash (argon2/bcrypt string); NULL for SSO-only or erased accounts.';
COMMENT ON COLUMN public.users.timezone IS 'IANA time zone used to render dates for this user.';
COMMENT ON COLUMN public.users.locale IS 'BCP 47 language tag for notifications.';
COMMENT ON COLUMN public.users.status IS 'Account lifecycle state.';
COMMENT ON COLUMN public.users.email_verified_at IS 'When the address was verified; NULL while unverified.';
COMMENT ON COLUMN public.users.last_login_at IS 'Time of the last successful sign-in.';
COMMENT ON COLUMN public.users.erased_at IS 'When erase_user() anonymised this account.';
COMMENT ON COLUMN public.users.created_at IS 'Row creation time.';
COMMENT ON COLUMN public.users.updated_at IS 'Last update time, maintained by trigger.';
ALTER TABLE public.analyses ADD CONSTRAINT analyses_completed_check CHECK (((status = 'completed'::public.analysis_status) = (completed_at IS NOT NULL)));
ALTER TABLE public.analyses ADD CONSTRAINT analyses_completeness_check CHECK (((completeness_score >= (0)::numeric) AND (completeness_score <= (1)::numeric)));
ALTER TABLE public.analyses ADD CONSTRAINT analyses_confidence_check CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric)));
ALTER TABLE public.analyses ADD CONSTRAINT analyses_findings_check CHECK ((jsonb_typeof(findings) = 'object'::text));
ALTER TABLE public.analyses ADD CONSTRAINT analyses_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.analyses ADD CONSTRAINT analyses_pkey PRIMARY KEY (id);
ALTER TABLE public.analyses ADD CONSTRAINT analyses_processing_check CHECK ((processing_ms >= 0));
ALTER TABLE public.analyses ADD CONSTRAINT analyses_recommendations_check CHECK ((jsonb_typeof(recommendations) = 'array'::text));
ALTER TABLE public.approval_participants ADD CONSTRAINT approval_participants_decided_check CHECK (((decision IS NULL) = (decided_at IS NULL)));
ALTER TABLE public.approval_participants ADD CONSTRAINT approval_participants_pkey PRIMARY KEY (organization_id, approval_id, user_id);
ALTER TABLE public.approval_participants ADD CONSTRAINT approval_participants_weight_check CHECK (((weight >= 1) AND (weight <= 100)));
ALTER TABLE public.approvals ADD CONSTRAINT approvals_analysis_fkey FOREIGN KEY (organization_id, analysis_id) REFERENCES public.analyses(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.approvals ADD CONSTRAINT approvals_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.approval_participants ADD CONSTRAINT approval_participants_approval_fkey FOREIGN KEY (organization_id, approval_id) REFERENCES public.approvals(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.approvals ADD CONSTRAINT approvals_pkey PRIMARY KEY (id);
ALTER TABLE public.approvals ADD CONSTRAINT approvals_required_check CHECK (((required_approvals >= 1) AND (required_approvals <= 50)));
ALTER TABLE public.approvals ADD CONSTRAINT approvals_resolved_check CHECK (((status = 'pending'::public.approval_status) = (resolved_at IS NULL)));
ALTER TABLE public.approvals ADD CONSTRAINT approvals_target_check CHECK ((num_nonnulls(requirement_id, component_id, analysis_id, task_id, document_id) <= 1));
ALTER TABLE public.approvals ADD CONSTRAINT approvals_type_check CHECK ((approval_type = ANY (ARRAY['design'::text, 'requirements'::text, 'architecture'::text, 'analysis'::text, 'task'::text, 'document'::text, 'release'::text])));
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_name_check CHECK (((length(name) >= 1) AND (length(name) <= 255)));
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id);
ALTER TABLE public.approvals ADD CONSTRAINT approvals_component_fkey FOREIGN KEY (organization_id, project_id, component_id) REFERENCES public.architectural_components(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_parent_check CHECK ((parent_id IS DISTINCT FROM id));
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id) REFERENCES public.architectural_components(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_pkey PRIMARY KEY (id);
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_quality_check CHECK ((jsonb_typeof(quality_attributes) = 'object'::text));
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_version_check CHECK ((version > 0));
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);
ALTER TABLE public.audit_log ADD CONSTRAINT audit_log_rows_check CHECK ((((operation = 'INSERT'::public.audit_operation) AND (old_row IS NULL) AND (new_row IS NOT NULL)) OR ((operation = 'UPDATE'::public.audit_operation) AND (old_row IS NOT NULL) AND (new_row IS NOT NULL)) OR ((operation = 'DELETE'::public.audit_operation) AND (old_row IS NOT NULL) AND (new_row IS NULL))));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_dims_check CHECK ((embedding_dims > 0));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_document_chunk_key UNIQUE (organization_id, document_id, chunk_index);
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_index_check CHECK ((chunk_index >= 0));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_pkey PRIMARY KEY (id);
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_range_check CHECK (((char_start >= 0) AND (char_end > char_start)));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_sha_check CHECK ((octet_length(content_sha256) = 32));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_tokens_check CHECK ((token_count > 0));
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_vector_ref_check CHECK ((length(vector_ref) > 0));
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_max_check CHECK (((max_participants >= 1) AND (max_participants <= 1000)));
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_pkey PRIMARY KEY (id);
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_status_check CHECK ((((status = 'scheduled'::public.session_status) AND (started_at IS NULL) AND (ended_at IS NULL)) OR ((status = 'active'::public.session_status) AND (started_at IS NOT NULL) AND (ended_at IS NULL)) OR ((status = 'ended'::public.session_status) AND (started_at IS NOT NULL) AND (ended_at IS NOT NULL))));
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_times_check CHECK (((ended_at IS NULL) OR (ended_at >= started_at)));
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_type_check CHECK ((session_type = ANY (ARRAY['review'::text, 'planning'::text, 'brainstorming'::text, 'workshop'::text])));
ALTER TABLE public.comments ADD CONSTRAINT comments_analysis_fkey FOREIGN KEY (organization_id, analysis_id) REFERENCES public.analyses(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.comments ADD CONSTRAINT comments_body_check CHECK (((length(body) >= 1) AND (length(body) <= 20000)));
ALTER TABLE public.comments ADD CONSTRAINT comments_format_check CHECK ((body_format = ANY (ARRAY['text'::text, 'markdown'::text])));
ALTER TABLE public.comments ADD CONSTRAINT comments_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.comments ADD CONSTRAINT comments_parent_check CHECK ((parent_id IS DISTINCT FROM id));
ALTER TABLE public.comments ADD CONSTRAINT comments_parent_fkey FOREIGN KEY (organization_id, parent_id) REFERENCES public.comments(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.comments ADD CONSTRAINT comments_pkey PRIMARY KEY (id);
ALTER TABLE public.comments ADD CONSTRAINT comments_resolved_check CHECK (((resolved_at IS NULL) = (resolved_by IS NULL)));
ALTER TABLE public.comments ADD CONSTRAINT comments_target_check CHECK ((num_nonnulls(project_id, requirement_id, task_id, analysis_id, document_id) = 1));
ALTER TABLE public.component_dependencies ADD CONSTRAINT component_dependencies_component_fkey FOREIGN KEY (organization_id, project_id, component_id) REFERENCES public.architectural_components(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.component_dependencies ADD CONSTRAINT component_dependencies_depends_on_fkey FOREIGN KEY (organization_id, project_id, depends_on_component_id) REFERENCES public.architectural_components(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.component_dependencies ADD CONSTRAINT component_dependencies_kind_check CHECK ((kind = ANY (ARRAY['runtime'::text, 'build'::text, 'data'::text])));
ALTER TABLE public.component_dependencies ADD CONSTRAINT component_dependencies_pkey PRIMARY KEY (organization_id, project_id, component_id, depends_on_component_id);
ALTER TABLE public.component_dependencies ADD CONSTRAINT component_dependencies_self_check CHECK ((component_id <> depends_on_component_id));
ALTER TABLE public.document_links ADD CONSTRAINT document_links_offer_kind_check CHECK ((offer_kind = 'offer'::public.doc_kind));
ALTER TABLE public.document_links ADD CONSTRAINT document_links_pkey PRIMARY KEY (id);
ALTER TABLE public.document_links ADD CONSTRAINT document_links_rfq_kind_check CHECK ((rfq_kind = 'rfq'::public.doc_kind));
ALTER TABLE public.document_links ADD CONSTRAINT document_links_rfq_offer_key UNIQUE (organization_id, rfq_id, offer_id);
ALTER TABLE public.documents ADD CONSTRAINT documents_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.approvals ADD CONSTRAINT approvals_document_fkey FOREIGN KEY (organization_id, document_id) REFERENCES public.documents(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.chunk_meta ADD CONSTRAINT chunk_meta_document_fkey FOREIGN KEY (organization_id, document_id) REFERENCES public.documents(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.comments ADD CONSTRAINT comments_document_fkey FOREIGN KEY (organization_id, document_id) REFERENCES public.documents(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.documents ADD CONSTRAINT documents_organization_id_id_kind_key UNIQUE (organization_id, id, kind);
ALTER TABLE public.document_links ADD CONSTRAINT document_links_offer_fkey FOREIGN KEY (organization_id, offer_id, offer_kind) REFERENCES public.documents(organization_id, id, kind) ON UPDATE RESTRICT ON DELETE CASCADE;
ALTER TABLE public.document_links ADD CONSTRAINT document_links_rfq_fkey FOREIGN KEY (organization_id, rfq_id, rfq_kind) REFERENCES public.documents(organization_id, id, kind) ON UPDATE RESTRICT ON DELETE CASCADE;
ALTER TABLE public.documents ADD CONSTRAINT documents_pkey PRIMARY KEY (id);
ALTER TABLE public.documents ADD CONSTRAINT documents_title_check CHECK (((length(title) >= 1) AND (length(title) <= 500)));
ALTER TABLE public.documents ADD CONSTRAINT documents_version_check CHECK ((version > 0));
ALTER TABLE public.email_verifications ADD CONSTRAINT email_verifications_expiry_check CHECK ((expires_at > created_at));
ALTER TABLE public.email_verifications ADD CONSTRAINT email_verifications_pkey PRIMARY KEY (id);
ALTER TABLE public.email_verifications ADD CONSTRAINT email_verifications_token_hash_check CHECK ((octet_length(token_hash) = 32));
ALTER TABLE public.email_verifications ADD CONSTRAINT email_verifications_token_hash_key UNIQUE (token_hash);
ALTER TABLE public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at);
ALTER TABLE public.events ADD CONSTRAINT events_properties_check CHECK ((jsonb_typeof(properties) = 'object'::text));
ALTER TABLE public.events ADD CONSTRAINT events_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_]*$'::text));
ALTER TABLE public.feedback ADD CONSTRAINT feedback_chunk_fkey FOREIGN KEY (organization_id, chunk_id) REFERENCES public.chunk_meta(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.feedback ADD CONSTRAINT feedback_document_fkey FOREIGN KEY (organization_id, document_id) REFERENCES public.documents(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.feedback ADD CONSTRAINT feedback_pkey PRIMARY KEY (id);
ALTER TABLE public.feedback ADD CONSTRAINT feedback_rating_check CHECK (((rating >= 1) AND (rating <= 5)));
ALTER TABLE public.feedback ADD CONSTRAINT feedback_relevance_check CHECK (((relevance >= (0)::numeric) AND (relevance <= (1)::numeric)));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_attempts_check CHECK (((attempts >= 0) AND (attempts <= 20)));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_error_check CHECK (((status <> 'failed'::public.file_job_status) OR (error_message IS NOT NULL)));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_finished_check CHECK (((status <> ALL (ARRAY['completed'::public.file_job_status, 'failed'::public.file_job_status])) OR (finished_at IS NOT NULL)));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_initial_check CHECK (((status <> 'pending'::public.file_job_status) OR (finished_at IS NULL)));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_parameters_check CHECK ((jsonb_typeof(parameters) = 'object'::text));
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_pkey PRIMARY KEY (id);
ALTER TABLE public.files ADD CONSTRAINT files_mime_check CHECK ((mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'::text));
ALTER TABLE public.files ADD CONSTRAINT files_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.documents ADD CONSTRAINT documents_file_fkey FOREIGN KEY (organization_id, file_id) REFERENCES public.files(organization_id, id) ON DELETE SET NULL (file_id);
ALTER TABLE public.file_processing_jobs ADD CONSTRAINT file_processing_jobs_file_fkey FOREIGN KEY (organization_id, file_id) REFERENCES public.files(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.files ADD CONSTRAINT files_pkey PRIMARY KEY (id);
ALTER TABLE public.files ADD CONSTRAINT files_provider_check CHECK ((storage_provider = ANY (ARRAY['s3'::text, 'gcs'::text, 'local'::text])));
ALTER TABLE public.files ADD CONSTRAINT files_sha_check CHECK ((octet_length(sha256) = 32));
ALTER TABLE public.files ADD CONSTRAINT files_size_check CHECK ((byte_size >= 0));
ALTER TABLE public.files ADD CONSTRAINT files_storage_key_key UNIQUE (storage_provider, storage_key);
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (id);
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_reason_check CHECK ((succeeded OR (failure_reason IS NOT NULL)));
ALTER TABLE public.notification_preferences ADD CONSTRAINT notification_preferences_pkey PRIMARY KEY (organization_id, user_id, template_id, channel);
ALTER TABLE public.notification_templates ADD CONSTRAINT notification_templates_key_check CHECK ((key ~ '^[a-z][a-z0-9_.]*$'::text));
ALTER TABLE public.notification_templates ADD CONSTRAINT notification_templates_key_key UNIQUE (key);
ALTER TABLE public.notification_templates ADD CONSTRAINT notification_templates_pkey PRIMARY KEY (id);
ALTER TABLE public.notification_preferences ADD CONSTRAINT notification_preferences_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.notification_templates(id) ON DELETE CASCADE;
ALTER TABLE public.notifications ADD CONSTRAINT notifications_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text));
ALTER TABLE public.notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE public.notifications ADD CONSTRAINT notifications_read_check CHECK (((read_at IS NULL) OR (delivered_at IS NOT NULL)));
ALTER TABLE public.notifications ADD CONSTRAINT notifications_template_id_fkey FOREIGN KEY (template_id) REFERENCES public.notification_templates(id) ON DELETE RESTRICT;
ALTER TABLE public.organization_members ADD CONSTRAINT organization_members_left_check CHECK (((left_at IS NULL) OR (left_at >= joined_at)));
ALTER TABLE public.organization_members ADD CONSTRAINT organization_members_pkey PRIMARY KEY (organization_id, user_id);
ALTER TABLE public.analyses ADD CONSTRAINT analyses_requested_by_fkey FOREIGN KEY (organization_id, requested_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.approval_participants ADD CONSTRAINT approval_participants_user_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.approvals ADD CONSTRAINT approvals_requested_by_fkey FOREIGN KEY (organization_id, requested_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_created_by_fkey FOREIGN KEY (organization_id, created_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.comments ADD CONSTRAINT comments_author_fkey FOREIGN KEY (organization_id, author_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.comments ADD CONSTRAINT comments_resolved_by_fkey FOREIGN KEY (organization_id, resolved_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.document_links ADD CONSTRAINT document_links_linked_by_fkey FOREIGN KEY (organization_id, linked_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.documents ADD CONSTRAINT documents_uploaded_by_fkey FOREIGN KEY (organization_id, uploaded_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.feedback ADD CONSTRAINT feedback_user_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.files ADD CONSTRAINT files_uploaded_by_fkey FOREIGN KEY (organization_id, uploaded_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.notification_preferences ADD CONSTRAINT notification_preferences_user_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE CASCADE;
ALTER TABLE public.notifications ADD CONSTRAINT notifications_user_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE CASCADE;
ALTER TABLE public.organizations ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);
ALTER TABLE public.documents ADD CONSTRAINT documents_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;
ALTER TABLE public.events ADD CONSTRAINT events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;
ALTER TABLE public.files ADD CONSTRAINT files_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;
ALTER TABLE public.organization_members ADD CONSTRAINT organization_members_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;
ALTER TABLE public.organizations ADD CONSTRAINT organizations_settings_check CHECK ((jsonb_typeof(settings) = 'object'::text));
ALTER TABLE public.organizations ADD CONSTRAINT organizations_slug_check CHECK ((slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'::text));
ALTER TABLE public.organizations ADD CONSTRAINT organizations_slug_key UNIQUE (slug);
ALTER TABLE public.password_resets ADD CONSTRAINT password_resets_expiry_check CHECK ((expires_at > created_at));
ALTER TABLE public.password_resets ADD CONSTRAINT password_resets_pkey PRIMARY KEY (id);
ALTER TABLE public.password_resets ADD CONSTRAINT password_resets_token_hash_check CHECK ((octet_length(token_hash) = 32));
ALTER TABLE public.password_resets ADD CONSTRAINT password_resets_token_hash_key UNIQUE (token_hash);
ALTER TABLE public.permissions ADD CONSTRAINT permissions_action_check CHECK ((action ~ '^[a-z][a-z0-9_]*$'::text));
ALTER TABLE public.permissions ADD CONSTRAINT permissions_pkey PRIMARY KEY (id);
ALTER TABLE public.permissions ADD CONSTRAINT permissions_resource_action_key UNIQUE (resource, action);
ALTER TABLE public.permissions ADD CONSTRAINT permissions_resource_check CHECK ((resource ~ '^[a-z][a-z0-9_]*$'::text));
ALTER TABLE public.projects ADD CONSTRAINT projects_budget_check CHECK ((estimated_budget >= (0)::numeric));
ALTER TABLE public.projects ADD CONSTRAINT projects_complexity_check CHECK (((complexity_score >= 1) AND (complexity_score <= 10)));
ALTER TABLE public.projects ADD CONSTRAINT projects_created_by_fkey FOREIGN KEY (organization_id, created_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.projects ADD CONSTRAINT projects_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text));
ALTER TABLE public.projects ADD CONSTRAINT projects_duration_check CHECK ((estimated_duration_weeks > 0));
ALTER TABLE public.projects ADD CONSTRAINT projects_name_check CHECK (((length(name) >= 1) AND (length(name) <= 255)));
ALTER TABLE public.projects ADD CONSTRAINT projects_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;
ALTER TABLE public.projects ADD CONSTRAINT projects_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.analyses ADD CONSTRAINT analyses_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.approvals ADD CONSTRAINT approvals_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.architectural_components ADD CONSTRAINT architectural_components_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.collaboration_sessions ADD CONSTRAINT collaboration_sessions_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.comments ADD CONSTRAINT comments_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.documents ADD CONSTRAINT documents_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE SET NULL (project_id);
ALTER TABLE public.projects ADD CONSTRAINT projects_pkey PRIMARY KEY (id);
ALTER TABLE public.projects ADD CONSTRAINT projects_version_check CHECK ((version > 0));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_complexity_check CHECK (((complexity_score >= 1) AND (complexity_score <= 10)));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_created_by_fkey FOREIGN KEY (organization_id, created_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.requirements ADD CONSTRAINT requirements_effort_check CHECK ((effort_estimate_hours >= 0));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.comments ADD CONSTRAINT comments_requirement_fkey FOREIGN KEY (organization_id, requirement_id) REFERENCES public.requirements(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.requirements ADD CONSTRAINT requirements_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id);
ALTER TABLE public.approvals ADD CONSTRAINT approvals_requirement_fkey FOREIGN KEY (organization_id, project_id, requirement_id) REFERENCES public.requirements(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.requirements ADD CONSTRAINT requirements_parent_check CHECK ((parent_id IS DISTINCT FROM id));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id) REFERENCES public.requirements(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.requirements ADD CONSTRAINT requirements_pkey PRIMARY KEY (id);
ALTER TABLE public.requirements ADD CONSTRAINT requirements_priority_check CHECK (((priority >= 1) AND (priority <= 5)));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.requirements ADD CONSTRAINT requirements_title_check CHECK (((length(title) >= 1) AND (length(title) <= 255)));
ALTER TABLE public.requirements ADD CONSTRAINT requirements_version_check CHECK ((version > 0));
ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES public.permissions(id) ON DELETE CASCADE;
ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_pkey PRIMARY KEY (role_id, permission_id);
ALTER TABLE public.roles ADD CONSTRAINT roles_key_check CHECK ((key ~ '^[a-z][a-z0-9_]*$'::text));
ALTER TABLE public.roles ADD CONSTRAINT roles_key_key UNIQUE (key);
ALTER TABLE public.roles ADD CONSTRAINT roles_parent_check CHECK ((parent_role_id IS DISTINCT FROM id));
ALTER TABLE public.roles ADD CONSTRAINT roles_pkey PRIMARY KEY (id);
ALTER TABLE public.role_permissions ADD CONSTRAINT role_permissions_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
ALTER TABLE public.roles ADD CONSTRAINT roles_parent_role_id_fkey FOREIGN KEY (parent_role_id) REFERENCES public.roles(id) ON DELETE RESTRICT;
ALTER TABLE public.session_participants ADD CONSTRAINT session_participants_left_check CHECK (((left_at IS NULL) OR (left_at >= joined_at)));
ALTER TABLE public.session_participants ADD CONSTRAINT session_participants_pkey PRIMARY KEY (organization_id, session_id, user_id);
ALTER TABLE public.session_participants ADD CONSTRAINT session_participants_session_fkey FOREIGN KEY (organization_id, session_id) REFERENCES public.collaboration_sessions(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.session_participants ADD CONSTRAINT session_participants_user_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE CASCADE;
ALTER TABLE public.sessions ADD CONSTRAINT sessions_expiry_check CHECK ((expires_at > created_at));
ALTER TABLE public.sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
ALTER TABLE public.sessions ADD CONSTRAINT sessions_token_hash_check CHECK ((octet_length(token_hash) = 32));
ALTER TABLE public.sessions ADD CONSTRAINT sessions_token_hash_key UNIQUE (token_hash);
ALTER TABLE public.task_dependencies ADD CONSTRAINT task_dependencies_pkey PRIMARY KEY (organization_id, project_id, task_id, depends_on_task_id);
ALTER TABLE public.task_dependencies ADD CONSTRAINT task_dependencies_self_check CHECK ((task_id <> depends_on_task_id));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_assignee_fkey FOREIGN KEY (organization_id, assignee_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_completed_check CHECK (((completed_at IS NULL) OR (status = ANY (ARRAY['done'::public.task_status, 'cancelled'::public.task_status]))));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_complexity_check CHECK (((complexity_score >= 1) AND (complexity_score <= 10)));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_created_by_fkey FOREIGN KEY (organization_id, created_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_hours_check CHECK (((estimated_hours >= (0)::numeric) AND (actual_hours >= (0)::numeric)));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_organization_id_id_key UNIQUE (organization_id, id);
ALTER TABLE public.comments ADD CONSTRAINT comments_task_fkey FOREIGN KEY (organization_id, task_id) REFERENCES public.tasks(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_organization_id_project_id_id_key UNIQUE (organization_id, project_id, id);
ALTER TABLE public.approvals ADD CONSTRAINT approvals_task_fkey FOREIGN KEY (organization_id, project_id, task_id) REFERENCES public.tasks(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.task_dependencies ADD CONSTRAINT task_dependencies_depends_on_fkey FOREIGN KEY (organization_id, project_id, depends_on_task_id) REFERENCES public.tasks(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.task_dependencies ADD CONSTRAINT task_dependencies_task_fkey FOREIGN KEY (organization_id, project_id, task_id) REFERENCES public.tasks(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_parent_check CHECK ((parent_id IS DISTINCT FROM id));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_parent_fkey FOREIGN KEY (organization_id, project_id, parent_id) REFERENCES public.tasks(organization_id, project_id, id) ON DELETE CASCADE;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);
ALTER TABLE public.tasks ADD CONSTRAINT tasks_planned_check CHECK ((planned_end >= planned_start));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_priority_check CHECK (((priority >= 1) AND (priority <= 5)));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_progress_check CHECK (((progress_percent >= 0) AND (progress_percent <= 100)));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_project_fkey FOREIGN KEY (organization_id, project_id) REFERENCES public.projects(organization_id, id) ON DELETE CASCADE;
ALTER TABLE public.tasks ADD CONSTRAINT tasks_requirement_fkey FOREIGN KEY (organization_id, project_id, requirement_id) REFERENCES public.requirements(organization_id, project_id, id) ON DELETE SET NULL (requirement_id);
ALTER TABLE public.tasks ADD CONSTRAINT tasks_title_check CHECK (((length(title) >= 1) AND (length(title) <= 255)));
ALTER TABLE public.tasks ADD CONSTRAINT tasks_version_check CHECK ((version > 0));
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_expiry_check CHECK (((expires_at IS NULL) OR (expires_at > created_at)));
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_granted_by_fkey FOREIGN KEY (organization_id, granted_by) REFERENCES public.organization_members(organization_id, user_id) ON DELETE RESTRICT;
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_member_fkey FOREIGN KEY (organization_id, user_id) REFERENCES public.organization_members(organization_id, user_id) ON DELETE CASCADE;
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_pkey PRIMARY KEY (organization_id, user_id, role_id);
ALTER TABLE public.user_roles ADD CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.roles(id) ON DELETE CASCADE;
ALTER TABLE public.users ADD CONSTRAINT users_display_name_check CHECK (((length(display_name) >= 1) AND (length(display_name) <= 200)));
ALTER TABLE public.users ADD CONSTRAINT users_email_check CHECK ((email OPERATOR(public.~) '^[^@\s]+@[^@\s]+$'::public.citext));
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE public.users ADD CONSTRAINT users_erased_check CHECK (((status = 'erased'::public.user_status) = (erased_at IS NOT NULL)));
ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE public.email_verifications ADD CONSTRAINT email_verifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE SET NULL;
ALTER TABLE public.organization_members ADD CONSTRAINT organization_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;
ALTER TABLE public.password_resets ADD CONSTRAINT password_resets_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE public.sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
CREATE INDEX idx_analyses_project_id_kind_created_at ON public.analyses USING btree (organization_id, project_id, kind, created_at DESC);
CREATE INDEX idx_analyses_requested_by ON public.analyses USING btree (organization_id, requested_by);
CREATE INDEX idx_approval_participants_user_id_decided_at ON public.approval_participants USING btree (organization_id, user_id, decided_at);
CREATE INDEX idx_approvals_analysis_id ON public.approvals USING btree (organization_id, analysis_id) WHERE (analysis_id IS NOT NULL);
CREATE INDEX idx_approvals_document_id ON public.approvals USING btree (organization_id, document_id) WHERE (document_id IS NOT NULL);
CREATE INDEX idx_approvals_project_id_component_id ON public.approvals USING btree (organization_id, project_id, component_id) WHERE (component_id IS NOT NULL);
CREATE INDEX idx_approvals_project_id_requirement_id ON public.approvals USING btree (organization_id, project_id, requirement_id) WHERE (requirement_id IS NOT NULL);
CREATE INDEX idx_approvals_project_id_status ON public.approvals USING btree (organization_id, project_id, status);
CREATE INDEX idx_approvals_project_id_task_id ON public.approvals USING btree (organization_id, project_id, task_id) WHERE (task_id IS NOT NULL);
CREATE INDEX idx_approvals_requested_by ON public.approvals USING btree (organization_id, requested_by);
CREATE INDEX idx_architectural_components_project_id_parent_id ON public.architectural_components USING btree (organization_id, project_id, parent_id);
CREATE INDEX idx_audit_log_actor_id ON public.audit_log USING btree (actor_id) WHERE (actor_id IS NOT NULL);
CREATE INDEX idx_audit_log_occurred_at ON public.audit_log USING btree (organization_id, occurred_at DESC);
CREATE INDEX idx_audit_log_table_name_record_id ON public.audit_log USING btree (table_name, record_id, id DESC);
CREATE INDEX idx_collaboration_sessions_created_by ON public.collaboration_sessions USING btree (organization_id, created_by);
CREATE INDEX idx_collaboration_sessions_project_id_status ON public.collaboration_sessions USING btree (organization_id, project_id, status);
CREATE INDEX idx_comments_analysis_id ON public.comments USING btree (organization_id, analysis_id, created_at) WHERE (analysis_id IS NOT NULL);
CREATE INDEX idx_comments_author_id ON public.comments USING btree (organization_id, author_id);
CREATE INDEX idx_comments_document_id ON public.comments USING btree (organization_id, document_id, created_at) WHERE (document_id IS NOT NULL);
CREATE INDEX idx_comments_parent_id ON public.comments USING btree (organization_id, parent_id) WHERE (parent_id IS NOT NULL);
CREATE INDEX idx_comments_project_id ON public.comments USING btree (organization_id, project_id, created_at) WHERE (project_id IS NOT NULL);
CREATE INDEX idx_comments_requirement_id ON public.comments USING btree (organization_id, requirement_id, created_at) WHERE (requirement_id IS NOT NULL);
CREATE INDEX idx_comments_resolved_by ON public.comments USING btree (organization_id, resolved_by) WHERE (resolved_by IS NOT NULL);
CREATE INDEX idx_comments_task_id ON public.comments USING btree (organization_id, task_id, created_at) WHERE (task_id IS NOT NULL);
CREATE INDEX idx_component_dependencies_project_id_depends_on ON public.component_dependencies USING btree (organization_id, project_id, depends_on_component_id);
CREATE INDEX idx_document_links_linked_by ON public.document_links USING btree (organization_id, linked_by);
CREATE INDEX idx_document_links_offer_id_offer_kind ON public.document_links USING btree (organization_id, offer_id, offer_kind);
CREATE INDEX idx_document_links_rfq_id_rfq_kind ON public.document_links USING btree (organization_id, rfq_id, rfq_kind);
CREATE INDEX idx_documents_file_id ON public.documents USING btree (organization_id, file_id) WHERE (file_id IS NOT NULL);
CREATE INDEX idx_documents_kind_created_at ON public.documents USING btree (organization_id, kind, created_at DESC) WHERE (archived_at IS NULL);
CREATE INDEX idx_documents_project_id ON public.documents USING btree (organization_id, project_id) WHERE (project_id IS NOT NULL);
CREATE INDEX idx_documents_search_vector ON public.documents USING gin (search_vector);
CREATE INDEX idx_documents_title_trgm ON public.documents USING gin (title public.gin_trgm_ops);
CREATE INDEX idx_documents_uploaded_by ON public.documents USING btree (organization_id, uploaded_by);
CREATE INDEX idx_email_verifications_user_id ON public.email_verifications USING btree (user_id);
CREATE INDEX idx_events_occurred_at ON public.events USING btree (organization_id, occurred_at DESC);
CREATE INDEX idx_events_user_id_occurred_at ON public.events USING btree (user_id, occurred_at DESC) WHERE (user_id IS NOT NULL);
CREATE INDEX idx_feedback_chunk_id ON public.feedback USING btree (organization_id, chunk_id) WHERE (chunk_id IS NOT NULL);
CREATE INDEX idx_feedback_document_id ON public.feedback USING btree (organization_id, document_id, created_at DESC);
CREATE INDEX idx_feedback_user_id ON public.feedback USING btree (organization_id, user_id);
CREATE INDEX idx_file_processing_jobs_file_id ON public.file_processing_jobs USING btree (organization_id, file_id);
CREATE INDEX idx_file_processing_jobs_pending_created_at ON public.file_processing_jobs USING btree (created_at) WHERE (status = 'pending'::public.file_job_status);
CREATE INDEX idx_files_sha256 ON public.files USING btree (organization_id, sha256) WHERE (archived_at IS NULL);
CREATE INDEX idx_files_uploaded_by ON public.files USING btree (organization_id, uploaded_by);
CREATE INDEX idx_login_attempts_email_attempted_at ON public.login_attempts USING btree (email, attempted_at DESC);
CREATE INDEX idx_login_attempts_user_id ON public.login_attempts USING btree (user_id) WHERE (user_id IS NOT NULL);
CREATE INDEX idx_notification_preferences_template_id ON public.notification_preferences USING btree (template_id);
CREATE INDEX idx_notifications_scheduled_for ON public.notifications USING btree (scheduled_for) WHERE (delivered_at IS NULL);
CREATE INDEX idx_notifications_template_id ON public.notifications USING btree (template_id);
CREATE INDEX idx_notifications_user_id_created_at ON public.notifications USING btree (organization_id, user_id, created_at DESC);
CREATE INDEX idx_notifications_user_id_unread ON public.notifications USING btree (organization_id, user_id) WHERE (read_at IS NULL);
CREATE INDEX idx_organization_members_user_id ON public.organization_members USING btree (user_id);
CREATE INDEX idx_password_resets_user_id ON public.password_resets USING btree (user_id);
CREATE INDEX idx_projects_created_by ON public.projects USING btree (organization_id, created_by);
CREATE INDEX idx_projects_name_trgm ON public.projects USING gin (name public.gin_trgm_ops);
CREATE INDEX idx_projects_search_vector ON public.projects USING gin (search_vector);
CREATE INDEX idx_projects_status_created_at ON public.projects USING btree (organization_id, status, created_at DESC, id DESC) WHERE (archived_at IS NULL);
CREATE INDEX idx_requirements_created_by ON public.requirements USING btree (organization_id, created_by);
CREATE INDEX idx_requirements_project_id_parent_id ON public.requirements USING btree (organization_id, project_id, parent_id);
CREATE INDEX idx_requirements_search_vector ON public.requirements USING gin (search_vector);
CREATE INDEX idx_role_permissions_permission_id ON public.role_permissions USING btree (permission_id);
CREATE INDEX idx_roles_parent_role_id ON public.roles USING btree (parent_role_id);
CREATE INDEX idx_session_participants_user_id ON public.session_participants USING btree (organization_id, user_id);
CREATE INDEX idx_sessions_expires_at ON public.sessions USING btree (expires_at) WHERE (revoked_at IS NULL);
CREATE INDEX idx_sessions_user_id ON public.sessions USING btree (user_id);
CREATE INDEX idx_task_dependencies_project_id_depends_on ON public.task_dependencies USING btree (organization_id, project_id, depends_on_task_id);
CREATE INDEX idx_tasks_assignee_id_status_priority ON public.tasks USING btree (organization_id, assignee_id, status, priority);
CREATE INDEX idx_tasks_created_by ON public.tasks USING btree (organization_id, created_by);
CREATE INDEX idx_tasks_project_id_parent_id ON public.tasks USING btree (organization_id, project_id, parent_id);
CREATE INDEX idx_tasks_project_id_requirement_id ON public.tasks USING btree (organization_id, project_id, requirement_id) WHERE (requirement_id IS NOT NULL);
CREATE INDEX idx_tasks_project_id_status ON public.tasks USING btree (organization_id, project_id, status, priority) WHERE (archived_at IS NULL);
CREATE INDEX idx_tasks_search_vector ON public.tasks USING gin (search_vector);
CREATE INDEX idx_tasks_title_trgm ON public.tasks USING gin (title public.gin_trgm_ops);
CREATE INDEX idx_user_roles_granted_by ON public.user_roles USING btree (organization_id, granted_by) WHERE (granted_by IS NOT NULL);
CREATE INDEX idx_user_roles_role_id ON public.user_roles USING btree (role_id);
CREATE INDEX idx_users_display_name_trgm ON public.users USING gin (display_name public.gin_trgm_ops);
CREATE OR REPLACE FUNCTION public.audit_log_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('app.audit_redaction', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$function$;
COMMENT ON FUNCTION public.audit_log_guard() IS 'Refuses UPDATE, DELETE and TRUNCATE on audit_log, except the UPDATEs of redact_audit_personal_data(), which sets app.audit_redaction transaction-locally.';
CREATE OR REPLACE FUNCTION public.audit_row_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  old_j jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_j jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  row_j jsonb := coalesce(new_j, old_j);
  key_text text;
  changed text[];
BEGIN
  -- Trigger arguments name the primary-key columns, so composite keys need no catalog lookup per row.
  SELECT string_agg(row_j ->> k, '/' ORDER BY ord) INTO key_text
    FROM unnest(TG_ARGV) WITH ORDINALITY AS a(k, ord);
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.key ORDER BY n.key) INTO changed
      FROM jsonb_each(new_j) n
     WHERE n.value IS DISTINCT FROM old_j -> n.key;
    -- Generated search vectors and maintenance columns are noise in the trail.
    changed := array_remove(array_remove(array_remove(changed, 'updated_at'), 'version'), 'search_vector');
    IF coalesce(cardinality(changed), 0) = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO audit_log (organization_id, table_name, record_id, operation, actor_id, db_role,
                         old_row, new_row, changed_fields)
  VALUES (CASE WHEN TG_TABLE_NAME = 'organizations' THEN safe_uuid(row_j ->> 'id') ELSE safe_uuid(row_j ->> 'organization_id') END,
          TG_TABLE_NAME, coalesce(key_text, ''), TG_OP::audit_operation,
          current_app_user(), coalesce(nullif(current_setting('role'), 'none'), session_user::text), old_j - 'search_vector', new_j - 'search_vector', changed);
  RETURN NULL;
END
$function$;
COMMENT ON FUNCTION public.audit_row_change() IS 'AFTER row trigger for every business table (arguments: primary-key column names). Records actor, operation, old/new row, changed fields and transaction id. SECURITY DEFINER so application roles need no INSERT on audit_log.';
CREATE OR REPLACE FUNCTION public.bump_version()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- Optimistic locking: writers send `WHERE id = $1 AND version = $2`; the trigger owns the increment.
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$function$;
COMMENT ON FUNCTION public.bump_version() IS 'BEFORE UPDATE trigger: increments version for optimistic locking.';
CREATE OR REPLACE FUNCTION public.comments_inherit_target()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  p comments%ROWTYPE;
BEGIN
  IF NEW.parent_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO p FROM comments WHERE organization_id = NEW.organization_id AND id = NEW.parent_id;
  IF FOUND AND (p.project_id, p.requirement_id, p.task_id, p.analysis_id, p.document_id)
       IS DISTINCT FROM (NEW.project_id, NEW.requirement_id, NEW.task_id, NEW.analysis_id, NEW.document_id) THEN
    RAISE EXCEPTION 'a reply must have the same target as the comment it replies to'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'comments_reply_target';
  END IF;
  RETURN NEW;
END
$function$;
COMMENT ON FUNCTION public.comments_inherit_target() IS 'BEFORE INSERT/UPDATE trigger: a reply must target the same row as its parent, so a thread never spans two targets.';
CREATE OR REPLACE FUNCTION public.create_events_partitions(p_from date, p_months integer DEFAULT 3)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  m       date := date_trunc('month', p_from)::date;
  lo      timestamptz;
  hi      timestamptz;
  part    text;
  created integer := 0;
BEGIN
  IF p_months < 1 OR p_months > 120 THEN
    RAISE EXCEPTION 'p_months must be between 1 and 120, got %', p_months USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR i IN 0 .. p_months - 1 LOOP
    lo := (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC';
    hi := (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC';
    part := format('events_%s', to_char(m + make_interval(months => i), 'YYYY_MM'));
    CONTINUE WHEN to_regclass(format('public.%I', part)) IS NOT NULL;
    -- Month boundaries are UTC whatever the session time zone, so partition names match their ranges.
    -- Rows of that month already in the default partition are parked in a temporary table, the partition
    -- is created empty (creating it over rows still in the default partition would fail), and the rows
    -- are re-inserted through the parent. Attaching a pre-filled table instead would re-validate the
    -- foreign key as the owner, which forced RLS on organizations hides rows from.
    EXECUTE format(
      'CREATE TEMP TABLE events_moving ON COMMIT DROP AS '
      'WITH moved AS (DELETE FROM events_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) '
      'SELECT * FROM moved', lo, hi);
    EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXECUTE 'INSERT INTO events SELECT * FROM pg_temp.events_moving';
    EXECUTE 'DROP TABLE pg_temp.events_moving';
    EXECUTE format('COMMENT ON TABLE %I IS %L', part, format('Events of %s (monthly partition).', to_char(m + make_interval(months => i), 'YYYY-MM')));
    created := created + 1;
  END LOOP;
  RETURN created;
END
$function$;
COMMENT ON FUNCTION public.create_events_partitions(p_from date, p_months integer) IS 'Creates the monthly partitions of events from the month of p_from for p_months months (idempotent), draining matching rows from the default partition. Returns how many were created. Runs as the owner; EXECUTE is granted to app_system.';
CREATE OR REPLACE FUNCTION public.erase_user(p_user_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  placeholder text := 'erased+' || p_user_id::text || '@invalid.example';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id) THEN
    RAISE EXCEPTION 'user % does not exist', p_user_id USING ERRCODE = 'no_data_found';
  END IF;
  UPDATE users
     SET email = placeholder, display_name = 'Erased user', password_hash = NULL,
         email_verified_at = NULL, last_login_at = NULL, status = 'erased', erased_at = now()
   WHERE id = p_user_id;

  DELETE FROM sessions WHERE user_id = p_user_id;
  DELETE FROM password_resets WHERE user_id = p_user_id;
  DELETE FROM email_verifications WHERE user_id = p_user_id;
  UPDATE login_attempts SET email = placeholder, ip_address = NULL, user_agent = NULL, user_id = NULL
   WHERE user_id = p_user_id;

  -- Memberships are ended, not deleted: tasks, comments and approvals keep pointing at them.
  UPDATE organization_members SET left_at = greatest(joined_at, now()) WHERE user_id = p_user_id AND left_at IS NULL;
  DELETE FROM user_roles WHERE user_id = p_user_id;
  DELETE FROM notifications WHERE user_id = p_user_id;
  DELETE FROM notification_preferences WHERE user_id = p_user_id;
  UPDATE session_participants SET left_at = greatest(joined_at, now()) WHERE user_id = p_user_id AND left_at IS NULL;
  UPDATE tasks SET assignee_id = NULL WHERE assignee_id = p_user_id AND status NOT IN ('done', 'cancelled');
  -- Free text written by the person may name them; the content is replaced, the thread structure kept.
  UPDATE comments SET body = '[removed on request of the author]', edited_at = now() WHERE author_id = p_user_id;
  UPDATE feedback SET comment = NULL, query_text = NULL WHERE user_id = p_user_id;

  UPDATE events SET user_id = NULL, ip_address = NULL, user_agent = NULL WHERE user_id = p_user_id;

  -- Audit entries keep the fact of each change but lose the personal values of the erased account.
  PERFORM redact_audit_personal_data(p_user_id);
END
$function$;
COMMENT ON FUNCTION public.erase_user(p_user_id uuid) IS 'Anonymises a person everywhere (account, credentials, memberships, authored text, events, audit values) while keeping every foreign key valid. A system job: EXECUTE is granted to app_system only, which bypasses RLS to reach all tenants.';
CREATE OR REPLACE FUNCTION public.file_job_transition_allowed(p_from public.file_job_status, p_to public.file_job_status)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT (p_from, p_to) IN (
    ('pending', 'processing'),
    ('pending', 'cancelled'),
    ('processing', 'completed'),
    ('processing', 'failed'),
    ('processing', 'cancelled'),
    ('failed', 'pending'))
$function$;
COMMENT ON FUNCTION public.file_job_transition_allowed(p_from public.file_job_status, p_to public.file_job_status) IS 'The allowed status changes of file_processing_jobs. A function, not a lookup table: desired-state files describe structure, and rows in a lookup table would never reach a migration written by the diff engine.';
CREATE OR REPLACE FUNCTION public.file_processing_jobs_check_transition()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT file_job_transition_allowed(OLD.status, NEW.status) THEN
    RAISE EXCEPTION 'file job status cannot change from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'file_processing_jobs_transition';
  END IF;
  IF NEW.status = 'processing' AND OLD.status IS DISTINCT FROM 'processing' THEN
    NEW.attempts := OLD.attempts + 1;
    NEW.started_at := clock_timestamp();
    NEW.finished_at := NULL;
  ELSIF NEW.status IN ('completed', 'failed') AND NEW.finished_at IS NULL THEN
    NEW.finished_at := clock_timestamp();
  ELSIF NEW.status = 'pending' THEN
    NEW.finished_at := NULL;
  END IF;
  RETURN NEW;
END
$function$;
COMMENT ON FUNCTION public.file_processing_jobs_check_transition() IS 'BEFORE UPDATE trigger: rejects status changes file_job_transition_allowed() does not permit, and keeps attempts/started_at/finished_at consistent.';
CREATE OR REPLACE FUNCTION public.has_permission(p_user_id uuid, p_organization_id uuid, p_resource text, p_action text)
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$
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
$function$;
COMMENT ON FUNCTION public.has_permission(p_user_id uuid, p_organization_id uuid, p_resource text, p_action text) IS 'True when the user holds, in that organization and unexpired, a role that (directly or through its parent chain) grants action on resource. Runs as the caller, so RLS limits it to the current tenant.';
CREATE OR REPLACE FUNCTION public.redact_audit_personal_data(p_user_id uuid)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  personal CONSTANT text[] := ARRAY['email', 'display_name', 'password_hash', 'ip_address', 'user_agent', 'body'];
  n bigint;
BEGIN
  -- The one UPDATE the guard lets through; the setting is transaction-local and reset below.
  PERFORM set_config('app.audit_redaction', 'on', true);
  UPDATE audit_log
     SET old_row = old_row - personal,
         new_row = new_row - personal
   WHERE (table_name = 'users' AND record_id = p_user_id::text)
      OR (table_name = 'comments' AND (new_row ->> 'author_id' = p_user_id::text OR old_row ->> 'author_id' = p_user_id::text));
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('app.audit_redaction', '', true);
  RETURN n;
END
$function$;
COMMENT ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) IS 'GDPR: removes the personal values of one person from audit entries (their account and their comments), keeping the entries. The only way to change audit_log: runs as the owner; EXECUTE is granted to app_system, which holds no write privilege on audit_log itself.';
CREATE OR REPLACE FUNCTION public.safe_uuid(p_text text)
 RETURNS uuid
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN (p_text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'::text) THEN (p_text)::uuid ELSE NULL::uuid END;
COMMENT ON FUNCTION public.safe_uuid(p_text text) IS 'Parses a UUID, returning NULL (never an error) for NULL, empty or malformed text.';
CREATE OR REPLACE FUNCTION public.current_app_user()
 RETURNS uuid
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN public.safe_uuid(current_setting('app.user_id'::text, true));
COMMENT ON FUNCTION public.current_app_user() IS 'The acting application user of the current transaction, or NULL.';
CREATE OR REPLACE FUNCTION public.current_tenant()
 RETURNS uuid
 LANGUAGE sql
 STABLE PARALLEL SAFE
RETURN public.safe_uuid(current_setting('app.tenant_id'::text, true));
COMMENT ON FUNCTION public.current_tenant() IS 'The organization of the current transaction, or NULL when none is set (then RLS shows zero rows).';
CREATE OR REPLACE FUNCTION public.set_tenant(p_tenant_id uuid, p_user_id uuid DEFAULT NULL::uuid)
 RETURNS void
 LANGUAGE sql
AS $function$
  SELECT set_config('app.tenant_id', coalesce(p_tenant_id::text, ''), true);
  SELECT set_config('app.user_id', coalesce(p_user_id::text, ''), true);
$function$;
COMMENT ON FUNCTION public.set_tenant(p_tenant_id uuid, p_user_id uuid) IS 'Sets tenant and acting user for the current transaction only (is_local = true), safe behind a transaction-mode pooler.';
CREATE OR REPLACE FUNCTION public.set_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- clock_timestamp() rather than now(): two updates in one transaction still get distinct times.
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END
$function$;
COMMENT ON FUNCTION public.set_updated_at() IS 'BEFORE UPDATE trigger: maintains updated_at so callers cannot forget or forge it.';
CREATE OR REPLACE FUNCTION public.task_dependencies_reject_cycle()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- Serialise edge inserts per project: two concurrent transactions could otherwise each add half of a cycle.
  PERFORM pg_advisory_xact_lock(hashtextextended('task_dependencies:' || NEW.project_id::text, 0));
  IF EXISTS (
    WITH RECURSIVE reach(task_id) AS (
      SELECT d.depends_on_task_id
        FROM task_dependencies d
       WHERE d.organization_id = NEW.organization_id AND d.project_id = NEW.project_id
         AND d.task_id = NEW.depends_on_task_id
      UNION
      SELECT d.depends_on_task_id
        FROM reach r
        JOIN task_dependencies d
          ON d.organization_id = NEW.organization_id AND d.project_id = NEW.project_id
         AND d.task_id = r.task_id
    )
    SELECT 1 FROM reach WHERE task_id = NEW.task_id
  ) THEN
    RAISE EXCEPTION 'task dependency % -> % would create a cycle', NEW.task_id, NEW.depends_on_task_id
      USING ERRCODE = 'integrity_constraint_violation',
            CONSTRAINT = 'task_dependencies_acyclic',
            HINT = 'Remove one of the existing dependencies first.';
  END IF;
  RETURN NEW;
END
$function$;
COMMENT ON FUNCTION public.task_dependencies_reject_cycle() IS 'BEFORE INSERT/UPDATE trigger: rejects an edge when the prerequisite already (transitively) depends on the task.';
CREATE TRIGGER trg_analyses_audit AFTER INSERT OR DELETE OR UPDATE ON public.analyses FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_analyses_updated_at BEFORE UPDATE ON public.analyses FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_approval_participants_audit AFTER INSERT OR DELETE OR UPDATE ON public.approval_participants FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('approval_id', 'user_id');
CREATE TRIGGER trg_approvals_audit AFTER INSERT OR DELETE OR UPDATE ON public.approvals FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_approvals_updated_at BEFORE UPDATE ON public.approvals FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_architectural_components_audit AFTER INSERT OR DELETE OR UPDATE ON public.architectural_components FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_architectural_components_updated_at BEFORE UPDATE ON public.architectural_components FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_architectural_components_version BEFORE UPDATE ON public.architectural_components FOR EACH ROW EXECUTE FUNCTION public.bump_version();
CREATE TRIGGER trg_audit_log_guard BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.audit_log_guard();
CREATE TRIGGER trg_audit_log_guard_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_guard();
CREATE TRIGGER trg_collaboration_sessions_audit AFTER INSERT OR DELETE OR UPDATE ON public.collaboration_sessions FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_collaboration_sessions_updated_at BEFORE UPDATE ON public.collaboration_sessions FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_comments_audit AFTER INSERT OR DELETE OR UPDATE ON public.comments FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_comments_reply_target BEFORE INSERT OR UPDATE OF parent_id, project_id, requirement_id, task_id, analysis_id, document_id ON public.comments FOR EACH ROW EXECUTE FUNCTION public.comments_inherit_target();
CREATE TRIGGER trg_comments_updated_at BEFORE UPDATE ON public.comments FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_component_dependencies_audit AFTER INSERT OR DELETE OR UPDATE ON public.component_dependencies FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('component_id', 'depends_on_component_id');
CREATE TRIGGER trg_document_links_audit AFTER INSERT OR DELETE OR UPDATE ON public.document_links FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_documents_audit AFTER INSERT OR DELETE OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_documents_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_documents_version BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.bump_version();
CREATE TRIGGER trg_feedback_audit AFTER INSERT OR DELETE OR UPDATE ON public.feedback FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_file_processing_jobs_audit AFTER INSERT OR DELETE OR UPDATE ON public.file_processing_jobs FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_file_processing_jobs_transition BEFORE UPDATE OF status ON public.file_processing_jobs FOR EACH ROW EXECUTE FUNCTION public.file_processing_jobs_check_transition();
CREATE TRIGGER trg_file_processing_jobs_updated_at BEFORE UPDATE ON public.file_processing_jobs FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_files_audit AFTER INSERT OR DELETE OR UPDATE ON public.files FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_notification_preferences_audit AFTER INSERT OR DELETE OR UPDATE ON public.notification_preferences FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('user_id', 'template_id', 'channel');
CREATE TRIGGER trg_notification_preferences_updated_at BEFORE UPDATE ON public.notification_preferences FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_notification_templates_audit AFTER INSERT OR DELETE OR UPDATE ON public.notification_templates FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_notification_templates_updated_at BEFORE UPDATE ON public.notification_templates FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_organization_members_audit AFTER INSERT OR DELETE OR UPDATE ON public.organization_members FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('organization_id', 'user_id');
CREATE TRIGGER trg_organization_members_updated_at BEFORE UPDATE ON public.organization_members FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_organizations_audit AFTER INSERT OR DELETE OR UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_organizations_updated_at BEFORE UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_permissions_audit AFTER INSERT OR DELETE OR UPDATE ON public.permissions FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_projects_audit AFTER INSERT OR DELETE OR UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_projects_updated_at BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_projects_version BEFORE UPDATE ON public.projects FOR EACH ROW EXECUTE FUNCTION public.bump_version();
CREATE TRIGGER trg_requirements_audit AFTER INSERT OR DELETE OR UPDATE ON public.requirements FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_requirements_updated_at BEFORE UPDATE ON public.requirements FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_requirements_version BEFORE UPDATE ON public.requirements FOR EACH ROW EXECUTE FUNCTION public.bump_version();
CREATE TRIGGER trg_role_permissions_audit AFTER INSERT OR DELETE OR UPDATE ON public.role_permissions FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('role_id', 'permission_id');
CREATE TRIGGER trg_roles_audit AFTER INSERT OR DELETE OR UPDATE ON public.roles FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_roles_updated_at BEFORE UPDATE ON public.roles FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_session_participants_audit AFTER INSERT OR DELETE OR UPDATE ON public.session_participants FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('session_id', 'user_id');
CREATE TRIGGER trg_task_dependencies_acyclic BEFORE INSERT OR UPDATE ON public.task_dependencies FOR EACH ROW EXECUTE FUNCTION public.task_dependencies_reject_cycle();
CREATE TRIGGER trg_task_dependencies_audit AFTER INSERT OR DELETE OR UPDATE ON public.task_dependencies FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('task_id', 'depends_on_task_id');
CREATE TRIGGER trg_tasks_audit AFTER INSERT OR DELETE OR UPDATE ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_tasks_updated_at BEFORE UPDATE ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER trg_tasks_version BEFORE UPDATE ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.bump_version();
CREATE TRIGGER trg_user_roles_audit AFTER INSERT OR DELETE OR UPDATE ON public.user_roles FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('organization_id', 'user_id', 'role_id');
CREATE TRIGGER trg_users_audit AFTER INSERT OR DELETE OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.audit_row_change('id');
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE POLICY analyses_tenant_delete ON public.analyses AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY analyses_tenant_insert ON public.analyses AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY analyses_tenant_select ON public.analyses AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY analyses_tenant_update ON public.analyses AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY approval_participants_tenant_delete ON public.approval_participants AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY approval_participants_tenant_insert ON public.approval_participants AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY approval_participants_tenant_select ON public.approval_participants AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY approval_participants_tenant_update ON public.approval_participants AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY approvals_tenant_delete ON public.approvals AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY approvals_tenant_insert ON public.approvals AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY approvals_tenant_select ON public.approvals AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY approvals_tenant_update ON public.approvals AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY architectural_components_tenant_delete ON public.architectural_components AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY architectural_components_tenant_insert ON public.architectural_components AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY architectural_components_tenant_select ON public.architectural_components AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY architectural_components_tenant_update ON public.architectural_components AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY audit_log_owner_insert ON public.audit_log AS PERMISSIVE FOR INSERT TO app_owner WITH CHECK (true);
CREATE POLICY audit_log_owner_redact ON public.audit_log AS PERMISSIVE FOR UPDATE TO app_owner USING (true) WITH CHECK (true);
CREATE POLICY audit_log_owner_select ON public.audit_log AS PERMISSIVE FOR SELECT TO app_owner USING (true);
CREATE POLICY audit_log_tenant_select ON public.audit_log AS PERMISSIVE FOR SELECT TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY chunk_meta_tenant_delete ON public.chunk_meta AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY chunk_meta_tenant_insert ON public.chunk_meta AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY chunk_meta_tenant_select ON public.chunk_meta AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY chunk_meta_tenant_update ON public.chunk_meta AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY collaboration_sessions_tenant_delete ON public.collaboration_sessions AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY collaboration_sessions_tenant_insert ON public.collaboration_sessions AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY collaboration_sessions_tenant_select ON public.collaboration_sessions AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY collaboration_sessions_tenant_update ON public.collaboration_sessions AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY comments_tenant_delete ON public.comments AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY comments_tenant_insert ON public.comments AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY comments_tenant_select ON public.comments AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY comments_tenant_update ON public.comments AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY component_dependencies_tenant_delete ON public.component_dependencies AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY component_dependencies_tenant_insert ON public.component_dependencies AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY component_dependencies_tenant_select ON public.component_dependencies AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY component_dependencies_tenant_update ON public.component_dependencies AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY document_links_tenant_delete ON public.document_links AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY document_links_tenant_insert ON public.document_links AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY document_links_tenant_select ON public.document_links AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY document_links_tenant_update ON public.document_links AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY documents_tenant_delete ON public.documents AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY documents_tenant_insert ON public.documents AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY documents_tenant_select ON public.documents AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY documents_tenant_update ON public.documents AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY events_owner_insert ON public.events AS PERMISSIVE FOR INSERT TO app_owner WITH CHECK (true);
CREATE POLICY events_tenant_delete ON public.events AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY events_tenant_insert ON public.events AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY events_tenant_select ON public.events AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY events_tenant_update ON public.events AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY feedback_tenant_delete ON public.feedback AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY feedback_tenant_insert ON public.feedback AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY feedback_tenant_select ON public.feedback AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY feedback_tenant_update ON public.feedback AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY file_processing_jobs_tenant_delete ON public.file_processing_jobs AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY file_processing_jobs_tenant_insert ON public.file_processing_jobs AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY file_processing_jobs_tenant_select ON public.file_processing_jobs AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY file_processing_jobs_tenant_update ON public.file_processing_jobs AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY files_tenant_delete ON public.files AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY files_tenant_insert ON public.files AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY files_tenant_select ON public.files AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY files_tenant_update ON public.files AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY notification_preferences_tenant_delete ON public.notification_preferences AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY notification_preferences_tenant_insert ON public.notification_preferences AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY notification_preferences_tenant_select ON public.notification_preferences AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY notification_preferences_tenant_update ON public.notification_preferences AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY notifications_tenant_delete ON public.notifications AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY notifications_tenant_insert ON public.notifications AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY notifications_tenant_select ON public.notifications AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY notifications_tenant_update ON public.notifications AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY organization_members_tenant_delete ON public.organization_members AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY organization_members_tenant_insert ON public.organization_members AS PERMISSIVE FOR INSERT TO app_admin WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY organization_members_tenant_select ON public.organization_members AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY organization_members_tenant_update ON public.organization_members AS PERMISSIVE FOR UPDATE TO app_admin USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY organizations_tenant_select ON public.organizations AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((id = public.current_tenant()));
CREATE POLICY organizations_tenant_update ON public.organizations AS PERMISSIVE FOR UPDATE TO app_admin USING ((id = public.current_tenant())) WITH CHECK ((id = public.current_tenant()));
CREATE POLICY projects_tenant_delete ON public.projects AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY projects_tenant_insert ON public.projects AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY projects_tenant_select ON public.projects AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY projects_tenant_update ON public.projects AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY requirements_tenant_delete ON public.requirements AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY requirements_tenant_insert ON public.requirements AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY requirements_tenant_select ON public.requirements AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY requirements_tenant_update ON public.requirements AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY session_participants_tenant_delete ON public.session_participants AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY session_participants_tenant_insert ON public.session_participants AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY session_participants_tenant_select ON public.session_participants AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY session_participants_tenant_update ON public.session_participants AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY task_dependencies_tenant_delete ON public.task_dependencies AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY task_dependencies_tenant_insert ON public.task_dependencies AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY task_dependencies_tenant_select ON public.task_dependencies AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY task_dependencies_tenant_update ON public.task_dependencies AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY tasks_tenant_delete ON public.tasks AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY tasks_tenant_insert ON public.tasks AS PERMISSIVE FOR INSERT TO app_admin, app_analyst WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY tasks_tenant_select ON public.tasks AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY tasks_tenant_update ON public.tasks AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY user_roles_tenant_delete ON public.user_roles AS PERMISSIVE FOR DELETE TO app_admin USING ((organization_id = public.current_tenant()));
CREATE POLICY user_roles_tenant_insert ON public.user_roles AS PERMISSIVE FOR INSERT TO app_admin WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY user_roles_tenant_select ON public.user_roles AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING ((organization_id = public.current_tenant()));
CREATE POLICY user_roles_tenant_update ON public.user_roles AS PERMISSIVE FOR UPDATE TO app_admin USING ((organization_id = public.current_tenant())) WITH CHECK ((organization_id = public.current_tenant()));
CREATE POLICY users_self_update ON public.users AS PERMISSIVE FOR UPDATE TO app_admin, app_analyst, app_viewer USING ((id = public.current_app_user())) WITH CHECK ((id = public.current_app_user()));
CREATE POLICY users_tenant_select ON public.users AS PERMISSIVE FOR SELECT TO app_admin, app_analyst, app_viewer USING (((id = public.current_app_user()) OR (EXISTS ( SELECT 1
   FROM public.organization_members m
  WHERE ((m.user_id = users.id) AND (m.organization_id = public.current_tenant()))))));
ALTER TABLE public.analyses ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.analyses FORCE ROW LEVEL SECURITY;
ALTER TABLE public.approval_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.approval_participants FORCE ROW LEVEL SECURITY;
ALTER TABLE public.approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.approvals FORCE ROW LEVEL SECURITY;
ALTER TABLE public.architectural_components ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.architectural_components FORCE ROW LEVEL SECURITY;
ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.audit_log FORCE ROW LEVEL SECURITY;
ALTER TABLE public.chunk_meta ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.chunk_meta FORCE ROW LEVEL SECURITY;
ALTER TABLE public.collaboration_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.collaboration_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE public.comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.comments FORCE ROW LEVEL SECURITY;
ALTER TABLE public.component_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.component_dependencies FORCE ROW LEVEL SECURITY;
ALTER TABLE public.document_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.document_links FORCE ROW LEVEL SECURITY;
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.documents FORCE ROW LEVEL SECURITY;
ALTER TABLE public.email_verifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.email_verifications FORCE ROW LEVEL SECURITY;
ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.events FORCE ROW LEVEL SECURITY;
ALTER TABLE public.feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.feedback FORCE ROW LEVEL SECURITY;
ALTER TABLE public.file_processing_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.file_processing_jobs FORCE ROW LEVEL SECURITY;
ALTER TABLE public.files ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.files FORCE ROW LEVEL SECURITY;
ALTER TABLE public.login_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.login_attempts FORCE ROW LEVEL SECURITY;
ALTER TABLE public.notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.notification_preferences FORCE ROW LEVEL SECURITY;
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.notifications FORCE ROW LEVEL SECURITY;
ALTER TABLE public.organization_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.organization_members FORCE ROW LEVEL SECURITY;
ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.organizations FORCE ROW LEVEL SECURITY;
ALTER TABLE public.password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.password_resets FORCE ROW LEVEL SECURITY;
ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.projects FORCE ROW LEVEL SECURITY;
ALTER TABLE public.requirements ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.requirements FORCE ROW LEVEL SECURITY;
ALTER TABLE public.session_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.session_participants FORCE ROW LEVEL SECURITY;
ALTER TABLE public.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE public.task_dependencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.task_dependencies FORCE ROW LEVEL SECURITY;
ALTER TABLE public.tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE public.user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_roles FORCE ROW LEVEL SECURITY;
ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.users FORCE ROW LEVEL SECURITY;
ALTER TYPE public.analysis_kind OWNER TO app_owner;
ALTER TYPE public.analysis_status OWNER TO app_owner;
ALTER TYPE public.approval_decision OWNER TO app_owner;
ALTER TYPE public.approval_status OWNER TO app_owner;
ALTER TYPE public.audit_operation OWNER TO app_owner;
ALTER TYPE public.component_status OWNER TO app_owner;
ALTER TYPE public.doc_kind OWNER TO app_owner;
ALTER TYPE public.file_job_status OWNER TO app_owner;
ALTER TYPE public.file_job_type OWNER TO app_owner;
ALTER TYPE public.member_role OWNER TO app_owner;
ALTER TYPE public.notification_channel OWNER TO app_owner;
ALTER TYPE public.project_status OWNER TO app_owner;
ALTER TYPE public.session_status OWNER TO app_owner;
ALTER TYPE public.task_status OWNER TO app_owner;
ALTER TYPE public.user_status OWNER TO app_owner;
ALTER FUNCTION public.audit_log_guard() OWNER TO app_owner;
ALTER FUNCTION public.audit_row_change() OWNER TO app_owner;
ALTER FUNCTION public.bump_version() OWNER TO app_owner;
ALTER FUNCTION public.comments_inherit_target() OWNER TO app_owner;
ALTER FUNCTION public.create_events_partitions(p_from date, p_months integer) OWNER TO app_owner;
ALTER FUNCTION public.current_app_user() OWNER TO app_owner;
ALTER FUNCTION public.current_tenant() OWNER TO app_owner;
ALTER FUNCTION public.erase_user(p_user_id uuid) OWNER TO app_owner;
ALTER FUNCTION public.file_job_transition_allowed(p_from public.file_job_status, p_to public.file_job_status) OWNER TO app_owner;
ALTER FUNCTION public.file_processing_jobs_check_transition() OWNER TO app_owner;
ALTER FUNCTION public.has_permission(p_user_id uuid, p_organization_id uuid, p_resource text, p_action text) OWNER TO app_owner;
ALTER FUNCTION public.redact_audit_personal_data(p_user_id uuid) OWNER TO app_owner;
ALTER FUNCTION public.safe_uuid(p_text text) OWNER TO app_owner;
ALTER FUNCTION public.set_tenant(p_tenant_id uuid, p_user_id uuid) OWNER TO app_owner;
ALTER FUNCTION public.set_updated_at() OWNER TO app_owner;
ALTER FUNCTION public.task_dependencies_reject_cycle() OWNER TO app_owner;
ALTER TABLE public.analyses OWNER TO app_owner;
ALTER TABLE public.approval_participants OWNER TO app_owner;
ALTER TABLE public.approvals OWNER TO app_owner;
ALTER TABLE public.architectural_components OWNER TO app_owner;
ALTER TABLE public.audit_log OWNER TO app_owner;
ALTER TABLE public.chunk_meta OWNER TO app_owner;
ALTER TABLE public.collaboration_sessions OWNER TO app_owner;
ALTER TABLE public.comments OWNER TO app_owner;
ALTER TABLE public.component_dependencies OWNER TO app_owner;
ALTER TABLE public.document_links OWNER TO app_owner;
ALTER TABLE public.documents OWNER TO app_owner;
ALTER TABLE public.email_verifications OWNER TO app_owner;
ALTER TABLE public.events OWNER TO app_owner;
ALTER TABLE public.events_default OWNER TO app_owner;
ALTER TABLE public.feedback OWNER TO app_owner;
ALTER TABLE public.file_processing_jobs OWNER TO app_owner;
ALTER TABLE public.files OWNER TO app_owner;
ALTER TABLE public.login_attempts OWNER TO app_owner;
ALTER TABLE public.notification_preferences OWNER TO app_owner;
ALTER TABLE public.notification_templates OWNER TO app_owner;
ALTER TABLE public.notifications OWNER TO app_owner;
ALTER TABLE public.organization_members OWNER TO app_owner;
ALTER TABLE public.organizations OWNER TO app_owner;
ALTER TABLE public.password_resets OWNER TO app_owner;
ALTER TABLE public.permissions OWNER TO app_owner;
ALTER TABLE public.projects OWNER TO app_owner;
ALTER TABLE public.requirements OWNER TO app_owner;
ALTER TABLE public.role_permissions OWNER TO app_owner;
ALTER TABLE public.roles OWNER TO app_owner;
ALTER TABLE public.session_participants OWNER TO app_owner;
ALTER TABLE public.sessions OWNER TO app_owner;
ALTER TABLE public.task_dependencies OWNER TO app_owner;
ALTER TABLE public.tasks OWNER TO app_owner;
ALTER TABLE public.user_roles OWNER TO app_owner;
ALTER TABLE public.users OWNER TO app_owner;
GRANT UPDATE (display_name) ON TABLE public.users TO app_admin;
GRANT UPDATE (display_name) ON TABLE public.users TO app_analyst;
GRANT UPDATE (display_name) ON TABLE public.users TO app_viewer;
GRANT UPDATE (locale) ON TABLE public.users TO app_admin;
GRANT UPDATE (locale) ON TABLE public.users TO app_analyst;
GRANT UPDATE (locale) ON TABLE public.users TO app_viewer;
GRANT UPDATE (timezone) ON TABLE public.users TO app_admin;
GRANT UPDATE (timezone) ON TABLE public.users TO app_analyst;
GRANT UPDATE (timezone) ON TABLE public.users TO app_viewer;
REVOKE EXECUTE ON FUNCTION public.create_events_partitions(p_from date, p_months integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.create_events_partitions(p_from date, p_months integer) TO app_system;
REVOKE EXECUTE ON FUNCTION public.erase_user(p_user_id uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.erase_user(p_user_id uuid) TO app_system;
REVOKE EXECUTE ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.redact_audit_personal_data(p_user_id uuid) TO app_system;
GRANT USAGE ON SCHEMA public TO app_admin;
GRANT USAGE ON SCHEMA public TO app_analyst;
GRANT CREATE, USAGE ON SCHEMA public TO app_owner;
GRANT USAGE ON SCHEMA public TO app_system;
GRANT USAGE ON SCHEMA public TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.analyses TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.analyses TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.analyses TO app_system;
GRANT SELECT ON TABLE public.analyses TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.approval_participants TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.approval_participants TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.approval_participants TO app_system;
GRANT SELECT ON TABLE public.approval_participants TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.approvals TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.approvals TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.approvals TO app_system;
GRANT SELECT ON TABLE public.approvals TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.architectural_components TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.architectural_components TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.architectural_components TO app_system;
GRANT SELECT ON TABLE public.architectural_components TO app_viewer;
GRANT SELECT ON TABLE public.audit_log TO app_admin;
GRANT SELECT ON TABLE public.audit_log TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.chunk_meta TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.chunk_meta TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.chunk_meta TO app_system;
GRANT SELECT ON TABLE public.chunk_meta TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.collaboration_sessions TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.collaboration_sessions TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.collaboration_sessions TO app_system;
GRANT SELECT ON TABLE public.collaboration_sessions TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.comments TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.comments TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.comments TO app_system;
GRANT SELECT ON TABLE public.comments TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.component_dependencies TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.component_dependencies TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.component_dependencies TO app_system;
GRANT SELECT ON TABLE public.component_dependencies TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.document_links TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.document_links TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.document_links TO app_system;
GRANT SELECT ON TABLE public.document_links TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.documents TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.documents TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.documents TO app_system;
GRANT SELECT ON TABLE public.documents TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.email_verifications TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.events TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.events TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.events TO app_system;
GRANT SELECT ON TABLE public.events TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.events_default TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.feedback TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.feedback TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.feedback TO app_system;
GRANT SELECT ON TABLE public.feedback TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.file_processing_jobs TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.file_processing_jobs TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.file_processing_jobs TO app_system;
GRANT SELECT ON TABLE public.file_processing_jobs TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.files TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.files TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.files TO app_system;
GRANT SELECT ON TABLE public.files TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.login_attempts TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notification_preferences TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.notification_preferences TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notification_preferences TO app_system;
GRANT SELECT ON TABLE public.notification_preferences TO app_viewer;
GRANT SELECT ON TABLE public.notification_templates TO app_admin;
GRANT SELECT ON TABLE public.notification_templates TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notification_templates TO app_system;
GRANT SELECT ON TABLE public.notification_templates TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notifications TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.notifications TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notifications TO app_system;
GRANT SELECT ON TABLE public.notifications TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.organization_members TO app_admin;
GRANT SELECT ON TABLE public.organization_members TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.organization_members TO app_system;
GRANT SELECT ON TABLE public.organization_members TO app_viewer;
GRANT SELECT, UPDATE ON TABLE public.organizations TO app_admin;
GRANT SELECT ON TABLE public.organizations TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.organizations TO app_system;
GRANT SELECT ON TABLE public.organizations TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.password_resets TO app_system;
GRANT SELECT ON TABLE public.permissions TO app_admin;
GRANT SELECT ON TABLE public.permissions TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.permissions TO app_system;
GRANT SELECT ON TABLE public.permissions TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.projects TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.projects TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.projects TO app_system;
GRANT SELECT ON TABLE public.projects TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.requirements TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.requirements TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.requirements TO app_system;
GRANT SELECT ON TABLE public.requirements TO app_viewer;
GRANT SELECT ON TABLE public.role_permissions TO app_admin;
GRANT SELECT ON TABLE public.role_permissions TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.role_permissions TO app_system;
GRANT SELECT ON TABLE public.role_permissions TO app_viewer;
GRANT SELECT ON TABLE public.roles TO app_admin;
GRANT SELECT ON TABLE public.roles TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.roles TO app_system;
GRANT SELECT ON TABLE public.roles TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.session_participants TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.session_participants TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.session_participants TO app_system;
GRANT SELECT ON TABLE public.session_participants TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.sessions TO app_system;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.task_dependencies TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.task_dependencies TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.task_dependencies TO app_system;
GRANT SELECT ON TABLE public.task_dependencies TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.tasks TO app_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE public.tasks TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.tasks TO app_system;
GRANT SELECT ON TABLE public.tasks TO app_viewer;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_roles TO app_admin;
GRANT SELECT ON TABLE public.user_roles TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.user_roles TO app_system;
GRANT SELECT ON TABLE public.user_roles TO app_viewer;
GRANT SELECT ON TABLE public.users TO app_admin;
GRANT SELECT ON TABLE public.users TO app_analyst;
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.users TO app_system;
GRANT SELECT ON TABLE public.users TO app_viewer;
