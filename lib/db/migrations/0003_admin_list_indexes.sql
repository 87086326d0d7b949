-- The users search (lib/db/user-list.ts) needs trigrams; pg_trgm is a trusted extension (PostgreSQL 13+),
-- so the database owner may create it, and PGlite loads it in lib/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "users_status_updated_at_idx" ON "users" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "users_advisor_user_id_idx" ON "users" USING btree ("advisor_user_id");--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin ((lower("first_name" || ' ' || "last_name" || ' ' || "email" || ' ' || "user_id")) gin_trgm_ops);