ALTER TYPE "public"."role" ADD VALUE 'reporter' BEFORE 'analyst';--> statement-breakpoint
CREATE TABLE "round_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "round_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"round_id" integer NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"indicator_id" text,
	"task_id" text,
	"period" text,
	"period_start" date,
	"period_end" date,
	"basis" "observation_basis",
	"status" text DEFAULT 'open' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_requests_kind" CHECK (("round_requests"."kind" = 'figure') = ("round_requests"."indicator_id" is not null and "round_requests"."period_start" is not null) and ("round_requests"."kind" = 'task') = ("round_requests"."task_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "round_submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "round_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"version" integer NOT NULL,
	"value" double precision,
	"provenance" "provenance",
	"source_id" text,
	"new_source" jsonb,
	"task_status" "task_status",
	"progress_on" date,
	"evidence_file_id" integer,
	"evidence_url" text,
	"note" text,
	"reason" text,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"review_comment" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"observation_version_id" integer,
	"task_update_id" integer,
	CONSTRAINT "round_submissions_returned_has_comment" CHECK ("round_submissions"."decision" is distinct from 'returned' or "round_submissions"."review_comment" is not null)
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"unasked_indicator_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"unasked_task_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "head_user_id" text;--> statement-breakpoint
ALTER TABLE "round_requests" ADD CONSTRAINT "round_requests_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_requests" ADD CONSTRAINT "round_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_requests" ADD CONSTRAINT "round_requests_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_requests" ADD CONSTRAINT "round_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_request_id_round_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."round_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_observation_version_id_observation_versions_id_fk" FOREIGN KEY ("observation_version_id") REFERENCES "public"."observation_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_task_update_id_task_updates_id_fk" FOREIGN KEY ("task_update_id") REFERENCES "public"."task_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_requests_round_idx" ON "round_requests" USING btree ("round_id","organisation_id");--> statement-breakpoint
CREATE INDEX "round_requests_organisation_idx" ON "round_requests" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "round_requests_indicator_idx" ON "round_requests" USING btree ("round_id","indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_requests_task_idx" ON "round_requests" USING btree ("round_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "round_submissions_version_idx" ON "round_submissions" USING btree ("request_id","version");--> statement-breakpoint
CREATE INDEX "round_submissions_observation_version_idx" ON "round_submissions" USING btree ("observation_version_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_head_user_id_users_id_fk" FOREIGN KEY ("head_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;