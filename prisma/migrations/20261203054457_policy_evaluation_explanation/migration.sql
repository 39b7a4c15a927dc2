-- AlterTable
ALTER TABLE "PolicyEvaluation" ADD COLUMN "explanation" TEXT;
