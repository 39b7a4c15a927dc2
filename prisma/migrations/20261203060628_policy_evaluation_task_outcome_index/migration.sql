-- DropIndex
DROP INDEX "PolicyEvaluation_taskId_idx";

-- CreateIndex
CREATE INDEX "PolicyEvaluation_taskId_outcome_policyVersionId_idx" ON "PolicyEvaluation"("taskId", "outcome", "policyVersionId");

