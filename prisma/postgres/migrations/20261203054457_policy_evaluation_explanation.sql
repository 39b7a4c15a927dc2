-- PostgreSQL twin of prisma/migrations/20261203054457_policy_evaluation_explanation: the decision's
-- explanation (which rule bodies decided, what failed) stored with each evaluation.

-- AlterTable
ALTER TABLE "PolicyEvaluation" ADD COLUMN "explanation" TEXT;
