import type { CSSProperties } from 'react';
import { useStore } from 'zustand';
import { schema, type NumberParam, type ParamKey, type Params } from '../params/schema';
import { useLab, type LabStore } from '../state/store';
import { noteSliderInput } from '../state/snapshotGate';
import { conceptFgFraction } from '../panels/conceptData';
import {
  formatValue,
  fromPosition as fromSlider,
  isSliderKey,
  SLIDER_STEPS,
  toPosition as toSlider,
  valueAfterKey,
} from '../params/sliderScale';

/** A marked value on a slider, with a button that sets it exactly (the slider's grid may miss it). */
export interface SliderMark {
  value: number;
  label: string;
  title: string;
}

/** One control of the primary run, generated from the schema. */
export function ParamControl({ name, disabled }: { name: ParamKey; disabled?: boolean }) {
  const value = useLab((s) => s.params[name]);
  const setParam = useLab((s) => s.setParam);
  const conceptRatio = useLab((s) => s.params.conceptRatio);
  // ε = f/N of the concept data is where the numeric ε form equals the authors' loss (docs/design.md §1.3).
  const mark: SliderMark | undefined =
    name === 'eps'
      ? (() => {
          const fN = conceptFgFraction({ ratio: conceptRatio });
          return {
            value: fN,
            label: 'f/N',
            title: `Set ε = f/N = ${fN.toPrecision(4)} of the concept data: Inter-CBL with this ε equals the authors' code on it`,
          };
        })()
      : undefined;
  return (
    <ParamControlView
      name={name}
      value={value}
      disabled={disabled}
      onChange={(v) => setParam(name, v as never)}
      mark={mark}
    />
  );
}

/** A control bound to another run's store (compare mode's run B); changes go through onChange. */
export function ParamControlFor({
  name,
  store,
  onChange,
  testIdPrefix,
}: {
  name: ParamKey;
  store: LabStore;
  onChange: (value: Params[ParamKey]) => void;
  testIdPrefix: string;
}) {
  const value = useStore(store, (s) => s.params[name]);
  return <ParamControlView name={name} value={value} onChange={onChange} testIdPrefix={testIdPrefix} />;
}

/** A slider for numbers, a select for choices; the tooltip names the paper's symbol. */
export function ParamControlView({
  name,
  value,
  disabled,
  onChange,
  testIdPrefix = '',
  mark,
  shortLabel,
}: {
  name: ParamKey;
  value: Params[ParamKey];
  disabled?: boolean;
  onChange: (value: Params[ParamKey]) => void;
  testIdPrefix?: string;
  mark?: SliderMark;
  /** A shorter visible label where space is tight (the slider dock); the accessible name stays the schema's. */
  shortLabel?: string;
}) {
  const spec = schema[name];
  const setParam = (_: ParamKey, v: Params[ParamKey]): void => onChange(v);
  const tip = `${spec.help}${spec.symbol ? ` (symbol ${spec.symbol.replace(/\\/g, '')})` : ''}`;
  if (spec.kind === 'choice') {
    return (
      <label className="control" title={tip}>
        <span className="control-label">{spec.label}</span>
        <select
          data-testid={`${testIdPrefix}select-${name}`}
          value={String(value)}
          disabled={disabled}
          onChange={(e) => setParam(name, e.target.value as never)}
        >
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const num = value as number;
  return (
    <label className="control" title={tip}>
      <span className="control-label">
        {shortLabel ?? spec.label}{' '}
        <output data-testid={`${testIdPrefix}value-${name}`}>{formatValue(spec, num)}</output>
      </span>
      <RangeInput
        spec={spec}
        label={spec.label}
        value={num}
        disabled={disabled}
        testId={`${testIdPrefix}slider-${name}`}
        onValue={(v) => setParam(name, v as never)}
      />
      {mark ? (
        <MarkRow
          spec={spec}
          mark={mark}
          value={num}
          disabled={disabled}
          testId={`${testIdPrefix}mark-${name}`}
          onSet={(v) => setParam(name, v as never)}
        />
      ) : null}
    </label>
  );
}

/**
 * The range input on the 0…1000 track. Keys move through values, one shown step per arrow, and
 * screen readers hear the shown value (src/params/sliderScale.ts).
 */
function RangeInput({
  spec,
  label,
  value,
  disabled,
  testId,
  onValue,
}: {
  spec: NumberParam;
  label: string;
  value: number;
  disabled?: boolean;
  testId: string;
  onValue: (v: number) => void;
}) {
  const position = toSlider(spec, value);
  return (
    <input
      type="range"
      data-testid={testId}
      min={0}
      max={SLIDER_STEPS}
      step={1}
      value={position}
      // The filled part of the track, for styles that draw their own (the presentation strip).
      style={{ '--fill': `${(100 * position) / SLIDER_STEPS}%` } as CSSProperties}
      disabled={disabled}
      aria-label={label}
      aria-valuetext={formatValue(spec, value)}
      onKeyDown={(e) => {
        if (!isSliderKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        const next = valueAfterKey(spec, value, e.key);
        if (next === value) return;
        noteSliderInput();
        onValue(next);
      }}
      onChange={(e) => {
        noteSliderInput();
        onValue(fromSlider(spec, Number(e.target.value)));
      }}
    />
  );
}

/** A tick under the slider at the marked value, and a button that sets it exactly. */
function MarkRow({
  spec,
  mark,
  value,
  disabled,
  testId,
  onSet,
}: {
  spec: NumberParam;
  mark: SliderMark;
  value: number;
  disabled?: boolean;
  testId: string;
  onSet: (v: number) => void;
}) {
  const inRange = mark.value >= spec.min && mark.value <= spec.max;
  const left = `${(100 * toSlider(spec, Math.min(spec.max, Math.max(spec.min, mark.value)))) / SLIDER_STEPS}%`;
  const exact = Math.abs(value - mark.value) <= 1e-12 * Math.max(1, mark.value);
  return (
    <span className="slider-mark" style={{ position: 'relative', display: 'block', height: 18, fontSize: 11 }}>
      {inRange ? (
        <span
          aria-hidden="true"
          style={{
            position: 'absolute',
            left,
            top: 0,
            width: 2,
            height: 7,
            background: '#59636e',
            transform: 'translateX(-1px)',
          }}
        />
      ) : null}
      <button
        type="button"
        data-testid={testId}
        disabled={disabled || !inRange}
        title={mark.title}
        onClick={(e) => {
          e.preventDefault();
          onSet(mark.value);
        }}
        style={{
          position: 'absolute',
          left,
          top: 6,
          transform: 'translateX(-50%)',
          fontSize: 11,
          padding: '0 4px',
          lineHeight: '12px',
          fontWeight: exact ? 700 : 400,
        }}
      >
        {mark.label}
        {exact ? ' ✓' : ''}
      </button>
    </span>
  );
}
