ALTER TABLE "scheme_versions" ALTER COLUMN "document" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "filters" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "routes" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "draft_revision" integer;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "tests_run" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "tests_passed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "override_reason" text;