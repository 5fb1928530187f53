CREATE TABLE "idempotency_keys" (
	"api_key_id" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_api_key_id_key_pk" PRIMARY KEY("api_key_id","key")
);
--> statement-breakpoint
ALTER TABLE "scheme_versions" ALTER COLUMN "document" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "schemes" ALTER COLUMN "document" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "scopes" jsonb DEFAULT '["read"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "filters" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "routes" json DEFAULT '[]'::json NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "draft_revision" integer;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "tests_run" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "tests_passed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD COLUMN "override_reason" text;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");