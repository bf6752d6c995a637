-- AlterTable
ALTER TABLE "IntegrationState" ADD COLUMN "failingSince" DATETIME;
