-- PostgreSQL twin of prisma/migrations/20261203064227_covering_task_list_index.

-- DropIndex
DROP INDEX "ServerTask_spaceId_queuedAt_idx";

-- CreateIndex
CREATE INDEX "ServerTask_list" ON "ServerTask"("spaceId", "queuedAt", "id", "projectId", "environmentId", "tenantId", "state", "kind");

