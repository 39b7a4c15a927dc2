-- Each latest execution carries the distinct outcome:violationAction pairs of its evaluations, so
-- the projects list reads one table instead of joining every latest execution's evaluations.
-- Added in place rather than by redefining the table: same columns, and the triggers that fill
-- it stay untouched.
ALTER TABLE "LatestExecution" ADD COLUMN "outcomes" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "LatestExecution_projectId_outcomes_idx" ON "LatestExecution"("projectId", "outcomes");

-- CreateIndex
CREATE INDEX "LatestExecution_taskId_idx" ON "LatestExecution"("taskId");

-- The one count of a task's pairs: run whenever a row gets a task (a newer execution takes the
-- target, a deleted one hands it back), whatever was written first, the execution or its evaluations.
CREATE TRIGGER "LatestExecution_outcomes_count" AFTER UPDATE OF "taskId" ON "LatestExecution"
BEGIN
    UPDATE "LatestExecution" SET "outcomes" = (
        SELECT COALESCE(group_concat("pair" || ' ', ''), '') FROM (
            SELECT DISTINCT e."outcome" || ':' || v."violationAction" AS "pair"
            FROM "PolicyEvaluation" e JOIN "PolicyVersion" v ON v."id" = e."policyVersionId"
            WHERE e."taskId" = NEW."taskId"
        )
    ) WHERE "executionId" = NEW."executionId";
END;

CREATE TRIGGER "LatestExecution_outcomes_insert" AFTER INSERT ON "LatestExecution"
BEGIN
    UPDATE "LatestExecution" SET "taskId" = "taskId" WHERE "executionId" = NEW."executionId";
END;

-- An evaluation of a latest execution adds its pair unless the row has it already.
CREATE TRIGGER "LatestExecution_outcomes_evaluation_insert" AFTER INSERT ON "PolicyEvaluation"
BEGIN
    UPDATE "LatestExecution"
    SET "outcomes" = "outcomes" || NEW."outcome" || ':' || (SELECT "violationAction" FROM "PolicyVersion" WHERE "id" = NEW."policyVersionId") || ' '
    WHERE "taskId" = NEW."taskId"
      AND instr(' ' || "outcomes", ' ' || NEW."outcome" || ':' || (SELECT "violationAction" FROM "PolicyVersion" WHERE "id" = NEW."policyVersionId") || ' ') = 0;
END;

-- A deleted evaluation may have been the last of its pair: count again.
CREATE TRIGGER "LatestExecution_outcomes_evaluation_delete" AFTER DELETE ON "PolicyEvaluation"
BEGIN
    UPDATE "LatestExecution" SET "taskId" = "taskId" WHERE "taskId" = OLD."taskId";
END;

UPDATE "LatestExecution" SET "taskId" = "taskId";
