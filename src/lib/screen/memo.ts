/**
 * Chart options that survive a data update when their input did not change. A new payload
 * rebuilds every page; without this each chart would be drawn again, and a screen that runs for
 * weeks would redo (and keep allocating for) work that changes nothing.
 */

/**
 * A builder that returns the same object while a key's input is unchanged (compared as JSON).
 * @example const bullet = memoByInput(bulletChartOptions); bullet('t1', input) === bullet('t1', { ...input }) // true
 */
export function memoByInput<I, O>(build: (input: I) => O): (key: string, input: I) => O {
	const last = new Map<string, { input: string; output: O }>();
	return (key, input) => {
		const text = JSON.stringify(input);
		const hit = last.get(key);
		if (hit && hit.input === text) return hit.output;
		const output = build(input);
		last.set(key, { input: text, output });
		return output;
	};
}
