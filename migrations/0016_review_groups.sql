CREATE TABLE "review_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason_code" text,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "device_hash" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "trust_weight" real DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_groups" ADD CONSTRAINT "review_groups_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_groups" ADD CONSTRAINT "review_groups_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_groups_one_open_per_service_idx" ON "review_groups" USING btree ("service_id") WHERE "review_groups"."status" = 'open';--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_group_id_review_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."review_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_group_idx" ON "reviews" USING btree ("group_id");