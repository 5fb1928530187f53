CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "custom_attributes" (
	"name" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"label" text,
	"description" text,
	"domain" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filters" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"match" text DEFAULT 'all' NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processor_route_items" (
	"route_id" text NOT NULL,
	"position" integer NOT NULL,
	"processor_id" text NOT NULL,
	CONSTRAINT "processor_route_items_route_id_position_pk" PRIMARY KEY("route_id","position")
);
--> statement-breakpoint
CREATE TABLE "processor_routes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"currencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payment_methods" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_rate" double precision DEFAULT 0.9 NOT NULL,
	"failure_mix" jsonb,
	"fee_percent" double precision DEFAULT 0 NOT NULL,
	"fee_fixed" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheme_versions" (
	"scheme_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"note" text,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheme_versions_scheme_id_version_pk" PRIMARY KEY("scheme_id","version")
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" text PRIMARY KEY NOT NULL,
	"routing_mode" text DEFAULT 'default_then_connection_order' NOT NULL,
	"default_processor_id" text,
	"default_route_id" text,
	"active_scheme_id" text,
	"active_version" integer,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"weights" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"scheme_id" text NOT NULL,
	"scheme_revision" integer,
	"status" text NOT NULL,
	"params" jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "test_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"scheme_id" text NOT NULL,
	"name" text NOT NULL,
	"transaction" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"forced_outcomes" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "processor_route_items" ADD CONSTRAINT "processor_route_items_route_id_processor_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."processor_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processor_route_items" ADD CONSTRAINT "processor_route_items_processor_id_processors_id_fk" FOREIGN KEY ("processor_id") REFERENCES "public"."processors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD CONSTRAINT "scheme_versions_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_default_processor_id_processors_id_fk" FOREIGN KEY ("default_processor_id") REFERENCES "public"."processors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_default_route_id_processor_routes_id_fk" FOREIGN KEY ("default_route_id") REFERENCES "public"."processor_routes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD CONSTRAINT "simulation_runs_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_cases" ADD CONSTRAINT "test_cases_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_unique" ON "api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_entries_entity" ON "audit_entries" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "filters_name_unique" ON "filters" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "processor_route_items_processor" ON "processor_route_items" USING btree ("processor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "processor_routes_name_unique" ON "processor_routes" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "processors_name_unique" ON "processors" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "schemes_name_unique" ON "schemes" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "test_cases_scheme_name" ON "test_cases" USING btree ("scheme_id","name");