-- PostgreSQL twin of prisma/migrations/20261203053712_policy_exemptions: time-bound exemptions
-- from a policy (lib/exemptions) and the exemption an "exempted" evaluation was recorded under.

-- AlterTable
ALTER TABLE "PolicyEvaluation" ADD COLUMN "exemptionId" TEXT;

-- CreateTable
CREATE TABLE "PolicyExemption" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT,
    "tenantId" TEXT,
    "owner" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokedBy" TEXT,

    CONSTRAINT "PolicyExemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyExemption_policyId_projectId_expiresAt_idx" ON "PolicyExemption"("policyId", "projectId", "expiresAt");

-- CreateIndex
CREATE INDEX "PolicyExemption_expiresAt_idx" ON "PolicyExemption"("expiresAt");
