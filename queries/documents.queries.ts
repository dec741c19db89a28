/** Types generated for queries found in "queries/documents.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type doc_kind = 'contract' | 'offer' | 'other' | 'rfq' | 'specification';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

/** 'DocumentsByKindWithOffers' parameters type */
export interface IDocumentsByKindWithOffersParams {
  kind: doc_kind;
  limit: NumberOrString;
}

/** 'DocumentsByKindWithOffers' return type */
export interface IDocumentsByKindWithOffersResult {
  /** Customer or supplier named in the document. */
  counterparty: string | null;
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Document kind; fixed while links depend on it. */
  kind: doc_kind;
  offers: Json | null;
  /** Title (full-text and trigram searchable). */
  title: string;
}

/** 'DocumentsByKindWithOffers' query type */
export interface IDocumentsByKindWithOffersQuery {
  params: IDocumentsByKindWithOffersParams;
  result: IDocumentsByKindWithOffersResult;
}

const documentsByKindWithOffersIR: any = {"usedParamSet":{"kind":true,"limit":true},"params":[{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":665,"b":670}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":773,"b":779}]}],"statement":"-- Live documents of one kind, newest first, each with the offers linked to it (for RFQs).\n-- Index: idx_documents_kind_created_at, document_links_rfq_offer_key.\nSELECT d.id, d.title, d.kind, d.counterparty, d.created_at,\n       coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'title', o.title, 'counterparty', o.counterparty)\n                          ORDER BY o.created_at) FILTER (WHERE o.id IS NOT NULL), '[]') AS offers\n  FROM documents d\n  LEFT JOIN document_links l ON l.organization_id = d.organization_id AND l.rfq_id = d.id\n  LEFT JOIN documents o ON o.organization_id = l.organization_id AND o.id = l.offer_id AND o.archived_at IS NULL\n WHERE d.kind = :kind! AND d.archived_at IS NULL\n GROUP BY d.organization_id, d.id\n ORDER BY d.created_at DESC, d.id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Live documents of one kind, newest first, each with the offers linked to it (for RFQs).
 * -- Index: idx_documents_kind_created_at, document_links_rfq_offer_key.
 * SELECT d.id, d.title, d.kind, d.counterparty, d.created_at,
 *        coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'title', o.title, 'counterparty', o.counterparty)
 *                           ORDER BY o.created_at) FILTER (WHERE o.id IS NOT NULL), '[]') AS offers
 *   FROM documents d
 *   LEFT JOIN document_links l ON l.organization_id = d.organization_id AND l.rfq_id = d.id
 *   LEFT JOIN documents o ON o.organization_id = l.organization_id AND o.id = l.offer_id AND o.archived_at IS NULL
 *  WHERE d.kind = :kind! AND d.archived_at IS NULL
 *  GROUP BY d.organization_id, d.id
 *  ORDER BY d.created_at DESC, d.id
 *  LIMIT :limit!
 * ```
 */
export const documentsByKindWithOffers = new PreparedQuery<IDocumentsByKindWithOffersParams,IDocumentsByKindWithOffersResult>(documentsByKindWithOffersIR);


/** 'DocumentChunks' parameters type */
export interface IDocumentChunksParams {
  documentId: string;
}

/** 'DocumentChunks' return type */
export interface IDocumentChunksResult {
  /** Offset after the last character. */
  charEnd: number;
  /** Offset of the first character in documents.body. */
  charStart: number;
  /** Position of the chunk in the document, from 0; unique per document. */
  chunkIndex: number;
  /** Model that produced the vector, e.g. text-embedding-3-small. */
  embeddingModel: string;
  /** Surrogate key. */
  id: string;
  /** Tokens in the chunk for the embedding model. */
  tokenCount: number;
  /** Id of the vector in the external vector store. */
  vectorRef: string;
}

/** 'DocumentChunks' query type */
export interface IDocumentChunksQuery {
  params: IDocumentChunksParams;
  result: IDocumentChunksResult;
}

const documentChunksIR: any = {"usedParamSet":{"documentId":true},"params":[{"name":"documentId","required":true,"transform":{"type":"scalar"},"locs":[{"a":339,"b":350}]}],"statement":"-- The chunks of a document in order, with the references needed to fetch their vectors.\n-- Index: chunk_meta_document_chunk_key (organization_id, document_id, chunk_index).\n-- @uses chunk_meta_document_chunk_key\nSELECT id, chunk_index, char_start, char_end, token_count, embedding_model, vector_ref\n  FROM chunk_meta\n WHERE document_id = :documentId!\n ORDER BY chunk_index"};

/**
 * Query generated from SQL:
 * ```
 * -- The chunks of a document in order, with the references needed to fetch their vectors.
 * -- Index: chunk_meta_document_chunk_key (organization_id, document_id, chunk_index).
 * -- @uses chunk_meta_document_chunk_key
 * SELECT id, chunk_index, char_start, char_end, token_count, embedding_model, vector_ref
 *   FROM chunk_meta
 *  WHERE document_id = :documentId!
 *  ORDER BY chunk_index
 * ```
 */
export const documentChunks = new PreparedQuery<IDocumentChunksParams,IDocumentChunksResult>(documentChunksIR);


/** 'LinkOfferToRfq' parameters type */
export interface ILinkOfferToRfqParams {
  note?: string | null | void;
  offerId: string;
  rfqId: string;
}

/** 'LinkOfferToRfq' return type */
export interface ILinkOfferToRfqResult {
  /** Row creation time. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
}

/** 'LinkOfferToRfq' query type */
export interface ILinkOfferToRfqQuery {
  params: ILinkOfferToRfqParams;
  result: ILinkOfferToRfqResult;
}

const linkOfferToRfqIR: any = {"usedParamSet":{"rfqId":true,"offerId":true,"note":true},"params":[{"name":"rfqId","required":true,"transform":{"type":"scalar"},"locs":[{"a":197,"b":203}]},{"name":"offerId","required":true,"transform":{"type":"scalar"},"locs":[{"a":206,"b":214}]},{"name":"note","required":false,"transform":{"type":"scalar"},"locs":[{"a":237,"b":241}]}],"statement":"-- Fails with a foreign-key violation when rfqId is not an RFQ or offerId is not an offer.\nINSERT INTO document_links (organization_id, rfq_id, offer_id, linked_by, note)\nVALUES (current_tenant(), :rfqId!, :offerId!, current_app_user(), :note)\nRETURNING id, created_at"};

/**
 * Query generated from SQL:
 * ```
 * -- Fails with a foreign-key violation when rfqId is not an RFQ or offerId is not an offer.
 * INSERT INTO document_links (organization_id, rfq_id, offer_id, linked_by, note)
 * VALUES (current_tenant(), :rfqId!, :offerId!, current_app_user(), :note)
 * RETURNING id, created_at
 * ```
 */
export const linkOfferToRfq = new PreparedQuery<ILinkOfferToRfqParams,ILinkOfferToRfqResult>(linkOfferToRfqIR);


/** 'AddChunkFeedback' parameters type */
export interface IAddChunkFeedbackParams {
  chunkId?: string | null | void;
  comment?: string | null | void;
  documentId: string;
  queryText?: string | null | void;
  rating: number;
  relevance?: NumberOrString | null | void;
}

/** 'AddChunkFeedback' return type */
export interface IAddChunkFeedbackResult {
  /** Surrogate key. */
  id: string;
}

/** 'AddChunkFeedback' query type */
export interface IAddChunkFeedbackQuery {
  params: IAddChunkFeedbackParams;
  result: IAddChunkFeedbackResult;
}

const addChunkFeedbackIR: any = {"usedParamSet":{"documentId":true,"chunkId":true,"queryText":true,"rating":true,"relevance":true,"comment":true},"params":[{"name":"documentId","required":true,"transform":{"type":"scalar"},"locs":[{"a":137,"b":148}]},{"name":"chunkId","required":false,"transform":{"type":"scalar"},"locs":[{"a":151,"b":158}]},{"name":"queryText","required":false,"transform":{"type":"scalar"},"locs":[{"a":181,"b":190}]},{"name":"rating","required":true,"transform":{"type":"scalar"},"locs":[{"a":193,"b":200}]},{"name":"relevance","required":false,"transform":{"type":"scalar"},"locs":[{"a":203,"b":212}]},{"name":"comment","required":false,"transform":{"type":"scalar"},"locs":[{"a":215,"b":222}]}],"statement":"INSERT INTO feedback (organization_id, document_id, chunk_id, user_id, query_text, rating, relevance, comment)\nVALUES (current_tenant(), :documentId!, :chunkId, current_app_user(), :queryText, :rating!, :relevance, :comment)\nRETURNING id"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO feedback (organization_id, document_id, chunk_id, user_id, query_text, rating, relevance, comment)
 * VALUES (current_tenant(), :documentId!, :chunkId, current_app_user(), :queryText, :rating!, :relevance, :comment)
 * RETURNING id
 * ```
 */
export const addChunkFeedback = new PreparedQuery<IAddChunkFeedbackParams,IAddChunkFeedbackResult>(addChunkFeedbackIR);


/** 'SearchDocuments' parameters type */
export interface ISearchDocumentsParams {
  kind?: doc_kind | null | void;
  limit: NumberOrString;
  query: string;
}

/** 'SearchDocuments' return type */
export interface ISearchDocumentsResult {
  /** Surrogate key. */
  id: string;
  /** Document kind; fixed while links depend on it. */
  kind: doc_kind;
  rank: number | null;
  /** Title (full-text and trigram searchable). */
  title: string;
}

/** 'SearchDocuments' query type */
export interface ISearchDocumentsQuery {
  params: ISearchDocumentsParams;
  result: ISearchDocumentsResult;
}

const searchDocumentsIR: any = {"usedParamSet":{"query":true,"kind":true,"limit":true},"params":[{"name":"query","required":true,"transform":{"type":"scalar"},"locs":[{"a":237,"b":243}]},{"name":"kind","required":false,"transform":{"type":"scalar"},"locs":[{"a":329,"b":333},{"a":373,"b":377}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":426,"b":432}]}],"statement":"-- Full-text search over titles and bodies, optionally restricted to one kind. Index: idx_documents_search_vector.\nSELECT d.id, d.kind, d.title, ts_rank(d.search_vector, query) AS rank\n  FROM documents d, websearch_to_tsquery('english', :query!) AS query\n WHERE d.search_vector @@ query\n   AND d.archived_at IS NULL\n   AND (CAST(:kind AS doc_kind) IS NULL OR d.kind = CAST(:kind AS doc_kind))\n ORDER BY rank DESC, d.id\n LIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Full-text search over titles and bodies, optionally restricted to one kind. Index: idx_documents_search_vector.
 * SELECT d.id, d.kind, d.title, ts_rank(d.search_vector, query) AS rank
 *   FROM documents d, websearch_to_tsquery('english', :query!) AS query
 *  WHERE d.search_vector @@ query
 *    AND d.archived_at IS NULL
 *    AND (CAST(:kind AS doc_kind) IS NULL OR d.kind = CAST(:kind AS doc_kind))
 *  ORDER BY rank DESC, d.id
 *  LIMIT :limit!
 * ```
 */
export const searchDocuments = new PreparedQuery<ISearchDocumentsParams,ISearchDocumentsResult>(searchDocumentsIR);


