import { useId, type ReactNode } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** The value as people read it, e.g. "42" or "18%". */
  display: string;
}

const BAR_HEIGHT = 28;
const GAP = 10;
const LABEL_WIDTH = 220;
const CHART_WIDTH = 640;

/**
 * A horizontal bar chart as an SVG image with a text summary; screen readers get the title and
 * the summary, and the caller puts the same figures in a table below for anyone who wants them.
 */
export function BarChart({ title, summary, bars, children }: { title: string; summary: string; bars: Bar[]; children?: ReactNode }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - 70;
  const height = bars.length * (BAR_HEIGHT + GAP);
  return (
    <figure className="app-chart">
      <figcaption>
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`${id}-title`}>
          {title}
        </h3>
        <p className="govuk-body" id={`${id}-summary`}>
          {summary}
        </p>
      </figcaption>
      <svg
        className="app-chart__svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-summary`}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((bar, index) => {
          const y = index * (BAR_HEIGHT + GAP);
          const width = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * plotWidth);
          return (
            <g key={bar.label}>
              <text className="app-chart__label" x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="middle">
                {bar.label}
              </text>
              <rect className="app-chart__bar" x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} />
              <text className="app-chart__value" x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
      {children}
    </figure>
  );
}
