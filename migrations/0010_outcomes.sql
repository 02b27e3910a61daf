CREATE TABLE "council_care_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_reference" text NOT NULL,
	"service_id" uuid NOT NULL,
	"care_type" text NOT NULL,
	"hours_per_week" real,
	"start_on" date NOT NULL,
	"end_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_care_packages_period" CHECK ("council_care_packages"."end_on" is null or "council_care_packages"."end_on" >= "council_care_packages"."start_on"),
	CONSTRAINT "council_care_packages_hours" CHECK ("council_care_packages"."hours_per_week" is null or "council_care_packages"."hours_per_week" between 0 and 168)
);
--> statement-breakpoint
CREATE TABLE "booking_carers" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"carer_user_id" uuid NOT NULL,
	"named_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_review_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"review_point" text NOT NULL,
	"respondent" text NOT NULL,
	"user_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"notification_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid,
	"care_package_id" uuid,
	"review_point" text NOT NULL,
	"due_on" date NOT NULL,
	"respondent" text NOT NULL,
	"respondent_user_id" uuid,
	"recorded_by" uuid NOT NULL,
	"satisfaction" smallint NOT NULL,
	"control_score" smallint,
	"personal_care_score" smallint,
	"safety_score" smallint,
	"social_contact_score" smallint,
	"occupation_score" smallint,
	"carer_satisfaction" smallint,
	"carer_strain" smallint,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_reviews_one_subject" CHECK (num_nonnulls("outcome_reviews"."booking_id", "outcome_reviews"."care_package_id") = 1),
	CONSTRAINT "outcome_reviews_respondent" CHECK ("outcome_reviews"."respondent" in ('person', 'carer')),
	CONSTRAINT "outcome_reviews_satisfaction" CHECK ("outcome_reviews"."satisfaction" between 1 and 5),
	CONSTRAINT "outcome_reviews_domain_scores" CHECK (coalesce("outcome_reviews"."control_score", 0) between 0 and 3 and coalesce("outcome_reviews"."personal_care_score", 0) between 0 and 3
        and coalesce("outcome_reviews"."safety_score", 0) between 0 and 3 and coalesce("outcome_reviews"."social_contact_score", 0) between 0 and 3
        and coalesce("outcome_reviews"."occupation_score", 0) between 0 and 3),
	CONSTRAINT "outcome_reviews_carer_answers" CHECK (("outcome_reviews"."respondent" = 'carer' and "outcome_reviews"."carer_satisfaction" between 1 and 5
          and coalesce("outcome_reviews"."carer_strain", 0) between 0 and 2)
        or ("outcome_reviews"."respondent" = 'person' and "outcome_reviews"."carer_satisfaction" is null and "outcome_reviews"."carer_strain" is null))
);
--> statement-breakpoint
CREATE TABLE "care_admissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid,
	"care_package_id" uuid,
	"kind" text NOT NULL,
	"admitted_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_admissions_one_subject" CHECK (num_nonnulls("care_admissions"."booking_id", "care_admissions"."care_package_id") = 1),
	CONSTRAINT "care_admissions_kind" CHECK ("care_admissions"."kind" in ('hospital', 'residential_care'))
);
--> statement-breakpoint
CREATE TABLE "delivered_care_hours" (
	"booking_id" uuid NOT NULL,
	"week_starting" date NOT NULL,
	"hours" real NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivered_care_hours_booking_id_week_starting_pk" PRIMARY KEY("booking_id","week_starting"),
	CONSTRAINT "delivered_care_hours_range" CHECK ("delivered_care_hours"."hours" between 0 and 168),
	CONSTRAINT "delivered_care_hours_monday" CHECK (extract(isodow from "delivered_care_hours"."week_starting") = 1)
);
--> statement-breakpoint
CREATE TABLE "service_daily_activity" (
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"page_views" integer DEFAULT 0 NOT NULL,
	"enquiries" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "service_daily_activity_service_id_day_pk" PRIMARY KEY("service_id","day")
);
--> statement-breakpoint
ALTER TABLE "council_care_packages" ADD CONSTRAINT "council_care_packages_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_care_packages" ADD CONSTRAINT "council_care_packages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_carers" ADD CONSTRAINT "booking_carers_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_carers" ADD CONSTRAINT "booking_carers_carer_user_id_users_id_fk" FOREIGN KEY ("carer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_carers" ADD CONSTRAINT "booking_carers_named_by_users_id_fk" FOREIGN KEY ("named_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_review_requests" ADD CONSTRAINT "outcome_review_requests_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_review_requests" ADD CONSTRAINT "outcome_review_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_review_requests" ADD CONSTRAINT "outcome_review_requests_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reviews" ADD CONSTRAINT "outcome_reviews_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reviews" ADD CONSTRAINT "outcome_reviews_care_package_id_council_care_packages_id_fk" FOREIGN KEY ("care_package_id") REFERENCES "public"."council_care_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reviews" ADD CONSTRAINT "outcome_reviews_respondent_user_id_users_id_fk" FOREIGN KEY ("respondent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_reviews" ADD CONSTRAINT "outcome_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_admissions" ADD CONSTRAINT "care_admissions_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_admissions" ADD CONSTRAINT "care_admissions_care_package_id_council_care_packages_id_fk" FOREIGN KEY ("care_package_id") REFERENCES "public"."council_care_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_admissions" ADD CONSTRAINT "care_admissions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_care_hours" ADD CONSTRAINT "delivered_care_hours_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivered_care_hours" ADD CONSTRAINT "delivered_care_hours_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_daily_activity" ADD CONSTRAINT "service_daily_activity_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_care_packages_person_service_start_idx" ON "council_care_packages" USING btree ("person_reference","service_id","start_on");--> statement-breakpoint
CREATE INDEX "council_care_packages_service_idx" ON "council_care_packages" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_review_requests_point_idx" ON "outcome_review_requests" USING btree ("booking_id","review_point","respondent");--> statement-breakpoint
CREATE INDEX "outcome_review_requests_user_idx" ON "outcome_review_requests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_reviews_booking_point_idx" ON "outcome_reviews" USING btree ("booking_id","review_point","respondent") WHERE "outcome_reviews"."booking_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_reviews_package_point_idx" ON "outcome_reviews" USING btree ("care_package_id","review_point","respondent") WHERE "outcome_reviews"."care_package_id" is not null;--> statement-breakpoint
CREATE INDEX "outcome_reviews_due_idx" ON "outcome_reviews" USING btree ("due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "care_admissions_booking_idx" ON "care_admissions" USING btree ("booking_id","kind","admitted_on") WHERE "care_admissions"."booking_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_admissions_package_idx" ON "care_admissions" USING btree ("care_package_id","kind","admitted_on") WHERE "care_admissions"."care_package_id" is not null;--> statement-breakpoint
CREATE INDEX "care_admissions_admitted_idx" ON "care_admissions" USING btree ("admitted_on");--> statement-breakpoint
CREATE INDEX "delivered_care_hours_week_idx" ON "delivered_care_hours" USING btree ("week_starting");--> statement-breakpoint
CREATE INDEX "service_daily_activity_day_idx" ON "service_daily_activity" USING btree ("day");