-- DropIndex
DROP INDEX "Connection_completionExitCode_startedAt_idx";

-- DropIndex
DROP INDEX "Connection_status_startedAt_idx";

-- DropIndex
DROP INDEX "Connection_hostComputerName_startedAt_idx";

-- DropIndex
DROP INDEX "Connection_clientUserId_startedAt_idx";

-- CreateIndex
CREATE INDEX "Connection_clientUserId_startedAt_attemptId_idx" ON "Connection"("clientUserId", "startedAt", "attemptId");

-- CreateIndex
CREATE INDEX "Connection_hostComputerName_startedAt_attemptId_idx" ON "Connection"("hostComputerName", "startedAt", "attemptId");

-- CreateIndex
CREATE INDEX "Connection_status_startedAt_attemptId_idx" ON "Connection"("status", "startedAt", "attemptId");

-- CreateIndex
CREATE INDEX "Connection_completionExitCode_startedAt_attemptId_idx" ON "Connection"("completionExitCode", "startedAt", "attemptId");

-- CreateIndex
CREATE INDEX "Connection_durationSeconds_startedAt_attemptId_idx" ON "Connection"("durationSeconds", "startedAt", "attemptId");
