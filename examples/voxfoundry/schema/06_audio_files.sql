CREATE TABLE audio_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chapter_id bigint NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  version integer NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  narrator_voice_id bigint REFERENCES voice_profiles (id) ON DELETE SET NULL,
  format text NOT NULL,
  storage_key text,
  duration_ms integer,
  size_bytes bigint,
  sample_rate_hz integer,
  sha256 bytea,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  rendered_at timestamptz,
  CONSTRAINT audio_files_chapter_version_key UNIQUE (chapter_id, version),
  CONSTRAINT audio_files_version_check CHECK (version > 0),
  CONSTRAINT audio_files_status_check CHECK (status IN ('queued', 'rendering', 'ready', 'failed')),
  CONSTRAINT audio_files_format_check CHECK (format IN ('mp3', 'm4a', 'wav', 'flac', 'ogg')),
  CONSTRAINT audio_files_duration_ms_check CHECK (duration_ms > 0),
  CONSTRAINT audio_files_size_bytes_check CHECK (size_bytes > 0),
  CONSTRAINT audio_files_sample_rate_hz_check CHECK (sample_rate_hz IN (16000, 22050, 24000, 44100, 48000)),
  CONSTRAINT audio_files_sha256_check CHECK (octet_length(sha256) = 32),
  CONSTRAINT audio_files_ready_check CHECK (
    status <> 'ready'
    OR (storage_key IS NOT NULL AND duration_ms IS NOT NULL AND size_bytes IS NOT NULL
        AND sample_rate_hz IS NOT NULL AND sha256 IS NOT NULL AND rendered_at IS NOT NULL)
  ),
  CONSTRAINT audio_files_failed_check CHECK ((status = 'failed') = (error_message IS NOT NULL)),
  CONSTRAINT audio_files_rendered_at_check CHECK (rendered_at IS NULL OR rendered_at >= created_at)
);
CREATE INDEX audio_files_narrator_voice_id_idx ON audio_files (narrator_voice_id);
CREATE INDEX audio_files_pending_idx ON audio_files (created_at) WHERE status IN ('queued', 'rendering');
COMMENT ON TABLE audio_files IS 'Rendered narration of a chapter; every render is a new version, older ones are kept for comparison.';
COMMENT ON COLUMN audio_files.id IS 'Surrogate key.';
COMMENT ON COLUMN audio_files.chapter_id IS 'The chapter narrated; audio goes with its chapter.';
COMMENT ON COLUMN audio_files.version IS 'Render number within the chapter, from 1.';
COMMENT ON COLUMN audio_files.status IS 'queued, rendering, ready (file complete) or failed (error_message says why).';
COMMENT ON COLUMN audio_files.narrator_voice_id IS 'Voice used for the narration outside dialogue; NULL once that voice is deleted.';
COMMENT ON COLUMN audio_files.format IS 'Container/codec of the file: mp3, m4a, wav, flac, ogg.';
COMMENT ON COLUMN audio_files.storage_key IS 'Object-storage key of the file; set once ready.';
COMMENT ON COLUMN audio_files.duration_ms IS 'Playing time in milliseconds.';
COMMENT ON COLUMN audio_files.size_bytes IS 'File size in bytes.';
COMMENT ON COLUMN audio_files.sample_rate_hz IS 'Sample rate of the audio.';
COMMENT ON COLUMN audio_files.sha256 IS 'SHA-256 of the file, to detect corrupt uploads and duplicate renders.';
COMMENT ON COLUMN audio_files.error_message IS 'Why the render failed; set exactly when status is failed.';
COMMENT ON COLUMN audio_files.created_at IS 'When the render was requested.';
COMMENT ON COLUMN audio_files.rendered_at IS 'When rendering finished.';
COMMENT ON INDEX audio_files_pending_idx IS 'The render queue: oldest pending jobs first.';
