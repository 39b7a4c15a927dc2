-- The projects list ranks each project's latest deployments by createdAt and id: covered here,
-- it reads no table rows and sorts only within each project.
-- CreateIndex
CREATE INDEX "LatestExecution_projectId_kind_createdAt_executionId_idx" ON "LatestExecution"("projectId", "kind", "createdAt", "executionId");
