-- The Postgres search fallback (packages/search/src/postgres-index.ts): pg_trgm for typo-tolerant
-- similarity(), and a GIN index over the words of each service for full text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- One definition of "the words of a service", used by the index and by the fallback's queries, so the
-- index is always the one the queries can use. Name weighs most, then place and kinds of care, then summary.
CREATE OR REPLACE FUNCTION service_search_vector(
  name text, town text, county text, postcode text, care_types text[], specialisms text[], summary text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(town, '') || ' ' || coalesce(county, '') || ' ' || coalesce(postcode, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, replace(array_to_string(care_types, ' '), '_', ' ') || ' ' || replace(array_to_string(specialisms, ' '), '_', ' ')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'C')
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_search_vector_idx ON services
  USING gin (service_search_vector(name, town, county, postcode, care_types, specialisms, summary));
