-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "runner" TEXT;
