CREATE TYPE "public"."comparator" AS ENUM('>=', '<=', '=', 'between');--> statement-breakpoint
CREATE TYPE "public"."deadline_basis" AS ENUM('stated', 'plan_period');--> statement-breakpoint
CREATE TYPE "public"."direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."frequency" AS ENUM('year', 'half', 'quarter', 'month', 'irregular');--> statement-breakpoint
CREATE TYPE "public"."measure" AS ENUM('flow', 'stock');--> statement-breakpoint
CREATE TYPE "public"."observation_basis" AS ENUM('period', 'year_to_date', 'cumulative', 'point');--> statement-breakpoint
CREATE TYPE "public"."provenance" AS ENUM('official', 'provisional', 'estimate', 'illustrative');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('viewer', 'analyst', 'admin');--> statement-breakpoint
CREATE TYPE "public"."target_kind" AS ENUM('level', 'new_since_baseline', 'cumulative', 'share', 'duration');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clause_facts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clause_facts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clause_id" text NOT NULL,
	"kind" text NOT NULL,
	"quote" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"description_zh" text NOT NULL,
	"description_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clauses" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"position" integer NOT NULL,
	"path" text[] NOT NULL,
	"heading_zh" text,
	"heading_en" text,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"frequency" "frequency" NOT NULL,
	"measure" "measure" NOT NULL,
	"area_zh" text NOT NULL,
	"area_en" text NOT NULL,
	"definition_zh" text NOT NULL,
	"definition_en" text NOT NULL,
	"direction" "direction" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observation_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "observation_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"observation_id" integer NOT NULL,
	"version" integer NOT NULL,
	"value" double precision,
	"provenance" "provenance" NOT NULL,
	"source_id" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"reason" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observation_versions_official_has_source" CHECK ("observation_versions"."provenance" not in ('official', 'provisional') or "observation_versions"."source_id" is not null or "observation_versions"."value" is null)
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "observations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"basis" "observation_basis" NOT NULL,
	CONSTRAINT "observations_period_order" CHECK ("observations"."period_start" <= "observations"."period_end")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"issuer_zh" text NOT NULL,
	"issuer_en" text NOT NULL,
	"document_number" text,
	"area_zh" text NOT NULL,
	"area_en" text NOT NULL,
	"issued_on" date NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source_url" text,
	"source_note_zh" text NOT NULL,
	"source_note_en" text NOT NULL,
	"source_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"url" text NOT NULL,
	"published_on" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"clause_id" text NOT NULL,
	"position" integer NOT NULL,
	"quote" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"indicator_id" text NOT NULL,
	"comparator" "comparator" NOT NULL,
	"value" double precision NOT NULL,
	"max_value" double precision,
	"unit" text NOT NULL,
	"kind" "target_kind" NOT NULL,
	"baseline_value" double precision,
	"baseline_date" date,
	"baseline_implied" boolean DEFAULT false NOT NULL,
	"deadline" date NOT NULL,
	"deadline_basis" "deadline_basis" NOT NULL,
	"share_of_indicator_id" text,
	"note_zh" text,
	"note_en" text,
	CONSTRAINT "targets_between_has_max" CHECK (("targets"."comparator" = 'between') = ("targets"."max_value" is not null)),
	CONSTRAINT "targets_share_has_parent" CHECK (("targets"."kind" = 'share') = ("targets"."share_of_indicator_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "role" DEFAULT 'viewer' NOT NULL,
	"password_hash" text,
	"is_system" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_facts" ADD CONSTRAINT "clause_facts_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clauses" ADD CONSTRAINT "clauses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_versions" ADD CONSTRAINT "observation_versions_observation_id_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."observations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_versions" ADD CONSTRAINT "observation_versions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observation_versions" ADD CONSTRAINT "observation_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_clause_id_clauses_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clauses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_share_of_indicator_id_indicators_id_fk" FOREIGN KEY ("share_of_indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "clause_facts_clause_idx" ON "clause_facts" USING btree ("clause_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clauses_plan_position_idx" ON "clauses" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "observation_versions_version_idx" ON "observation_versions" USING btree ("observation_id","version");--> statement-breakpoint
CREATE INDEX "observation_versions_recorded_idx" ON "observation_versions" USING btree ("observation_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_series_idx" ON "observations" USING btree ("indicator_id","period_start","period_end","basis");--> statement-breakpoint
CREATE INDEX "targets_plan_idx" ON "targets" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "targets_indicator_idx" ON "targets" USING btree ("indicator_id");