/** A link shown for copying by hand: read-only, selected whole when focused (the share card, the deck). */
export function ShareUrl({ value, testId }: { value: string; testId: string }) {
  return <input className="share-url" readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />;
}
