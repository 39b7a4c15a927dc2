-- CreateIndex
CREATE INDEX "PolicyEvaluation_deploymentId_idx" ON "PolicyEvaluation"("deploymentId");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_runbookRunId_idx" ON "PolicyEvaluation"("runbookRunId");

