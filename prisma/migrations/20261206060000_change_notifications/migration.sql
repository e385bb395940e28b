-- Change notifications for the caches every BFF instance keeps (credentials, principals,
-- signing keys, introspection results). Triggers, not application code, announce changes,
-- so no write path can forget to; NOTIFY is transactional: listeners hear of a change when
-- it commits, never of one that rolled back. Payload: '<table>:<key>'.

CREATE FUNCTION "bws_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_key text;
  old_key text;
BEGIN
  IF TG_OP <> 'DELETE' THEN new_key := to_jsonb(NEW) ->> TG_ARGV[0]; END IF;
  IF TG_OP <> 'INSERT' THEN old_key := to_jsonb(OLD) ->> TG_ARGV[0]; END IF;
  IF new_key IS NOT NULL THEN PERFORM pg_notify('bws_changes', TG_TABLE_NAME || ':' || new_key); END IF;
  IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
    PERFORM pg_notify('bws_changes', TG_TABLE_NAME || ':' || old_key);
  END IF;
  RETURN NULL;
END
$$;

-- A revoked or deleted access token: the SHA-256 (hex) of its value, which is how the
-- introspection cache keys it; the value itself never travels.
CREATE FUNCTION "bws_notify_token_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bws_changes', 'access_token:' || encode(sha256(convert_to(OLD."id", 'UTF8')), 'hex'));
  RETURN NULL;
END
$$;

-- last_used_at alone changes once a minute per key and concerns no cache.
CREATE TRIGGER "web_api_keys_changed" AFTER INSERT OR DELETE OR UPDATE OF "app_id", "client_id", "secret_hash", "expires_at", "revoked_at"
  ON "web_api_keys" FOR EACH ROW EXECUTE FUNCTION "bws_notify_change"('app_id');
-- Bulk writes (an import of 10,000 clients with their Owner grants) cost one trigger call
-- per statement, not per row: statement triggers over transition tables. A new client is
-- in no cache, so only its updates and deletion are announced.
CREATE FUNCTION "bws_notify_clients_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bws_changes', 'clients:' || o."id") FROM "old_rows" o;
  RETURN NULL;
END
$$;
CREATE TRIGGER "clients_updated" AFTER UPDATE ON "clients" REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "bws_notify_clients_changed"();
CREATE TRIGGER "clients_deleted" AFTER DELETE ON "clients" REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "bws_notify_clients_changed"();
CREATE TRIGGER "installations_changed" AFTER INSERT OR UPDATE OR DELETE
  ON "installations" FOR EACH ROW EXECUTE FUNCTION "bws_notify_change"('id');
CREATE TRIGGER "storages_changed" AFTER INSERT OR UPDATE OR DELETE
  ON "storages" FOR EACH ROW EXECUTE FUNCTION "bws_notify_change"('installation_id');
CREATE TRIGGER "installation_signing_keys_changed" AFTER INSERT OR UPDATE OR DELETE
  ON "installation_signing_keys" FOR EACH ROW EXECUTE FUNCTION "bws_notify_change"('installation_id');
CREATE FUNCTION "bws_notify_permissions_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bws_changes', 'permissions:' || u."user_id") FROM (SELECT DISTINCT "user_id" FROM "new_rows") u;
  RETURN NULL;
END
$$;
CREATE FUNCTION "bws_notify_permissions_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('bws_changes', 'permissions:' || u."user_id") FROM (SELECT DISTINCT "user_id" FROM "old_rows") u;
  RETURN NULL;
END
$$;
CREATE TRIGGER "permissions_inserted" AFTER INSERT ON "permissions" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "bws_notify_permissions_added"();
CREATE TRIGGER "permissions_updated" AFTER UPDATE ON "permissions" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "bws_notify_permissions_added"();
CREATE TRIGGER "permissions_deleted" AFTER DELETE ON "permissions" REFERENCING OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "bws_notify_permissions_removed"();
CREATE TRIGGER "users_changed" AFTER INSERT OR UPDATE OR DELETE
  ON "users" FOR EACH ROW EXECUTE FUNCTION "bws_notify_change"('id');
-- Expired rows removed by the purge concern no cache.
CREATE TRIGGER "oidc_access_tokens_removed" AFTER DELETE ON "oidc_models" FOR EACH ROW
  WHEN (OLD."type" IN ('AccessToken', 'ClientCredentials') AND (OLD."expires_at" IS NULL OR OLD."expires_at" > (now() AT TIME ZONE 'UTC')))
  EXECUTE FUNCTION "bws_notify_token_removed"();
