-- AlterTable
ALTER TABLE "ServerTask" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "ServerTask" ADD COLUMN "leaseExpiresAt" DATETIME;

-- CreateIndex
CREATE INDEX "ServerTask_state_leaseExpiresAt_idx" ON "ServerTask"("state", "leaseExpiresAt");

