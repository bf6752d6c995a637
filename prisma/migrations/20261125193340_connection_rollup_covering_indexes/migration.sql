-- DropIndex
DROP INDEX "ConnectionDailyRollup_grain_day_idx";

-- DropIndex
DROP INDEX "ConnectionHourlyRollup_grain_hour_idx";

-- CreateIndex
CREATE INDEX "ConnectionDailyRollup_grain_day_totals_idx" ON "ConnectionDailyRollup"("grain", "day", "clientUserId", "hostComputerName", "completionExitCode", "attempts", "failures", "sessions", "connectedMs");

-- CreateIndex
CREATE INDEX "ConnectionHourlyRollup_grain_hour_totals_idx" ON "ConnectionHourlyRollup"("grain", "hour", "sessions", "connectedMs");
