/** The shapes the profiling tools read (bench/sliderProfile.ts, bench/loadProfile.ts): Chromium trace events and V8 CPU profiles. */

/** One event of a Chromium trace (the fields these tools read). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { type?: string; functionName?: string; url?: string } };
}

/** A node of a V8 sampling profile (`Profiler.stop`). */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** "function file:line", the name a function is reported under. */
export const frameName = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

/**
 * The stack of a sample: its leaf node and each caller up to the root, leaf first (a V8 profile
 * stores only children, so the parents are indexed once per profile).
 */
export function stacksOf(p: Pick<CpuProfile, 'nodes'>): (leaf: number) => ProfileNode[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return (leaf) => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = leaf; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) stack.push(node);
    }
    return stack;
  };
}
