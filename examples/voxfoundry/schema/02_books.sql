CREATE TABLE books (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  title text NOT NULL,
  subtitle text,
  authors text[] NOT NULL,
  language text NOT NULL,
  epub_identifier text NOT NULL,
  isbn text,
  publisher text,
  published_on date,
  description text,
  epub_version text NOT NULL,
  epub_storage_key text NOT NULL,
  epub_sha256 bytea NOT NULL,
  epub_size_bytes bigint NOT NULL,
  status text NOT NULL DEFAULT 'uploaded',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT books_owner_epub_sha256_key UNIQUE (owner_id, epub_sha256),
  CONSTRAINT books_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  CONSTRAINT books_authors_check CHECK (cardinality(authors) >= 1 AND array_position(authors, NULL) IS NULL),
  CONSTRAINT books_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
  CONSTRAINT books_epub_identifier_check CHECK (length(epub_identifier) BETWEEN 1 AND 500),
  CONSTRAINT books_isbn_check CHECK (isbn ~ '^(97[89][0-9]{10}|[0-9]{9}[0-9X])$'),
  CONSTRAINT books_epub_version_check CHECK (epub_version IN ('2.0', '3.0', '3.1', '3.2', '3.3')),
  CONSTRAINT books_epub_sha256_check CHECK (octet_length(epub_sha256) = 32),
  CONSTRAINT books_epub_size_bytes_check CHECK (epub_size_bytes > 0),
  CONSTRAINT books_status_check CHECK (status IN ('uploaded', 'parsing', 'parsed', 'in_production', 'published', 'failed')),
  CONSTRAINT books_updated_at_check CHECK (updated_at >= created_at)
);
CREATE INDEX books_owner_status_idx ON books (owner_id, status);
COMMENT ON TABLE books IS 'Uploaded EPUB files and the package metadata read from their OPF.';
COMMENT ON COLUMN books.id IS 'Surrogate key.';
COMMENT ON COLUMN books.owner_id IS 'The producer who uploaded the book; a user with books cannot be deleted.';
COMMENT ON COLUMN books.title IS 'dc:title of the EPUB package.';
COMMENT ON COLUMN books.subtitle IS 'Subtitle (an EPUB 3 title refined as subtitle), when present.';
COMMENT ON COLUMN books.authors IS 'dc:creator values in package order; at least one.';
COMMENT ON COLUMN books.language IS 'dc:language as a BCP 47 tag, e.g. en or pt-BR; picks the text-to-speech language.';
COMMENT ON COLUMN books.epub_identifier IS 'dc:identifier named by the package''s unique-identifier attribute (often a UUID or ISBN URN).';
COMMENT ON COLUMN books.isbn IS 'ISBN-10 or ISBN-13 without hyphens, when the package carries one.';
COMMENT ON COLUMN books.publisher IS 'dc:publisher.';
COMMENT ON COLUMN books.published_on IS 'dc:date (publication date).';
COMMENT ON COLUMN books.description IS 'dc:description (blurb).';
COMMENT ON COLUMN books.epub_version IS 'EPUB version declared by the package document.';
COMMENT ON COLUMN books.epub_storage_key IS 'Object-storage key of the original EPUB file.';
COMMENT ON COLUMN books.epub_sha256 IS 'SHA-256 of the EPUB file; the same file is not uploaded twice by one owner.';
COMMENT ON COLUMN books.epub_size_bytes IS 'Size of the EPUB file in bytes.';
COMMENT ON COLUMN books.status IS 'Pipeline state: uploaded, parsing, parsed, in_production, published, failed.';
COMMENT ON COLUMN books.created_at IS 'When the EPUB was uploaded.';
COMMENT ON COLUMN books.updated_at IS 'Last change of the row (maintained by trigger).';

CREATE TRIGGER books_set_updated_at BEFORE UPDATE ON books FOR EACH ROW EXECUTE FUNCTION set_updated_at();
