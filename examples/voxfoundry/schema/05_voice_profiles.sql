CREATE TABLE voice_profiles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  name text NOT NULL,
  provider text NOT NULL,
  provider_voice_id text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  sample_storage_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT voice_profiles_owner_name_key UNIQUE (owner_id, name),
  CONSTRAINT voice_profiles_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  CONSTRAINT voice_profiles_provider_check CHECK (provider ~ '^[a-z][a-z0-9_-]{0,49}$'),
  CONSTRAINT voice_profiles_provider_voice_id_check CHECK (length(provider_voice_id) BETWEEN 1 AND 200),
  CONSTRAINT voice_profiles_settings_check CHECK (jsonb_typeof(settings) = 'object'),
  CONSTRAINT voice_profiles_updated_at_check CHECK (updated_at >= created_at)
);
COMMENT ON TABLE voice_profiles IS 'A producer''s library of synthetic voices: which provider voice, with which settings.';
COMMENT ON COLUMN voice_profiles.id IS 'Surrogate key.';
COMMENT ON COLUMN voice_profiles.owner_id IS 'The producer whose library holds the voice; a user with voices cannot be deleted.';
COMMENT ON COLUMN voice_profiles.name IS 'Name in the library, unique per owner.';
COMMENT ON COLUMN voice_profiles.provider IS 'Text-to-speech provider slug, e.g. elevenlabs, azure, polly.';
COMMENT ON COLUMN voice_profiles.provider_voice_id IS 'The voice''s identifier at the provider.';
COMMENT ON COLUMN voice_profiles.settings IS 'Provider parameters (speed, pitch, stability, ...) as a JSON object.';
COMMENT ON COLUMN voice_profiles.sample_storage_key IS 'Object-storage key of a short audition sample, when one was rendered.';
COMMENT ON COLUMN voice_profiles.created_at IS 'When the voice was added.';
COMMENT ON COLUMN voice_profiles.updated_at IS 'Last change of the row (maintained by trigger).';

CREATE TRIGGER voice_profiles_set_updated_at BEFORE UPDATE ON voice_profiles FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE character_voice_profiles (
  character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  voice_profile_id bigint NOT NULL REFERENCES voice_profiles (id) ON DELETE RESTRICT,
  is_primary boolean NOT NULL DEFAULT false,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (character_id, voice_profile_id)
);
CREATE INDEX character_voice_profiles_voice_profile_idx ON character_voice_profiles (voice_profile_id);
CREATE UNIQUE INDEX character_voice_profiles_one_primary_idx ON character_voice_profiles (character_id) WHERE is_primary;
COMMENT ON TABLE character_voice_profiles IS 'Voices cast for a character (many-to-many): candidates, and at most one primary voice.';
COMMENT ON COLUMN character_voice_profiles.character_id IS 'The character.';
COMMENT ON COLUMN character_voice_profiles.voice_profile_id IS 'A voice cast for it; a voice in use cannot be deleted.';
COMMENT ON COLUMN character_voice_profiles.is_primary IS 'The voice the character is rendered with; at most one per character.';
COMMENT ON COLUMN character_voice_profiles.assigned_at IS 'When the voice was cast.';
COMMENT ON INDEX character_voice_profiles_one_primary_idx IS 'At most one primary voice per character.';
