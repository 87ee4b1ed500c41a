-- CreateTable
CREATE TABLE "MockSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "quizAttemptId" TEXT NOT NULL,
    "drillSessionId" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "secondsUsed" INTEGER,
    "endedBy" TEXT,
    "score" INTEGER,
    "verdict" TEXT,
    "topicScores" TEXT,

    CONSTRAINT "MockSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MockSession_userId_startedAt_idx" ON "MockSession"("userId", "startedAt");

-- AddForeignKey
ALTER TABLE "MockSession" ADD CONSTRAINT "MockSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
