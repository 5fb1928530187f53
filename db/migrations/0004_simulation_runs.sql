-- Hand-written: the old table was never written by the app; clear it so the NOT NULL columns can be added.
DELETE FROM "simulation_runs";--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "target" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "document" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "account" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "actor" text NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "actor_kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "input" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "seed" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "rows" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "input_problems" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "report" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "duration_ms" integer NOT NULL;--> statement-breakpoint
CREATE INDEX "simulation_runs_scheme_created" ON "simulation_runs" USING btree ("scheme_id","created_at");--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "scheme_revision";--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "params";--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "result";--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "error";--> statement-breakpoint
ALTER TABLE "simulation_runs" DROP COLUMN "finished_at";