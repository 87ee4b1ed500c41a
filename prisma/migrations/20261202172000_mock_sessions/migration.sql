-- CreateTable
CREATE TABLE "MockSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "quizAttemptId" TEXT NOT NULL,
    "drillSessionId" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "secondsUsed" INTEGER,
    "endedBy" TEXT,
    "score" INTEGER,
    "verdict" TEXT,
    "topicScores" TEXT,
    CONSTRAINT "MockSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MockSession_userId_startedAt_idx" ON "MockSession"("userId", "startedAt");
