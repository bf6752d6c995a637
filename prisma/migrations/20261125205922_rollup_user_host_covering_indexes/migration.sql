-- DropIndex
DROP INDEX "ConnectionDailyRollup_grain_hostComputerName_day_idx";

-- DropIndex
DROP INDEX "ConnectionDailyRollup_grain_clientUserId_day_idx";

-- DropIndex
DROP INDEX "ConnectionHourlyRollup_grain_hostComputerName_hour_idx";

-- DropIndex
DROP INDEX "ConnectionHourlyRollup_grain_clientUserId_hour_idx";

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_clientUserId_day_idx" ON "ConnectionDailyRollup"("grain", "clientUserId", "day", "hostComputerName", "completionExitCode", "attempts", "failures", "sessions", "connectedMs");

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_hostComputerName_day_idx" ON "ConnectionDailyRollup"("grain", "hostComputerName", "day", "clientUserId", "completionExitCode", "attempts", "failures", "sessions", "connectedMs");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_clientUserId_hour_idx" ON "ConnectionHourlyRollup"("grain", "clientUserId", "hour", "hostComputerName", "sessions", "connectedMs");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_hostComputerName_hour_idx" ON "ConnectionHourlyRollup"("grain", "hostComputerName", "hour", "clientUserId", "sessions", "connectedMs");
