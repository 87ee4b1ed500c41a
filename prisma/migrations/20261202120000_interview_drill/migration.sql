-- CreateTable
CREATE TABLE "DrillSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT,
    "cardIds" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "DrillSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrillAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "covered" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "seconds" INTEGER NOT NULL,
    "notes" TEXT,
    "grade" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DrillAnswer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DrillSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DrillSession_userId_startedAt_idx" ON "DrillSession"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "DrillAnswer_userId_answeredAt_idx" ON "DrillAnswer"("userId", "answeredAt");

-- CreateIndex
CREATE INDEX "DrillAnswer_userId_cardId_idx" ON "DrillAnswer"("userId", "cardId");

-- CreateIndex
CREATE UNIQUE INDEX "DrillAnswer_sessionId_cardId_key" ON "DrillAnswer"("sessionId", "cardId");

