CREATE TABLE "boards" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'zh' NOT NULL,
	"plan_ids" text[] NOT NULL,
	"headline_target_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"pages" text[] NOT NULL,
	"rotation_seconds" integer DEFAULT 20 NOT NULL,
	"token" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "boards_token_unique" UNIQUE("token"),
	CONSTRAINT "boards_rotation_range" CHECK ("boards"."rotation_seconds" between 5 and 600)
);
--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;