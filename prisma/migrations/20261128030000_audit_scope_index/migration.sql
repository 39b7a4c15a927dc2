-- The audit page's "what happened to this project in this environment (for this tenant)" filter:
-- with only single-column indexes SQLite walks one of them and checks every row's other columns,
-- which at a million records costs tens of milliseconds (npm run bench:audit).
CREATE INDEX "AuditEvent_projectId_environmentId_tenantId_occurredAt_idx" ON "AuditEvent"("projectId", "environmentId", "tenantId", "occurredAt" DESC);
