-- AlterTable
ALTER TABLE "ViewerAuditEntry" ADD COLUMN "facts" TEXT;
