import { useLab } from '../state/store';

/** Visible messages: clamped URL values, backend fallbacks, NaN pauses, device loss. */
export function Notices() {
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices" role="status">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.text}</span>
          <button aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
