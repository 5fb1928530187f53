-- Hand-edited: every table is partitioned by day (declarative partitioning; drizzle cannot declare it).
-- The app creates each day's partitions ahead of time and drops days past retention (lib/services/traffic-partitions.ts).
CREATE TABLE "decision_attempts" (
	"decision_id" text NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"attempt" integer NOT NULL,
	"processor" text NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"latency_ms" integer,
	"decline_code" text,
	"fee" double precision,
	"reported_by" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_attempts_decision_id_decided_at_attempt_pk" PRIMARY KEY("decision_id","decided_at","attempt")
) PARTITION BY RANGE ("decided_at");
--> statement-breakpoint
CREATE TABLE "decision_log" (
	"id" text NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"scheme_id" text,
	"version" integer,
	"node" text,
	"outcome" text NOT NULL,
	"processor" text,
	"candidates" jsonb NOT NULL,
	"mode" text,
	"api_key_id" text,
	"latency_us" integer NOT NULL,
	"currency" text,
	"card_country" text,
	"card_brand" text,
	"payment_method" text,
	"transaction" json NOT NULL,
	CONSTRAINT "decision_log_id_decided_at_pk" PRIMARY KEY("id","decided_at")
) PARTITION BY RANGE ("decided_at");
--> statement-breakpoint
CREATE TABLE "traffic_branches" (
	"bucket" timestamp (3) with time zone NOT NULL,
	"grain" text NOT NULL,
	"scheme_id" text NOT NULL,
	"version" integer NOT NULL,
	"node" text NOT NULL,
	"branch" text NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "traffic_branches_bucket_grain_scheme_id_version_node_branch_pk" PRIMARY KEY("bucket","grain","scheme_id","version","node","branch")
) PARTITION BY RANGE ("bucket");
--> statement-breakpoint
CREATE TABLE "traffic_latency" (
	"bucket" timestamp (3) with time zone NOT NULL,
	"grain" text NOT NULL,
	"le_us" integer NOT NULL,
	"decisions" integer NOT NULL,
	CONSTRAINT "traffic_latency_bucket_grain_le_us_pk" PRIMARY KEY("bucket","grain","le_us")
) PARTITION BY RANGE ("bucket");
--> statement-breakpoint
CREATE TABLE "traffic_routes" (
	"bucket" timestamp (3) with time zone NOT NULL,
	"grain" text NOT NULL,
	"scheme_id" text NOT NULL,
	"version" integer NOT NULL,
	"node" text NOT NULL,
	"outcome" text NOT NULL,
	"processor" text NOT NULL,
	"decisions" integer NOT NULL,
	CONSTRAINT "traffic_routes_bucket_grain_scheme_id_version_node_outcome_processor_pk" PRIMARY KEY("bucket","grain","scheme_id","version","node","outcome","processor")
) PARTITION BY RANGE ("bucket");
--> statement-breakpoint
CREATE TABLE "traffic_segments" (
	"bucket" timestamp (3) with time zone NOT NULL,
	"grain" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"processor" text NOT NULL,
	"decisions" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	"soft_declined" integer DEFAULT 0 NOT NULL,
	"hard_declined" integer DEFAULT 0 NOT NULL,
	"processor_errors" integer DEFAULT 0 NOT NULL,
	"timeouts" integer DEFAULT 0 NOT NULL,
	"rescued" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "traffic_segments_bucket_grain_dimension_value_processor_pk" PRIMARY KEY("bucket","grain","dimension","value","processor")
) PARTITION BY RANGE ("bucket");
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "redacted_fields" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "retention_days" integer DEFAULT 30 NOT NULL;