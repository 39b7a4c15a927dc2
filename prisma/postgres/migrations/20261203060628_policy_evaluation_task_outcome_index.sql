-- PostgreSQL twin of prisma/migrations/20261203060628_policy_evaluation_task_outcome_index.

-- DropIndex
DROP INDEX "PolicyEvaluation_taskId_idx";

-- CreateIndex
CREATE INDEX "PolicyEvaluation_taskId_outcome_policyVersionId_idx" ON "PolicyEvaluation"("taskId", "outcome", "policyVersionId");

