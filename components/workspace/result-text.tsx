'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { LabResultTexts } from '@/lib/labs/result-text';

/**
 * The lab's result translation tables (lab.zh.json `tests`, `testPatterns`, `advice`) for the test
 * list, so results the browser computes itself (Run, in a Web Worker) are shown in Chinese too.
 * app/labs/[lab]/page.tsx renders the provider around the workspace; null in English.
 */
const LabResultTextsContext = createContext<LabResultTexts | null>(null);

export function LabResultTextsProvider({ texts, children }: { texts: LabResultTexts | null; children: ReactNode }) {
  return <LabResultTextsContext.Provider value={texts}>{children}</LabResultTextsContext.Provider>;
}

export function useLabResultTexts(): LabResultTexts | null {
  return useContext(LabResultTextsContext);
}
