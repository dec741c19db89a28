CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  role text NOT NULL DEFAULT 'producer',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_email_check CHECK (email = lower(email) AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 320),
  CONSTRAINT users_display_name_check CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  CONSTRAINT users_password_hash_check CHECK (password_hash ~ '^\$(argon2id|2b)\$'),
  CONSTRAINT users_role_check CHECK (role IN ('admin', 'producer', 'narrator', 'reviewer')),
  CONSTRAINT users_updated_at_check CHECK (updated_at >= created_at)
);
COMMENT ON TABLE users IS 'People who sign in: producers who upload books, narrators and reviewers.';
COMMENT ON COLUMN users.id IS 'Surrogate key.';
COMMENT ON COLUMN users.email IS 'Sign-in address, stored lower-case so uniqueness ignores case.';
COMMENT ON COLUMN users.display_name IS 'Name shown in the studio UI.';
COMMENT ON COLUMN users.password_hash IS 'Argon2id (or legacy bcrypt) hash; NULL when the user signs in only through an external identity provider.';
COMMENT ON COLUMN users.role IS 'What the user may do: admin, producer (owns books and voices), narrator, reviewer.';
COMMENT ON COLUMN users.created_at IS 'When the account was created.';
COMMENT ON COLUMN users.updated_at IS 'Last change of the row (maintained by trigger).';

CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_sha256 bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CONSTRAINT user_sessions_token_sha256_key UNIQUE (token_sha256),
  CONSTRAINT user_sessions_token_sha256_check CHECK (octet_length(token_sha256) = 32),
  CONSTRAINT user_sessions_expires_at_check CHECK (expires_at > created_at),
  CONSTRAINT user_sessions_revoked_at_check CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);
CREATE INDEX user_sessions_user_id_idx ON user_sessions (user_id);
COMMENT ON TABLE user_sessions IS 'Sign-in sessions; only a hash of the bearer token is stored, so a leaked table grants no access.';
COMMENT ON COLUMN user_sessions.id IS 'Surrogate key.';
COMMENT ON COLUMN user_sessions.user_id IS 'Whose session; sessions go with their user.';
COMMENT ON COLUMN user_sessions.token_sha256 IS 'SHA-256 of the session token (32 bytes).';
COMMENT ON COLUMN user_sessions.created_at IS 'When the user signed in.';
COMMENT ON COLUMN user_sessions.expires_at IS 'After this the token is refused.';
COMMENT ON COLUMN user_sessions.revoked_at IS 'Set on sign-out or forced revocation; NULL while the session is live.';
