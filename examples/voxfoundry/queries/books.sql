/* @name listBooksOfOwner */
SELECT id, title, authors, language, status, created_at
FROM books
WHERE owner_id = :ownerId!
ORDER BY created_at DESC, id DESC;

/* @name insertBook */
INSERT INTO books (owner_id, title, authors, language, epub_identifier, epub_version, epub_storage_key, epub_sha256, epub_size_bytes)
VALUES (:ownerId!, :title!, :authors!, :language!, :epubIdentifier!, :epubVersion!, :epubStorageKey!, :epubSha256!, :epubSizeBytes!)
RETURNING id, status, created_at;

/* @name chaptersOfBook */
SELECT id, position, title, word_count
FROM chapters
WHERE book_id = :bookId!
ORDER BY position;
