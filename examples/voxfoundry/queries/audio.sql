/* @name latestReadyAudio */
SELECT DISTINCT ON (a.chapter_id) a.chapter_id, a.id, a.version, a.storage_key, a.duration_ms, a.format
FROM audio_files a
JOIN chapters ch ON ch.id = a.chapter_id
WHERE ch.book_id = :bookId! AND a.status = 'ready'
ORDER BY a.chapter_id, a.version DESC;

/* @name nextRenderJobs */
SELECT id, chapter_id, version, format, created_at
FROM audio_files
WHERE status IN ('queued', 'rendering')
ORDER BY created_at
LIMIT :limit!;
