-- CreateTable
CREATE TABLE "ConnectionDailyRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grain" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "clientUserId" INTEGER,
    "hostComputerName" TEXT,
    "completionExitCode" INTEGER,
    "attempts" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "connectedMs" BIGINT NOT NULL,
    "durationHistogram" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ConnectionHourlyRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grain" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "clientUserId" INTEGER,
    "hostComputerName" TEXT,
    "sessions" INTEGER NOT NULL,
    "connectedMs" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_day_idx" ON "ConnectionDailyRollup"("grain", "day");

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_clientUserId_day_idx" ON "ConnectionDailyRollup"("grain", "clientUserId", "day");

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_hostComputerName_day_idx" ON "ConnectionDailyRollup"("grain", "hostComputerName", "day");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_hour_idx" ON "ConnectionHourlyRollup"("grain", "hour");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_clientUserId_hour_idx" ON "ConnectionHourlyRollup"("grain", "clientUserId", "hour");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_hostComputerName_hour_idx" ON "ConnectionHourlyRollup"("grain", "hostComputerName", "hour");
