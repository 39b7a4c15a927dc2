-- DropIndex
DROP INDEX "ServerTask_spaceId_state_queuedAt_idx";

-- DropIndex
DROP INDEX "ServerTask_spaceId_kind_queuedAt_idx";

-- DropIndex
DROP INDEX "ServerTask_spaceId_projectId_queuedAt_idx";

-- DropIndex
DROP INDEX "ServerTask_spaceId_environmentId_queuedAt_idx";

-- DropIndex
DROP INDEX "ServerTask_spaceId_tenantId_queuedAt_idx";

-- CreateIndex
CREATE INDEX "RunbookRun_runbookId_createdAt_idx" ON "RunbookRun"("runbookId", "createdAt");

-- CreateIndex
CREATE INDEX "ServerTask_list_by_state" ON "ServerTask"("spaceId", "state", "queuedAt", "id", "projectId", "environmentId", "tenantId", "kind");

-- CreateIndex
CREATE INDEX "ServerTask_list_by_kind" ON "ServerTask"("spaceId", "kind", "queuedAt", "id", "projectId", "environmentId", "tenantId", "state");

-- CreateIndex
CREATE INDEX "ServerTask_list_by_project" ON "ServerTask"("spaceId", "projectId", "queuedAt", "id", "environmentId", "tenantId", "state", "kind");

-- CreateIndex
CREATE INDEX "ServerTask_list_by_environment" ON "ServerTask"("spaceId", "environmentId", "queuedAt", "id", "projectId", "tenantId", "state", "kind");

-- CreateIndex
CREATE INDEX "ServerTask_list_by_tenant" ON "ServerTask"("spaceId", "tenantId", "queuedAt", "id", "projectId", "environmentId", "state", "kind");

