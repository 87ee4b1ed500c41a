-- AlterTable
ALTER TABLE "LabSubmission" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "LabSubmission" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "LabSubmission" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" INTEGER NOT NULL,
    "refilledAtMs" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "LabSubmission_status_leaseExpiresAt_idx" ON "LabSubmission"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_updatedAt_idx" ON "RateLimitBucket"("updatedAt");
