CREATE TABLE "target_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target_id" text NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"as_of" date,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_comments_length" CHECK (char_length("target_comments"."text") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "target_comments" ADD CONSTRAINT "target_comments_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_comments" ADD CONSTRAINT "target_comments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "target_comments_version_idx" ON "target_comments" USING btree ("target_id","version");--> statement-breakpoint
CREATE INDEX "target_comments_recorded_idx" ON "target_comments" USING btree ("target_id","recorded_at");