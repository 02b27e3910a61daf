CREATE TABLE "rating_group_refreshes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_group_refreshes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_key" text NOT NULL,
	"care_type" text NOT NULL,
	"county" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_groups" (
	"group_key" text PRIMARY KEY NOT NULL,
	"prior_mean" double precision NOT NULL,
	"median_prices" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rating_group_refreshes_group_idx" ON "rating_group_refreshes" USING btree ("group_key","id");