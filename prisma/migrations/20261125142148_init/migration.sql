-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timestamp" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "userId" INTEGER NOT NULL,
    "teamId" TEXT NOT NULL,
    "userEmail" TEXT,
    "data" TEXT NOT NULL,
    "extra" TEXT,
    "attemptId" TEXT,
    "exitCode" INTEGER,
    "duration" REAL,
    "hostComputerName" TEXT,
    "clientComputerName" TEXT,
    "hostPeerId" TEXT,
    "clientPeerId" TEXT,
    "hostUserId" INTEGER,
    "clientUserId" INTEGER,
    "ip" TEXT,
    "platform" TEXT,
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "QuarantinedEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rawHash" TEXT NOT NULL,
    "eventId" TEXT,
    "raw" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timesSeen" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "progress" TEXT
);

-- CreateTable
CREATE TABLE "SyncCheckpoint" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "coveredUntil" DATETIME,
    "historyStartsAt" DATETIME,
    "passMode" TEXT,
    "passStartAt" TEXT,
    "passEndAt" TEXT,
    "passCursor" TEXT,
    "passPages" INTEGER NOT NULL DEFAULT 0,
    "passEvents" INTEGER NOT NULL DEFAULT 0,
    "passStartedAt" DATETIME,
    "passOldestAt" DATETIME,
    "passNewestAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "runId" INTEGER,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "key" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Event_occurredAt_id_idx" ON "Event"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "Event_userId_occurredAt_idx" ON "Event"("userId", "occurredAt");

-- CreateIndex
CREATE INDEX "Event_name_occurredAt_idx" ON "Event"("name", "occurredAt");

-- CreateIndex
CREATE INDEX "Event_hostComputerName_occurredAt_idx" ON "Event"("hostComputerName", "occurredAt");

-- CreateIndex
CREATE INDEX "Event_attemptId_idx" ON "Event"("attemptId");

-- CreateIndex
CREATE INDEX "Event_exitCode_idx" ON "Event"("exitCode");

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedEvent_rawHash_key" ON "QuarantinedEvent"("rawHash");

-- CreateIndex
CREATE INDEX "QuarantinedEvent_eventId_idx" ON "QuarantinedEvent"("eventId");

-- CreateIndex
CREATE INDEX "SyncRun_kind_startedAt_idx" ON "SyncRun"("kind", "startedAt");

-- CreateIndex
CREATE INDEX "ApiRequest_key_at_idx" ON "ApiRequest"("key", "at");
