ALTER TABLE "indicators" ADD COLUMN "context_of" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "share_in" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_context_of_indicators_id_fk" FOREIGN KEY ("context_of") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_share_in_indicators_id_fk" FOREIGN KEY ("share_in") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;