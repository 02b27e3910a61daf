-- Search and reviews at England scale (50,000 services, 1,000,000 reviews): indexes the queries can use.
-- 1. The words of a service are stored (a generated column) instead of computed per row at query time.
ALTER TABLE services ADD COLUMN IF NOT EXISTS search_vector tsvector
  GENERATED ALWAYS AS (service_search_vector(name, town, county, postcode, care_types, specialisms, summary)) STORED;
--> statement-breakpoint
DROP INDEX IF EXISTS services_search_vector_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_search_vector_gin ON services USING gin (search_vector);
--> statement-breakpoint
-- 2. Organisation names are searched too ("Blackwater" finds all of Blackwater Care Group's services).
CREATE INDEX IF NOT EXISTS organisations_name_words_gin ON organisations USING gin (to_tsvector('simple'::regconfig, name));
--> statement-breakpoint
-- 3. Typos: every word a service or organisation name has ever had, with a trigram index, so a misspelt word
-- of a query finds the real words like it in a few milliseconds (words are never removed: a stale word only
-- matches nothing).
CREATE TABLE IF NOT EXISTS search_words (word text PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_words_trgm ON search_words USING gin (word gin_trgm_ops);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION remember_service_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word) SELECT unnest(tsvector_to_array(NEW.search_vector)) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION remember_organisation_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word) SELECT unnest(tsvector_to_array(to_tsvector('simple'::regconfig, NEW.name)))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS services_search_words ON services;
--> statement-breakpoint
CREATE TRIGGER services_search_words AFTER INSERT OR UPDATE OF name, town, county, postcode, care_types, specialisms, summary
  ON services FOR EACH ROW EXECUTE FUNCTION remember_service_search_words();
--> statement-breakpoint
DROP TRIGGER IF EXISTS organisations_search_words ON organisations;
--> statement-breakpoint
CREATE TRIGGER organisations_search_words AFTER INSERT OR UPDATE OF name
  ON organisations FOR EACH ROW EXECUTE FUNCTION remember_organisation_search_words();
--> statement-breakpoint
INSERT INTO search_words (word)
  SELECT unnest(tsvector_to_array(search_vector)) FROM services
  UNION SELECT unnest(tsvector_to_array(to_tsvector('simple'::regconfig, name))) FROM organisations
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE AGGREGATE tsquery_or_all(tsquery) (SFUNC = tsquery_or, STYPE = tsquery);
--> statement-breakpoint
CREATE OR REPLACE AGGREGATE tsquery_and_all(tsquery) (SFUNC = tsquery_and, STYPE = tsquery);
--> statement-breakpoint
-- Every word of `input` (as `config` parses it) ORed with the known words at least `threshold` similar,
-- and those groups ANDed: "writle medows" -> (writl | writtl) & (medow | meadow). `%` only narrows the
-- candidates through the trigram index (its threshold, pg_trgm.similarity_threshold, defaults to 0.3);
-- similarity() >= threshold decides.
CREATE OR REPLACE FUNCTION search_typo_query(config regconfig, input text, threshold real) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT tsquery_and_all(alternatives) FROM (
    SELECT coalesce(tsquery_or_all(to_tsquery('simple'::regconfig, quote_literal(w.word))),
                    to_tsquery('simple'::regconfig, quote_literal(q.term))) AS alternatives
      FROM unnest(tsvector_to_array(to_tsvector(config, input))) AS q(term)
      LEFT JOIN search_words w ON w.word % q.term AND similarity(w.word, q.term) >= threshold
     GROUP BY q.term
  ) t
$$;
--> statement-breakpoint
-- 4. Near a place: a latitude band first, then longitude and the exact distance.
CREATE INDEX IF NOT EXISTS services_published_latitude_idx ON services (latitude) WHERE status = 'published';
--> statement-breakpoint
-- 5. Suggestions as you type: towns by prefix.
CREATE INDEX IF NOT EXISTS services_published_town_prefix_idx ON services (lower(town) text_pattern_ops)
  WHERE status = 'published';
--> statement-breakpoint
-- 6. A service's page of reviews, newest first, without reading all of a heavily reviewed service's reviews.
CREATE INDEX IF NOT EXISTS reviews_published_service_idx ON reviews (service_id, published_at DESC, id DESC)
  WHERE status = 'published';
