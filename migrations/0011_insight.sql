CREATE TABLE "insight_brokerage_months" (
	"month" date NOT NULL,
	"service_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"requested" integer NOT NULL,
	"quoted" integer NOT NULL,
	"accepted" integer NOT NULL,
	"value_arranged_pence" bigint NOT NULL,
	"fee_income_pence" bigint NOT NULL,
	"fee_invoices" integer NOT NULL,
	CONSTRAINT "insight_brokerage_months_month_service_id_pk" PRIMARY KEY("month","service_id")
);
--> statement-breakpoint
CREATE TABLE "insight_price_months" (
	"month" date NOT NULL,
	"service_id" uuid NOT NULL,
	"price_per_hour_pence" integer,
	"price_per_visit_pence" integer,
	"price_per_night_pence" integer,
	"price_per_week_pence" integer,
	CONSTRAINT "insight_price_months_month_service_id_pk" PRIMARY KEY("month","service_id")
);
--> statement-breakpoint
CREATE TABLE "insight_rating_months" (
	"month" date NOT NULL,
	"service_id" uuid NOT NULL,
	"reviews" integer NOT NULL,
	"sum_overall" integer NOT NULL,
	CONSTRAINT "insight_rating_months_month_service_id_pk" PRIMARY KEY("month","service_id")
);
--> statement-breakpoint
CREATE TABLE "insight_refreshes" (
	"summary" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_search_days" (
	"day" date NOT NULL,
	"county" text,
	"district" text,
	"care_type" text,
	"searches" integer NOT NULL,
	"no_results" integer NOT NULL,
	"few_results" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_service_facts" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"service_name" text NOT NULL,
	"slug" text NOT NULL,
	"county" text NOT NULL,
	"district" text NOT NULL,
	"care_types" text[] NOT NULL,
	"sector" text,
	"organisation_size" text NOT NULL,
	"accepting_new_clients" integer NOT NULL,
	"price_per_hour_pence" integer,
	"price_per_visit_pence" integer,
	"price_per_night_pence" integer,
	"price_per_week_pence" integer,
	"review_count" integer NOT NULL,
	"reviews_last_12_months" integer NOT NULL,
	"reviewers" integer NOT NULL,
	"mean_overall" real,
	"score_out_of_ten" real,
	"ranking_score" real,
	"category_means" jsonb,
	"cqc_overall" text,
	"cqc_key_questions" jsonb,
	"low_reviews" integer NOT NULL,
	"low_reviews_responded" integer NOT NULL,
	"median_hours_to_respond" double precision,
	"safeguarding_upheld" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_recognitions" (
	"year" smallint NOT NULL,
	"service_id" uuid NOT NULL,
	"care_type" text NOT NULL,
	"county" text NOT NULL,
	"ranking_score" real NOT NULL,
	"area_upper_quartile" real NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_recognitions_year_service_id_care_type_pk" PRIMARY KEY("year","service_id","care_type")
);
--> statement-breakpoint
CREATE TABLE "user_permissions" (
	"user_id" uuid NOT NULL,
	"permission" text NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_permissions_user_id_permission_pk" PRIMARY KEY("user_id","permission")
);
--> statement-breakpoint
ALTER TABLE "organisations" ALTER COLUMN "sector" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "insight_price_months" ADD CONSTRAINT "insight_price_months_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_recognitions" ADD CONSTRAINT "service_recognitions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_permissions" ADD CONSTRAINT "user_permissions_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_search_days_day_idx" ON "insight_search_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "insight_service_facts_area_idx" ON "insight_service_facts" USING btree ("county","district");--> statement-breakpoint
CREATE INDEX "insight_service_facts_org_idx" ON "insight_service_facts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "service_recognitions_service_idx" ON "service_recognitions" USING btree ("service_id");--> statement-breakpoint
-- CQC-imported organisations nobody has claimed were stored as 'private' only because the column was required;
-- the CQC data does not say, so their sector is not known.
UPDATE "organisations" SET "sector" = NULL WHERE "source" = 'cqc' AND NOT EXISTS (SELECT 1 FROM "organisation_members" m WHERE m."organisation_id" = "organisations"."id");
