import { formatDate } from '../../components/ui/labels';
import { formatValue, type KpiFigures } from './kpi-summary';

const WIDTH = 600;
const HEIGHT = 240;
const PAD = { top: 20, right: 110, bottom: 36, left: 64 };

/**
 * A KPI's measurements over time against its baseline and target, as an SVG image whose name and
 * description carry the summary; the data table beside it holds every value as text.
 */
export function KpiChart({ kpi, id, summary }: { kpi: KpiFigures; id: string; summary: string }) {
  const points = [...kpi.measurements].sort((a, b) => Date.parse(a.measuredOn) - Date.parse(b.measuredOn));
  const values = [kpi.baseline, kpi.target, ...points.map((point) => point.value)];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const y = (value: number) => PAD.top + (1 - (value - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const times = points.map((point) => Date.parse(point.measuredOn));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = (time: number) => (times.length < 2 || last === first ? PAD.left + (WIDTH - PAD.left - PAD.right) / 2 : PAD.left + ((time - first) / (last - first)) * (WIDTH - PAD.left - PAD.right));
  const line = points.map((point) => `${x(Date.parse(point.measuredOn)).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  const right = WIDTH - PAD.right;

  return (
    <svg className="app-kpi-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
      <title id={`${id}-title`}>Chart of {kpi.name}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="app-kpi-chart__axis" />
      <line x1={PAD.left} x2={right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="app-kpi-chart__axis" />
      <text x={PAD.left - 8} y={y(high) + 4} textAnchor="end" className="app-kpi-chart__label">
        {formatValue(high, '')}
      </text>
      <text x={PAD.left - 8} y={y(low) + 4} textAnchor="end" className="app-kpi-chart__label">
        {formatValue(low, '')}
      </text>
      <line x1={PAD.left} x2={right} y1={y(kpi.baseline)} y2={y(kpi.baseline)} className="app-kpi-chart__baseline" />
      <text x={right + 6} y={y(kpi.baseline) + 4} className="app-kpi-chart__label">
        Baseline
      </text>
      <line x1={PAD.left} x2={right} y1={y(kpi.target)} y2={y(kpi.target)} className="app-kpi-chart__target" />
      <text x={right + 6} y={y(kpi.target) + 4} className="app-kpi-chart__label">
        Target
      </text>
      {points.length > 1 && <polyline points={line} className="app-kpi-chart__line" />}
      {points.map((point) => (
        <circle key={`${point.measuredOn}-${point.value}`} cx={x(Date.parse(point.measuredOn))} cy={y(point.value)} r={5} className="app-kpi-chart__point" />
      ))}
      {points.length > 0 && (
        <>
          <text x={PAD.left} y={HEIGHT - 12} className="app-kpi-chart__label">
            {formatDate(points[0]!.measuredOn)}
          </text>
          {points.length > 1 && (
            <text x={right} y={HEIGHT - 12} textAnchor="end" className="app-kpi-chart__label">
              {formatDate(points.at(-1)!.measuredOn)}
            </text>
          )}
        </>
      )}
      {points.length === 0 && (
        <text x={(PAD.left + right) / 2} y={HEIGHT / 2} textAnchor="middle" className="app-kpi-chart__label">
          No measurements yet
        </text>
      )}
    </svg>
  );
}
