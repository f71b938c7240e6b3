CREATE TYPE "public"."task_kind" AS ENUM('task', 'measure');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('not_started', 'in_progress', 'done', 'delayed', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."unit_role" AS ENUM('lead', 'support');--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_owners" (
	"indicator_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text,
	"user_id" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_targets" (
	"task_id" text NOT NULL,
	"target_id" text NOT NULL,
	"basis" text NOT NULL,
	"quote" text NOT NULL,
	CONSTRAINT "task_targets_task_id_target_id_pk" PRIMARY KEY("task_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "task_units" (
	"task_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"role" "unit_role" NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "task_units_task_id_organisation_id_pk" PRIMARY KEY("task_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "task_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "task_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" "task_status" NOT NULL,
	"progress_on" date NOT NULL,
	"note" text NOT NULL,
	"evidence_url" text,
	"evidence_file_id" integer,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_updates_has_evidence" CHECK ("task_updates"."evidence_url" is not null or "task_updates"."evidence_file_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"kind" "task_kind" NOT NULL,
	"number" integer NOT NULL,
	"clause_id" text NOT NULL,
	"body_clause_id" text,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"units_open_ended" boolean DEFAULT false NOT NULL,
	"due" date
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_owners" ADD CONSTRAINT "indicator_owners_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_owners" ADD CONSTRAINT "indicator_owners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_owners" ADD CONSTRAINT "indicator_owners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_owners" ADD CONSTRAINT "indicator_owners_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_targets" ADD CONSTRAINT "task_targets_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_targets" ADD CONSTRAINT "task_targets_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_units" ADD CONSTRAINT "task_units_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_units" ADD CONSTRAINT "task_units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_updates" ADD CONSTRAINT "task_updates_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_body_clause_id_clauses_id_fk" FOREIGN KEY ("body_clause_id") REFERENCES "public"."clauses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_targets_target_idx" ON "task_targets" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "task_units_organisation_idx" ON "task_units" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "task_updates_version_idx" ON "task_updates" USING btree ("task_id","version");--> statement-breakpoint
CREATE INDEX "task_updates_recorded_idx" ON "task_updates" USING btree ("task_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_plan_number_idx" ON "tasks" USING btree ("plan_id","kind","number");