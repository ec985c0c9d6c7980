import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useLab, type LabState, type LabStore } from './store';

/** Which run's store the panels below read: the primary run unless a compare column says otherwise. */
export const RunContext = createContext<LabStore>(useLab);

/** Like useLab, but for the run of the surrounding RunContext. */
export function useRun<T>(selector: (s: LabState) => T): T {
  return useStore(useContext(RunContext), selector);
}

export function useRunStore(): LabStore {
  return useContext(RunContext);
}
