CREATE TABLE "page_view_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_page_viewers" (
	"service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"viewer_hash" text NOT NULL,
	CONSTRAINT "service_page_viewers_service_id_day_viewer_hash_pk" PRIMARY KEY("service_id","day","viewer_hash")
);
--> statement-breakpoint
ALTER TABLE "service_page_viewers" ADD CONSTRAINT "service_page_viewers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;