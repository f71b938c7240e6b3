/**
 * The wall screen's dark palette, for a room lit by daylight and read from five metres. Every pair
 * of text and background used is listed in TEXT_PAIRS, which a unit test holds to 4.5:1 or more.
 */
export const SCREEN_COLORS = {
	background: '#0b1220',
	panel: '#131d30',
	line: '#2a3957',
	text: '#f2f5fa',
	muted: '#b3bfd3',
	accent: '#7fb8ff',
	/** The changed-value glow and the rotation progress. */
	highlight: '#ffd45c',
	/** Provenance marks: light tints of the page's colours, which vanish on a dark panel. Illustrative stays amber and dashed. */
	official: '#7ee2a0',
	provisional: '#9cc8ff',
	estimate: '#d0b4ff',
	illustrative: '#ffb86b',
	warning: '#ffb4a8',
	/** Chart marks. */
	target: '#ff8a80',
	path: '#c3ccdb',
	forecast: '#8cc4ff'
} as const;

/** [text, background] pairs the screen uses. */
export const TEXT_PAIRS: [keyof typeof SCREEN_COLORS, keyof typeof SCREEN_COLORS][] = [
	['text', 'background'],
	['text', 'panel'],
	['muted', 'background'],
	['muted', 'panel'],
	['accent', 'panel'],
	['highlight', 'background'],
	['highlight', 'panel'],
	['illustrative', 'panel'],
	['official', 'panel'],
	['provisional', 'panel'],
	['estimate', 'panel'],
	['illustrative', 'background'],
	['warning', 'background'],
	['target', 'panel'],
	['path', 'panel'],
	['forecast', 'panel']
];
