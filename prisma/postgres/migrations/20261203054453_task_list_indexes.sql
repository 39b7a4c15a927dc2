-- PostgreSQL twin of prisma/migrations/20261203054453_task_list_indexes.

-- CreateIndex
CREATE INDEX "ServerTask_tenantId_queuedAt_idx" ON "ServerTask"("tenantId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_state_queuedAt_idx" ON "ServerTask"("spaceId", "state", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_kind_queuedAt_idx" ON "ServerTask"("spaceId", "kind", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_projectId_queuedAt_idx" ON "ServerTask"("spaceId", "projectId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_environmentId_queuedAt_idx" ON "ServerTask"("spaceId", "environmentId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_tenantId_queuedAt_idx" ON "ServerTask"("spaceId", "tenantId", "queuedAt");

