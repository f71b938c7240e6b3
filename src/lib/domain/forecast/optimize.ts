/**
 * Nelder–Mead minimisation in a box, small enough to run tens of thousands of times a second: it
 * fits exponential smoothing parameters inside every backtest. Bounds are enforced by clamping
 * each trial point; buffers are allocated once per call.
 */
export function minimize(
	f: (x: Float64Array) => number,
	start: readonly number[],
	lower: readonly number[],
	upper: readonly number[],
	{ maxEvaluations = 120, tolerance = 1e-7 } = {}
): { x: number[]; value: number } {
	const n = start.length;
	const points = Array.from({ length: n + 1 }, () => new Float64Array(n));
	const values = new Float64Array(n + 1);
	const centroid = new Float64Array(n);
	const reflected = new Float64Array(n);
	const candidate = new Float64Array(n);
	const clampInto = (x: Float64Array) => {
		for (let j = 0; j < n; j++) x[j] = x[j] < lower[j] ? lower[j] : x[j] > upper[j] ? upper[j] : x[j];
	};
	for (let j = 0; j < n; j++) points[0][j] = start[j];
	clampInto(points[0]);
	values[0] = f(points[0]);
	for (let i = 1; i <= n; i++) {
		const x = points[i];
		x.set(points[0]);
		const step = (upper[i - 1] - lower[i - 1]) * 0.2;
		x[i - 1] = x[i - 1] + step <= upper[i - 1] ? x[i - 1] + step : x[i - 1] - step;
		clampInto(x);
		values[i] = f(x);
	}
	let evaluations = n + 1;
	// Keeps points ordered by value, best first (insertion sort: n is 1 to 3).
	const order = () => {
		for (let i = 1; i <= n; i++) {
			for (let k = i; k > 0 && values[k] < values[k - 1]; k--) {
				const v = values[k];
				values[k] = values[k - 1];
				values[k - 1] = v;
				const p = points[k];
				points[k] = points[k - 1];
				points[k - 1] = p;
			}
		}
	};
	const along = (out: Float64Array, t: number) => {
		const worst = points[n];
		for (let j = 0; j < n; j++) out[j] = centroid[j] + t * (worst[j] - centroid[j]);
		clampInto(out);
		evaluations++;
		return f(out);
	};
	while (evaluations < maxEvaluations) {
		order();
		if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) break;
		centroid.fill(0);
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
		const reflectedValue = along(reflected, -1);
		if (reflectedValue < values[0]) {
			const expandedValue = along(candidate, -2);
			if (expandedValue < reflectedValue) {
				points[n].set(candidate);
				values[n] = expandedValue;
			} else {
				points[n].set(reflected);
				values[n] = reflectedValue;
			}
		} else if (reflectedValue < values[n - 1]) {
			points[n].set(reflected);
			values[n] = reflectedValue;
		} else {
			const contractedValue = along(candidate, reflectedValue < values[n] ? -0.5 : 0.5);
			if (contractedValue < Math.min(values[n], reflectedValue)) {
				points[n].set(candidate);
				values[n] = contractedValue;
			} else {
				// Shrink towards the best point.
				for (let i = 1; i <= n; i++) {
					for (let j = 0; j < n; j++) points[i][j] = points[0][j] + 0.5 * (points[i][j] - points[0][j]);
					values[i] = f(points[i]);
					evaluations++;
				}
			}
		}
	}
	order();
	return { x: Array.from(points[0]), value: values[0] };
}
