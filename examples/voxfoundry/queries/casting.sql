/* @name castOfChapter */
SELECT c.id AS character_id, c.name, cc.line_count, vp.id AS voice_profile_id, vp.name AS voice_name, vp.provider
FROM chapter_characters cc
JOIN characters c ON c.book_id = cc.book_id AND c.id = cc.character_id
LEFT JOIN character_voice_profiles cvp ON cvp.character_id = c.id AND cvp.is_primary
LEFT JOIN voice_profiles vp ON vp.id = cvp.voice_profile_id
WHERE cc.book_id = :bookId! AND cc.chapter_id = :chapterId!
ORDER BY cc.line_count DESC, c.name;

/* @name actingNotesOfChapter */
SELECT n.id, n.start_offset, n.end_offset, n.note, n.emotion, n.intensity, n.source, c.name AS character_name
FROM acting_notes n
LEFT JOIN characters c ON c.book_id = n.book_id AND c.id = n.character_id
WHERE n.book_id = :bookId! AND n.chapter_id = :chapterId!
ORDER BY n.start_offset, n.id;
