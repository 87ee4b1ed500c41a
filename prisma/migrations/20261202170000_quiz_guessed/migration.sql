-- AlterTable
ALTER TABLE "QuizAnswer" ADD COLUMN "guessed" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "QuizAnswer" ADD COLUMN "cardBefore" TEXT;

-- AlterTable
ALTER TABLE "LabSubmission" ADD COLUMN "reviewCards" TEXT;
