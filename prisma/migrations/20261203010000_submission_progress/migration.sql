-- AlterTable
ALTER TABLE "LabSubmission" ADD COLUMN "progress" TEXT;
