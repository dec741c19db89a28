/* @name DocumentsByKindWithOffers */
-- Live documents of one kind, newest first, each with the offers linked to it (for RFQs).
-- Index: idx_documents_kind_created_at, document_links_rfq_offer_key.
SELECT d.id, d.title, d.kind, d.counterparty, d.created_at,
       coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'title', o.title, 'counterparty', o.counterparty)
                          ORDER BY o.created_at) FILTER (WHERE o.id IS NOT NULL), '[]') AS offers
  FROM documents d
  LEFT JOIN document_links l ON l.organization_id = d.organization_id AND l.rfq_id = d.id
  LEFT JOIN documents o ON o.organization_id = l.organization_id AND o.id = l.offer_id AND o.archived_at IS NULL
 WHERE d.kind = :kind! AND d.archived_at IS NULL
 GROUP BY d.organization_id, d.id
 ORDER BY d.created_at DESC, d.id
 LIMIT :limit!;

/* @name DocumentChunks */
-- The chunks of a document in order, with the references needed to fetch their vectors.
-- Index: chunk_meta_document_chunk_key (organization_id, document_id, chunk_index).
-- @uses chunk_meta_document_chunk_key
SELECT id, chunk_index, char_start, char_end, token_count, embedding_model, vector_ref
  FROM chunk_meta
 WHERE document_id = :documentId!
 ORDER BY chunk_index;

/* @name LinkOfferToRfq */
-- Fails with a foreign-key violation when rfqId is not an RFQ or offerId is not an offer.
INSERT INTO document_links (organization_id, rfq_id, offer_id, linked_by, note)
VALUES (current_tenant(), :rfqId!, :offerId!, current_app_user(), :note)
RETURNING id, created_at;

/* @name AddChunkFeedback */
INSERT INTO feedback (organization_id, document_id, chunk_id, user_id, query_text, rating, relevance, comment)
VALUES (current_tenant(), :documentId!, :chunkId, current_app_user(), :queryText, :rating!, :relevance, :comment)
RETURNING id;

/* @name SearchDocuments */
-- Full-text search over titles and bodies, optionally restricted to one kind. Index: idx_documents_search_vector.
SELECT d.id, d.kind, d.title, ts_rank(d.search_vector, query) AS rank
  FROM documents d, websearch_to_tsquery('english', :query!) AS query
 WHERE d.search_vector @@ query
   AND d.archived_at IS NULL
   AND (CAST(:kind AS doc_kind) IS NULL OR d.kind = CAST(:kind AS doc_kind))
 ORDER BY rank DESC, d.id
 LIMIT :limit!;
