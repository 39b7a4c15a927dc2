-- PostgreSQL twin of prisma/migrations/20261203055519_audit_chain_checkpoint.

-- CreateTable
CREATE TABLE "AuditChainCheckpoint" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "recordId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditChainCheckpoint_pkey" PRIMARY KEY ("id")
);
