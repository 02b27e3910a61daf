CREATE TABLE "review_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_helpful_votes" (
	"review_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_helpful_votes_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "review_responses" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"change_planned" boolean DEFAULT false NOT NULL,
	"change_made" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	"overall" smallint NOT NULL,
	"quality_of_care" smallint,
	"dignity_respect" smallint,
	"staff" smallint,
	"reliability" smallint,
	"communication" smallint,
	"value_for_money" smallint,
	"cleanliness" smallint,
	"food" smallint,
	"activities" smallint,
	"management" smallint,
	"period_month" smallint NOT NULL,
	"period_year" smallint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"moderator_note" text,
	"verified" boolean DEFAULT false NOT NULL,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"prechecks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"safeguarding" boolean DEFAULT false NOT NULL,
	"replaces_review_id" uuid,
	"published_at" timestamp with time zone,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_scores_in_range" CHECK ("reviews"."overall" between 1 and 5 and coalesce("reviews"."quality_of_care", 1) between 1 and 5 and coalesce("reviews"."dignity_respect", 1) between 1 and 5 and coalesce("reviews"."staff", 1) between 1 and 5 and coalesce("reviews"."reliability", 1) between 1 and 5 and coalesce("reviews"."communication", 1) between 1 and 5 and coalesce("reviews"."value_for_money", 1) between 1 and 5 and coalesce("reviews"."cleanliness", 1) between 1 and 5 and coalesce("reviews"."food", 1) between 1 and 5 and coalesce("reviews"."activities", 1) between 1 and 5 and coalesce("reviews"."management", 1) between 1 and 5),
	CONSTRAINT "reviews_period_month" CHECK ("reviews"."period_month" between 1 and 12),
	CONSTRAINT "reviews_helpful_non_negative" CHECK ("reviews"."helpful_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"from_provider" boolean DEFAULT false NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"prechecks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"safeguarding" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"prechecks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"safeguarding" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_ratings" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD COLUMN "computed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "review_flags" ADD CONSTRAINT "review_flags_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flags" ADD CONSTRAINT "review_flags_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flags" ADD CONSTRAINT "review_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_helpful_votes" ADD CONSTRAINT "review_helpful_votes_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_helpful_votes" ADD CONSTRAINT "review_helpful_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_flags_open_idx" ON "review_flags" USING btree ("review_id") WHERE "review_flags"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "review_flags_one_open_per_reporter_idx" ON "review_flags" USING btree ("review_id","reporter_id") WHERE "review_flags"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "reviews_service_status_idx" ON "reviews" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "reviews_author_idx" ON "reviews" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "reviews_status_created_idx" ON "reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_open_per_author_idx" ON "reviews" USING btree ("service_id","author_id") WHERE "reviews"."status" in ('pending', 'changes_requested');--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_published_per_author_idx" ON "reviews" USING btree ("service_id","author_id") WHERE "reviews"."status" = 'published';--> statement-breakpoint
CREATE INDEX "answers_question_status_idx" ON "answers" USING btree ("question_id","status");--> statement-breakpoint
CREATE INDEX "answers_status_idx" ON "answers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "questions_service_status_idx" ON "questions" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "questions_status_idx" ON "questions" USING btree ("status");