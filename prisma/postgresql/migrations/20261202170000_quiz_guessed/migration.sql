-- AlterTable
ALTER TABLE "QuizAnswer" ADD COLUMN     "cardBefore" TEXT,
ADD COLUMN     "guessed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "LabSubmission" ADD COLUMN     "reviewCards" TEXT;
