-- Extensions the reference schema relies on. Only what is used:
--   pgcrypto : digest() for token hashes in seeds and tests; pgp_sym_encrypt/decrypt for sensitive fields
--              (022_encryption.sql). gen_random_uuid() is core since PG 13.
--   pg_trgm  : trigram GIN indexes for fuzzy name search
--   citext   : case-insensitive e-mail addresses
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
