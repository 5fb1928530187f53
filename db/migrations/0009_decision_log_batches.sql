-- Hand-written (the app's schema never queries this table through drizzle): the decision log's
-- batches whose rollups were added, so a batch written again after a failure is never counted twice
-- (lib/services/decision-log-store.ts). Rows are kept as long as the decisions.
CREATE TABLE "decision_log_batches" (
	"batch" text PRIMARY KEY NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
