CREATE SEQUENCE "public"."target_judgement_revision" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "judgement_sync" (
	"id" integer PRIMARY KEY NOT NULL,
	"observed_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_judgements" (
	"target_id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"judged_on" date NOT NULL,
	"input_version" integer NOT NULL,
	"status" text NOT NULL,
	"probability" double precision,
	"gap_share" double precision,
	"last_recorded_at" timestamp with time zone,
	"judgement" jsonb NOT NULL,
	"revision" integer DEFAULT nextval('target_judgement_revision') NOT NULL,
	"judged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "target_judgements" ADD CONSTRAINT "target_judgements_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_judgements" ADD CONSTRAINT "target_judgements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_judgements_plan_idx" ON "target_judgements" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "target_judgements_revision_idx" ON "target_judgements" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "target_judgements_judged_on_idx" ON "target_judgements" USING btree ("judged_on");--> statement-breakpoint
CREATE INDEX "observation_versions_import_idx" ON "observation_versions" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "targets_share_of_idx" ON "targets" USING btree ("share_of_indicator_id");