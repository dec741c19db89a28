CREATE TABLE chapters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  book_id bigint NOT NULL REFERENCES books (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL,
  epub_href text NOT NULL,
  body text NOT NULL,
  word_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chapters_book_position_key UNIQUE (book_id, position),
  CONSTRAINT chapters_book_id_key UNIQUE (book_id, id),
  CONSTRAINT chapters_position_check CHECK (position > 0),
  CONSTRAINT chapters_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  CONSTRAINT chapters_epub_href_check CHECK (length(epub_href) BETWEEN 1 AND 1000),
  CONSTRAINT chapters_word_count_check CHECK (word_count >= 0)
);
COMMENT ON TABLE chapters IS 'A book segmented into chapters, one per EPUB spine item that carries narrative text.';
COMMENT ON COLUMN chapters.id IS 'Surrogate key.';
COMMENT ON COLUMN chapters.book_id IS 'The book; chapters go with their book.';
COMMENT ON COLUMN chapters.position IS 'Reading order within the book, from 1.';
COMMENT ON COLUMN chapters.title IS 'Chapter title from the navigation document, or the first heading.';
COMMENT ON COLUMN chapters.epub_href IS 'Path of the spine item inside the EPUB container.';
COMMENT ON COLUMN chapters.body IS 'Plain text extracted from the chapter''s XHTML, the input to narration.';
COMMENT ON COLUMN chapters.word_count IS 'Words in body, for cost and duration estimates.';
COMMENT ON COLUMN chapters.created_at IS 'When the chapter was extracted.';
COMMENT ON CONSTRAINT chapters_book_id_key ON chapters IS 'Target of composite keys that pin a chapter to the same book as a character.';
