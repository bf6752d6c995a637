-- AlterTable
ALTER TABLE "IntegrationState" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "IntegrationState" ADD COLUMN "leaseHolder" TEXT;
