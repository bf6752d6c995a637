-- DropIndex
DROP INDEX "Event_exitCode_idx";

-- CreateIndex
CREATE INDEX "Event_exitCode_occurredAt_idx" ON "Event"("exitCode", "occurredAt");
