CREATE TABLE "plan_documents" (
	"plan_id" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"original_text" text NOT NULL,
	"clean_text" text NOT NULL,
	"assumed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_revisions" (
	"plan_id" text NOT NULL,
	"revision" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"bundle" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"note" text,
	CONSTRAINT "plan_revisions_plan_id_revision_pk" PRIMARY KEY("plan_id","revision")
);
--> statement-breakpoint
CREATE TABLE "target_proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" text NOT NULL,
	"clause_id" text NOT NULL,
	"position" integer NOT NULL,
	"quote" text NOT NULL,
	"indicator_name" text NOT NULL,
	"comparator" "comparator" NOT NULL,
	"value" double precision NOT NULL,
	"max_value" double precision,
	"unit" text NOT NULL,
	"deadline" date,
	"deadline_basis" "deadline_basis",
	"kind" "target_kind" NOT NULL,
	"baseline_value" double precision,
	"baseline_date" date,
	"share_of_name" text,
	"confidence" double precision NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"indicator_id" text,
	"new_indicator" jsonb,
	"share_of_indicator_id" text,
	"title_zh" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"target_id" text,
	CONSTRAINT "target_proposals_target_id_unique" UNIQUE("target_id")
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_documents" ADD CONSTRAINT "plan_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_proposals" ADD CONSTRAINT "target_proposals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_proposals" ADD CONSTRAINT "target_proposals_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_proposals" ADD CONSTRAINT "target_proposals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_proposals" ADD CONSTRAINT "target_proposals_share_of_indicator_id_indicators_id_fk" FOREIGN KEY ("share_of_indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_proposals" ADD CONSTRAINT "target_proposals_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_revisions_published_idx" ON "plan_revisions" USING btree ("plan_id","published_at");--> statement-breakpoint
CREATE INDEX "target_proposals_plan_idx" ON "target_proposals" USING btree ("plan_id","position");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;