ALTER TABLE "organisations" ADD COLUMN "short_name_zh" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "short_name_en" text;