-- AlterTable
ALTER TABLE "SyncCheckpoint" ADD COLUMN "clockOffsetMs" REAL;
ALTER TABLE "SyncCheckpoint" ADD COLUMN "clockReadAt" DATETIME;
