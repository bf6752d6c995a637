-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "facts" TEXT;
