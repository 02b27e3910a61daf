CREATE TABLE "insight_price_month_medians" (
	"month" date NOT NULL,
	"unit" text NOT NULL,
	"county" text NOT NULL,
	"care_type" text NOT NULL,
	"sector" text NOT NULL,
	"services" integer NOT NULL,
	"median" double precision NOT NULL,
	CONSTRAINT "insight_price_month_medians_county_care_type_sector_unit_month_pk" PRIMARY KEY("county","care_type","sector","unit","month")
);
--> statement-breakpoint
CREATE TABLE "insight_rating_month_medians" (
	"county" text NOT NULL,
	"care_type" text NOT NULL,
	"month" date NOT NULL,
	"median" double precision NOT NULL,
	CONSTRAINT "insight_rating_month_medians_county_care_type_month_pk" PRIMARY KEY("county","care_type","month")
);
--> statement-breakpoint
CREATE TABLE "insight_spreads" (
	"measure" text NOT NULL,
	"county" text NOT NULL,
	"care_type" text NOT NULL,
	"sector" text NOT NULL,
	"services" integer NOT NULL,
	"lowest" double precision NOT NULL,
	"lower_quartile" double precision NOT NULL,
	"median" double precision NOT NULL,
	"upper_quartile" double precision NOT NULL,
	"highest" double precision NOT NULL,
	CONSTRAINT "insight_spreads_measure_county_care_type_sector_pk" PRIMARY KEY("measure","county","care_type","sector")
);
--> statement-breakpoint
ALTER TABLE "insight_service_facts" ADD COLUMN "league_rank" integer;--> statement-breakpoint
CREATE INDEX "insight_service_facts_league_idx" ON "insight_service_facts" USING btree ("league_rank");--> statement-breakpoint
CREATE INDEX "insight_service_facts_county_league_idx" ON "insight_service_facts" USING btree ("county","league_rank");--> statement-breakpoint
CREATE INDEX "insight_service_facts_district_idx" ON "insight_service_facts" USING btree ("district");