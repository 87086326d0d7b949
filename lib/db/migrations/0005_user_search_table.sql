CREATE TABLE "user_search" (
	"user_id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "users_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "user_search" ADD CONSTRAINT "user_search_user_id_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_search_text_trgm_idx" ON "user_search" USING gin ("text" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- user_search follows users: a new user gets its row, and a change of name or email rewrites it. A
-- write that changes only status, requirements or tokens (the feed's) leaves it, and its index, alone.
CREATE FUNCTION keep_user_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO user_search (user_id, text)
  VALUES (NEW.user_id, lower(NEW.first_name || ' ' || NEW.last_name || ' ' || NEW.email || ' ' || NEW.user_id))
  ON CONFLICT (user_id) DO UPDATE SET text = excluded.text;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_search_on_insert AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION keep_user_search();
--> statement-breakpoint
CREATE TRIGGER users_search_on_rename AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
    OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION keep_user_search();
--> statement-breakpoint
INSERT INTO user_search (user_id, text)
SELECT user_id, lower(first_name || ' ' || last_name || ' ' || email || ' ' || user_id) FROM "users";
