/** A sparkline as an SVG path (d3 scales and line), drawn on the server: no script needed to see it. */
import { extent } from 'd3-array';
import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';

export interface Sparkline {
	path: string;
	last: { x: number; y: number } | null;
}

export function sparkline(points: { date: string; value: number }[], width = 96, height = 24, pad = 3): Sparkline {
	if (points.length === 0) return { path: '', last: null };
	const dates = points.map((p) => new Date(p.date));
	const [lo, hi] = extent(points, (p) => p.value) as [number, number];
	const [first, lastDate] = extent(dates) as [Date, Date];
	const x = scaleTime().domain(first.getTime() === lastDate.getTime() ? [first, new Date(first.getTime() + 1)] : [first, lastDate]).range([pad, width - pad]);
	const y = scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([height - pad, pad]);
	const path = line<{ date: string; value: number }>()
		.x((p) => x(new Date(p.date)))
		.y((p) => y(p.value))(points);
	const end = points[points.length - 1];
	return { path: path ?? '', last: { x: x(new Date(end.date)), y: y(end.value) } };
}
