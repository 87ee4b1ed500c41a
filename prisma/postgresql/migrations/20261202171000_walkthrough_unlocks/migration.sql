-- CreateTable
CREATE TABLE "WalkthroughUnlock" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "unlockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalkthroughUnlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WalkthroughUnlock_userId_labId_key" ON "WalkthroughUnlock"("userId", "labId");

-- AddForeignKey
ALTER TABLE "WalkthroughUnlock" ADD CONSTRAINT "WalkthroughUnlock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
