CREATE TABLE "book_pdfs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
-- PDFs are compressed already; stored uncompressed out of line, a slice (substring) reads only its own pages.
ALTER TABLE "book_pdfs" ALTER COLUMN "content" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "books" ADD COLUMN "size" integer;--> statement-breakpoint
-- Existing books' PDFs move out of their rows, keyed by their content's hash (computed again: the key must be true).
UPDATE "books" SET "sha256" = encode(sha256("pdf"), 'hex'), "size" = octet_length("pdf") WHERE "pdf" IS NOT NULL;--> statement-breakpoint
INSERT INTO "book_pdfs" ("sha256", "content") SELECT DISTINCT ON ("sha256") "sha256", "pdf" FROM "books" WHERE "pdf" IS NOT NULL ON CONFLICT DO NOTHING;--> statement-breakpoint
-- A dropped column's values stay in the rows until they are rewritten: emptied first, vacuum can take their space back.
UPDATE "books" SET "pdf" = NULL WHERE "pdf" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "books" DROP COLUMN "pdf";
