-- Writers of the same users take turns until their transaction ends: one advisory lock per user id,
-- taken in one order (sorted ids) so that two writers can never deadlock. (lib/db/user-locks.ts
-- calls it; apply_user_states below does too: one definition of the lock's key.)
CREATE FUNCTION lock_users_for_writing(user_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  user_id text;
BEGIN
  FOR user_id IN SELECT DISTINCT id FROM unnest(user_ids) AS id ORDER BY id LOOP
    PERFORM pg_advisory_xact_lock(hashtext(user_id));
  END LOOP;
END;
$$;
--> statement-breakpoint
-- True when two requirement maps tick the same boxes (a missing key counts as not ticked). jsonb
-- keeps no key order, so they are compared key by key.
CREATE FUNCTION same_requirements(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT NOT EXISTS (
    SELECT 1
    FROM (SELECT jsonb_object_keys(a) UNION SELECT jsonb_object_keys(b)) AS keys(key)
    WHERE coalesce(a -> key = 'true', false) <> coalesce(b -> key = 'true', false)
  )
$$;
--> statement-breakpoint
-- Stores what sFOX said about users, in the given order, with an event-log entry for each change
-- of status or requirements, in the caller's transaction and one statement: the feed waits for this
-- write before any stream sees the event, so it makes one round trip to the database, not five.
-- lib/events/apply-user-state.ts (`writeUserStates`) is its only caller and documents the rules:
-- - a snapshot not newer than the stored one (`observedAtNs` <= `sfox_updated_ns`) changes no state:
--   a late PENDING cannot undo VERIFIED, and the same snapshot twice is recorded once;
-- - a newer user token (already sealed by the caller) is kept even then, and so is an advisor link
--   the stored row lacks;
-- - empty names, email or phone in a snapshot keep the stored ones; an absent `advisorUserId` keeps
--   the stored link, null removes it.
-- `inputs`: [{ user: {userId, accountType, accountRole, status, requirements, firstName, lastName,
--   email, phoneNumber, advisorUserId?}, observedAtNs: text, kind, token: {sealed, expiresAt} | null }].
-- `event_log_lock` / `event_log_channel`: on a shared PostgreSQL, the event log's writer lock and
-- NOTIFY channel (lib/db/events.ts explains both); null on the embedded database, which needs neither.
-- Answers { applied: [boolean per input], users: [each written row, sfox_updated_ns as text],
--   events: [{ input, event }] }.
CREATE FUNCTION apply_user_states(inputs jsonb, event_log_lock bigint, event_log_channel text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  input_index integer;
  input jsonb;
  snapshot jsonb;
  observed_ns bigint;
  new_requirements jsonb;
  stored users%ROWTYPE;
  is_stored boolean;
  sealed_token text;
  token_expires_at timestamptz;
  newer_token boolean;
  appended events%ROWTYPE;
  applied jsonb := '[]';
  written text[] := '{}';
  changes jsonb := '[]';
  log_locked boolean := false;
BEGIN
  IF event_log_lock IS NOT NULL THEN
    PERFORM lock_users_for_writing(ARRAY(SELECT value #>> '{user,userId}' FROM jsonb_array_elements(inputs)));
  END IF;

  FOR input_index IN 0 .. jsonb_array_length(inputs) - 1 LOOP
    input := inputs -> input_index;
    snapshot := input -> 'user';
    observed_ns := (input ->> 'observedAtNs')::bigint;
    new_requirements := CASE WHEN jsonb_typeof(snapshot -> 'requirements') = 'object' THEN snapshot -> 'requirements' ELSE '{}' END;
    -- What the earlier inputs of this call left, as they wrote it.
    SELECT * INTO stored FROM users WHERE user_id = snapshot ->> 'userId';
    is_stored := FOUND;
    sealed_token := input #>> '{token,sealed}';
    token_expires_at := (input #>> '{token,expiresAt}')::timestamptz;
    newer_token := sealed_token IS NOT NULL
      AND (stored.user_token_expires_at IS NULL OR token_expires_at >= stored.user_token_expires_at);

    IF is_stored AND stored.sfox_updated_ns IS NOT NULL AND observed_ns <= stored.sfox_updated_ns THEN
      applied := applied || 'false'::jsonb;
      -- The feed never carries the advisor link; a registration's answer may still add it.
      IF newer_token OR (coalesce(stored.advisor_user_id, '') = '' AND coalesce(snapshot ->> 'advisorUserId', '') <> '') THEN
        UPDATE users SET
          user_token_encrypted = CASE WHEN newer_token THEN sealed_token ELSE user_token_encrypted END,
          user_token_expires_at = CASE WHEN newer_token THEN token_expires_at ELSE user_token_expires_at END,
          advisor_user_id = CASE WHEN coalesce(advisor_user_id, '') = '' AND coalesce(snapshot ->> 'advisorUserId', '') <> ''
            THEN snapshot ->> 'advisorUserId' ELSE advisor_user_id END,
          updated_at = now()
        WHERE user_id = stored.user_id;
        written := written || stored.user_id;
      END IF;
      CONTINUE;
    END IF;

    applied := applied || 'true'::jsonb;
    INSERT INTO users (user_id, account_type, account_role, status, requirements, first_name, last_name, email,
      phone_number, advisor_user_id, user_token_encrypted, user_token_expires_at, sfox_updated_ns)
    VALUES (
      snapshot ->> 'userId', snapshot ->> 'accountType', snapshot ->> 'accountRole', snapshot ->> 'status', new_requirements,
      coalesce(nullif(snapshot ->> 'firstName', ''), stored.first_name, ''),
      coalesce(nullif(snapshot ->> 'lastName', ''), stored.last_name, ''),
      coalesce(nullif(snapshot ->> 'email', ''), stored.email, ''),
      coalesce(nullif(snapshot ->> 'phoneNumber', ''), stored.phone_number, ''),
      CASE WHEN snapshot ? 'advisorUserId' THEN snapshot ->> 'advisorUserId' ELSE stored.advisor_user_id END,
      CASE WHEN newer_token THEN sealed_token ELSE stored.user_token_encrypted END,
      CASE WHEN newer_token THEN token_expires_at ELSE stored.user_token_expires_at END,
      observed_ns)
    ON CONFLICT (user_id) DO UPDATE SET
      account_type = excluded.account_type, account_role = excluded.account_role, status = excluded.status,
      requirements = excluded.requirements, first_name = excluded.first_name, last_name = excluded.last_name,
      email = excluded.email, phone_number = excluded.phone_number, advisor_user_id = excluded.advisor_user_id,
      user_token_encrypted = excluded.user_token_encrypted, user_token_expires_at = excluded.user_token_expires_at,
      sfox_updated_ns = excluded.sfox_updated_ns, updated_at = now();
    written := written || (snapshot ->> 'userId');

    IF NOT is_stored OR stored.status <> snapshot ->> 'status' OR NOT same_requirements(stored.requirements, new_requirements) THEN
      IF event_log_lock IS NOT NULL AND NOT log_locked THEN
        PERFORM pg_advisory_xact_lock(event_log_lock);
        log_locked := true;
      END IF;
      INSERT INTO events (user_id, kind, payload)
      VALUES (snapshot ->> 'userId', input ->> 'kind',
        jsonb_build_object('status', snapshot ->> 'status', 'requirements', new_requirements, 'previousStatus', stored.status))
      RETURNING * INTO appended;
      changes := changes || jsonb_build_object('input', input_index, 'event', to_jsonb(appended));
    END IF;
  END LOOP;

  IF log_locked THEN
    PERFORM pg_notify(event_log_channel, changes -> -1 -> 'event' ->> 'id');
  END IF;
  RETURN jsonb_build_object(
    'applied', applied,
    'events', changes,
    'users', coalesce(
      (SELECT jsonb_agg(to_jsonb(u) || jsonb_build_object('sfox_updated_ns', u.sfox_updated_ns::text))
       FROM users AS u WHERE u.user_id = ANY (written)),
      '[]'));
END;
$$;
