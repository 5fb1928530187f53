CREATE TABLE "rollouts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"scheme_id" text NOT NULL,
	"version" integer NOT NULL,
	"control_version" integer NOT NULL,
	"share_bp" integer DEFAULT 0 NOT NULL,
	"max_drop_points" double precision DEFAULT 2 NOT NULL,
	"min_attempts" integer DEFAULT 200 NOT NULL,
	"window_seconds" integer DEFAULT 300 NOT NULL,
	"auto_promote" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" text,
	"ended_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	"evaluation" jsonb
);
--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "rollout_id" text;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "arm" text;--> statement-breakpoint
ALTER TABLE "decision_log" ADD COLUMN "shadow" jsonb;--> statement-breakpoint
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rollouts_one_running" ON "rollouts" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "rollouts_scheme" ON "rollouts" USING btree ("scheme_id","started_at");--> statement-breakpoint
CREATE INDEX "decision_log_rollout" ON "decision_log" USING btree ("rollout_id","decided_at") WHERE rollout_id is not null;