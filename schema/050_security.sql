-- Sessions and security. Tokens are never stored: only their SHA-256 digest (bytea, 32 bytes), so a
-- database leak does not hand out live sessions. Lookups hash the presented token and match the digest.
-- These tables belong to the auth service (app_system), not to tenant requests.

CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash    bytea NOT NULL,
  ip_address    inet,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
  CONSTRAINT sessions_token_hash_check CHECK (octet_length(token_hash) = 32),
  CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at)
);
COMMENT ON TABLE sessions IS 'Sign-in sessions of users; the bearer token is stored only as its SHA-256 digest.';
COMMENT ON COLUMN sessions.id IS 'Surrogate key.';
COMMENT ON COLUMN sessions.user_id IS 'Signed-in user.';
COMMENT ON COLUMN sessions.token_hash IS 'SHA-256 of the session token (32 bytes).';
COMMENT ON COLUMN sessions.ip_address IS 'Client address at sign-in (personal data, erased by erase_user).';
COMMENT ON COLUMN sessions.user_agent IS 'Client user agent at sign-in.';
COMMENT ON COLUMN sessions.created_at IS 'Sign-in time.';
COMMENT ON COLUMN sessions.last_seen_at IS 'Last request seen on this session.';
COMMENT ON COLUMN sessions.expires_at IS 'Absolute expiry.';
COMMENT ON COLUMN sessions.revoked_at IS 'Set on sign-out or revocation.';
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at) WHERE revoked_at IS NULL;

CREATE TABLE password_resets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CONSTRAINT password_resets_token_hash_key UNIQUE (token_hash),
  CONSTRAINT password_resets_token_hash_check CHECK (octet_length(token_hash) = 32),
  CONSTRAINT password_resets_expiry_check CHECK (expires_at > created_at)
);
COMMENT ON TABLE password_resets IS 'One-time password reset tokens (digest only).';
COMMENT ON COLUMN password_resets.id IS 'Surrogate key.';
COMMENT ON COLUMN password_resets.user_id IS 'User who asked for the reset.';
COMMENT ON COLUMN password_resets.token_hash IS 'SHA-256 of the reset token.';
COMMENT ON COLUMN password_resets.created_at IS 'When the reset was requested.';
COMMENT ON COLUMN password_resets.expires_at IS 'Token validity end.';
COMMENT ON COLUMN password_resets.used_at IS 'When the token was consumed; a token is usable once.';
CREATE INDEX idx_password_resets_user_id ON password_resets (user_id);

CREATE TABLE email_verifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email       citext NOT NULL,
  token_hash  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  verified_at timestamptz,
  CONSTRAINT email_verifications_token_hash_key UNIQUE (token_hash),
  CONSTRAINT email_verifications_token_hash_check CHECK (octet_length(token_hash) = 32),
  CONSTRAINT email_verifications_expiry_check CHECK (expires_at > created_at)
);
COMMENT ON TABLE email_verifications IS 'Pending and completed e-mail address verifications (digest only).';
COMMENT ON COLUMN email_verifications.id IS 'Surrogate key.';
COMMENT ON COLUMN email_verifications.user_id IS 'User whose address is verified.';
COMMENT ON COLUMN email_verifications.email IS 'Address being verified (may differ from users.email during a change).';
COMMENT ON COLUMN email_verifications.token_hash IS 'SHA-256 of the verification token.';
COMMENT ON COLUMN email_verifications.created_at IS 'When the verification was sent.';
COMMENT ON COLUMN email_verifications.expires_at IS 'Token validity end.';
COMMENT ON COLUMN email_verifications.verified_at IS 'When the address was confirmed.';
CREATE INDEX idx_email_verifications_user_id ON email_verifications (user_id);

-- MFA: an authenticator app's TOTP secret must be recoverable to compute the expected code, so unlike a
-- token it cannot be hashed; it is encrypted under an application key instead.
CREATE TABLE mfa_factors (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label         text NOT NULL,
  secret        encrypted_text NOT NULL,
  confirmed_at  timestamptz,
  last_used_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mfa_factors_user_id_label_key UNIQUE (user_id, label),
  CONSTRAINT mfa_factors_label_check CHECK (length(label) BETWEEN 1 AND 100),
  CONSTRAINT mfa_factors_used_check CHECK (last_used_at IS NULL OR confirmed_at IS NOT NULL)
);
COMMENT ON TABLE mfa_factors IS 'Second factors (TOTP authenticator apps) of users; the shared secret is stored encrypted, never in clear.';
COMMENT ON COLUMN mfa_factors.id IS 'Surrogate key.';
COMMENT ON COLUMN mfa_factors.user_id IS 'User the factor belongs to.';
COMMENT ON COLUMN mfa_factors.label IS 'Name the user gave the device, unique per user.';
COMMENT ON COLUMN mfa_factors.secret IS 'TOTP shared secret (base32), encrypted under an application key (encrypted_text); read with decrypt_sensitive().';
COMMENT ON COLUMN mfa_factors.confirmed_at IS 'When the user proved the factor with a first code; NULL while enrolment is pending.';
COMMENT ON COLUMN mfa_factors.last_used_at IS 'Last successful verification.';
COMMENT ON COLUMN mfa_factors.created_at IS 'Enrolment time.';
CREATE INDEX idx_mfa_factors_secret_key_id ON mfa_factors (encryption_key_id(secret));

CREATE TABLE login_attempts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email        citext NOT NULL,
  user_id      uuid REFERENCES users (id) ON DELETE SET NULL,
  succeeded    boolean NOT NULL,
  failure_reason text,
  ip_address   inet,
  user_agent   text,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT login_attempts_reason_check CHECK (succeeded OR failure_reason IS NOT NULL)
);
COMMENT ON TABLE login_attempts IS 'Security log of sign-in attempts, used for throttling and forensics.';
COMMENT ON COLUMN login_attempts.id IS 'Sequential key (high-volume append-only log).';
COMMENT ON COLUMN login_attempts.email IS 'Address typed at sign-in (may match no user).';
COMMENT ON COLUMN login_attempts.user_id IS 'Matched user, when the address exists.';
COMMENT ON COLUMN login_attempts.succeeded IS 'Whether the attempt signed in.';
COMMENT ON COLUMN login_attempts.failure_reason IS 'Why it failed, e.g. bad_password, locked.';
COMMENT ON COLUMN login_attempts.ip_address IS 'Client address.';
COMMENT ON COLUMN login_attempts.user_agent IS 'Client user agent.';
COMMENT ON COLUMN login_attempts.attempted_at IS 'When it happened.';
-- Throttling asks "recent failures for this address"; the boolean is never indexed on its own.
CREATE INDEX idx_login_attempts_email_attempted_at ON login_attempts (email, attempted_at DESC);
CREATE INDEX idx_login_attempts_user_id ON login_attempts (user_id) WHERE user_id IS NOT NULL;
