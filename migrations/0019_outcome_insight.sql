CREATE TABLE "insight_outcome_admissions" (
	"admitted_on" date NOT NULL,
	"subject_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"county" text NOT NULL,
	"district" text NOT NULL,
	"sector" text,
	"care_type" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_outcome_answers" (
	"due_on" date NOT NULL,
	"subject_id" uuid NOT NULL,
	"source" text NOT NULL,
	"service_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"county" text NOT NULL,
	"district" text NOT NULL,
	"sector" text,
	"care_type" text NOT NULL,
	"respondent" text NOT NULL,
	"satisfaction" smallint NOT NULL,
	"quality_of_life" real,
	"carer_satisfaction" smallint,
	"carer_strain" smallint
);
--> statement-breakpoint
CREATE INDEX "insight_outcome_admissions_day_idx" ON "insight_outcome_admissions" USING btree ("admitted_on");--> statement-breakpoint
CREATE INDEX "insight_outcome_answers_due_idx" ON "insight_outcome_answers" USING btree ("due_on");