import { RANGES, RANGE_LABELS, type RangeId } from '../lib/range.ts';

export interface RangePickerProps {
  range: RangeId;
  customFrom: string;
  customTo: string;
  onRange: (range: RangeId) => void;
  onCustom: (from: string, to: string) => void;
}

export function RangePicker({ range, customFrom, customTo, onRange, onCustom }: RangePickerProps) {
  return (
    <div className="range-picker" role="group" aria-label="Time range of the charts">
      {RANGES.map((r) => (
        <button key={r} type="button" className={r === range ? 'segment on' : 'segment'} aria-pressed={r === range}
          data-testid={`range-${r}`} onClick={() => onRange(r)}>
          {RANGE_LABELS[r]}
        </button>
      ))}
      {range === 'custom' ? (
        <span className="range-custom">
          <label className="field-inline">From <input type="datetime-local" value={customFrom} onChange={(e) => onCustom(e.target.value, customTo)} /></label>
          <label className="field-inline">To <input type="datetime-local" value={customTo} onChange={(e) => onCustom(customFrom, e.target.value)} /></label>
        </span>
      ) : null}
    </div>
  );
}
