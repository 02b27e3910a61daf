-- The Postgres search fallback sorted by price across England: each price it sorts by has an index in that order,
-- so the cheapest services are read first instead of every match being sorted (packages/search postgres-index.ts;
-- the headline price is the same expression as its HEADLINE_PRICE_SQL: hourly, weekly, nightly, per visit).
CREATE INDEX IF NOT EXISTS services_published_price_per_hour_idx ON services (price_per_hour_pence) WHERE status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_published_price_per_visit_idx ON services (price_per_visit_pence) WHERE status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_published_price_per_night_idx ON services (price_per_night_pence) WHERE status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_published_price_per_week_idx ON services (price_per_week_pence) WHERE status = 'published';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_published_headline_price_idx ON services
  (coalesce(price_per_hour_pence, price_per_week_pence, price_per_night_pence, price_per_visit_pence))
  WHERE status = 'published';
