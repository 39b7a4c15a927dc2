-- AlterTable
ALTER TABLE "PolicyEvaluation" ADD COLUMN "exemptionId" TEXT;

-- CreateTable
CREATE TABLE "PolicyExemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT,
    "tenantId" TEXT,
    "owner" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedBy" TEXT
);

-- CreateIndex
CREATE INDEX "PolicyExemption_policyId_projectId_expiresAt_idx" ON "PolicyExemption"("policyId", "projectId", "expiresAt");

-- CreateIndex
CREATE INDEX "PolicyExemption_expiresAt_idx" ON "PolicyExemption"("expiresAt");

