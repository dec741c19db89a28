/** Types generated for queries found in "queries/books.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'ListBooksOfOwner' parameters type */
export interface IListBooksOfOwnerParams {
  ownerId: NumberOrString;
}

/** 'ListBooksOfOwner' return type */
export interface IListBooksOfOwnerResult {
  /** dc:creator values in package order; at least one. */
  authors: stringArray;
  /** When the EPUB was uploaded. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** dc:language as a BCP 47 tag, e.g. en or pt-BR; picks the text-to-speech language. */
  language: string;
  /** Pipeline state: uploaded, parsing, parsed, in_production, published, failed. */
  status: string;
  /** dc:title of the EPUB package. */
  title: string;
}

/** 'ListBooksOfOwner' query type */
export interface IListBooksOfOwnerQuery {
  params: IListBooksOfOwnerParams;
  result: IListBooksOfOwnerResult;
}

const listBooksOfOwnerIR: any = {"usedParamSet":{"ownerId":true},"params":[{"name":"ownerId","required":true,"transform":{"type":"scalar"},"locs":[{"a":84,"b":92}]}],"statement":"SELECT id, title, authors, language, status, created_at\nFROM books\nWHERE owner_id = :ownerId!\nORDER BY created_at DESC, id DESC"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, title, authors, language, status, created_at
 * FROM books
 * WHERE owner_id = :ownerId!
 * ORDER BY created_at DESC, id DESC
 * ```
 */
export const listBooksOfOwner = new PreparedQuery<IListBooksOfOwnerParams,IListBooksOfOwnerResult>(listBooksOfOwnerIR);


/** 'InsertBook' parameters type */
export interface IInsertBookParams {
  authors: stringArray;
  epubIdentifier: string;
  epubSha256: Buffer;
  epubSizeBytes: NumberOrString;
  epubStorageKey: string;
  epubVersion: string;
  language: string;
  ownerId: NumberOrString;
  title: string;
}

/** 'InsertBook' return type */
export interface IInsertBookResult {
  /** When the EPUB was uploaded. */
  createdAt: Date;
  /** Surrogate key. */
  id: string;
  /** Pipeline state: uploaded, parsing, parsed, in_production, published, failed. */
  status: string;
}

/** 'InsertBook' query type */
export interface IInsertBookQuery {
  params: IInsertBookParams;
  result: IInsertBookResult;
}

const insertBookIR: any = {"usedParamSet":{"ownerId":true,"title":true,"authors":true,"language":true,"epubIdentifier":true,"epubVersion":true,"epubStorageKey":true,"epubSha256":true,"epubSizeBytes":true},"params":[{"name":"ownerId","required":true,"transform":{"type":"scalar"},"locs":[{"a":142,"b":150}]},{"name":"title","required":true,"transform":{"type":"scalar"},"locs":[{"a":153,"b":159}]},{"name":"authors","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":170}]},{"name":"language","required":true,"transform":{"type":"scalar"},"locs":[{"a":173,"b":182}]},{"name":"epubIdentifier","required":true,"transform":{"type":"scalar"},"locs":[{"a":185,"b":200}]},{"name":"epubVersion","required":true,"transform":{"type":"scalar"},"locs":[{"a":203,"b":215}]},{"name":"epubStorageKey","required":true,"transform":{"type":"scalar"},"locs":[{"a":218,"b":233}]},{"name":"epubSha256","required":true,"transform":{"type":"scalar"},"locs":[{"a":236,"b":247}]},{"name":"epubSizeBytes","required":true,"transform":{"type":"scalar"},"locs":[{"a":250,"b":264}]}],"statement":"INSERT INTO books (owner_id, title, authors, language, epub_identifier, epub_version, epub_storage_key, epub_sha256, epub_size_bytes)\nVALUES (:ownerId!, :title!, :authors!, :language!, :epubIdentifier!, :epubVersion!, :epubStorageKey!, :epubSha256!, :epubSizeBytes!)\nRETURNING id, status, created_at"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO books (owner_id, title, authors, language, epub_identifier, epub_version, epub_storage_key, epub_sha256, epub_size_bytes)
 * VALUES (:ownerId!, :title!, :authors!, :language!, :epubIdentifier!, :epubVersion!, :epubStorageKey!, :epubSha256!, :epubSizeBytes!)
 * RETURNING id, status, created_at
 * ```
 */
export const insertBook = new PreparedQuery<IInsertBookParams,IInsertBookResult>(insertBookIR);


/** 'ChaptersOfBook' parameters type */
export interface IChaptersOfBookParams {
  bookId: NumberOrString;
}

/** 'ChaptersOfBook' return type */
export interface IChaptersOfBookResult {
  /** Surrogate key. */
  id: string;
  /** Reading order within the book, from 1. */
  position: number;
  /** Chapter title from the navigation document, or the first heading. */
  title: string;
  /** Words in body, for cost and duration estimates. */
  wordCount: number;
}

/** 'ChaptersOfBook' query type */
export interface IChaptersOfBookQuery {
  params: IChaptersOfBookParams;
  result: IChaptersOfBookResult;
}

const chaptersOfBookIR: any = {"usedParamSet":{"bookId":true},"params":[{"name":"bookId","required":true,"transform":{"type":"scalar"},"locs":[{"a":69,"b":76}]}],"statement":"SELECT id, position, title, word_count\nFROM chapters\nWHERE book_id = :bookId!\nORDER BY position"};

/**
 * Query generated from SQL:
 * ```
 * SELECT id, position, title, word_count
 * FROM chapters
 * WHERE book_id = :bookId!
 * ORDER BY position
 * ```
 */
export const chaptersOfBook = new PreparedQuery<IChaptersOfBookParams,IChaptersOfBookResult>(chaptersOfBookIR);


