import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../lib/theme';
import { HISTORY_WINDOW_MS } from '../../presentation/stats';

/**
 * A small uPlot time-series chart of the last 5 minutes. Colours come from the theme's CSS variables
 * (re-created when the theme changes); it follows its box's size (ResizeObserver) and redraws from
 * `data()` whenever `version` changes, without re-creating the chart.
 */

export interface ChartSeries {
  label: string;
  /** CSS variable holding the colour, e.g. '--accent'. */
  colorVar: string;
}

export interface LiveChartProps {
  /** Accessible name, e.g. "CPU usage, last 5 minutes". */
  label: string;
  series: readonly ChartSeries[];
  /** x (epoch seconds) followed by one array per series. */
  data: () => uPlot.AlignedData;
  version: number;
  format: (v: number) => string;
  /** Smallest top of the y axis (so an idle line does not fill the chart with noise). */
  minMax: number;
  /** Axis width for the formatted values. */
  axisSize?: number;
  /** Byte values: ticks at powers of two (256 KiB, 512 KiB, 1 MiB) instead of decimal steps. */
  binary?: boolean;
}

/** Tick increments for byte axes: 1, 2, 4 … 512 × 1024^k. */
const BINARY_INCRS: number[] = [];
for (let k = 0; k < 6; k++) for (let m = 1; m < 1024; m *= 2) BINARY_INCRS.push(m * 1024 ** k);

/** The x window grows from 1 minute to the full 5 as history accumulates, so a fresh chart is not empty. */
const MIN_WINDOW_S = 60;

function timeLabel(t: number, withSeconds: boolean): string {
  // 24-hour clock: "19:50:20" is half the width of "07:50:20 PM" on a small axis.
  return new Date(t * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** `#rrggbb` → rgba with alpha; other colour forms are returned unchanged. */
function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = Number.parseInt(m[1] ?? '0', 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function LiveChart({ label, series, data, version, format, minMax, axisSize = 56, binary }: LiveChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | undefined>(undefined);
  const theme = useTheme();
  const dataRef = useRef(data);
  dataRef.current = data;
  const formatRef = useRef(format);
  formatRef.current = format;
  const seriesKey = series.map((s) => `${s.label}:${s.colorVar}`).join('|');

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const text = cssVar('--text-faint') || '#888';
    const grid = cssVar('--border') || '#333';
    const font = `11px ${cssVar('--font-sans') || 'sans-serif'}`;
    const axis: uPlot.Axis = {
      stroke: text,
      font,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1, size: 4 },
    };
    const opts: uPlot.Options = {
      width: Math.max(100, box.clientWidth),
      height: Math.max(60, box.clientHeight),
      // Right padding: room for half of the newest time label, which sits at the right edge.
      padding: [8, 30, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 5 } },
      scales: {
        x: {
          time: true,
          range: (u, _min, max) => {
            const end = Number.isFinite(max) ? max : Date.now() / 1000;
            const first = u.data[0]?.[0] ?? end;
            const span = Math.min(HISTORY_WINDOW_MS / 1000, Math.max(MIN_WINDOW_S, end - first));
            return [end - span, end];
          },
        },
        y: {
          range: (_u, _min, max) => [0, Math.max(minMax, (Number.isFinite(max) ? max : 0) * 1.15)],
        },
      },
      axes: [
        {
          ...axis,
          space: 70,
          size: 30,
          values: (_u, splits, _axis, _space, incr) => splits.map((t) => timeLabel(t, incr < 60)),
        },
        {
          ...axis,
          size: axisSize,
          space: 34,
          ...(binary ? { incrs: BINARY_INCRS } : {}),
          values: (_u, splits) => splits.map((v) => formatRef.current(v)),
        },
      ],
      series: [
        {},
        ...series.map((s): uPlot.Series => {
          const color = cssVar(s.colorVar) || '#6d9eff';
          return {
            label: s.label,
            stroke: color,
            fill: series.length === 1 ? withAlpha(color, 0.14) : undefined,
            width: 1.5,
            points: { show: false },
            spanGaps: false,
            value: (_u, v) => (v === null || v === undefined ? '—' : formatRef.current(v)),
          };
        }),
      ],
    };
    const plot = new uPlot(opts, dataRef.current(), box);
    plotRef.current = plot;
    const ro = new ResizeObserver(() => {
      const w = box.clientWidth;
      const h = box.clientHeight;
      if (w > 0 && h > 0 && (w !== plot.width || h !== plot.height)) plot.setSize({ width: w, height: h });
    });
    ro.observe(box);
    return () => {
      ro.disconnect();
      plot.destroy();
      plotRef.current = undefined;
    };
    // Re-created only when the theme or the series change; data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme, seriesKey, minMax, axisSize, binary]);

  useEffect(() => {
    plotRef.current?.setData(dataRef.current());
  }, [version]);

  return <div ref={boxRef} className="live-chart" role="img" aria-label={label} />;
}
