CREATE TABLE characters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  book_id bigint NOT NULL REFERENCES books (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  detected_by text NOT NULL DEFAULT 'ai',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT characters_book_name_key UNIQUE (book_id, name),
  CONSTRAINT characters_book_id_key UNIQUE (book_id, id),
  CONSTRAINT characters_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  CONSTRAINT characters_detected_by_check CHECK (detected_by IN ('ai', 'user'))
);
COMMENT ON TABLE characters IS 'Speaking characters of a book, detected from dialogue or added by hand.';
COMMENT ON COLUMN characters.id IS 'Surrogate key.';
COMMENT ON COLUMN characters.book_id IS 'The book the character appears in; characters go with their book.';
COMMENT ON COLUMN characters.name IS 'Name as used in the text, unique within the book.';
COMMENT ON COLUMN characters.description IS 'Who the character is (age, manner of speech), guidance for casting a voice.';
COMMENT ON COLUMN characters.detected_by IS 'ai when found by dialogue analysis, user when added by hand.';
COMMENT ON COLUMN characters.created_at IS 'When the character was recorded.';
COMMENT ON CONSTRAINT characters_book_id_key ON characters IS 'Target of composite keys that pin a character to the same book as a chapter.';

CREATE TABLE chapter_characters (
  book_id bigint NOT NULL,
  chapter_id bigint NOT NULL,
  character_id bigint NOT NULL,
  line_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (book_id, chapter_id, character_id),
  CONSTRAINT chapter_characters_chapter_fkey FOREIGN KEY (book_id, chapter_id) REFERENCES chapters (book_id, id) ON DELETE CASCADE,
  CONSTRAINT chapter_characters_character_fkey FOREIGN KEY (book_id, character_id) REFERENCES characters (book_id, id) ON DELETE CASCADE,
  CONSTRAINT chapter_characters_line_count_check CHECK (line_count >= 0)
);
CREATE INDEX chapter_characters_character_idx ON chapter_characters (book_id, character_id);
COMMENT ON TABLE chapter_characters IS 'Which characters speak in which chapters (many-to-many); both sides must belong to the same book.';
COMMENT ON COLUMN chapter_characters.book_id IS 'The book of both the chapter and the character; the composite keys make a cross-book pair impossible.';
COMMENT ON COLUMN chapter_characters.chapter_id IS 'The chapter.';
COMMENT ON COLUMN chapter_characters.character_id IS 'The character speaking in it.';
COMMENT ON COLUMN chapter_characters.line_count IS 'Dialogue lines of the character in the chapter.';
