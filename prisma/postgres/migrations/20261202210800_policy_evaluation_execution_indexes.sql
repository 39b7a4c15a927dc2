-- PostgreSQL twin of prisma/migrations/20261202210800_policy_evaluation_execution_indexes.

-- CreateIndex
CREATE INDEX "PolicyEvaluation_deploymentId_idx" ON "PolicyEvaluation"("deploymentId");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_runbookRunId_idx" ON "PolicyEvaluation"("runbookRunId");
