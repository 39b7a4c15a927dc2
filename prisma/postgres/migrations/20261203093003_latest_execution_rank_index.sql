-- PostgreSQL twin of prisma/migrations/20261203093003_latest_execution_rank_index.

-- CreateIndex
CREATE INDEX "LatestExecution_projectId_kind_createdAt_executionId_idx" ON "LatestExecution"("projectId", "kind", "createdAt", "executionId");
