-- Hand-written: drizzle cannot declare an unlogged table, and the app's schema never queries this one.
-- The decision log's writer COPYs each batch here (cheap: no WAL, no indexes), then moves it into
-- decision_log with its rollups in one statement (lib/services/decision-log-store.ts). Rows of a
-- move that failed stay behind, tagged with their batch, and are deleted after an hour.
CREATE UNLOGGED TABLE "decision_log_staging" (
	"batch" text NOT NULL,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"id" text NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"latency_us" integer NOT NULL,
	"scheme_id" text,
	"version" integer,
	"node" text,
	"outcome" text NOT NULL,
	"processor" text,
	"candidates" jsonb NOT NULL,
	"mode" text,
	"api_key_id" text,
	"currency" text,
	"card_country" text,
	"card_brand" text,
	"payment_method" text,
	"transaction" json NOT NULL,
	"rollout_id" text,
	"arm" text,
	"shadow" jsonb
);
