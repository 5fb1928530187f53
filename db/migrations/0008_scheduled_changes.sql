CREATE TABLE "scheduled_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"zone" text NOT NULL,
	"local_time" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"result" text,
	"subject" text NOT NULL,
	"scheduled_by" text NOT NULL,
	"scheduled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "scheduled_changes_due" ON "scheduled_changes" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "scheduled_changes_subject" ON "scheduled_changes" USING btree ("subject","status");