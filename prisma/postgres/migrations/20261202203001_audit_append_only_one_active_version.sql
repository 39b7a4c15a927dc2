-- The audit log is append-only, as on SQLite (20261202194500_users_sessions_roles_api_keys_audit_chain):
-- no code path may rewrite or remove a record, and the hash chain shows when someone did so anyway.
CREATE FUNCTION "AuditEvent_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % is refused', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "AuditEvent_refuse_change"();
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "AuditEvent_refuse_change"();

-- One active version per policy, as on SQLite (20261128020000_init): a concurrent activation loses.
CREATE UNIQUE INDEX "PolicyVersion_one_active_per_policy" ON "PolicyVersion"("policyId") WHERE "isActive";
