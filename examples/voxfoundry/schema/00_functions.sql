-- Shared trigger function: keeps updated_at honest without relying on every writer.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION set_updated_at() IS 'Trigger function: stamps updated_at with the transaction time on every UPDATE.';
