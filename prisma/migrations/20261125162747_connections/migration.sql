-- CreateTable
CREATE TABLE "Connection" (
    "attemptId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "requestedAt" DATETIME,
    "relayedAt" DATETIME,
    "completedAt" DATETIME,
    "endedAt" DATETIME,
    "lastEventAt" DATETIME NOT NULL,
    "durationSeconds" REAL,
    "clientUserId" INTEGER,
    "clientComputerName" TEXT,
    "clientIp" TEXT,
    "clientOs" TEXT,
    "clientOsVersion" TEXT,
    "clientPlatform" TEXT,
    "clientAppVersion" TEXT,
    "hostComputerName" TEXT,
    "hostPeerId" TEXT,
    "hostUserId" INTEGER,
    "hostIsShared" BOOLEAN,
    "hostIsTeamComputer" BOOLEAN,
    "hostIp" TEXT,
    "hostPlatform" TEXT,
    "hostAppVersion" TEXT,
    "connectingToSelf" BOOLEAN,
    "completionExitCode" INTEGER,
    "hostCompletionExitCode" INTEGER,
    "disconnectExitCode" INTEGER,
    "hostDisconnectExitCode" INTEGER,
    "hostDurationSeconds" REAL,
    "eventCount" INTEGER NOT NULL,
    "missingEvents" TEXT,
    "disagreements" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Connection_startedAt_attemptId_idx" ON "Connection"("startedAt", "attemptId");

-- CreateIndex
CREATE INDEX "Connection_clientUserId_startedAt_idx" ON "Connection"("clientUserId", "startedAt");

-- CreateIndex
CREATE INDEX "Connection_hostComputerName_startedAt_idx" ON "Connection"("hostComputerName", "startedAt");

-- CreateIndex
CREATE INDEX "Connection_status_startedAt_idx" ON "Connection"("status", "startedAt");

-- CreateIndex
CREATE INDEX "Connection_completionExitCode_startedAt_idx" ON "Connection"("completionExitCode", "startedAt");
