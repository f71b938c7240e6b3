ALTER TYPE "public"."target_kind" ADD VALUE 'act';--> statement-breakpoint
ALTER TABLE "target_judgements" ADD COLUMN "basis" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
-- Stored judgements now hold the verdict (pace and probability reconciled) and its basis: judge every target again.
DELETE FROM "target_judgements";
