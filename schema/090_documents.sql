-- Documents (the RFQ/offer story): documents with a kind, RFQ->offer links whose kinds are enforced by
-- foreign keys, chunk metadata for retrieval (vectors live in an external store, referenced by id), and
-- feedback on retrieved chunks.

CREATE TYPE doc_kind AS ENUM ('rfq', 'offer', 'contract', 'specification', 'other');
COMMENT ON TYPE doc_kind IS 'What a document is. RFQs are answered by offers.';

CREATE TABLE documents (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  project_id      uuid,
  uploaded_by     uuid NOT NULL,
  file_id         uuid,
  kind            doc_kind NOT NULL,
  title           text NOT NULL,
  body            text,
  language        text NOT NULL DEFAULT 'en',
  counterparty    text,
  version         integer NOT NULL DEFAULT 1,
  archived_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  search_vector   tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')
  ) STORED,
  CONSTRAINT documents_pkey PRIMARY KEY (organization_id, id),
  -- Target of the kind-checked links below: (tenant, id, kind) must exist together.
  CONSTRAINT documents_organization_id_id_kind_key UNIQUE (organization_id, id, kind),
  CONSTRAINT documents_project_fkey FOREIGN KEY (organization_id, project_id)
    REFERENCES projects (organization_id, id) ON DELETE SET NULL (project_id),
  CONSTRAINT documents_uploaded_by_fkey FOREIGN KEY (organization_id, uploaded_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT documents_title_check CHECK (length(title) BETWEEN 1 AND 500),
  CONSTRAINT documents_version_check CHECK (version > 0)
);
COMMENT ON TABLE documents IS 'Business documents of a tenant (RFQs, offers, contracts, ...), optionally attached to a project and backed by an uploaded file.';
COMMENT ON COLUMN documents.id IS 'Surrogate key.';
COMMENT ON COLUMN documents.organization_id IS 'Tenant.';
COMMENT ON COLUMN documents.project_id IS 'Project it belongs to, if any.';
COMMENT ON COLUMN documents.uploaded_by IS 'Member who added it.';
COMMENT ON COLUMN documents.file_id IS 'Original file, if uploaded (FK added in the files file).';
COMMENT ON COLUMN documents.kind IS 'Document kind; fixed while links depend on it.';
COMMENT ON COLUMN documents.title IS 'Title (full-text and trigram searchable).';
COMMENT ON COLUMN documents.body IS 'Extracted text.';
COMMENT ON COLUMN documents.language IS 'BCP 47 language of the body.';
COMMENT ON COLUMN documents.counterparty IS 'Customer or supplier named in the document.';
COMMENT ON COLUMN documents.version IS 'Optimistic-locking version, incremented by trigger.';
COMMENT ON COLUMN documents.archived_at IS 'Soft delete; live rows have NULL.';
COMMENT ON COLUMN documents.created_at IS 'Row creation time.';
COMMENT ON COLUMN documents.updated_at IS 'Last update time, maintained by trigger.';
COMMENT ON COLUMN documents.search_vector IS 'Generated full-text vector over title (A) and body (C).';
CREATE INDEX idx_documents_kind_created_at ON documents (organization_id, kind, created_at DESC) WHERE archived_at IS NULL;
CREATE INDEX idx_documents_project_id ON documents (organization_id, project_id) WHERE project_id IS NOT NULL;
CREATE INDEX idx_documents_uploaded_by ON documents (organization_id, uploaded_by);
CREATE INDEX idx_documents_search_vector ON documents USING gin (search_vector);
CREATE TRIGGER trg_documents_updated_at BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_documents_version BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION bump_version();

-- Exclusive-arc targets declared in 070_collaboration.sql, now that documents exist.
ALTER TABLE approvals ADD CONSTRAINT approvals_document_fkey FOREIGN KEY (organization_id, document_id)
  REFERENCES documents (organization_id, id) ON DELETE CASCADE;
ALTER TABLE comments ADD CONSTRAINT comments_document_fkey FOREIGN KEY (organization_id, document_id)
  REFERENCES documents (organization_id, id) ON DELETE CASCADE;

CREATE TABLE document_links (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  rfq_id          uuid NOT NULL,
  rfq_kind        doc_kind NOT NULL DEFAULT 'rfq',
  offer_id        uuid NOT NULL,
  offer_kind      doc_kind NOT NULL DEFAULT 'offer',
  linked_by       uuid NOT NULL,
  note            text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT document_links_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT document_links_rfq_offer_key UNIQUE (organization_id, rfq_id, offer_id),
  -- Kind rules as foreign keys: the referenced (tenant, id, kind) must exist, and the kind columns are pinned.
  CONSTRAINT document_links_rfq_fkey FOREIGN KEY (organization_id, rfq_id, rfq_kind)
    REFERENCES documents (organization_id, id, kind) ON DELETE CASCADE ON UPDATE RESTRICT,
  CONSTRAINT document_links_offer_fkey FOREIGN KEY (organization_id, offer_id, offer_kind)
    REFERENCES documents (organization_id, id, kind) ON DELETE CASCADE ON UPDATE RESTRICT,
  CONSTRAINT document_links_linked_by_fkey FOREIGN KEY (organization_id, linked_by)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT document_links_rfq_kind_check CHECK (rfq_kind = 'rfq'),
  CONSTRAINT document_links_offer_kind_check CHECK (offer_kind = 'offer')
);
COMMENT ON TABLE document_links IS 'An offer answering an RFQ. The kind columns are pinned by CHECK and part of the FKs, so only rfq->offer links can exist and a linked document''s kind cannot change.';
COMMENT ON COLUMN document_links.id IS 'Surrogate key.';
COMMENT ON COLUMN document_links.organization_id IS 'Tenant.';
COMMENT ON COLUMN document_links.rfq_id IS 'The request for quotation.';
COMMENT ON COLUMN document_links.rfq_kind IS 'Always rfq; part of the FK that enforces the kind.';
COMMENT ON COLUMN document_links.offer_id IS 'The offer answering it.';
COMMENT ON COLUMN document_links.offer_kind IS 'Always offer; part of the FK that enforces the kind.';
COMMENT ON COLUMN document_links.linked_by IS 'Member who linked them.';
COMMENT ON COLUMN document_links.note IS 'Why they are linked.';
COMMENT ON COLUMN document_links.created_at IS 'Row creation time.';
-- The unique (organization_id, rfq_id, offer_id) leads with rfq_id for "offers of an RFQ"; these serve
-- the FKs (with the kind column) and "RFQs of an offer".
CREATE INDEX idx_document_links_rfq_id_rfq_kind ON document_links (organization_id, rfq_id, rfq_kind);
CREATE INDEX idx_document_links_offer_id_offer_kind ON document_links (organization_id, offer_id, offer_kind);
CREATE INDEX idx_document_links_linked_by ON document_links (organization_id, linked_by);

CREATE TABLE chunk_meta (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  document_id     uuid NOT NULL,
  chunk_index     integer NOT NULL,
  char_start      integer NOT NULL,
  char_end        integer NOT NULL,
  token_count     integer NOT NULL,
  content_sha256  bytea NOT NULL,
  embedding_model text NOT NULL,
  embedding_dims  smallint NOT NULL,
  vector_ref      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chunk_meta_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT chunk_meta_document_chunk_key UNIQUE (organization_id, document_id, chunk_index),
  CONSTRAINT chunk_meta_document_fkey FOREIGN KEY (organization_id, document_id)
    REFERENCES documents (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT chunk_meta_index_check CHECK (chunk_index >= 0),
  CONSTRAINT chunk_meta_range_check CHECK (char_start >= 0 AND char_end > char_start),
  CONSTRAINT chunk_meta_tokens_check CHECK (token_count > 0),
  CONSTRAINT chunk_meta_sha_check CHECK (octet_length(content_sha256) = 32),
  CONSTRAINT chunk_meta_dims_check CHECK (embedding_dims > 0),
  CONSTRAINT chunk_meta_vector_ref_check CHECK (length(vector_ref) > 0)
);
COMMENT ON TABLE chunk_meta IS 'One row per retrieval chunk of a document. The embedding vector is held in an external vector store; vector_ref is its id there (no pgvector dependency).';
COMMENT ON COLUMN chunk_meta.id IS 'Surrogate key.';
COMMENT ON COLUMN chunk_meta.organization_id IS 'Tenant.';
COMMENT ON COLUMN chunk_meta.document_id IS 'Document the chunk was cut from.';
COMMENT ON COLUMN chunk_meta.chunk_index IS 'Position of the chunk in the document, from 0; unique per document.';
COMMENT ON COLUMN chunk_meta.char_start IS 'Offset of the first character in documents.body.';
COMMENT ON COLUMN chunk_meta.char_end IS 'Offset after the last character.';
COMMENT ON COLUMN chunk_meta.token_count IS 'Tokens in the chunk for the embedding model.';
COMMENT ON COLUMN chunk_meta.content_sha256 IS 'SHA-256 of the chunk text, to skip re-embedding unchanged chunks.';
COMMENT ON COLUMN chunk_meta.embedding_model IS 'Model that produced the vector, e.g. text-embedding-3-small.';
COMMENT ON COLUMN chunk_meta.embedding_dims IS 'Dimensions of the vector.';
COMMENT ON COLUMN chunk_meta.vector_ref IS 'Id of the vector in the external vector store.';
COMMENT ON COLUMN chunk_meta.created_at IS 'Row creation time.';

CREATE TABLE feedback (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  document_id     uuid NOT NULL,
  chunk_id        uuid,
  user_id         uuid NOT NULL,
  query_text      text,
  rating          smallint NOT NULL,
  relevance       numeric(3, 2),
  comment         text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feedback_pkey PRIMARY KEY (organization_id, id),
  CONSTRAINT feedback_document_fkey FOREIGN KEY (organization_id, document_id)
    REFERENCES documents (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT feedback_chunk_fkey FOREIGN KEY (organization_id, chunk_id)
    REFERENCES chunk_meta (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT feedback_user_fkey FOREIGN KEY (organization_id, user_id)
    REFERENCES organization_members (organization_id, user_id) ON DELETE RESTRICT,
  CONSTRAINT feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT feedback_relevance_check CHECK (relevance BETWEEN 0 AND 1)
);
COMMENT ON TABLE feedback IS 'Ratings of retrieved documents or chunks, used to tune retrieval.';
COMMENT ON COLUMN feedback.id IS 'Surrogate key.';
COMMENT ON COLUMN feedback.organization_id IS 'Tenant.';
COMMENT ON COLUMN feedback.document_id IS 'Rated document.';
COMMENT ON COLUMN feedback.chunk_id IS 'Rated chunk, when the feedback is about one chunk.';
COMMENT ON COLUMN feedback.user_id IS 'Member giving feedback.';
COMMENT ON COLUMN feedback.query_text IS 'Query that retrieved it.';
COMMENT ON COLUMN feedback.rating IS 'Rating from 1 (useless) to 5 (exactly right).';
COMMENT ON COLUMN feedback.relevance IS 'Relevance score from 0 to 1.';
COMMENT ON COLUMN feedback.comment IS 'Free-text remark.';
COMMENT ON COLUMN feedback.created_at IS 'Row creation time.';
CREATE INDEX idx_feedback_document_id ON feedback (organization_id, document_id, created_at DESC);
CREATE INDEX idx_feedback_chunk_id ON feedback (organization_id, chunk_id) WHERE chunk_id IS NOT NULL;
CREATE INDEX idx_feedback_user_id ON feedback (organization_id, user_id);
