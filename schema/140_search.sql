-- Search. Full-text: the generated search_vector columns (projects, requirements, tasks, documents) with
-- their GIN indexes live next to their tables, because a generated column is part of the table definition.
-- Fuzzy name search: trigram GIN indexes, used by `ILIKE '%term%'` and `%` / similarity() queries.
CREATE INDEX idx_users_display_name_trgm ON users USING gin (display_name gin_trgm_ops);
CREATE INDEX idx_projects_name_trgm ON projects USING gin (name gin_trgm_ops);
CREATE INDEX idx_tasks_title_trgm ON tasks USING gin (title gin_trgm_ops);
CREATE INDEX idx_documents_title_trgm ON documents USING gin (title gin_trgm_ops);
