import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what a horizontal bar chart of scores draws: the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ScoreBar {
  id: string;
  name: string;
  score: number;
}

/**
 * The children's scores as horizontal bars (0 to 100). A picture for sighted readers: the canvas is
 * named by `label`, and the ranking table beside it holds the same figures. Clicking a bar opens it.
 */
export function ScoreChart({ bars, label, onOpen }: { bars: readonly ScoreBar[]; label: string; onOpen: (id: string) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: bars.map((bar) => bar.name),
        datasets: [{ data: bars.map((bar) => bar.score), backgroundColor: '#1d5fa8', borderRadius: 3 }],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { min: 0, max: 100 } },
        onClick: (_event, elements) => {
          const bar = elements[0] ? bars[elements[0].index] : undefined;
          if (bar) open.current(bar.id);
        },
      },
    });
    return () => chart.destroy();
  }, [bars]);
  return (
    <div className="score-chart" style={{ height: `${Math.max(120, bars.length * 32 + 40)}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
