ALTER TABLE "services" ADD COLUMN "beds" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "care_hours_per_week" integer;--> statement-breakpoint
ALTER TABLE "insight_service_facts" ADD COLUMN "listed_on" date;--> statement-breakpoint
ALTER TABLE "insight_service_facts" ADD COLUMN "beds" integer;--> statement-breakpoint
ALTER TABLE "insight_service_facts" ADD COLUMN "care_hours_per_week" integer;--> statement-breakpoint
CREATE INDEX "insight_rating_months_service_idx" ON "insight_rating_months" USING btree ("service_id","month");